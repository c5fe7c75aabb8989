import { z } from "zod";
import {
  amount,
  decimal,
  empty,
  id,
  itemErrors,
  money,
  pageInfo,
  pageQuery,
  queryBoolean,
  queryList,
  unixSeconds,
  warnings,
} from "./common.ts";
import { endpoint } from "./define.ts";
import { scopes } from "./scopes.ts";

// ---------------------------------------------------------------------------------------------
// Query helpers
// ---------------------------------------------------------------------------------------------

const queryIdList = queryList(id);

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

/** `status`: the listing state with the audit folded in. */
export const productStatus = z.enum([
  "DRAFT",
  "PENDING",
  "FAILED",
  "ACTIVATE",
  "SELLER_DEACTIVATED",
  "PLATFORM_DEACTIVATED",
  "FREEZE",
  "DELETED",
]);
export type ProductStatus = z.infer<typeof productStatus>;

/** `product_status`: the listing state ignoring the audit. */
export const productLifecycleStatus = z.enum([
  "INITIAL",
  "DRAFT",
  "ACTIVATE",
  "SELLER_DEACTIVATED",
  "PLATFORM_DEACTIVATED",
  "FREEZE",
  "DELETED",
]);

export const auditStatus = z.enum(["NONE", "AUDITING", "FAILED", "PRE_APPROVED", "APPROVED"]);
export const skuStatus = z.enum(["NORMAL", "DEACTIVATED"]);
export const identifierCodeType = z.enum(["GTIN", "EAN", "UPC", "ISBN", "JAN"]);
export const dimensionUnit = z.enum(["CENTIMETER", "INCH"]);
/** GRAM is accepted on create in some markets (the LIVE VN sample uses it). */
export const weightUnit = z.enum(["KILOGRAM", "POUND", "GRAM"]);
/** `v1` is the 3-level tree (default); US shops must use the 7-level `v2`. */
export const categoryVersion = z.enum(["v1", "v2"]);
export const saveMode = z.enum(["LISTING", "AS_DRAFT"]);
export const listingQualityTier = z.enum(["POOR", "FAIR", "GOOD"]);
export const categoryPermissionStatus = z.enum([
  "AVAILABLE",
  "INVITE_ONLY",
  "NON_MAIN_CATEGORY",
  "PROHIBITED",
]);
export const attributeType = z.enum(["SALES_PROPERTY", "PRODUCT_PROPERTY"]);
export const productType = z.enum(["COMBINED_PRODUCT", "IN_COMBINED_PRODUCT", "GPR_TARGET_PRODUCT"]);
export const imageUseCase = z.enum([
  "MAIN_IMAGE",
  "ATTRIBUTE_IMAGE",
  "DESCRIPTION_IMAGE",
  "CERTIFICATION_IMAGE",
  "SIZE_CHART_IMAGE",
]);
/** The docs spell the negative value "UNAUTHORIEZD"; both spellings are accepted. */
export const brandAuthorizedStatus = z.enum(["AUTHORIZED", "UNAUTHORIZED", "UNAUTHORIEZD"]);
export const brandStatus = z.enum(["AVAILABLE", "UNAVAILABLE"]);
/** `BANk_ACCOUNT` is spelled this way in TikTok's enum. */
export const prerequisiteCheckItem = z.enum([
  "SHOP_STATUS",
  "SHOP_TAX",
  "PICKUP_WAREHOUSE",
  "RETURN_WAREHOUSE",
  "DELIVERY_OPTION",
  "SHIPPING_TEMPLATE",
  "PRODUCT_QUANTITY_LIMIT",
  "EXTENDED_PRODUCER_RESPONSIBILITY",
  "BANk_ACCOUNT",
  "CONTACT_INFO",
]);
export const listingCheckResult = z.enum(["PASS", "FAILED"]);
export const externalListPriceSource = z.enum(["SHOPIFY_COMPARE_AT_PRICE"]);

// ---------------------------------------------------------------------------------------------
// Response objects
// ---------------------------------------------------------------------------------------------

const str = z.string().optional();
const bool = z.boolean().optional();
const int = z.number().int().optional();

export const imageInfo = z.looseObject({
  uri: str,
  urls: z.array(z.string()).default([]),
  thumb_urls: z.array(z.string()).default([]),
  width: int,
  height: int,
});

export const skuPrice = z.looseObject({
  currency: str,
  sale_price: amount.optional(),
  tax_exclusive_price: amount.optional(),
  unit_price: amount.optional(),
});

export const skuInventory = z.looseObject({
  warehouse_id: str,
  quantity: int,
  backorder_quantity: int,
  handling_time: int,
});

export const sku = z.looseObject({
  id,
  seller_sku: str,
  price: skuPrice.optional(),
  inventory: z.array(skuInventory).default([]),
  sales_attributes: z
    .array(
      z.looseObject({
        id: str,
        name: str,
        value_id: str,
        value_name: str,
        sku_img: imageInfo.optional(),
        supplementary_sku_images: z.array(imageInfo).default([]),
      }),
    )
    .default([]),
  list_price: money.optional(),
  external_list_prices: z
    .array(
      z.looseObject({
        source: externalListPriceSource.or(z.string()).optional(),
        amount: str,
        currency: str,
      }),
    )
    .default([]),
  identifier_code: z
    .looseObject({ code: str, type: identifierCodeType.or(z.string()).optional() })
    .optional(),
  pre_sale: z
    .looseObject({
      type: str,
      fulfillment_type: z.looseObject({ handling_duration_days: int, release_date: int }).optional(),
    })
    .optional(),
  status_info: z
    .looseObject({ status: skuStatus.or(z.string()).optional(), deactivation_source: str })
    .optional(),
  sku_unit_count: z.union([z.string(), z.number()]).optional(),
  external_sku_id: str,
  external_urls: z.array(z.string()).default([]),
  extra_identifier_codes: z.array(z.string()).default([]),
  combined_skus: z.array(z.looseObject({})).default([]),
  global_listing_policy: z.looseObject({}).optional(),
});
export type Sku = z.infer<typeof sku>;

export const productAudit = z.looseObject({
  status: auditStatus.or(z.string()).optional(),
  pre_approved_reasons: z.array(z.string()).default([]),
});

export const recommendedCategory = z.looseObject({ id, local_name: str });

const platformStatus = z.looseObject({ platform: str, status: str });

/** One item of Search Products (both versions; the 202502 additions are optional). */
export const productSummary = z.looseObject({
  id,
  title: str,
  status: productStatus.or(z.string()).optional(),
  skus: z.array(sku).default([]),
  sales_regions: z.array(z.string()).default([]),
  create_time: unixSeconds.optional(),
  update_time: unixSeconds.optional(),
  product_sync_fail_reasons: z.array(z.string()).default([]),
  recommended_categories: z.array(recommendedCategory).default([]),
  audit: productAudit.optional(),
  has_draft: bool,
  is_not_for_sale: bool,
  listing_quality_tier: listingQualityTier.or(z.string()).optional(),
  integrated_platform_statuses: z.array(platformStatus).default([]),
  product_families: z.array(z.looseObject({})).default([]),
  product_tags: z.array(z.unknown()).default([]),
});
export type ProductSummary = z.infer<typeof productSummary>;

/** The product as Get Product returns it. */
export const productSchema = z.looseObject({
  id,
  title: str,
  description: str,
  status: productStatus.or(z.string()).optional(),
  product_status: productLifecycleStatus.or(z.string()).optional(),
  audit: productAudit.optional(),
  audit_failed_reasons: z
    .array(
      z.looseObject({
        listing_platform: str,
        position: str,
        reasons: z.array(z.string()).default([]),
        suggestions: z.array(z.string()).default([]),
      }),
    )
    .default([]),
  brand: z.looseObject({ id, name: str }).optional(),
  category_chains: z.array(z.looseObject({ id, parent_id: str, local_name: str, is_leaf: bool })).default([]),
  main_images: z.array(imageInfo).default([]),
  video: z
    .looseObject({ id, url: str, cover_url: str, format: str, width: int, height: int, size: int })
    .optional(),
  package_dimensions: z
    .looseObject({ length: str, width: str, height: str, unit: dimensionUnit.or(z.string()).optional() })
    .optional(),
  package_weight: z.looseObject({ value: str, unit: weightUnit.or(z.string()).optional() }).optional(),
  product_attributes: z
    .array(
      z.looseObject({ id, name: str, values: z.array(z.looseObject({ id: str, name: str })).default([]) }),
    )
    .default([]),
  skus: z.array(sku).default([]),
  certifications: z.array(z.looseObject({ id: str })).default([]),
  size_chart: z
    .looseObject({ image: imageInfo.optional(), template: z.looseObject({ id: str }).optional() })
    .optional(),
  delivery_options: z.array(z.looseObject({ id, name: str, is_available: bool })).default([]),
  is_cod_allowed: bool,
  is_not_for_sale: bool,
  is_pre_owned: bool,
  is_replicated: bool,
  has_draft: bool,
  external_product_id: str,
  listing_quality_tier: listingQualityTier.or(z.string()).optional(),
  integrated_platform_statuses: z.array(platformStatus).default([]),
  product_families: z.array(z.looseObject({})).default([]),
  product_types: z.array(productType.or(z.string())).default([]),
  recommended_categories: z.array(recommendedCategory).default([]),
  manufacturer_ids: z.array(z.string()).default([]),
  responsible_person_ids: z.array(z.string()).default([]),
  minimum_order_quantity: int,
  shipping_insurance_requirement: str,
  prescription_requirement: z.looseObject({}).optional(),
  primary_combined_product_id: str,
  global_product_association: z.looseObject({}).optional(),
  subscribe_info: z.looseObject({}).optional(),
  create_time: unixSeconds.optional(),
  update_time: unixSeconds.optional(),
});
export type Product = z.infer<typeof productSchema>;

export const category = z.looseObject({
  id,
  /** "0" for roots. */
  parent_id: str,
  local_name: str,
  is_leaf: bool,
  permission_statuses: z.array(categoryPermissionStatus.or(z.string())).default([]),
});

export const attribute = z.looseObject({
  id,
  name: str,
  type: attributeType.or(z.string()).optional(),
  /** Misspelled in TikTok's schema ("requried"); this is the key that arrives. */
  is_requried: bool,
  is_customizable: bool,
  is_multiple_selection: bool,
  value_data_format: str,
  requirement_conditions: z
    .array(z.looseObject({ condition_type: str, attribute_id: str, attribute_value_id: str }))
    .default([]),
  values: z.array(z.looseObject({ id, name: str })).default([]),
  required_regions: z.array(z.string()).optional(),
  optional_regions: z.array(z.string()).optional(),
});

export const brand = z.looseObject({
  id,
  name: str,
  authorized_status: brandAuthorizedStatus.or(z.string()).optional(),
  brand_status: brandStatus.or(z.string()).optional(),
  is_t1_brand: bool,
});

const isRequired = z.looseObject({ is_required: bool }).optional();

export const categoryRules = z.looseObject({
  product_certifications: z
    .array(
      z.looseObject({
        id,
        name: str,
        is_required: bool,
        document_details: z.unknown(),
        sample_image_url: str,
        expiration_date: isRequired,
        requirement_conditions: z.array(z.looseObject({})).default([]),
      }),
    )
    .default([]),
  size_chart: z.looseObject({ is_supported: bool, is_required: bool }).optional(),
  cod: z.looseObject({ is_supported: bool }).optional(),
  package_dimension: isRequired,
  epr: isRequired,
  responsible_person: isRequired,
  manufacturer: isRequired,
  allowed_special_product_types: z.array(z.string()).default([]),
});

export const inventoryRecord = z.looseObject({
  product_id: id,
  skus: z
    .array(
      z.looseObject({
        id,
        seller_sku: str,
        total_available_quantity: int,
        total_committed_quantity: int,
        warehouse_inventory: z
          .array(z.looseObject({ warehouse_id: str, available_quantity: int, committed_quantity: int }))
          .default([]),
        total_available_inventory_distribution: z.looseObject({}).optional(),
      }),
    )
    .default([]),
});

/** SKUs as returned by create and edit. */
const writtenSkus = z
  .array(
    z.looseObject({
      id,
      seller_sku: str,
      external_sku_id: str,
      sales_attributes: z.array(z.looseObject({ id: str, value_id: str })).default([]),
    }),
  )
  .default([]);

/** Batch writes answer `code: 0` and list per-product failures here. */
const batchResult = z.looseObject({ errors: itemErrors.default([]) });

/** Loose object for the global-product endpoints, whose fields the reference does not list. */
const unlisted = z.looseObject({});

// ---------------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------------

const imageRef = z.object({ uri: z.string().min(1) });
const idList = (max: number) => z.array(id).min(1).max(max);

const skuSalesAttributeInput = z.object({
  id: id.optional(),
  name: z.string().optional(),
  value_id: id.optional(),
  value_name: z.string().optional(),
  sku_img: imageRef.optional(),
  supplementary_sku_images: z.array(imageRef).optional(),
});

function skuInput(minQuantity: number) {
  return z.object({
    seller_sku: z.string().min(1).max(50).optional(),
    /** `{amount, currency}` for local sellers, `{sale_price}` for global sellers. */
    price: z.object({
      amount: decimal.optional(),
      currency: z.string().optional(),
      sale_price: decimal.optional(),
    }),
    inventory: z
      .array(
        z.object({ warehouse_id: id.optional(), quantity: z.number().int().min(minQuantity).max(99_999) }),
      )
      .min(1),
    sales_attributes: z.array(skuSalesAttributeInput).optional(),
    list_price: z.object({ amount: decimal.optional(), currency: z.string().optional() }).optional(),
    external_list_prices: z
      .array(z.object({ source: externalListPriceSource, amount: decimal, currency: z.string() }))
      .optional(),
    identifier_code: z.object({ code: z.string().min(1), type: identifierCodeType }).optional(),
    pre_sale: z.looseObject({}).optional(),
    combined_skus: z.array(z.looseObject({})).optional(),
    sku_unit_count: z.union([z.string(), z.number()]).optional(),
    external_sku_id: z.string().optional(),
    external_urls: z.array(z.string()).optional(),
    extra_identifier_codes: z.array(z.string()).optional(),
  });
}

const productBodyShape = {
  title: z.string().min(1).max(300),
  description: z.string().min(1),
  category_id: id,
  category_version: categoryVersion.optional(),
  brand_id: id.optional(),
  main_images: z.array(imageRef).min(1).max(9),
  skus: z.array(skuInput(1)).min(1).max(100),
  product_attributes: z
    .array(
      z.object({
        id,
        values: z.array(z.object({ id: id.optional(), name: z.string().optional() })).min(1),
      }),
    )
    .optional(),
  package_weight: z.object({ value: decimal, unit: weightUnit }).optional(),
  package_dimensions: z
    .object({ length: decimal, width: decimal, height: decimal, unit: dimensionUnit })
    .optional(),
  size_chart: z.object({ image: imageRef.optional(), template: z.object({ id }).optional() }).optional(),
  video: z.object({ id }).optional(),
  certifications: z
    .array(
      z.object({
        id,
        images: z.array(imageRef).optional(),
        files: z.array(z.object({ id, name: z.string(), format: z.string() })).optional(),
        expiration_date: unixSeconds.optional(),
      }),
    )
    .optional(),
  is_cod_allowed: z.boolean().optional(),
  is_not_for_sale: z.boolean().optional(),
  is_pre_owned: z.boolean().optional(),
  delivery_option_ids: z.array(id).optional(),
  external_product_id: z.string().optional(),
  listing_platforms: z.array(z.string()).optional(),
  manufacturer_ids: z.array(id).optional(),
  responsible_person_ids: z.array(id).optional(),
  minimum_order_quantity: z.number().int().positive().optional(),
  shipping_insurance_requirement: z.string().optional(),
  primary_combined_product_id: id.optional(),
  save_mode: saveMode.optional(),
};

export const createProductBody = z.object({
  ...productBodyShape,
  /** TikTok de-duplicates creates on this key (body, not query). */
  idempotency_key: z.string().min(1).max(128).optional(),
});

/**
 * Edit replaces the whole product: SKUs left out are deleted, so existing ones carry their `id`.
 * Stock may be set to 0 here (create insists on 1-99,999).
 */
export const editProductBody = z
  .object(productBodyShape)
  .omit({ is_not_for_sale: true, primary_combined_product_id: true })
  .extend({
    skus: z
      .array(skuInput(0).extend({ id: id.optional() }))
      .min(1)
      .max(100),
    replicated_products: z.array(z.looseObject({})).optional(),
  });

export const partialEditProductBody = editProductBody
  .pick({
    title: true,
    description: true,
    brand_id: true,
    main_images: true,
    skus: true,
    product_attributes: true,
    package_dimensions: true,
    package_weight: true,
    size_chart: true,
    video: true,
    certifications: true,
    external_product_id: true,
    is_cod_allowed: true,
    manufacturer_ids: true,
    responsible_person_ids: true,
    listing_platforms: true,
    save_mode: true,
    replicated_products: true,
  })
  .partial();

const searchFilters202309 = {
  /** `ALL` (the default) is only a filter value, never a product's status. */
  status: z.enum(["ALL", ...productStatus.options]).optional(),
  seller_skus: z.array(z.string().min(1)).max(10).optional(),
  create_time_ge: unixSeconds.optional(),
  create_time_le: unixSeconds.optional(),
  update_time_ge: unixSeconds.optional(),
  update_time_le: unixSeconds.optional(),
};

const productsPage = z.looseObject({ products: z.array(productSummary).default([]), ...pageInfo });

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

export const product = {
  searchProducts: endpoint({
    name: "searchProducts",
    summary: "Finds the shop's products by status, seller SKU and create/update time window.",
    method: "POST",
    path: "/product/202309/products/search",
    cipher: "required",
    scope: scopes.productRead,
    safety: "read",
    query: z.object({
      ...pageQuery({ max: 100, required: true }),
      category_version: categoryVersion.optional(),
    }),
    body: z.object(searchFilters202309),
    response: productsPage,
    pagination: { tokenIn: "query", items: "products" },
  }),
  searchProducts202502: endpoint({
    name: "searchProducts202502",
    summary: "Product search with SKU-id, quality-tier, platform and audit filters.",
    method: "POST",
    path: "/product/202502/products/search",
    cipher: "required",
    scope: scopes.productRead,
    safety: "read",
    query: z.object(pageQuery({ max: 100, required: true })),
    body: z.object({
      ...searchFilters202309,
      sku_ids: z.array(id).max(10).optional(),
      category_version: categoryVersion.optional(),
      listing_quality_tiers: z.array(listingQualityTier).optional(),
      listing_platforms: z.array(z.string()).optional(),
      audit_status: z.array(auditStatus).optional(),
      return_draft_version: z.boolean().optional(),
      sns_filter: z.enum(["CONFIGURED", "ELIGIBLE"]).optional(),
    }),
    response: productsPage,
    pagination: { tokenIn: "query", items: "products" },
  }),
  getProduct: endpoint({
    name: "getProduct",
    summary: "One product with its SKUs, images, attributes and audit state.",
    method: "GET",
    path: "/product/202309/products/{product_id}",
    cipher: "required",
    scope: scopes.productRead,
    params: z.object({ product_id: id }),
    query: z.object({
      return_under_review_version: queryBoolean.optional(),
      return_draft_version: queryBoolean.optional(),
      locale: z.string().optional(),
    }),
    response: productSchema,
  }),
  createProduct: endpoint({
    name: "createProduct",
    summary: "Lists a new product (or saves a draft); de-duplicated on the body's idempotency_key.",
    method: "POST",
    path: "/product/202309/products",
    cipher: "required",
    scope: scopes.productWrite,
    safety: "idempotent-write",
    body: createProductBody,
    response: z.looseObject({ product_id: id, skus: writtenSkus, warnings: warnings.default([]) }),
  }),
  editProduct: endpoint({
    name: "editProduct",
    summary: "Replaces the whole product; SKUs not sent are deleted.",
    method: "PUT",
    path: "/product/202309/products/{product_id}",
    cipher: "required",
    scope: scopes.productWrite,
    params: z.object({ product_id: id }),
    body: editProductBody,
    response: z.looseObject({
      product_id: id,
      skus: writtenSkus,
      warnings: warnings.default([]),
      audit: productAudit.optional(),
    }),
  }),
  partialEditProduct: endpoint({
    name: "partialEditProduct",
    summary: "Replaces only the top-level product properties that are sent.",
    method: "POST",
    path: "/product/202309/products/{product_id}/partial_edit",
    cipher: "required",
    scope: scopes.productWrite,
    params: z.object({ product_id: id }),
    body: partialEditProductBody,
    response: z.looseObject({ product_id: id, skus: writtenSkus, audit: productAudit.optional() }),
  }),
  updateInventory: endpoint({
    name: "updateInventory",
    summary: "Sets SKU stock per warehouse on an active product.",
    method: "POST",
    path: "/product/202309/products/{product_id}/inventory/update",
    cipher: "required",
    scope: scopes.productWrite,
    params: z.object({ product_id: id }),
    body: z.object({
      skus: z
        .array(
          z.object({
            id,
            inventory: z
              .array(z.object({ warehouse_id: id.optional(), quantity: z.number().int().min(0).max(99_999) }))
              .min(1),
          }),
        )
        .min(1)
        .max(100),
    }),
    response: batchResult,
  }),
  updatePrice: endpoint({
    name: "updatePrice",
    summary: "Sets SKU prices on an active product that is not in a promotion.",
    method: "POST",
    path: "/product/202309/products/{product_id}/prices/update",
    cipher: "required",
    scope: scopes.productWrite,
    params: z.object({ product_id: id }),
    body: z.object({
      skus: z
        .array(
          z.object({
            id,
            price: z
              .object({
                amount: decimal.optional(),
                currency: z.string().optional(),
                sale_price: decimal.optional(),
              })
              .optional(),
            list_price: z.object({ amount: decimal, currency: z.string() }).optional(),
            external_list_prices: z
              .array(z.object({ source: externalListPriceSource, amount: decimal, currency: z.string() }))
              .optional(),
          }),
        )
        .min(1)
        .max(100),
    }),
    response: empty,
  }),
  inventorySearch: endpoint({
    name: "inventorySearch",
    summary: "Stock per SKU and warehouse for up to 100 products or 600 SKUs.",
    method: "POST",
    path: "/product/202309/inventory/search",
    cipher: "required",
    scope: scopes.productRead,
    safety: "read",
    body: z
      .object({ product_ids: idList(100).optional(), sku_ids: idList(600).optional() })
      .refine((body) => body.product_ids !== undefined || body.sku_ids !== undefined, {
        message: "send product_ids or sku_ids (sku_ids wins when both are sent)",
      }),
    response: z.looseObject({ inventory: z.array(inventoryRecord).default([]) }),
  }),
  activateProducts: endpoint({
    name: "activateProducts",
    summary: "Re-lists deactivated products (they go back through audit).",
    method: "POST",
    path: "/product/202309/products/activate",
    cipher: "required",
    scope: scopes.productWrite,
    body: z.object({ product_ids: idList(20), listing_platforms: z.array(z.string()).optional() }),
    response: batchResult,
  }),
  deactivateProducts: endpoint({
    name: "deactivateProducts",
    summary: "Takes active products off sale.",
    method: "POST",
    path: "/product/202309/products/deactivate",
    cipher: "required",
    scope: scopes.productWrite,
    body: z.object({ product_ids: idList(20), listing_platforms: z.array(z.string()).optional() }),
    response: batchResult,
  }),
  deleteProducts: endpoint({
    name: "deleteProducts",
    summary: "Deletes products (a DELETE that carries a JSON body).",
    method: "DELETE",
    path: "/product/202309/products",
    cipher: "required",
    scope: scopes.productDelete,
    body: z.object({ product_ids: idList(20) }),
    response: batchResult,
  }),
  recoverProducts: endpoint({
    name: "recoverProducts",
    summary: "Brings deleted products back.",
    method: "POST",
    path: "/product/202309/products/recover",
    cipher: "required",
    scope: scopes.productDelete,
    body: z.object({ product_ids: idList(20) }),
    response: batchResult,
  }),
  getCategories: endpoint({
    name: "getCategories",
    summary: "The category tree (flat list with parent ids) the shop can list in.",
    method: "GET",
    path: "/product/202309/categories",
    cipher: "required",
    scope: scopes.productRead,
    query: z.object({
      locale: z.string().optional(),
      keyword: z.string().optional(),
      category_version: categoryVersion.optional(),
      listing_platform: z.string().optional(),
      include_prohibited_categories: queryBoolean.optional(),
    }),
    response: z.looseObject({ categories: z.array(category).default([]) }),
  }),
  recommendCategory: endpoint({
    name: "recommendCategory",
    summary: "Suggests a leaf category for a product title, description and images.",
    method: "POST",
    path: "/product/202309/categories/recommend",
    cipher: "required",
    scope: scopes.productRead,
    safety: "read",
    body: z.object({
      product_title: z.string().min(1),
      description: z.string().optional(),
      images: z.array(imageRef).optional(),
      category_version: categoryVersion.optional(),
      listing_platform: z.string().optional(),
      include_prohibited_categories: z.boolean().optional(),
    }),
    response: z.looseObject({
      leaf_category_id: str,
      categories: z
        .array(
          z.looseObject({
            id,
            name: str,
            level: int,
            is_leaf: bool,
            permission_statuses: z.array(categoryPermissionStatus.or(z.string())).default([]),
          }),
        )
        .default([]),
    }),
  }),
  getCategoryRules: endpoint({
    name: "getCategoryRules",
    summary: "What a category requires: certifications, size chart, COD, dimensions, EPR.",
    method: "GET",
    path: "/product/202309/categories/{category_id}/rules",
    cipher: "required",
    scope: scopes.productRead,
    params: z.object({ category_id: id }),
    query: z.object({ category_version: categoryVersion.optional(), locale: z.string().optional() }),
    response: categoryRules,
  }),
  getAttributes: endpoint({
    name: "getAttributes",
    summary: "Product and sales attributes of a category, with their allowed values.",
    method: "GET",
    path: "/product/202309/categories/{category_id}/attributes",
    cipher: "required",
    scope: scopes.productRead,
    params: z.object({ category_id: id }),
    query: z.object({ locale: z.string().optional(), category_version: categoryVersion.optional() }),
    response: z.looseObject({ attributes: z.array(attribute).default([]) }),
  }),
  getBrands: endpoint({
    name: "getBrands",
    summary: "Brands the shop may use, optionally within a category or by name.",
    method: "GET",
    path: "/product/202309/brands",
    cipher: "required",
    scope: scopes.productRead,
    query: z.object({
      ...pageQuery({ max: 100, required: true }),
      category_id: id.optional(),
      is_authorized: queryBoolean.optional(),
      brand_name: z.string().optional(),
      category_version: categoryVersion.optional(),
    }),
    response: z.looseObject({ brands: z.array(brand).default([]), ...pageInfo }),
    pagination: { tokenIn: "query", items: "brands" },
  }),
  createCustomBrand: endpoint({
    name: "createCustomBrand",
    summary: "Registers a seller-defined brand name.",
    method: "POST",
    path: "/product/202309/brands",
    cipher: "refused",
    scope: scopes.productWrite,
    body: z.object({ name: z.string().min(2).max(30) }),
    response: z.looseObject({ id }),
  }),
  uploadProductImage: endpoint({
    name: "uploadProductImage",
    summary: "Uploads an image and returns the URI that product bodies reference.",
    method: "POST",
    path: "/product/202309/images/upload",
    cipher: "refused",
    scope: scopes.productWrite,
    multipart: true,
    body: z.object({ data: z.instanceof(Blob), use_case: imageUseCase.optional() }),
    response: z.looseObject({
      uri: z.string().min(1),
      url: str,
      width: int,
      height: int,
      use_case: imageUseCase.or(z.string()).optional(),
    }),
  }),
  uploadProductFile: endpoint({
    name: "uploadProductFile",
    summary: "Uploads a PDF or video (e.g. a certification document).",
    method: "POST",
    path: "/product/202309/files/upload",
    cipher: "refused",
    scope: scopes.productWrite,
    multipart: true,
    body: z.object({ data: z.instanceof(Blob), name: z.string().min(1) }),
    response: z.looseObject({ id, url: str, name: str, format: str }),
  }),
  checkListingPrerequisites: endpoint({
    name: "checkListingPrerequisites",
    summary: "Whether the shop is set up to list products (warehouses, tax, bank account...).",
    method: "GET",
    path: "/product/202312/prerequisites",
    cipher: "required",
    scope: scopes.productRead,
    response: z.looseObject({
      check_results: z
        .array(
          z.looseObject({
            check_item: prerequisiteCheckItem.or(z.string()).optional(),
            is_failed: bool,
            fail_reasons: z.array(z.string()).default([]),
          }),
        )
        .default([]),
    }),
  }),
  checkProductListing: endpoint({
    name: "checkProductListing",
    summary: "Dry-runs a create body and reports what would fail.",
    method: "POST",
    path: "/product/202309/products/listing_check",
    cipher: "required",
    scope: scopes.productRead,
    safety: "read",
    query: z.object({ is_diagnosis_required: queryBoolean.optional() }),
    body: createProductBody,
    response: z.looseObject({
      check_result: listingCheckResult.or(z.string()).optional(),
      fail_reasons: z
        .array(z.looseObject({ code: z.union([z.number(), z.string()]).optional(), message: str }))
        .default([]),
      warnings: warnings.default([]),
      listing_quality: z
        .looseObject({ current_tier: str, remaining_recommendations: z.unknown() })
        .optional(),
      /** Deprecated by TikTok. */
      diagnoses: z.array(z.unknown()).default([]),
    }),
  }),
  // The reference gives only the paths and the required `product_ids` of the three 202405
  // endpoints; the per-product members are kept loose.
  getProductsDiagnoses: endpoint({
    name: "getProductsDiagnoses",
    summary: "Listing-quality issues found on the given products.",
    method: "GET",
    path: "/product/202405/products/diagnoses",
    cipher: "required",
    scope: scopes.productRead,
    query: z.object({ product_ids: queryIdList }),
    response: z.looseObject({ products: z.array(z.looseObject({})).default([]) }),
  }),
  getProductsSeoWords: endpoint({
    name: "getProductsSeoWords",
    summary: "Search keywords TikTok recommends for the given products' titles.",
    method: "GET",
    path: "/product/202405/products/seo_words",
    cipher: "required",
    scope: scopes.productRead,
    query: z.object({ product_ids: queryIdList }),
    response: z.looseObject({ products: z.array(z.looseObject({})).default([]) }),
  }),
  getProductsSuggestions: endpoint({
    name: "getProductsSuggestions",
    summary: "Suggested titles and descriptions for the given products.",
    method: "GET",
    path: "/product/202405/products/suggestions",
    cipher: "required",
    scope: scopes.productRead,
    query: z.object({ product_ids: queryIdList }),
    response: z.looseObject({ products: z.array(z.looseObject({})).default([]) }),
  }),
  // Global products (cross-border sellers). Seller-level: no shop_cipher. The reference lists
  // paths only, so bodies and responses pass through loosely.
  createGlobalProduct: endpoint({
    name: "createGlobalProduct",
    summary: "Creates a cross-border global product.",
    method: "POST",
    path: "/product/202309/global_products",
    cipher: "refused",
    scope: scopes.productWrite,
    body: unlisted,
    response: unlisted,
  }),
  getGlobalProduct: endpoint({
    name: "getGlobalProduct",
    summary: "One global product.",
    method: "GET",
    path: "/product/202309/global_products/{global_product_id}",
    cipher: "refused",
    scope: scopes.productRead,
    params: z.object({ global_product_id: id }),
    response: unlisted,
  }),
  editGlobalProduct: endpoint({
    name: "editGlobalProduct",
    summary: "Replaces a global product.",
    method: "PUT",
    path: "/product/202309/global_products/{global_product_id}",
    cipher: "refused",
    scope: scopes.productWrite,
    params: z.object({ global_product_id: id }),
    body: unlisted,
    response: unlisted,
  }),
  deleteGlobalProducts: endpoint({
    name: "deleteGlobalProducts",
    summary: "Deletes global products (DELETE with a JSON body).",
    method: "DELETE",
    path: "/product/202309/global_products",
    cipher: "refused",
    scope: scopes.productDelete,
    body: unlisted,
    response: unlisted,
  }),
  publishGlobalProduct: endpoint({
    name: "publishGlobalProduct",
    summary: "Publishes a global product to regional shops.",
    method: "POST",
    path: "/product/202309/global_products/{global_product_id}/publish",
    cipher: "refused",
    scope: scopes.productWrite,
    params: z.object({ global_product_id: id }),
    body: unlisted,
    response: unlisted,
  }),
  updateGlobalInventory: endpoint({
    name: "updateGlobalInventory",
    summary: "Sets stock of a global product's SKUs.",
    method: "POST",
    path: "/product/202309/global_products/{global_product_id}/inventory/update",
    cipher: "refused",
    scope: scopes.productWrite,
    params: z.object({ global_product_id: id }),
    body: unlisted,
    response: unlisted,
  }),
  searchGlobalProducts: endpoint({
    name: "searchGlobalProducts",
    summary: "Pages through the seller's global products.",
    method: "POST",
    path: "/product/202312/global_products/search",
    cipher: "refused",
    scope: scopes.productRead,
    safety: "read",
    query: z.object(pageQuery({ max: 100, required: true })),
    body: unlisted,
    response: z.looseObject({ global_products: z.array(z.looseObject({ id })).default([]), ...pageInfo }),
    pagination: { tokenIn: "query", items: "global_products" },
  }),
  getGlobalCategories: endpoint({
    name: "getGlobalCategories",
    summary: "The category tree for global products.",
    method: "GET",
    path: "/product/202309/global_categories",
    cipher: "refused",
    scope: scopes.productRead,
    query: unlisted,
    response: z.looseObject({ categories: z.array(category).default([]) }),
  }),
};
