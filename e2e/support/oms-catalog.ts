import { expect, type Page } from "@playwright/test";
import { control } from "./dev-shop.ts";
import { omsUrl } from "./ports.ts";

/** Catalog steps of the OMS suites: the dev shop's own product state, and waiting for the mirror. */

export interface DevShopSku {
  id: string;
  seller_sku: string;
  price: string;
  list_price: string | null;
  currency: string;
  stock: Array<{ warehouse_id: string; available: number; committed: number }>;
}

export interface DevShopProduct {
  id: string;
  title: string;
  status: string;
  update_time: number;
  skus: DevShopSku[];
}

export const catalog = {
  products: async (shopId: string) =>
    (await control.call<{ products: DevShopProduct[] }>("GET", `/catalog/products?shop_id=${shopId}`))
      .products,
  product: async (productId: string) =>
    (await control.call<{ product: DevShopProduct }>("GET", `/catalog/products/${productId}`)).product,
  warehouses: async (shopId: string) =>
    (
      await control.call<{ warehouses: Array<{ id: string; name: string; type: string }> }>(
        "GET",
        `/catalog/warehouses?shop_id=${shopId}`,
      )
    ).warehouses.filter((w) => w.type === "SALES_WAREHOUSE"),
  /** A Seller Center stock edit in the dev shop: no API call and no webhook reach the app. */
  setStock: (productId: string, skuId: string, warehouseId: string, quantity: number) =>
    control.call("POST", `/catalog/products/${productId}/stock`, {
      sku_id: skuId,
      warehouse_id: warehouseId,
      quantity,
    }),
};

/** A live product of the shop with at least `skus` SKUs and no strike-through prices in the way. */
export async function liveProduct(shopId: string, skus = 2): Promise<DevShopProduct> {
  const products = await catalog.products(shopId);
  const found =
    products.find(
      (p) => p.status === "ACTIVATE" && p.skus.length >= skus && p.skus.every((s) => !s.list_price),
    ) ?? products.find((p) => p.status === "ACTIVATE" && p.skus.length >= skus);
  if (!found) throw new Error(`no live product with ${skus} SKUs in shop ${shopId}`);
  return found;
}

/** Opens the products list, reloading until the mirror (filled by polling) shows rows. */
export async function openProducts(page: Page, shopId: string, query = "") {
  await expect
    .poll(
      async () => {
        await page.goto(`${omsUrl}/products?shop=${shopId}${query}`);
        const rows = page
          .getByRole("table", { name: "Products" })
          .getByRole("row")
          .filter({ hasText: /\d{10,}/ });
        await rows
          .first()
          .waitFor({ timeout: 3_000 })
          .catch(() => {});
        return rows.count();
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBeGreaterThan(0);
}

/** The product page with its SKU table loaded. */
export async function openProduct(page: Page, shopId: string, productId: string) {
  await page.goto(`${omsUrl}/products/${productId}?shop=${shopId}`);
  await expect(page.getByRole("table", { name: "SKUs" })).toBeVisible({ timeout: 15_000 });
}
