import type { AppDatabase } from "@tts-kit/db";
import { isTikTokShopError, type ShopClient } from "@tts-kit/tiktok-shop";
import type { ProductSummary } from "@tts-kit/tiktok-shop/contract";
import { and, eq, sql } from "drizzle-orm";
import type { MirroredSku } from "../db/catalog-schema.ts";
import * as schema from "../db/schema.ts";
import { compareAmounts } from "./money.ts";

type Db = AppDatabase<typeof schema>;

/** The fields of a product both Search Products and Get Product return. */
export type ProductLike = Pick<
  ProductSummary,
  "id" | "title" | "status" | "skus" | "create_time" | "update_time"
>;

/** Get Product's codes for a product that does not exist (any more) in this shop. */
const GONE_CODES = new Set([12019150, 12052032, 12052034]);

function mirrorRow(shopId: string, product: ProductLike, syncedAt: number) {
  const skus: MirroredSku[] = product.skus.map((sku) => ({
    id: sku.id,
    sellerSku: sku.seller_sku ?? "",
    price: sku.price?.sale_price || null,
    inventory: sku.inventory.map((row) => ({
      warehouseId: row.warehouse_id ?? "",
      quantity: row.quantity ?? 0,
    })),
  }));
  const currency = product.skus.find((sku) => sku.price?.currency)?.price?.currency ?? null;
  const prices = skus.map((sku) => sku.price).filter((price): price is string => price !== null);
  const byAmount = (a: string, b: string) => (currency ? (compareAmounts(a, b, currency) ?? 0) : 0);
  const sorted = [...prices].sort(byAmount);
  const stockOf = (sku: MirroredSku) => sku.inventory.reduce((sum, row) => sum + row.quantity, 0);
  return {
    shopId,
    id: product.id,
    title: product.title ?? "",
    status: String(product.status ?? "UNKNOWN"),
    createTime: product.create_time ?? 0,
    updateTime: product.update_time ?? 0,
    currency,
    minPrice: sorted[0] ?? null,
    maxPrice: sorted[sorted.length - 1] ?? null,
    skuCount: skus.length,
    totalStock: skus.reduce((sum, sku) => sum + stockOf(sku), 0),
    minSkuStock: skus.length === 0 ? 0 : Math.min(...skus.map(stockOf)),
    searchText: [product.title ?? "", product.id, ...skus.flatMap((sku) => [sku.id, sku.sellerSku])]
      .join("\n")
      .toLowerCase(),
    skus,
    syncedAt,
  };
}

/**
 * Writes products into the mirror. Webhooks, polling and the app's own writes race: a copy older
 * than the one held (by update_time) never replaces it; an equal one does, since TikTok's
 * update_time has one-second resolution and a stock change within that second must still land.
 */
export async function upsertProducts(
  db: Db,
  shopId: string,
  products: readonly ProductLike[],
  syncedAt: number,
): Promise<void> {
  if (products.length === 0) return;
  // One row per id: a window's pages may list a product twice if it changed while paging.
  const latest = new Map<string, ProductLike>();
  for (const product of products) {
    const held = latest.get(product.id);
    if (!held || (product.update_time ?? 0) >= (held.update_time ?? 0)) latest.set(product.id, product);
  }
  const t = schema.catalogProducts;
  await db
    .insert(t)
    .values([...latest.values()].map((product) => mirrorRow(shopId, product, syncedAt)))
    .onConflictDoUpdate({
      target: [t.shopId, t.id],
      set: {
        title: sql`excluded.title`,
        status: sql`excluded.status`,
        createTime: sql`excluded.create_time`,
        updateTime: sql`excluded.update_time`,
        currency: sql`excluded.currency`,
        minPrice: sql`excluded.min_price`,
        maxPrice: sql`excluded.max_price`,
        skuCount: sql`excluded.sku_count`,
        totalStock: sql`excluded.total_stock`,
        minSkuStock: sql`excluded.min_sku_stock`,
        searchText: sql`excluded.search_text`,
        skus: sql`excluded.skus`,
        syncedAt: sql`excluded.synced_at`,
      },
      setWhere: sql`excluded.update_time >= ${t.updateTime}`,
    });
}

/**
 * Re-reads products from TikTok (Get Product) and mirrors them; a product TikTok no longer knows is
 * dropped from the mirror. What webhooks and the app's own stock and price writes call.
 */
export async function refreshProducts(
  db: Db,
  client: ShopClient,
  shopId: string,
  productIds: readonly string[],
  syncedAt: number,
): Promise<ProductLike[]> {
  const fetched: ProductLike[] = [];
  for (const productId of new Set(productIds)) {
    try {
      fetched.push(await client.product.getProduct({ params: { product_id: productId }, query: {} }));
    } catch (error) {
      if (!(isTikTokShopError(error) && GONE_CODES.has(error.code))) throw error;
      await db
        .delete(schema.catalogProducts)
        .where(and(eq(schema.catalogProducts.shopId, shopId), eq(schema.catalogProducts.id, productId)));
    }
  }
  await upsertProducts(db, shopId, fetched, syncedAt);
  return fetched;
}
