import { inflateSync } from "node:zlib";
import { expect, type Page } from "@playwright/test";
import { control } from "./dev-shop.ts";
import { omsUrl } from "./ports.ts";

/** Steps and checks the OMS fulfilment suites share (dev shop orders, carrier mapping, PDFs). */

export interface DevPackage {
  id: string;
  status: string;
  stage: string;
  order_ids: string[];
  line_item_ids: string[];
  shipping_type: string;
  shipping_provider_id: string | null;
  shipping_provider_name: string | null;
  tracking_number: string | null;
  shipped_time: number | null;
  shipping_service_id: string | null;
  split_and_combine_tag: string;
}

export interface DevOrderState {
  shop_id: string;
  hold_until: number | null;
  order: {
    id: string;
    status: string;
    user_id: string;
    warehouse_id: string;
    delivery_option_id: string;
    fulfillment_type: string;
    line_items: Array<{
      id: string;
      seller_sku: string;
      sku_id: string;
      product_id: string;
      package_id: string;
    }>;
  };
  packages: DevPackage[];
}

/** The order and its packages as the dev shop holds them (its control API). */
export const devOrder = (orderId: string) =>
  control.call<DevOrderState>("GET", `/fulfillment/orders/${orderId}`);

export async function placeOrder(
  shopId: string,
  options: {
    shipping?: "SELLER" | "TIKTOK";
    onHold?: boolean;
    quantity?: number;
    buyerUserId?: string;
    warehouseId?: string;
  } = {},
): Promise<string> {
  const { order_id } = await control.call<{ order_id: string }>("POST", "/buyer/orders", {
    shop_id: shopId,
    shipping_type: options.shipping ?? "SELLER",
    on_hold: options.onHold ?? false,
    quantity_per_sku: options.quantity ?? 1,
    ...(options.buyerUserId ? { buyer_user_id: options.buyerUserId } : {}),
    ...(options.warehouseId ? { warehouse_id: options.warehouseId } : {}),
  });
  return order_id;
}

/** A second order of the same buyer, warehouse and delivery option: TikTok lets them share a box. */
export async function placeCombinablePair(shopId: string, shipping: "SELLER" | "TIKTOK" = "SELLER") {
  const first = await placeOrder(shopId, { shipping });
  const { order } = await devOrder(first);
  // A SKU on sale with stock in that warehouse (a random pick could have none there).
  const { products } = await control.call<{
    products: Array<{
      status: string;
      skus: Array<{ id: string; stock: Array<{ warehouse_id: string; available: number }> }>;
    }>;
  }>("GET", `/catalog/products?shop_id=${shopId}`);
  const candidates = products
    .filter((p) => p.status === "ACTIVATE")
    .flatMap((p) => p.skus)
    .filter((sku) => sku.stock.some((row) => row.warehouse_id === order.warehouse_id && row.available > 0));
  for (const sku of candidates) {
    try {
      const { order_id: second } = await control.call<{ order_id: string }>("POST", "/buyer/orders", {
        shop_id: shopId,
        shipping_type: shipping,
        on_hold: false,
        sku_ids: [sku.id],
        buyer_user_id: order.user_id,
        warehouse_id: order.warehouse_id,
      });
      return [first, second] as const;
    } catch (error) {
      // A deactivated SKU of a live product: try the next one.
      if (!/not on sale|stock/i.test(String(error))) throw error;
    }
  }
  throw new Error(`No SKU in stock in warehouse ${order.warehouse_id} of shop ${shopId}`);
}

/**
 * SHOP-MAN-CARRIER in the app: Shop connections → Carriers, the carrier of the order's warehouse
 * and delivery option, saved. Shipping with a mapped carrier starts here.
 */
export async function mapCarrierFor(page: Page, shopId: string, orderId: string, carrier: string) {
  const { order } = await devOrder(orderId);
  await page.goto(`${omsUrl}/connections?shop=${shopId}`);
  const select = page.locator(`[id="carrier-${order.warehouse_id}/${order.delivery_option_id}"]`);
  await select.selectOption({ label: carrier });
  await page.getByRole("button", { name: "Save carrier mapping" }).click();
  await expect(page.getByText("Carrier mapping saved").first()).toBeVisible();
}

/** Maps "shipped by seller" of every warehouse of the shop to one carrier. */
export async function mapSellerShippingEverywhere(page: Page, shopId: string, carrier: string) {
  await page.goto(`${omsUrl}/connections?shop=${shopId}`);
  const selects = page.locator('select[id^="carrier-"]');
  await expect(selects.first()).toBeVisible();
  for (const select of await selects.all()) {
    const label = await page.locator(`label[for="${await select.getAttribute("id")}"]`).textContent();
    if (label?.trim() === "Shipped by seller") await select.selectOption({ label: carrier });
  }
  await page.getByRole("button", { name: "Save carrier mapping" }).click();
  await expect(page.getByText("Carrier mapping saved").first()).toBeVisible();
}

export async function openFulfil(page: Page, shopId: string, orderId: string) {
  await page.goto(`${omsUrl}/orders/${orderId}/fulfil?shop=${shopId}`);
  await expect(page.getByRole("heading", { name: `Fulfil order ${orderId}` })).toBeVisible();
}

/**
 * The text a PDF draws: literal `( )` and hex `< >` strings of every content stream, inflated
 * when compressed. Enough to check that a label or a pick list carries what it should.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const parts: string[] = [];
  const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (let match = streams.exec(raw); match; match = streams.exec(raw)) {
    const body = Buffer.from(match[1] ?? "", "latin1");
    let content: string;
    try {
      content = inflateSync(body).toString("latin1");
    } catch {
      content = body.toString("latin1");
    }
    for (const text of content.matchAll(/\(((?:\\.|[^\\)])*)\)\s*Tj|<([0-9A-Fa-f\s]*)>\s*Tj/g)) {
      if (text[1] !== undefined) parts.push(text[1].replace(/\\([()\\])/g, "$1"));
      else parts.push(Buffer.from((text[2] ?? "").replace(/\s/g, ""), "hex").toString("latin1"));
    }
  }
  return parts.join("\n");
}

/** Pages of a PDF written without object streams (each page a plain object). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/** Unmaps every carrier of the shop (the OMS database outlives the dev shop's reset between tests). */
export async function clearCarrierMappings(page: Page, shopId: string) {
  await page.goto(`${omsUrl}/connections?shop=${shopId}`);
  const selects = page.locator('select[id^="carrier-"]');
  await expect(selects.first()).toBeVisible();
  for (const select of await selects.all()) await select.selectOption({ value: "" });
  await page.getByRole("button", { name: "Save carrier mapping" }).click();
  await expect(page.getByText("Carrier mapping saved").first()).toBeVisible();
}
