import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { omsApp } from "../support/apps.ts";
import { control } from "../support/dev-shop.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { installFromAppStore, type ShopRow, seller1Shops } from "../support/oms.ts";
import {
  devOrder,
  mapSellerShippingEverywhere,
  openFulfil,
  pdfPageCount,
  pdfText,
  placeOrder,
} from "../support/oms-fulfillment.ts";
import { omsUrl } from "../support/ports.ts";

/**
 * Working many orders at once: the shipping workspace's batch shipment (typed and pasted tracking
 * numbers), merged labels, pick lists and packing slips, scan-to-ship and shipping rules. Each test
 * starts with the App Store install and checks the dev shop's state afterwards.
 */
test.describe.configure({ timeout: 120_000 });

eachTestStartsClean({ app: omsApp, url: omsUrl, consoleErrors: "allow-4xx" });

async function usShop(): Promise<ShopRow> {
  return (await seller1Shops()).find((s) => s.region === "US")!;
}

/**
 * The shipping workspace, once OMS's mirror lists every one of the orders (webhook 1). The seeded
 * shop has older open orders due sooner, so the page shows 200 orders at a time.
 */
async function openShipping(page: Page, shopId: string, orderIds: string[], tab = "Ready to ship") {
  await expect
    .poll(
      async () => {
        await page.goto(`${omsUrl}/shipping?shop=${shopId}`);
        await page.getByRole("button", { name: tab }).click();
        await page.getByLabel("Per page").selectOption("200");
        const table = page.getByRole("table", { name: "Orders to ship" });
        await table.waitFor({ timeout: 10_000 }).catch(() => {});
        const text = (await table.textContent().catch(() => "")) ?? "";
        return orderIds.every((id) => text.includes(id));
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(true);
}

async function download(page: Page, button: string): Promise<Buffer> {
  const event = page.waitForEvent("download");
  await page.getByRole("button", { name: button }).click();
  return readFileSync(await (await event).path());
}

async function api(page: Page, path: string, data: unknown) {
  const csrf = (await (await page.request.get(`${omsUrl}/api/csrf`)).json()) as { token: string };
  const response = await page.request.post(`${omsUrl}/api${path}`, {
    headers: { "x-csrf-token": csrf.token, origin: omsUrl },
    data,
  });
  expect(response.ok(), await response.text()).toBe(true);
  return response.json();
}

test("OMS-BATCH: ships several orders in one background batch with typed and pasted tracking numbers and a per-order result", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  await mapSellerShippingEverywhere(page, shop.id, "USPS");
  const orders = [];
  for (let i = 0; i < 5; i++) orders.push(await placeOrder(shop.id));
  const [typed, pasted1, pasted2, malformed, cancelling] = orders as [string, string, string, string, string];
  await openShipping(page, shop.id, orders);

  await page.getByLabel(`Tracking number for order ${typed}`).fill("9400111899223100000401");
  await page.getByLabel(`Tracking number for order ${malformed}`).fill("bad!");
  await page.getByLabel(`Tracking number for order ${cancelling}`).fill("9400111899223100000405");
  await page.getByText("Paste tracking numbers (CSV)").click();
  await page
    .getByLabel("One order per line: order id, tracking number")
    .fill(
      `order_id,tracking\n${pasted1},9400111899223100000402\n${pasted2}, 9400111899223100000403\n999,123`,
    );
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("2 tracking numbers applied. Not on this page: 999.")).toBeVisible();
  await expect(page.getByLabel(`Tracking number for order ${pasted2}`)).toHaveValue("9400111899223100000403");
  // The buyer asks to cancel one of them while the seller is packing.
  await control.call("POST", `/buyer/orders/${cancelling}/cancel`, {});

  await expect(page.getByText("5 selected")).toBeVisible();
  await page.getByRole("button", { name: "Ship selected" }).click();
  const batch = page.getByRole("region", { name: "Batch shipment" });
  await expect(batch.getByRole("heading", { name: "Batch finished" })).toBeVisible({ timeout: 30_000 });
  await expect(batch.getByRole("status")).toHaveText("5 of 5 done · 3 shipped · 2 failed");
  const results = batch.getByRole("table", { name: "Batch results" });
  await expect(results.getByRole("row").filter({ hasText: typed })).toContainText("Shipped with USPS");
  await expect(results.getByRole("row").filter({ hasText: malformed })).toContainText(
    'Failed: The tracking number "BAD!" has characters carriers never use',
  );
  await expect(results.getByRole("row").filter({ hasText: cancelling })).toContainText(
    "Failed: The buyer asked to cancel this order",
  );

  for (const [id, tracking] of [
    [typed, "9400111899223100000401"],
    [pasted1, "9400111899223100000402"],
    [pasted2, "9400111899223100000403"],
  ] as const) {
    const state = await devOrder(id);
    expect(state.order.status).toBe("AWAITING_COLLECTION");
    expect(state.packages[0]?.tracking_number).toBe(tracking);
  }
  for (const id of [malformed, cancelling])
    expect((await devOrder(id)).packages[0]?.tracking_number).toBeNull();
  // The app's history records which way each shipment went out.
  await openFulfil(page, shop.id, typed);
  await expect(page.getByRole("table", { name: "Shipment history" })).toContainText(
    "Mark Package As Shipped (batch)",
  );
});

test("OMS-LABELS: prints the labels of several TikTok Shipping packages as one merged PDF", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const orders = [
    await placeOrder(shop.id, { shipping: "TIKTOK" }),
    await placeOrder(shop.id, { shipping: "TIKTOK" }),
  ];
  for (const orderId of orders) {
    const { services } = (await api(page, `/fulfillment/${shop.id}/orders/${orderId}/services`, {})) as {
      services: Array<{ id: string }>;
    };
    await api(page, `/fulfillment/${shop.id}/orders/${orderId}/labels`, {
      shippingServiceId: services[0]!.id,
    });
  }
  await openShipping(page, shop.id, orders, "Awaiting collection");
  for (const orderId of orders) await page.getByLabel(`Select order ${orderId}`).check();
  const pdf = await download(page, "Print labels");
  expect(pdfPageCount(pdf)).toBe(2);
  const text = pdfText(pdf);
  for (const orderId of orders) {
    const tracking = (await devOrder(orderId)).packages[0]!.tracking_number!;
    expect(text).toContain(tracking);
  }
});

test("OMS-PICK: a pick list sums SKUs per warehouse across orders; packing slips list each order's items", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const first = await placeOrder(shop.id, { quantity: 2 });
  const { order } = await devOrder(first);
  const sku = order.line_items[0]!;
  // A second order of the same SKU from the same warehouse, so the pick list adds them up (with
  // stock put back first: the first order may have taken the last units).
  await control.call("POST", `/catalog/products/${sku.product_id}/stock`, {
    sku_id: sku.sku_id,
    warehouse_id: order.warehouse_id,
    quantity: 10,
  });
  const { order_id: second } = await control.call<{ order_id: string }>("POST", "/buyer/orders", {
    shop_id: shop.id,
    sku_ids: [sku.sku_id],
    warehouse_id: order.warehouse_id,
    shipping_type: "SELLER",
    on_hold: false,
  });
  await openShipping(page, shop.id, [first, second]);
  await page.getByLabel(`Select order ${first}`).check();
  await page.getByLabel(`Select order ${second}`).check();

  const pick = pdfText(await download(page, "Pick list"));
  expect(pick).toContain("Pick list");
  expect(pick).toContain("2 orders");
  const units = order.line_items.filter((l) => l.sku_id === sku.sku_id).length + 1;
  // The SKU's row: seller SKU, then the product, then the summed quantity.
  const lines = pick.split("\n");
  const at = lines.indexOf(sku.seller_sku);
  expect(at).toBeGreaterThan(-1);
  expect(lines[at + 2]).toBe(String(units));
  expect(pick).toMatch(/Warehouse: .+ Fulfilment Centre/);

  const slips = await download(page, "Packing slips");
  expect(pdfPageCount(slips)).toBe(2);
  const slipText = pdfText(slips);
  expect(slipText).toContain(`Order ${first}`);
  expect(slipText).toContain(`Order ${second}`);
  expect(slipText).toContain(sku.seller_sku);
});

test("OMS-SCAN: keyboard only: scan an order, scan its tracking number, Enter ships it with the mapped carrier", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  await mapSellerShippingEverywhere(page, shop.id, "UPS");
  const orderId = await placeOrder(shop.id);
  const onHold = await placeOrder(shop.id, { onHold: true });
  await page.goto(`${omsUrl}/shipping/scan?shop=${shop.id}`);
  const orderField = page.getByLabel("Order id");
  await expect(orderField).toBeFocused();

  // An order on hold is refused at the scan, before any tracking number.
  await page.keyboard.type(onHold);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Not shipped" })).toContainText(
    "This order is on hold",
  );

  await orderField.fill("");
  await page.keyboard.type(orderId);
  await page.keyboard.press("Enter");
  await expect(page.locator('[data-field="scan-carrier"]')).toHaveText("Carrier: UPS (carrier mapping)");
  await expect(page.getByLabel("Tracking number")).toBeFocused();
  await page.keyboard.type("1Z999AA10123456784");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Shipped here (1)" })).toBeVisible();
  await expect(orderField).toBeFocused();
  await expect(orderField).toHaveValue("");
  const state = await devOrder(orderId);
  expect(state.order.status).toBe("AWAITING_COLLECTION");
  expect(state.packages[0]).toMatchObject({
    tracking_number: "1Z999AA10123456784",
    shipping_provider_name: "UPS",
  });
  expect((await devOrder(onHold)).order.status).toBe("ON_HOLD");
});

test("OMS-RULES: a rule chooses the carrier by warehouse; the fulfil page shows which rule matched and ships with it", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  await mapSellerShippingEverywhere(page, shop.id, "USPS");
  const orderId = await placeOrder(shop.id, { quantity: 2 });
  const { order } = await devOrder(orderId);

  await page.goto(`${omsUrl}/shipping/rules?shop=${shop.id}`);
  await page.getByRole("button", { name: "Add a rule" }).click();
  let rule = page.getByRole("group", { name: "Rule 1" });
  await rule.getByLabel("Name").fill("Impossible totals");
  await rule.getByLabel("Order total at least").fill("50");
  await rule.getByLabel("Order total at most").fill("10");
  await rule.getByLabel("Carrier (your own shipping)").selectOption({ label: "UPS" });
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Rules not saved" })).toContainText(
    "the minimum order total is above the maximum",
  );
  await page.reload();
  await expect(page.getByText("No rules yet")).toBeVisible();

  await page.getByRole("button", { name: "Add a rule" }).click();
  rule = page.getByRole("group", { name: "Rule 1" });
  await rule.getByLabel("Name").fill("Big baskets by FedEx");
  await rule.getByLabel("Items at least").fill("50");
  await rule.getByLabel("Carrier (your own shipping)").selectOption({ label: "UPS" });
  await page.getByRole("button", { name: "Add a rule" }).click();
  rule = page.getByRole("group", { name: "Rule 2" });
  await rule.getByLabel("Name").fill("This warehouse ships FedEx");
  await rule.getByLabel("Order's warehouse", { exact: true }).selectOption(order.warehouse_id);
  await rule.getByLabel("Shop region").selectOption("US");
  await rule.getByLabel("Carrier (your own shipping)").selectOption({ label: "FedEx" });
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText("Shipping rules saved").first()).toBeVisible();

  await page.getByLabel("Order id").fill(orderId);
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.locator('[data-field="tester-result"]')).toContainText(
    'Rule "This warehouse ships FedEx" matches.',
  );
  await expect(page.locator('[data-field="tester-result"]')).toContainText("with FedEx");

  await openFulfil(page, shop.id, orderId);
  await expect(page.locator('[data-field="planned-carrier"]')).toHaveText(
    'FedEx (shipping rule "This warehouse ships FedEx")',
  );
  const packageId = (await devOrder(orderId)).packages[0]!.id;
  const region = page.getByRole("region", { name: `Package ${packageId}` });
  await region.getByLabel("Tracking number").fill("123456789012");
  await region.getByRole("button", { name: "Ship package" }).click();
  await expect(page.getByRole("region", { name: "Sent to TikTok Shop" })).toContainText(
    'rule "This warehouse ships FedEx"',
  );
  expect((await devOrder(orderId)).packages[0]).toMatchObject({
    tracking_number: "123456789012",
    shipping_provider_name: "FedEx",
  });

  // Rules are the app's own: clean up for the next test of this shop.
  await page.goto(`${omsUrl}/shipping/rules?shop=${shop.id}`);
  await page.getByRole("group", { name: "Rule 2" }).getByRole("button", { name: "Remove" }).click();
  await page.getByRole("group", { name: "Rule 1" }).getByRole("button", { name: "Remove" }).click();
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText("Shipping rules saved").first()).toBeVisible();
});
