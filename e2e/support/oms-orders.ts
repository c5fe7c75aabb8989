import { expect, type Locator, type Page } from "@playwright/test";
import { control } from "./dev-shop.ts";
import { installFromAppStore, type ShopRow, seller1Shops } from "./oms.ts";

export { disconnectAll } from "./oms.ts";

import { omsUrl } from "./ports.ts";

/** Steps and dev-shop reads of the OMS orders suites (e2e/oms/orders*.spec.ts). */

export interface DevLine {
  id: string;
  sku_id: string;
  seller_sku: string;
  product_name: string;
  sale_price: string;
  original_price: string;
  is_gift: boolean;
  package_id: string;
  tracking_number: string;
  item_tax: Array<{ tax_type: string; tax_amount: string; tax_rate: string }>;
}

export interface DevOrder {
  id: string;
  status: string;
  create_time: number;
  update_time: number;
  paid_time?: number;
  rts_time?: number;
  rts_sla_time?: number;
  user_id: string;
  buyer_email: string;
  fulfillment_type: string;
  is_sample_order: boolean;
  is_on_hold_order: boolean;
  tracking_number: string;
  payment: Record<string, string> & { total_amount: string; currency: string };
  recipient_address: { name: string; full_address: string };
  packages: Array<{ id: string }>;
  line_items: DevLine[];
}

export interface DevOrderView {
  shop_id: string;
  hold_until: number | null;
  order: DevOrder;
  tracking: Array<{ package_id: string; description: string; time: number }>;
}

export const devOrder = (orderId: string) => control.call<DevOrderView>("GET", `/orders/${orderId}`);

export async function devOrders(shopId: string): Promise<DevOrderView[]> {
  const { orders } = await control.call<{ orders: DevOrderView[] }>(
    "GET",
    `/orders?shop_id=${shopId}&limit=100000`,
  );
  return orders;
}

export async function devNow(): Promise<number> {
  return (await control.call<{ now: number }>("GET", "/clock")).now;
}

/** An order placed in the past (POST /control/orders/history). */
export async function pastOrder(body: Record<string, unknown>): Promise<string> {
  return (await control.call<{ order_id: string }>("POST", "/orders/history", body)).order_id;
}

/** A buyer's order now (POST /control/buyer/orders). */
export async function buyerOrder(body: Record<string, unknown>): Promise<string> {
  return (await control.call<{ order_id: string }>("POST", "/buyer/orders", body)).order_id;
}

/** Seller1's shop in a region (the US shops charge sales tax per line). */
export async function seller1Shop(region: "US" | "GB" = "US"): Promise<ShopRow> {
  const shop = (await seller1Shops()).find((s) => s.region === region);
  if (!shop) throw new Error(`seller1 has no ${region} shop`);
  return shop;
}

/** A live SKU of the shop, from the dev shop's catalog. */
export async function liveSku(shopId: string): Promise<string> {
  const { products } = await control.call<{
    products: Array<{ status: string; skus: Array<{ id: string }> }>;
  }>("GET", `/catalog/products?shop_id=${shopId}`);
  return products.find((p) => p.status === "ACTIVATE")!.skus[0]!.id;
}

/**
 * Waits until OMS finished importing the shop since `since` (Unix seconds). A disconnect clears the
 * shop's sync time, so a reconnected shop counts only once its new import is done.
 */
export async function waitForFirstImport(page: Page, shopId: string, since = 0) {
  await expect
    .poll(
      async () => {
        const session = (await (await page.request.get(`${omsUrl}/api/auth/session`)).json()) as {
          shops: Array<{ id: string; lastSyncedAt: number | null }>;
        };
        const at = session.shops.find((s) => s.id === shopId)?.lastSyncedAt ?? null;
        return at !== null && at >= since;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
}

/** Seller Center → App Store → OMS for this one shop, then waits for its first import. */
export async function installAndImport(page: Page, shop: ShopRow) {
  const since = Math.floor(Date.now() / 1000) - 1;
  await installFromAppStore(page, { onlyShop: shop.name });
  await waitForFirstImport(page, shop.id, since);
}

/** Opens an order's page, reloading until OMS has it (webhooks are asynchronous). */
export async function openOrder(page: Page, shopId: string, orderId: string, text?: string | RegExp) {
  await expect
    .poll(
      async () => {
        await page.goto(`${omsUrl}/orders/${orderId}?shop=${shopId}`);
        const heading = page.getByRole("heading", { name: `Order ${orderId}` });
        const notFound = page.getByText("Order not found");
        await heading
          .or(notFound)
          .first()
          .waitFor({ timeout: 5_000 })
          .catch(() => {});
        if (!(await heading.isVisible())) return false;
        if (text === undefined) return true;
        const body = (await page.locator("main").textContent()) ?? "";
        return typeof text === "string" ? body.includes(text) : text.test(body);
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe(true);
}

/** The orders list in a view (and optional search), as the seller opens it. */
export async function openList(page: Page, shopId: string, options: { view?: string; q?: string } = {}) {
  const params = new URLSearchParams({ shop: shopId, view: options.view ?? "all" });
  if (options.q) params.set("q", options.q);
  await page.goto(`${omsUrl}/?${params}`);
  await expect(page.getByRole("heading", { name: "Orders" })).toBeVisible();
}

/** The count badge of a saved view's tab. */
export async function viewCount(page: Page, label: string): Promise<number> {
  const tab = page.getByRole("tab", { name: new RegExp(`^${label}\\b`) });
  await expect(tab).toHaveText(/\d+$/);
  return Number(/(\d+)$/.exec((await tab.textContent()) ?? "")?.[1]);
}

/** A table row of the orders list for an order id. */
export function orderRow(page: Page, orderId: string): Locator {
  return page.getByRole("table", { name: "Orders" }).getByRole("row").filter({ hasText: orderId });
}

/** Text of a locator without thousands separators, for comparing decimal amounts. */
export async function plainText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").replace(/,/g, "");
}
