import { fail, type Handler, type HandlerContext, ok } from "../handler.ts";
import type { DevShopStore } from "../state/store.ts";
import {
  auditOf,
  qualityTier,
  renderInventory,
  renderProduct,
  renderProductSummary,
} from "./catalog-view.ts";
import { attempt, codes, messages, raise } from "./errors.ts";
import { fromMinor, parseMinor } from "./money.ts";
import { pageSize, paginate, sortByKey } from "./paging.ts";
import { asObj, idList, num, type Obj, objList, str } from "./params.ts";
import { findShopData, type ShopEmit, shopOf } from "./shop-data.ts";
import type { Product, ProductStatus, ShopCommerce, Sku } from "./state.ts";

/** Product endpoints: search and read, stock, prices and listing status (reference §5.6). */

/** A re-activated product goes back through audit; the dev shop's reviewers take five minutes. */
export const AUDIT_SECONDS = 5 * 60;
const MAX_SEARCH_RESULTS = 10_000;
const MAX_STATUS_BATCH = 20;

/** Finds a product across shops, so that another shop's product gets its own error. */
function locateProduct(ctx: HandlerContext, shop: ShopCommerce, productId: string, unknownCode: number) {
  const product = shop.products[productId];
  if (product) return product;
  const elsewhere = Object.values(ctx.store.commerce.shops).some((other) => productId in other.products);
  if (elsewhere) raise(codes.productOtherShop, "This product doesn't belong to this shop");
  raise(
    unknownCode,
    unknownCode === codes.productIdNotExist ? "The product ID does not exist." : "The product does not exist",
  );
}

/** Webhook 5. TikTok's values: PRODUCT_FIRST_PASS_REVIEW, PRODUCT_STATUS_CHANGED, PRODUCT_AUDIT_FAILURE. */
export function emitProductStatus(emit: ShopEmit, product: Product, status: string, at: number): void {
  emit(5, { product_id: product.id, status, suspended_reason: "", update_time: at });
}

function setProductStatus(emit: ShopEmit, product: Product, status: ProductStatus, at: number): void {
  product.status = status;
  product.auditStatus = auditOf(status) as Product["auditStatus"];
  product.auditDueAt = status === "PENDING" ? at + AUDIT_SECONDS : null;
  product.updateTime = at;
  emitProductStatus(emit, product, "PRODUCT_STATUS_CHANGED", at);
}

// ---- search and read ------------------------------------------------------------------------

function searchProducts(ctx: HandlerContext, extended: boolean) {
  return attempt(() => {
    const shop = shopOf(ctx);
    const filter = asObj(ctx.body);
    const status = str(filter.status) ?? "ALL";
    const sellerSkus = idList(filter.seller_skus);
    if (sellerSkus && sellerSkus.length > 10) {
      raise(codes.tooManySellerSkus, "The maximum count of “seller_skus” in the search filter is 10.");
    }
    const skuIds = extended ? idList(filter.sku_ids) : undefined;
    if (skuIds && skuIds.length > 10)
      raise(codes.tooManySkuIds, "The number of SKU IDs exceeds the limit of 10");
    const createGe = num(filter.create_time_ge);
    const createLe = num(filter.create_time_le);
    const updateGe = num(filter.update_time_ge);
    const updateLe = num(filter.update_time_le);
    if (createGe !== undefined && createLe !== undefined && createGe > createLe) {
      raise(codes.searchCreateTime, "search create time invalid");
    }
    if (updateGe !== undefined && updateLe !== undefined && updateGe > updateLe) {
      raise(codes.searchUpdateTime, "search update time invalid");
    }
    const audits = extended ? idList(filter.audit_status) : undefined;
    const tiers = extended ? idList(filter.listing_quality_tiers) : undefined;
    const matching = Object.values(shop.products).filter(
      (product) =>
        // ALL lists live listings; deleted products only show when asked for by status.
        (status === "ALL" ? product.status !== "DELETED" : product.status === status) &&
        (!sellerSkus?.length || product.skus.some((sku) => sellerSkus.includes(sku.sellerSku))) &&
        (!skuIds?.length || product.skus.some((sku) => skuIds.includes(sku.id))) &&
        (!audits?.length || audits.includes(auditOf(product.status))) &&
        (!tiers?.length || tiers.includes(qualityTier(product))) &&
        (createGe === undefined || product.createTime >= createGe) &&
        (createLe === undefined || product.createTime <= createLe) &&
        (updateGe === undefined || product.updateTime >= updateGe) &&
        (updateLe === undefined || product.updateTime <= updateLe),
    );
    const key = (product: Product) => ({ value: product.createTime, id: product.id });
    const size = pageSize(ctx.query.page_size, 20, 100);
    const page = paginate(sortByKey(matching, key, true), {
      pageSize: size,
      token: str(ctx.query.page_token),
      descending: true,
      key,
      query: { filter, extended },
    });
    // TikTok serves at most the first 10,000 results of a search.
    if (page.offset + size > MAX_SEARCH_RESULTS && page.totalCount > MAX_SEARCH_RESULTS) {
      raise(codes.searchCap, "The total number of search results can not exceed 10000.");
    }
    return ok({
      products: page.items.map((product) => renderProductSummary(shop, product)),
      next_page_token: page.nextPageToken,
      total_count: page.totalCount,
    });
  });
}

const getProduct: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    return ok(
      renderProduct(shop, locateProduct(ctx, shop, String(ctx.params.product_id), codes.productIdNotExist)),
    );
  });

// ---- inventory ------------------------------------------------------------------------------

interface SkuError {
  code: number;
  message: string;
  detail: { sku_id: string; extra_errors?: Array<{ warehouse_id: string }> };
}

/** Validates one SKU's stock update; returns the rows to write or the item error. */
function planStock(
  shop: ShopCommerce,
  product: Product,
  entry: Obj,
  seen: Set<string>,
): SkuError | Sku["stock"] {
  const skuId = str(entry.id) ?? "";
  const error = (code: number, message: string, warehouseId?: string): SkuError => ({
    code,
    message,
    detail: {
      sku_id: skuId,
      ...(warehouseId !== undefined ? { extra_errors: [{ warehouse_id: warehouseId }] } : {}),
    },
  });
  if (skuId === "") return error(codes.skuIdRequired, "The SKU ID is necessary");
  if (seen.has(skuId)) return error(codes.skuDuplicate, "Sku id duplicate");
  seen.add(skuId);
  const sku = product.skus.find((candidate) => candidate.id === skuId);
  if (!sku) return error(codes.skuNotInProduct, "The SKU ID does not belong to the product.");
  const rows = objList(entry.inventory);
  const salesWarehouses = shop.warehouses.filter((w) => w.type === "SALES_WAREHOUSE");
  const next = sku.stock.map((row) => ({ ...row }));
  const listed = new Set<string>();
  for (const row of rows) {
    let warehouseId = str(row.warehouse_id);
    if (warehouseId === undefined) {
      // Leaving the warehouse out is only unambiguous when the SKU sits in a single one.
      if (sku.stock.length !== 1) {
        return error(
          codes.multipleWarehouses,
          "Multiple warehouses detected. Include all warehouse IDs and the corresponding details and try again.",
        );
      }
      warehouseId = sku.stock[0]!.warehouseId;
    }
    const warehouse = shop.warehouses.find((w) => w.id === warehouseId);
    if (!warehouse) return error(codes.warehouseNotExist, "The warehouse does not exist", warehouseId);
    if (!salesWarehouses.includes(warehouse)) {
      return error(codes.warehouseNotSales, "the warehouse not delivery warehouse", warehouseId);
    }
    if (listed.has(warehouseId))
      return error(codes.warehouseDuplicate, "The warehouse id is duplicate", warehouseId);
    listed.add(warehouseId);
    const quantity = num(row.quantity);
    if (quantity === undefined || !Number.isInteger(quantity) || quantity < 0 || quantity > 99_999) {
      return error(codes.stockInvalid, "stock count is invalid", warehouseId);
    }
    const existing = next.find((candidate) => candidate.warehouseId === warehouseId);
    if (existing) existing.available = quantity;
    else next.push({ warehouseId, available: quantity, committed: 0 });
  }
  const missing = sku.stock.find((row) => !listed.has(row.warehouseId));
  if (missing) {
    return error(
      codes.multipleWarehouses,
      "Multiple warehouses detected. Include all warehouse IDs and the corresponding details and try again.",
      missing.warehouseId,
    );
  }
  return next;
}

const updateInventory: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const product = locateProduct(ctx, shop, String(ctx.params.product_id), codes.productNotExist);
    if (product.status !== "ACTIVATE") return fail(codes.productStatusInvalid, messages.productStatusInvalid);
    const entries = objList(asObj(ctx.body).skus);
    if (entries.length === 0)
      return fail(
        codes.productInvalidInput,
        "Invalid input parameters. Refer to the API documentation for details.",
      );
    const errors: SkuError[] = [];
    const seen = new Set<string>();
    let changed = false;
    for (const entry of entries) {
      const plan = planStock(shop, product, entry, seen);
      if (!Array.isArray(plan)) {
        errors.push(plan);
        continue;
      }
      const sku = product.skus.find((candidate) => candidate.id === str(entry.id))!;
      sku.stock = plan;
      changed = true;
    }
    if (changed) product.updateTime = ctx.now;
    return ok(errors.length > 0 ? { errors } : {});
  });

const inventorySearch: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const body = asObj(ctx.body);
    const skuIds = idList(body.sku_ids);
    const productIds = idList(body.product_ids);
    if (skuIds && skuIds.length > 600) raise(codes.tooManySkus, "The number of SKU exceed the limit");
    if (!skuIds && productIds && productIds.length > 100) {
      raise(codes.tooManyProductIds, "The number of provided product IDs exceeds the limit.");
    }
    if (!skuIds?.length && !productIds?.length) {
      raise(
        codes.productInvalidInput,
        "Invalid input parameters. Refer to the API documentation for details.",
      );
    }
    const inventory: Record<string, unknown>[] = [];
    // sku_ids wins when both lists are sent. Ids this shop does not have are left out.
    if (skuIds?.length) {
      const wanted = new Set(skuIds);
      for (const product of Object.values(shop.products)) {
        const skus = product.skus.filter((sku) => wanted.has(sku.id));
        if (skus.length > 0) inventory.push(renderInventory(product, skus));
      }
    } else {
      for (const id of new Set(productIds)) {
        const product = shop.products[id];
        if (product) inventory.push(renderInventory(product, product.skus));
      }
    }
    return ok({ inventory });
  });

// ---- prices ---------------------------------------------------------------------------------

const updatePrice: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const product = locateProduct(ctx, shop, String(ctx.params.product_id), codes.productNotExist);
    if (product.status !== "ACTIVATE") return fail(codes.priceStatusInvalid, "product status is invalid");
    const entries = objList(asObj(ctx.body).skus);
    if (entries.length === 0)
      return fail(
        codes.productInvalidInput,
        "Invalid input parameters. Refer to the API documentation for details.",
      );
    // Update Price answers `{}` only: it validates everything first and applies all or nothing.
    const seen = new Set<string>();
    const plans: Array<{ sku: Sku; price?: string; listPrice?: string }> = [];
    for (const entry of entries) {
      const skuId = str(entry.id) ?? "";
      if (seen.has(skuId)) raise(codes.skuDuplicate, "Sku id duplicate");
      seen.add(skuId);
      const sku = product.skus.find((candidate) => candidate.id === skuId);
      if (!sku) raise(codes.skuNotInProduct, "The SKU ID does not belong to the product.");
      const plan: { sku: Sku; price?: string; listPrice?: string } = { sku };
      const price = entry.price === undefined ? undefined : asObj(entry.price);
      const amount = price ? (str(price.amount) ?? str(price.sale_price)) : undefined;
      if (price && amount === undefined) raise(codes.priceFormat, "Incorrect price format");
      if (amount !== undefined) {
        plan.price = checkAmount(shop, amount, str(price?.currency));
      }
      const list = entry.list_price === undefined ? undefined : asObj(entry.list_price);
      if (list) plan.listPrice = checkAmount(shop, str(list.amount) ?? "", str(list.currency));
      const effective = plan.price ?? sku.price;
      const listPrice = plan.listPrice ?? sku.listPrice;
      if (listPrice !== null && listPrice !== undefined) {
        const listMinor = parseMinor(listPrice, shop.currency)!;
        if (listMinor < parseMinor(effective, shop.currency)!) {
          raise(codes.listPriceInvalid, "product list price is invalid");
        }
      }
      plans.push(plan);
    }
    for (const plan of plans) {
      if (plan.price !== undefined) plan.sku.price = plan.price;
      if (plan.listPrice !== undefined) plan.sku.listPrice = plan.listPrice;
    }
    product.updateTime = ctx.now;
    return ok({});
  });

/** A price must be a positive amount in the shop's currency, at the currency's precision. */
function checkAmount(shop: ShopCommerce, amount: string, currency: string | undefined): string {
  if (currency !== undefined && currency !== shop.currency) {
    raise(codes.currencyInvalid, "The provided currency is not available for this shop/region.");
  }
  const minor = parseMinor(amount, shop.currency);
  if (minor === null) raise(codes.priceFormat, "Incorrect price format");
  if (minor <= 0 || minor > 99_999_999) raise(codes.priceInvalid, "The product price is invalid");
  // Stored (and echoed back) at the currency's precision: "19.9" becomes "19.90".
  return fromMinor(minor, shop.currency);
}

// ---- listing status -------------------------------------------------------------------------

type StatusAction = "activate" | "deactivate" | "delete" | "recover";

const allowedFrom: Record<StatusAction, ProductStatus[]> = {
  activate: ["SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED"],
  deactivate: ["ACTIVATE", "PENDING"],
  delete: ["DRAFT", "PENDING", "FAILED", "ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED", "FREEZE"],
  recover: ["DELETED"],
};

/**
 * Where each action leads. Activation re-enters audit (PENDING, approved by the tick after five
 * minutes). Recovery lands on SELLER_DEACTIVATED: TikTok does not document the target status, and
 * bringing a product back from the recycle bin should not put it on sale without the seller
 * activating it.
 */
const target: Record<StatusAction, ProductStatus> = {
  activate: "PENDING",
  deactivate: "SELLER_DEACTIVATED",
  delete: "DELETED",
  recover: "SELLER_DEACTIVATED",
};

function statusBatch(action: StatusAction): Handler {
  return (ctx) =>
    attempt(() => {
      const shop = shopOf(ctx);
      const ids = idList(asObj(ctx.body).product_ids) ?? [];
      if (ids.length === 0)
        return fail(
          codes.productInvalidInput,
          "Invalid input parameters. Refer to the API documentation for details.",
        );
      if (ids.length > MAX_STATUS_BATCH) {
        return fail(codes.tooManyProductIds, "The number of provided product IDs exceeds the limit.");
      }
      const errors: Record<string, unknown>[] = [];
      for (const id of [...new Set(ids)]) {
        const product = shop.products[id];
        if (!product) {
          const elsewhere = Object.values(ctx.store.commerce.shops).some((other) => id in other.products);
          errors.push(
            elsewhere
              ? {
                  code: codes.productOtherShop,
                  message: "This product doesn't belong to this shop",
                  detail: { product_id: id },
                }
              : {
                  code: codes.productNotExist,
                  message: "The product does not exist",
                  detail: { product_id: id },
                },
          );
          continue;
        }
        if (!allowedFrom[action].includes(product.status)) {
          errors.push({
            code: codes.productStatusInvalid,
            message: messages.productStatusInvalid,
            detail: { product_id: id },
          });
          continue;
        }
        setProductStatus(ctx.emit, product, target[action], ctx.now);
      }
      return ok({ errors });
    });
}

/** Audits that finished: PENDING products become ACTIVATE (called by the tick). */
export function finishAudits(shop: ShopCommerce, now: number, emit: ShopEmit): void {
  for (const product of Object.values(shop.products)) {
    if (product.status !== "PENDING" || product.auditDueAt === null || product.auditDueAt > now) continue;
    const at = product.auditDueAt;
    product.status = "ACTIVATE";
    product.auditStatus = "APPROVED";
    product.auditDueAt = null;
    product.updateTime = at;
    emitProductStatus(emit, product, "PRODUCT_STATUS_CHANGED", at);
  }
}

// ---- Seller Center edits --------------------------------------------------------------------

export interface ProductInfoPatch {
  title?: string;
  description?: string;
  imageUrls?: string[];
}

/**
 * A seller edits a listing in Seller Center: the change is applied and announced with webhook 15
 * (`changed_fields` uses TikTok's names: title, description, main_images).
 */
export function editProductInfo(
  store: DevShopStore,
  shopId: string,
  productId: string,
  patch: ProductInfoPatch,
  now: number,
  emit: ShopEmit,
): Product {
  const product = findShopData(store, shopId)?.products[productId];
  if (!product) raise(codes.productNotExist, "The product does not exist");
  const changed: string[] = [];
  if (patch.title !== undefined && patch.title !== product.title) {
    product.title = patch.title;
    changed.push("title");
  }
  if (patch.description !== undefined && patch.description !== product.description) {
    product.description = patch.description;
    changed.push("description");
  }
  if (patch.imageUrls !== undefined && patch.imageUrls.join("\n") !== product.imageUrls.join("\n")) {
    product.imageUrls = [...patch.imageUrls];
    changed.push("main_images");
  }
  if (changed.length > 0) {
    product.updateTime = now;
    emit(15, { product_id: product.id, changed_fields: changed, update_time: now });
  }
  return product;
}

export const catalogHandlers: Record<string, Handler> = {
  "POST /product/202309/products/search": (ctx) => searchProducts(ctx, false),
  "POST /product/202502/products/search": (ctx) => searchProducts(ctx, true),
  "GET /product/202309/products/{product_id}": getProduct,
  "POST /product/202309/products/{product_id}/inventory/update": updateInventory,
  "POST /product/202309/products/{product_id}/prices/update": updatePrice,
  "POST /product/202309/inventory/search": inventorySearch,
  "POST /product/202309/products/activate": statusBatch("activate"),
  "POST /product/202309/products/deactivate": statusBatch("deactivate"),
  "DELETE /product/202309/products": statusBatch("delete"),
  "POST /product/202309/products/recover": statusBatch("recover"),
};
