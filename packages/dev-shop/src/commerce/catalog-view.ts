import { applyRate, fromMinor, toMinor } from "./money.ts";
import { hash32 } from "./rng.ts";
import type { Product, ProductStatus, ShopCommerce, Sku } from "./state.ts";

/** Product objects as Search Products and Get Product return them (reference §5.6). */

export function auditOf(status: ProductStatus): string {
  switch (status) {
    case "ACTIVATE":
    case "SELLER_DEACTIVATED":
    case "PLATFORM_DEACTIVATED":
    case "FREEZE":
    case "DELETED":
      return "APPROVED";
    case "PENDING":
      return "AUDITING";
    case "FAILED":
      return "FAILED";
    case "DRAFT":
      return "NONE";
  }
}

/** `product_status` ignores the audit: a product waiting for (or failing) review is INITIAL. */
function lifecycleOf(status: ProductStatus): string {
  return status === "PENDING" || status === "FAILED" ? "INITIAL" : status;
}

export function qualityTier(product: Product): string {
  return ["GOOD", "GOOD", "FAIR", "POOR"][hash32(`${product.id}:quality`) % 4]!;
}

function image(url: string) {
  const uri = url.replace(/^\/static\//, "tos-dev-shop/").replace(/\.\w+$/, "");
  return { uri, urls: [url], thumb_urls: [url], width: 800, height: 800 };
}

/** Shown prices include VAT in GB; US prices exclude sales tax. */
function taxExclusive(shop: ShopCommerce, price: string): string {
  if (shop.region !== "GB") return price;
  // price / 1.2 with half-up rounding, in integers.
  return fromMinor(applyRate(toMinor(price, shop.currency), 8333), shop.currency);
}

function renderSku(shop: ShopCommerce, sku: Sku, full: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: sku.id,
    seller_sku: sku.sellerSku,
    price: {
      currency: shop.currency,
      sale_price: sku.price,
      tax_exclusive_price: taxExclusive(shop, sku.price),
    },
    inventory: sku.stock.map((row) => ({ warehouse_id: row.warehouseId, quantity: row.available })),
    ...(sku.listPrice ? { list_price: { amount: sku.listPrice, currency: shop.currency } } : {}),
    external_list_prices: [],
    status_info: { status: sku.status },
  };
  if (!full) return base;
  return {
    ...base,
    sales_attributes: sku.salesAttributes.map((attribute) => ({
      id: attribute.id,
      name: attribute.name,
      value_id: attribute.valueId,
      value_name: attribute.valueName,
      sku_img: image(sku.imageUrl),
      supplementary_sku_images: [],
    })),
    ...(sku.identifierCode ? { identifier_code: { ...sku.identifierCode } } : {}),
    external_sku_id: "",
    external_urls: [],
    extra_identifier_codes: [],
    combined_skus: [],
    sku_unit_count: "1",
  };
}

export function renderProductSummary(shop: ShopCommerce, product: Product): Record<string, unknown> {
  return {
    id: product.id,
    title: product.title,
    status: product.status,
    skus: product.skus.map((sku) => renderSku(shop, sku, false)),
    sales_regions: [shop.region],
    create_time: product.createTime,
    update_time: product.updateTime,
    product_sync_fail_reasons: [],
    recommended_categories: [],
    audit: { status: auditOf(product.status), pre_approved_reasons: [] },
    has_draft: false,
    is_not_for_sale: product.isNotForSale,
    listing_quality_tier: qualityTier(product),
    integrated_platform_statuses: [],
    product_families: [],
    product_tags: [],
  };
}

export function renderProduct(shop: ShopCommerce, product: Product): Record<string, unknown> {
  const leaf = product.categoryChain[product.categoryChain.length - 1];
  return {
    id: product.id,
    title: product.title,
    description: product.description,
    status: product.status,
    product_status: lifecycleOf(product.status),
    audit: { status: auditOf(product.status), pre_approved_reasons: [] },
    audit_failed_reasons: [],
    ...(product.brand ? { brand: { ...product.brand } } : {}),
    category_chains: product.categoryChain.map((node) => ({
      id: node.id,
      parent_id: node.parentId,
      local_name: node.localName,
      is_leaf: node.isLeaf,
    })),
    main_images: product.imageUrls.map(image),
    package_dimensions: { ...product.packageDimensions },
    package_weight: { ...product.packageWeight },
    product_attributes: leaf
      ? [
          {
            id: "100392",
            name: "Material",
            values: [{ id: String(1000000 + (hash32(product.id) % 9000)), name: "Mixed" }],
          },
        ]
      : [],
    skus: product.skus.map((sku) => renderSku(shop, sku, true)),
    certifications: [],
    delivery_options: shop.deliveryOptions.map((option) => ({
      id: option.id,
      name: option.name,
      is_available: true,
    })),
    is_cod_allowed: product.isCodAllowed,
    is_not_for_sale: product.isNotForSale,
    is_pre_owned: false,
    is_replicated: false,
    has_draft: false,
    external_product_id: "",
    listing_quality_tier: qualityTier(product),
    integrated_platform_statuses: [],
    product_families: [],
    product_types: [],
    recommended_categories: [],
    manufacturer_ids: [],
    responsible_person_ids: [],
    minimum_order_quantity: 1,
    shipping_insurance_requirement: "NO_INSURANCE",
    create_time: product.createTime,
    update_time: product.updateTime,
  };
}

export function renderInventory(product: Product, skus: Sku[]): Record<string, unknown> {
  return {
    product_id: product.id,
    skus: skus.map((sku) => ({
      id: sku.id,
      seller_sku: sku.sellerSku,
      total_available_quantity: sku.stock.reduce((sum, row) => sum + row.available, 0),
      total_committed_quantity: sku.stock.reduce((sum, row) => sum + row.committed, 0),
      warehouse_inventory: sku.stock.map((row) => ({
        warehouse_id: row.warehouseId,
        available_quantity: row.available,
        committed_quantity: row.committed,
      })),
    })),
  };
}
