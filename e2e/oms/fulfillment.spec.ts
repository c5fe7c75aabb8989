import { expect, type Page, test } from "@playwright/test";
import { omsApp } from "../support/apps.ts";
import { control } from "../support/dev-shop.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { installFromAppStore, type ShopRow, seller1Shops } from "../support/oms.ts";
import {
  clearCarrierMappings,
  devOrder,
  mapCarrierFor,
  openFulfil,
  placeOrder,
} from "../support/oms-fulfillment.ts";
import { omsUrl } from "../support/ports.ts";

/**
 * Seller shipping (3PL) from the order's fulfil page: ship with the mapped carrier, TikTok's
 * warning, tracking corrections and their 72-hour window, the ON_HOLD block, split shipping, FBT
 * orders, setup guidance and bad input. Every test starts with the App Store install in Seller
 * Center and checks what the dev shop holds afterwards.
 */
// Each test installs the app, maps a carrier and ships through the browser: more than the default 30 s.
test.describe.configure({ timeout: 90_000 });

eachTestStartsClean({ app: omsApp, url: omsUrl, consoleErrors: "allow-4xx" });

async function usShop(): Promise<ShopRow> {
  return (await seller1Shops()).find((s) => s.region === "US")!;
}

function packageRegion(page: Page, packageId: string) {
  return page.getByRole("region", { name: `Package ${packageId}` });
}

const sent = (page: Page) => page.getByRole("region", { name: "Sent to TikTok Shop" });

test("ORD-3PL-FULFILL: ships an order with its tracking number and the mapped carrier", async ({ page }) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const orderId = await placeOrder(shop.id);
  await mapCarrierFor(page, shop.id, orderId, "USPS");
  await openFulfil(page, shop.id, orderId);
  await expect(page.locator('[data-field="planned-carrier"]')).toHaveText("USPS (your carrier mapping)");

  const [pkg] = (await devOrder(orderId)).packages;
  await packageRegion(page, pkg!.id).getByLabel("Tracking number").fill("9400 1118 9922 3100 0123 45");
  await packageRegion(page, pkg!.id).getByRole("button", { name: "Ship package" }).click();

  // OMS-R2: the seller sees exactly what was sent.
  await expect(sent(page).locator('[data-field="tracking"]')).toHaveText("9400111899223100012345");
  await expect(sent(page).locator('[data-field="carrier"]')).toHaveText("USPS");
  await expect(sent(page).locator('[data-field="status"]')).toHaveText("AWAITING_COLLECTION");

  const state = await devOrder(orderId);
  expect(state.order.status).toBe("AWAITING_COLLECTION");
  expect(state.packages.map((p) => [p.tracking_number, p.shipping_provider_name])).toEqual([
    ["9400111899223100012345", "USPS"],
  ]);
});

test("ORD-3PL-FULFILL: a tracking number that looks wrong is confirmed first, then TikTok's warning shows", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const orderId = await placeOrder(shop.id);
  await mapCarrierFor(page, shop.id, orderId, "USPS");
  await openFulfil(page, shop.id, orderId);
  const [pkg] = (await devOrder(orderId)).packages;
  const region = packageRegion(page, pkg!.id);
  await region.getByLabel("Tracking number").fill("ZX81-2024");
  await region.getByRole("button", { name: "Ship package" }).click();
  await expect(region.getByRole("alert")).toContainText("does not look like a USPS tracking number");
  expect((await devOrder(orderId)).order.status).toBe("AWAITING_SHIPMENT");

  await region.getByRole("button", { name: "Send anyway" }).click();
  await expect(sent(page)).toContainText("TikTok Shop warns about this tracking number");
  await expect(sent(page)).toContainText("does not look like a USPS tracking number");
  const state = await devOrder(orderId);
  expect(state.order.status).toBe("AWAITING_COLLECTION");
  expect(state.packages[0]?.tracking_number).toBe("ZX81-2024");
});

test("OMS-R2: the shipment notification lists status, tracking, carrier, service and items, and is kept per order", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const orderId = await placeOrder(shop.id, { quantity: 2 });
  await mapCarrierFor(page, shop.id, orderId, "UPS");
  await openFulfil(page, shop.id, orderId);
  const state = await devOrder(orderId);
  const region = packageRegion(page, state.packages[0]!.id);
  await region.getByLabel("Tracking number").fill("1Z999AA10123456784");
  await region.getByRole("button", { name: "Ship package" }).click();

  const skus = [...new Set(state.order.line_items.map((l) => l.seller_sku))];
  await expect(sent(page).locator('[data-field="service"]')).toHaveText("Shipped by seller");
  for (const sku of skus)
    await expect(sent(page).locator('[data-field="items"]')).toContainText(`2 × ${sku}`);
  await expect(sent(page).locator('[data-field="carrier"]')).toHaveText("UPS");

  // The history survives a reload: it is the app's own record.
  await page.reload();
  const history = page.getByRole("table", { name: "Shipment history" });
  await expect(history.getByRole("row").nth(1)).toContainText("Mark Package As Shipped");
  await expect(history.getByRole("row").nth(1)).toContainText("1Z999AA10123456784");
  await expect(history.getByRole("row").nth(1)).toContainText("AWAITING_COLLECTION");
  expect((await devOrder(orderId)).packages[0]?.tracking_number).toBe("1Z999AA10123456784");
});

test("ORD-3PL-UPDATE: corrects tracking and carrier after dispatch; after 72 hours TikTok's refusal reads clearly", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const orderId = await placeOrder(shop.id);
  await mapCarrierFor(page, shop.id, orderId, "USPS");
  await openFulfil(page, shop.id, orderId);
  const packageId = (await devOrder(orderId)).packages[0]!.id;
  const region = packageRegion(page, packageId);
  await region.getByLabel("Tracking number").fill("9400111899223100012345");
  await region.getByRole("button", { name: "Ship package" }).click();
  await expect(sent(page)).toBeVisible();

  await expect(region.getByRole("timer")).toContainText(/Corrections allowed for (2 d 23 h|3 d 0 h)/);
  await region.getByLabel("Carrier").selectOption({ label: "FedEx" });
  await region.getByLabel("Corrected tracking number").fill("123456789012");
  await region.getByRole("button", { name: "Update tracking" }).click();
  await expect(sent(page)).toContainText("Tracking correction sent to TikTok Shop");
  let state = await devOrder(orderId);
  expect(state.packages[0]).toMatchObject({
    tracking_number: "123456789012",
    shipping_provider_name: "FedEx",
  });

  // TikTok's clock moves past 72 hours (the app's has not): TikTok answers 21011049.
  await control.advance(73 * 3600);
  await page.reload();
  await region.getByLabel("Carrier").selectOption({ label: "FedEx" });
  await region.getByLabel("Corrected tracking number").fill("123456789013");
  await region.getByRole("button", { name: "Update tracking" }).click();
  await expect(region.getByRole("alert")).toContainText(
    "Tracking details can only be corrected within 72 hours of shipping",
  );
  state = await devOrder(orderId);
  expect(state.packages[0]?.tracking_number).toBe("123456789012");
});

test("ORD-SYNC-ONHOLD: an on-hold order shows a live countdown, cannot be shipped, and ships once the hold ends", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const orderId = await placeOrder(shop.id, { onHold: true });
  await mapCarrierFor(page, shop.id, orderId, "USPS");
  await openFulfil(page, shop.id, orderId);
  const timer = page.getByRole("timer").first();
  await expect(timer).toContainText(/Shipping opens in (59|60):\d\d/);
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first ?? "", { timeout: 5_000 });
  await expect(page.getByRole("button", { name: "Ship order" })).toBeDisabled();
  await expect(page.getByLabel("Tracking number")).toBeDisabled();

  // The server refuses too, with the same clear message (no TikTok call is needed to know).
  const csrf = (await (await page.request.get(`${omsUrl}/api/csrf`)).json()) as { token: string };
  const refused = await page.request.post(`${omsUrl}/api/fulfillment/${shop.id}/orders/${orderId}/ship`, {
    headers: { "x-csrf-token": csrf.token, origin: omsUrl },
    data: { trackingNumber: "9400111899223100012345" },
  });
  expect(refused.status()).toBe(409);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("order_on_hold");
  expect(body.error.message).toMatch(/on hold until .* UTC/);
  expect((await devOrder(orderId)).order.status).toBe("ON_HOLD");

  await control.advance(3601);
  await expect.poll(async () => (await devOrder(orderId)).order.status).toBe("AWAITING_SHIPMENT");
  await page.reload();
  const packageId = (await devOrder(orderId)).packages[0]!.id;
  await packageRegion(page, packageId).getByLabel("Tracking number").fill("9400111899223100012345");
  await packageRegion(page, packageId).getByRole("button", { name: "Ship package" }).click();
  await expect(sent(page)).toBeVisible();
  expect((await devOrder(orderId)).order.status).toBe("AWAITING_COLLECTION");
});

test("ORD-SPLIT-API: ships two lines of one order in two packages with two tracking numbers", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const orderId = await placeOrder(shop.id, { quantity: 2 });
  await mapCarrierFor(page, shop.id, orderId, "USPS");
  await openFulfil(page, shop.id, orderId);
  const lines = (await devOrder(orderId)).order.line_items;
  const split = page.getByRole("region", { name: "Ship some items separately" });
  await split.getByRole("checkbox").first().check();
  await split.getByLabel("Tracking number for the ticked items").fill("9400111899223100000001");
  await split.getByRole("button", { name: "Ship ticked items" }).click();
  await expect(sent(page).locator('[data-field="status"]')).toHaveText("PARTIALLY_SHIPPING");
  expect((await devOrder(orderId)).order.status).toBe("PARTIALLY_SHIPPING");

  // The rest is now a package of its own, shipped with the second number.
  const remaining = (await devOrder(orderId)).packages.find((p) => p.tracking_number === null)!;
  expect(remaining.line_item_ids).toHaveLength(lines.length - 1);
  await packageRegion(page, remaining.id).getByLabel("Tracking number").fill("9400111899223100000002");
  await packageRegion(page, remaining.id).getByRole("button", { name: "Ship package" }).click();
  await expect(sent(page).locator('[data-field="tracking"]')).toHaveText("9400111899223100000002");
  const state = await devOrder(orderId);
  expect(state.order.status).toBe("AWAITING_COLLECTION");
  expect(state.packages.map((p) => p.tracking_number).sort()).toEqual([
    "9400111899223100000001",
    "9400111899223100000002",
  ]);
});

test("OMS-R3: without a default warehouse or a mapped carrier, the page says exactly what to set and links to the carrier mapping", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const orderId = await placeOrder(shop.id);
  await clearCarrierMappings(page, shop.id);
  await control.call("POST", "/fulfillment/default-warehouse", { shop_id: shop.id, warehouse_id: null });
  await openFulfil(page, shop.id, orderId);
  const setup = page.getByRole("alert").filter({ hasText: "Finish your shipping setup" });
  await expect(setup).toContainText("This shop has no default sales warehouse");
  await expect(setup).toContainText("Settings → Warehouses");
  await expect(setup).toContainText('No carrier is mapped for "Shipped by seller" from');

  const packageId = (await devOrder(orderId)).packages[0]!.id;
  await packageRegion(page, packageId).getByLabel("Tracking number").fill("9400111899223100012345");
  await packageRegion(page, packageId).getByRole("button", { name: "Ship package" }).click();
  await expect(packageRegion(page, packageId).getByRole("alert")).toContainText("no default sales warehouse");
  expect((await devOrder(orderId)).order.status).toBe("AWAITING_SHIPMENT");

  // The shipping workspace shows the same guidance for the whole shop.
  await page.goto(`${omsUrl}/shipping?shop=${shop.id}`);
  await expect(page.getByRole("alert").filter({ hasText: "Finish your shipping setup" })).toContainText(
    "no default sales warehouse",
  );
  await expect(
    page.getByText(/Shipping templates are not available through the TikTok Shop API/),
  ).toBeVisible();

  // The link goes to the carrier mapping; mapping the carrier removes that issue.
  await control.call("POST", "/fulfillment/default-warehouse", {
    shop_id: shop.id,
    warehouse_id: (await devOrder(orderId)).order.warehouse_id,
  });
  await openFulfil(page, shop.id, orderId);
  await page.getByRole("link", { name: "Open carrier mapping" }).click();
  await expect(page.getByRole("heading", { name: /^Carriers for/ })).toBeVisible();
  await mapCarrierFor(page, shop.id, orderId, "USPS");
  await openFulfil(page, shop.id, orderId);
  await expect(page.getByText("Finish your shipping setup")).toHaveCount(0);
});

test("OMS-R5: an FBT order is read-only: the page says TikTok fulfils it, offers no action, and the server refuses", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const { order_id: orderId } = await control.call<{ order_id: string }>("POST", "/fulfillment/fbt-orders", {
    shop_id: shop.id,
  });
  await openFulfil(page, shop.id, orderId);
  await expect(page.getByText("Fulfilled by TikTok").first()).toBeVisible();
  await expect(page.getByText(/TikTok fulfils this order from its own warehouse/)).toBeVisible();
  await expect(page.getByRole("button", { name: /Ship|label|Arrange|Update/ })).toHaveCount(0);
  await expect(page.getByLabel("Tracking number")).toHaveCount(0);

  const csrf = (await (await page.request.get(`${omsUrl}/api/csrf`)).json()) as { token: string };
  const packageId = (await devOrder(orderId)).packages[0]!.id;
  const refused = await page.request.post(`${omsUrl}/api/fulfillment/${shop.id}/packages/${packageId}/ship`, {
    headers: { "x-csrf-token": csrf.token, origin: omsUrl },
    data: { handoverMethod: "PICKUP" },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("fulfilled_by_tiktok");
  expect((await devOrder(orderId)).packages[0]?.tracking_number).toBeNull();
});

test("bad input: malformed tracking, unmapped carrier, cancelled and already shipped orders get a clear message and change nothing", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const orderId = await placeOrder(shop.id);
  const packageId = (await devOrder(orderId)).packages[0]!.id;

  // Carrier not mapped.
  await clearCarrierMappings(page, shop.id);
  await openFulfil(page, shop.id, orderId);
  const region = packageRegion(page, packageId);
  await region.getByLabel("Tracking number").fill("9400111899223100012345");
  await region.getByRole("button", { name: "Ship package" }).click();
  await expect(region.getByRole("alert")).toContainText('No carrier is mapped for "Shipped by seller"');

  await mapCarrierFor(page, shop.id, orderId, "USPS");
  await openFulfil(page, shop.id, orderId);
  for (const [value, message] of [
    ["", "Enter the tracking number the carrier gave you."],
    ["9400<1118>", "has characters carriers never use"],
    ["94001", "tracking numbers have 6 to 40"],
  ] as const) {
    await region.getByLabel("Tracking number").fill(value);
    await region.getByRole("button", { name: "Ship package" }).click();
    await expect(region.getByRole("alert")).toContainText(message);
  }
  let state = await devOrder(orderId);
  expect(state.order.status).toBe("AWAITING_SHIPMENT");
  expect(state.packages[0]?.tracking_number).toBeNull();

  // Shipped meanwhile (in another tab): the stale page's second attempt is refused.
  await region.getByLabel("Tracking number").fill("9400111899223100012345");
  await region.getByRole("button", { name: "Ship package" }).click();
  await expect(sent(page)).toBeVisible();
  const csrf = (await (await page.request.get(`${omsUrl}/api/csrf`)).json()) as { token: string };
  const again = await page.request.post(`${omsUrl}/api/fulfillment/${shop.id}/packages/${packageId}/ship`, {
    headers: { "x-csrf-token": csrf.token, origin: omsUrl },
    data: { trackingNumber: "9400111899223100099999" },
  });
  expect(again.status()).toBe(409);
  expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/already shipped/);
  state = await devOrder(orderId);
  expect(state.packages[0]?.tracking_number).toBe("9400111899223100012345");

  // Cancelled by the buyer before shipping.
  const cancelled = await placeOrder(shop.id, { onHold: true });
  await control.call("POST", `/buyer/orders/${cancelled}/cancel`, {});
  await openFulfil(page, shop.id, cancelled);
  await expect(page.getByText("This order was cancelled, so there is nothing to ship.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Ship/ })).toHaveCount(0);
  expect((await devOrder(cancelled)).order.status).toBe("CANCELLED");
});
