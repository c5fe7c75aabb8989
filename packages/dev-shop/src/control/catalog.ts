import type { Hono } from "hono";
import { z } from "zod";
import { type CommerceState, findShopData } from "../commerce/index.ts";
import type { Runtime } from "../platform/runtime.ts";
import { ControlError } from "./control.ts";

/**
 * Catalog state for tests and tooling, under /control/catalog: read products with their SKUs,
 * prices and stock per warehouse as the dev shop holds them (not as an app mirrored them), and
 * change a SKU's stock the way a seller would in Seller Center (no API call, no webhook), so that a
 * test can make an app's copy go stale.
 */

type ShopCommerce = CommerceState["shops"][string];
type Product = ShopCommerce["products"][string];

export const catalogControlRouteList = [
  "GET /control/catalog/warehouses?shop_id=",
  "GET /control/catalog/products?shop_id=",
  "GET /control/catalog/products/:id",
  "POST /control/catalog/products/:id/stock",
];

const stockBody = z
  .object({
    sku_id: z.string().min(1),
    warehouse_id: z.string().min(1),
    quantity: z.number().int().min(0).max(99_999),
  })
  .strict();

function productView(shop: ShopCommerce, product: Product) {
  return {
    id: product.id,
    shop_id: shop.shopId,
    title: product.title,
    status: product.status,
    create_time: product.createTime,
    update_time: product.updateTime,
    skus: product.skus.map((sku) => ({
      id: sku.id,
      seller_sku: sku.sellerSku,
      price: sku.price,
      list_price: sku.listPrice,
      currency: shop.currency,
      stock: sku.stock.map((row) => ({
        warehouse_id: row.warehouseId,
        available: row.available,
        committed: row.committed,
      })),
    })),
  };
}

export function catalogControlRoutes(
  routes: Hono,
  runtime: Runtime,
  json: (c: { req: { text(): Promise<string> } }) => Promise<unknown>,
): void {
  const shopData = (shopId: string | undefined) => {
    const shop = shopId ? findShopData(runtime.store, shopId) : undefined;
    if (!shop) throw new ControlError(`Unknown shop ${shopId ?? "(give shop_id)"}`);
    return shop;
  };
  const locate = (productId: string) => {
    for (const shop of Object.values(runtime.store.commerce.shops)) {
      const product = shop.products[productId];
      if (product) return { shop, product };
    }
    throw new ControlError(`Unknown product ${productId}`);
  };

  routes.get("/catalog/warehouses", (c) => {
    const shop = shopData(c.req.query("shop_id"));
    return c.json({
      warehouses: shop.warehouses.map((w) => ({
        id: w.id,
        name: w.name,
        type: w.type,
        is_default: w.isDefault,
      })),
    });
  });

  routes.get("/catalog/products", (c) => {
    const shop = shopData(c.req.query("shop_id"));
    const products = Object.values(shop.products).sort((a, b) => b.createTime - a.createTime);
    return c.json({ products: products.map((product) => productView(shop, product)) });
  });

  routes.get("/catalog/products/:id", (c) => {
    const { shop, product } = locate(c.req.param("id"));
    return c.json({ product: productView(shop, product) });
  });

  routes.post("/catalog/products/:id/stock", async (c) => {
    const body = stockBody.parse(await json(c));
    const { shop, product } = locate(c.req.param("id"));
    const sku = product.skus.find((candidate) => candidate.id === body.sku_id);
    if (!sku) throw new ControlError(`SKU ${body.sku_id} is not a SKU of product ${product.id}`);
    const warehouse = shop.warehouses.find((w) => w.id === body.warehouse_id);
    if (warehouse?.type !== "SALES_WAREHOUSE") {
      throw new ControlError(`${body.warehouse_id} is not a sales warehouse of shop ${shop.shopId}`);
    }
    const row = sku.stock.find((candidate) => candidate.warehouseId === warehouse.id);
    if (row) row.available = body.quantity;
    else sku.stock.push({ warehouseId: warehouse.id, available: body.quantity, committed: 0 });
    product.updateTime = Math.max(product.updateTime, runtime.clock.now());
    runtime.markDirty();
    return c.json({ product: productView(shop, product) });
  });
}
