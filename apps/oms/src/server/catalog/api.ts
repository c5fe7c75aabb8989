import { type Auth, shopNotFound } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import { errorJson, type ServerEnv } from "@tts-kit/server";
import { isTikTokShopError, type ShopClient } from "@tts-kit/tiktok-shop";
import { and, asc, count, desc, eq, ilike, lte, ne, type SQL, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { z } from "zod";
import * as schema from "../db/schema.ts";
import { refreshProducts, upsertProducts } from "./mirror.ts";
import { checkPrice, compareAmounts } from "./money.ts";

/** A SKU at or under this many units (all warehouses) counts as low on stock. */
export const LOW_STOCK_UNITS = 5;
/** TikTok's bounds for a warehouse's stock of a SKU. */
export const MAX_STOCK = 99_999;

const listQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: z
    .string()
    .regex(/^[A-Z_]+$/)
    .optional(),
  stock: z.enum(["out", "low"]).optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

// Values arrive as typed in a form: checked one by one below so every message names its cell.
const inventoryBody = z.object({
  skus: z
    .array(
      z.object({
        id: z.string().min(1),
        inventory: z.array(z.object({ warehouseId: z.string().min(1), quantity: z.unknown() })).min(1),
      }),
    )
    .min(1)
    .max(100),
});

const priceBody = z.object({
  skus: z
    .array(z.object({ id: z.string().min(1), price: z.unknown() }))
    .min(1)
    .max(100),
});

export interface FieldIssue {
  path: string;
  message: string;
}

/** One per-SKU failure of Update Inventory (`data.errors[]`), in the seller's words plus TikTok's. */
export interface SkuError {
  skuId: string;
  warehouseId: string | null;
  code: number;
  message: string;
}

const stockMessage = `Stock must be a whole number of units from 0 to ${MAX_STOCK.toLocaleString("en-US")}.`;

/** A stock value typed by the seller: an integer 0..99,999 (a number or its digits as text). */
export function checkStock(value: unknown): { ok: true; quantity: number } | { ok: false; message: string } {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
  if (text === "") return { ok: false, message: "Enter the stock." };
  if (/^-/.test(text)) return { ok: false, message: "Stock cannot be negative." };
  if (!/^\d+$/.test(text)) return { ok: false, message: stockMessage };
  const quantity = Number(text);
  if (!Number.isSafeInteger(quantity) || quantity > MAX_STOCK) return { ok: false, message: stockMessage };
  return { ok: true, quantity };
}

function refused(c: Context, code: string, message: string, fields: FieldIssue[]) {
  return errorJson(c, { status: 400, code, message, fields });
}

function salesName(sku: { sales_attributes: Array<{ value_name?: string | undefined }> }): string {
  return sku.sales_attributes
    .map((attribute) => attribute.value_name)
    .filter(Boolean)
    .join(" / ");
}

/** The product as the detail page shows it: SKUs with price and stock (available, committed) per warehouse. */
async function productDetail(client: ShopClient, productId: string) {
  const [product, { inventory }, { warehouses }] = await Promise.all([
    client.product.getProduct({ params: { product_id: productId }, query: {} }),
    client.product.inventorySearch({ body: { product_ids: [productId] } }),
    client.logistics.getWarehouseList(),
  ]);
  const stock = new Map(
    inventory.flatMap((record) => record.skus).map((sku) => [sku.id, sku.warehouse_inventory] as const),
  );
  const currency = product.skus.find((sku) => sku.price?.currency)?.price?.currency ?? null;
  return {
    product,
    view: {
      id: product.id,
      title: product.title ?? "",
      status: String(product.status ?? "UNKNOWN"),
      updateTime: product.update_time ?? 0,
      currency,
      skus: product.skus.map((sku) => {
        const rows = stock.get(sku.id);
        return {
          id: sku.id,
          sellerSku: sku.seller_sku ?? "",
          name: salesName(sku),
          price: sku.price?.sale_price || null,
          listPrice: sku.list_price?.amount || null,
          inventory: rows
            ? rows.map((row) => ({
                warehouseId: row.warehouse_id ?? "",
                available: row.available_quantity ?? 0,
                committed: row.committed_quantity ?? 0,
              }))
            : sku.inventory.map((row) => ({
                warehouseId: row.warehouse_id ?? "",
                available: row.quantity ?? 0,
                committed: 0,
              })),
        };
      }),
    },
    warehouses: warehouses
      .filter((w) => w.type === "SALES_WAREHOUSE")
      .map((w) => ({ id: w.id, name: w.name ?? w.id, isDefault: w.is_default === true })),
  };
}

export interface CatalogApiDeps {
  db: AppDatabase<typeof schema>;
  auth: Auth;
  now: () => number;
}

/**
 * Products, stock and prices (CAT-POST-SEARCH, CAT-POST-INVENTORY, CAT-POST-PRICE). The list reads
 * the local mirror; the detail and every write go to TikTok, and each write re-reads the product
 * into the mirror afterwards. Every route proves the shop is the signed-in seller's first.
 */
export function catalogApi({ db, auth, now }: CatalogApiDeps) {
  // Ownership: another seller's shop is answered as if it did not exist; so is a disconnected one.
  const ownShop = async (sellerId: string, shopId: string) => {
    const shop = await auth.connections.get(sellerId, shopId);
    if (shop.status !== "connected") throw shopNotFound();
    return shop;
  };
  const t = schema.catalogProducts;

  return new Hono<ServerEnv>()
    .use(auth.requireSeller)
    .get("/:shopId/products", async (c) => {
      const shopId = c.req.param("shopId");
      await ownShop(c.var.seller.id, shopId);
      const query = listQuery.parse(c.req.query());
      const where: SQL[] = [eq(t.shopId, shopId)];
      // Deleted products are listed only when asked for, as TikTok's own `ALL` does.
      if (query.status) where.push(eq(t.status, query.status));
      else where.push(ne(t.status, "DELETED"));
      if (query.q) {
        const escaped = query.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`);
        where.push(ilike(t.searchText, `%${escaped}%`));
      }
      if (query.stock === "out") where.push(eq(t.minSkuStock, 0));
      if (query.stock === "low") where.push(lte(t.minSkuStock, LOW_STOCK_UNITS));
      const live = and(eq(t.shopId, shopId), ne(t.status, "DELETED"));
      const [rows, [{ total } = { total: 0 }], [attention]] = await Promise.all([
        db
          .select({
            id: t.id,
            title: t.title,
            status: t.status,
            updateTime: t.updateTime,
            currency: t.currency,
            minPrice: t.minPrice,
            maxPrice: t.maxPrice,
            skuCount: t.skuCount,
            totalStock: t.totalStock,
            minSkuStock: t.minSkuStock,
          })
          .from(t)
          .where(and(...where))
          .orderBy(desc(t.updateTime), asc(t.id))
          .limit(query.page_size)
          .offset((query.page - 1) * query.page_size),
        db
          .select({ total: count() })
          .from(t)
          .where(and(...where)),
        db
          .select({
            outOfStock: sql<number>`count(*) filter (where ${t.minSkuStock} = 0)`.mapWith(Number),
            lowStock: sql<number>`count(*) filter (where ${t.minSkuStock} <= ${LOW_STOCK_UNITS})`.mapWith(
              Number,
            ),
          })
          .from(t)
          .where(live),
      ]);
      return c.json({
        products: rows,
        total,
        page: query.page,
        pageSize: query.page_size,
        lowStockUnits: LOW_STOCK_UNITS,
        outOfStock: attention?.outOfStock ?? 0,
        lowStock: attention?.lowStock ?? 0,
      });
    })
    .get("/:shopId/products/:productId", async (c) => {
      const shopId = c.req.param("shopId");
      const client = await auth.connections.shopClient(c.var.seller.id, shopId);
      const { product, view, warehouses } = await productDetail(client, c.req.param("productId"));
      // What the seller sees is also what the list shows from now on.
      await upsertProducts(db, shopId, [product], now());
      return c.json({ product: view, warehouses, maxStock: MAX_STOCK });
    })
    .post("/:shopId/products/:productId/inventory", async (c) => {
      const shopId = c.req.param("shopId");
      const productId = c.req.param("productId");
      const client = await auth.connections.shopClient(c.var.seller.id, shopId);
      const body = inventoryBody.parse(await c.req.json());
      const issues: FieldIssue[] = [];
      const skus = body.skus.map((sku, i) => ({
        id: sku.id,
        inventory: sku.inventory.map((row, j) => {
          const checked = checkStock(row.quantity);
          if (!checked.ok)
            issues.push({ path: `skus.${i}.inventory.${j}.quantity`, message: checked.message });
          return { warehouse_id: row.warehouseId, quantity: checked.ok ? checked.quantity : 0 };
        }),
      }));
      if (issues.length > 0) {
        // Nothing is sent: a bad cell means the seller's edit is not what they meant.
        return refused(c, "invalid_stock", `${issues[0]!.message} Nothing was changed.`, issues);
      }
      const { errors } = await client.product.updateInventory({
        params: { product_id: productId },
        body: { skus },
      });
      const skuErrors: SkuError[] = errors.map((error) => {
        const detail = (error.detail ?? {}) as { sku_id?: unknown; extra_errors?: unknown };
        const extra = Array.isArray(detail.extra_errors)
          ? (detail.extra_errors[0] as { warehouse_id?: unknown })
          : undefined;
        return {
          skuId: typeof detail.sku_id === "string" ? detail.sku_id : "",
          warehouseId: typeof extra?.warehouse_id === "string" ? extra.warehouse_id : null,
          code: error.code,
          message: error.message,
        };
      });
      const failed = new Set(skuErrors.map((error) => error.skuId));
      await refreshProducts(db, client, shopId, [productId], now());
      return c.json({
        updated: skus.map((sku) => sku.id).filter((id) => !failed.has(id)),
        errors: skuErrors,
      });
    })
    .post("/:shopId/products/:productId/prices", async (c) => {
      const shopId = c.req.param("shopId");
      const productId = c.req.param("productId");
      const client = await auth.connections.shopClient(c.var.seller.id, shopId);
      const body = priceBody.parse(await c.req.json());
      const product = await client.product.getProduct({ params: { product_id: productId }, query: {} });
      const currency = product.skus.find((sku) => sku.price?.currency)?.price?.currency;
      if (!currency) {
        return refused(
          c,
          "no_currency",
          "TikTok Shop gave no currency for this product's prices; nothing was changed.",
          [],
        );
      }
      const issues: FieldIssue[] = [];
      const known = new Set(product.skus.map((sku) => sku.id));
      const listPrices = new Map(
        product.skus.flatMap((sku) =>
          sku.list_price?.amount ? [[sku.id, sku.list_price.amount] as const] : [],
        ),
      );
      const seen = new Set<string>();
      const skus = body.skus.map((sku, i) => {
        if (!known.has(sku.id))
          issues.push({ path: `skus.${i}.id`, message: `SKU ${sku.id} is not a SKU of this product.` });
        if (seen.has(sku.id))
          issues.push({ path: `skus.${i}.id`, message: `SKU ${sku.id} is listed twice.` });
        seen.add(sku.id);
        const checked =
          typeof sku.price === "string"
            ? checkPrice(sku.price, currency)
            : ({
                ok: false,
                message: "Send a price as decimal text such as 12.50, never as a number.",
              } as const);
        if (!checked.ok) issues.push({ path: `skus.${i}.price`, message: checked.message });
        // TikTok refuses a price above the SKU's strike-through list price; say so before sending.
        const listPrice = listPrices.get(sku.id);
        if (checked.ok && listPrice && (compareAmounts(checked.amount, listPrice, currency) ?? 0) > 0) {
          issues.push({
            path: `skus.${i}.price`,
            message: `The price cannot be above this SKU's list price of ${listPrice} ${currency}.`,
          });
        }
        return { id: sku.id, price: { amount: checked.ok ? checked.amount : "0", currency } };
      });
      if (issues.length > 0) {
        return refused(c, "invalid_price", `${issues[0]!.message} Nothing was changed.`, issues);
      }
      // TikTok applies a price update all or nothing: a refusal leaves every price as it was.
      try {
        await client.product.updatePrice({ params: { product_id: productId }, body: { skus } });
      } catch (error) {
        if (isTikTokShopError(error) && (error.kind === "business" || error.kind === "validation")) {
          return errorJson(c as Context, {
            status: 422,
            code: "tiktok_refused",
            message: `TikTok Shop refused the new prices: ${error.tiktokMessage}. No price was changed.`,
            ...(error.requestId ? { tiktokRequestId: error.requestId } : {}),
          });
        }
        throw error;
      }
      await refreshProducts(db, client, shopId, [productId], now());
      return c.json({ updated: skus.map((sku) => ({ id: sku.id, price: sku.price.amount, currency })) });
    });
}
