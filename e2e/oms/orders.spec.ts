import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "../support/accessibility.ts";
import { omsApp } from "../support/apps.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import {
  buyerOrder,
  devNow,
  devOrder,
  devOrders,
  installAndImport,
  liveSku,
  openList,
  openOrder,
  orderRow,
  pastOrder,
  plainText,
  seller1Shop,
  viewCount,
} from "../support/oms-orders.ts";
import { omsUrl } from "../support/ports.ts";

/**
 * Order sync as the seller sees it in the orders workspace: the first import brings in every order
 * the shop has, new orders arrive by webhook, and an order's page shows what TikTok holds for it
 * (lines, taxes, payment, buyer, address once released, packages, tracking), checked field by
 * field against the dev shop's own order.
 */

// Each test installs OMS, waits for a full import and checks many pages.
eachTestStartsClean({ app: omsApp, url: omsUrl, timeoutMs: 120_000 });

test("ORD-SYNC-IMPORT: every existing order is imported on connection and a new order arrives by webhook", async ({
  page,
}) => {
  const shop = await seller1Shop("US");
  await installAndImport(page, shop);
  const existing = await devOrders(shop.id);
  // The dev shop's history spans 90 days, far beyond a day-long first window.
  const now = await devNow();
  expect(existing.filter((o) => o.order.update_time < now - 30 * 86_400).length).toBeGreaterThan(10);
  await openList(page, shop.id);
  expect(await viewCount(page, "All orders")).toBe(existing.length);
  const oldest = existing.at(-1)!.order;
  await openList(page, shop.id, { q: oldest.id });
  await expect(orderRow(page, oldest.id)).toBeVisible();

  // A buyer orders now: webhook 1 brings it in (it is newest, at the top of All orders).
  const orderId = await buyerOrder({ shop_id: shop.id, on_hold: false });
  await expect
    .poll(
      async () => {
        await openList(page, shop.id);
        return orderRow(page, orderId).count();
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe(1);
  expect(await viewCount(page, "All orders")).toBe(existing.length + 1);
  await orderRow(page, orderId).getByRole("link", { name: orderId }).click();
  await expect(page.getByRole("heading", { name: `Order ${orderId}` })).toBeVisible();

  const { order } = await devOrder(orderId);
  expect(order.status).toBe("AWAITING_SHIPMENT");
  // Lines: every SKU with its quantity (TikTok sends one line item per unit) and unit price.
  const items = page.getByRole("table", { name: "Items" });
  const bySku = new Map<string, typeof order.line_items>();
  for (const line of order.line_items) bySku.set(line.sku_id, [...(bySku.get(line.sku_id) ?? []), line]);
  await expect(items.getByRole("row")).toHaveCount(bySku.size + 1);
  for (const [skuId, units] of bySku) {
    const row = items.getByRole("row").filter({ hasText: skuId });
    await expect(row).toContainText(units[0]!.seller_sku);
    await expect(row).toContainText(units[0]!.product_name);
    await expect(row.getByRole("cell").nth(2)).toHaveText(String(units.length));
    expect(await plainText(row.getByRole("cell").nth(3))).toContain(units[0]!.sale_price);
  }
  // Buyer and the released address.
  const buyer = page.getByRole("region", { name: "Buyer and shipping address" });
  await expect(buyer).toContainText(order.user_id);
  await expect(buyer).toContainText(order.buyer_email);
  await expect(buyer).toContainText(order.recipient_address.name);
  await expect(buyer).toContainText(order.recipient_address.full_address);
  // Payment breakdown.
  const payment = page.getByRole("region", { name: "Payment" });
  for (const field of ["sub_total", "shipping_fee", "total_amount"]) {
    expect(await plainText(payment)).toContain(order.payment[field]!);
  }
  // The package TikTok created when the order became shippable.
  const packages = page.getByRole("table", { name: "Packages" });
  await expect(packages).toContainText(order.packages[0]!.id);
  await expect(packages).toContainText("To ship");
  // Placed, not shipped: nothing to track yet; the Fulfil and Cancel links are offered.
  await expect(page.getByRole("region", { name: "Tracking" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Fulfil" })).toHaveAttribute(
    "href",
    `/orders/${orderId}/fulfil?shop=${shop.id}`,
  );
  await expect(page.getByRole("link", { name: "Cancel order" })).toHaveAttribute(
    "href",
    `/orders/${orderId}/cancel?shop=${shop.id}`,
  );
});

test("ORD-SYNC-IMPORT: an ON_HOLD order withholds the address; a shipped order shows its tracking timeline", async ({
  page,
}) => {
  const shop = await seller1Shop("US");
  const now = await devNow();
  // Shipped by the seller five days ago, so the carrier has reported a few scans since.
  const shippedId = await pastOrder({
    shop_id: shop.id,
    placed_at: now - 6 * 86_400,
    shipped_at: now - 5 * 86_400,
    shipping_type: "SELLER",
  });
  await installAndImport(page, shop);

  const held = await buyerOrder({ shop_id: shop.id });
  const heldView = await devOrder(held);
  expect(heldView.order.status).toBe("ON_HOLD");
  expect(heldView.order.recipient_address.full_address).toBe("");
  await openOrder(page, shop.id, held);
  await expect(page.getByTestId("address-withheld")).toContainText(
    "The address is released when the hold ends",
  );
  // Exactly an hour left reads "1h"; less reads in minutes.
  await expect(page.getByText(/On hold: releases in (1h|\d+m)/)).toBeVisible();
  await expect(page.getByRole("table", { name: "Packages" })).toHaveCount(0);

  const shipped = await devOrder(shippedId);
  expect(shipped.tracking.length).toBeGreaterThan(1);
  await openOrder(page, shop.id, shippedId);
  const packages = page.getByRole("table", { name: "Packages" });
  await expect(packages).toContainText(shipped.order.line_items[0]!.tracking_number);
  const events = page.getByRole("list", { name: "Tracking events" });
  await expect(events.getByRole("listitem")).toHaveCount(shipped.tracking.length);
  for (const event of shipped.tracking) await expect(events).toContainText(event.description);
  // Fetched once from TikTok, then served from the saved copy until the seller refreshes.
  await page.reload();
  await expect(page.getByText(/\(saved copy\)/)).toBeVisible();
  await page.getByRole("button", { name: "Refresh tracking" }).click();
  await expect(page.getByText(/\(saved copy\)/)).toHaveCount(0);
  await expect(events.getByRole("listitem")).toHaveCount(shipped.tracking.length);
});

test("ORD-SYNC-TAX: each line's sales tax and rate, summed for the order, and TikTok's price detail", async ({
  page,
}) => {
  const shop = await seller1Shop("US");
  const sku = await liveSku(shop.id);
  await installAndImport(page, shop);
  // A buyer living where sales tax applies (some US states have none).
  const taxedBuyer = (await devOrders(shop.id)).find((v) =>
    v.order.line_items.every((line) => line.item_tax.some((t) => Number(t.tax_amount) > 0)),
  )!.order.user_id;
  const orderId = await buyerOrder({
    shop_id: shop.id,
    on_hold: false,
    sku_ids: [sku],
    quantity_per_sku: 2,
    buyer_user_id: taxedBuyer,
  });
  const { order } = await devOrder(orderId);
  const line = order.line_items[0]!;
  expect(line.item_tax.length).toBeGreaterThan(0);
  await openOrder(page, shop.id, orderId);

  const row = page.getByRole("table", { name: "Items" }).getByRole("row").filter({ hasText: sku });
  const taxCell = row.getByRole("cell").nth(4);
  const tax = line.item_tax[0]!;
  // Two units: the line shows their tax together, with the rate TikTok applied.
  const twice = (Number(tax.tax_amount.replace(".", "")) * 2).toString().padStart(3, "0");
  expect(await plainText(taxCell)).toContain(`${twice.slice(0, -2)}.${twice.slice(-2)}`);
  const percent = (Number(tax.tax_rate) * 100).toFixed(3).replace(/\.?0+$/, "");
  await expect(taxCell).toContainText(`sales tax ${percent}%`);
  // Summed over the lines: the order's tax on items.
  expect(await plainText(page.getByLabel("Tax by rate"))).toContain(order.payment.product_tax);
  expect(await plainText(page.getByRole("region", { name: "Payment" }))).toContain(
    order.payment.total_amount,
  );

  await page.getByRole("button", { name: "Show TikTok's price detail" }).click();
  const prices = page.getByRole("table", { name: "TikTok price detail" });
  await expect(prices).toBeVisible();
  for (const unit of order.line_items) await expect(prices).toContainText(unit.id);
  expect(await plainText(prices.getByRole("row").last())).toContain(order.payment.product_tax);
});

test("ORD-SYNC-SAMPLE: a free sample imports with zero value, is marked Sample and can be fulfilled", async ({
  page,
}) => {
  const shop = await seller1Shop("US");
  await installAndImport(page, shop);
  const orderId = await buyerOrder({ shop_id: shop.id, on_hold: false, is_sample: true });
  const { order } = await devOrder(orderId);
  expect(order.is_sample_order).toBe(true);
  expect(Number(order.payment.total_amount)).toBe(0);

  await openList(page, shop.id, { q: orderId });
  await expect
    .poll(
      async () => {
        await openList(page, shop.id, { q: orderId });
        return orderRow(page, orderId).count();
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe(1);
  const row = orderRow(page, orderId);
  await expect(row).toContainText("Sample");
  expect(await plainText(row)).toContain(order.payment.total_amount);

  await row.getByRole("link", { name: orderId }).click();
  await expect(page.getByRole("heading", { name: `Order ${orderId}` })).toBeVisible();
  await expect(page.getByText("Free sample")).toBeVisible();
  for (const unit of order.line_items) expect(Number(unit.sale_price)).toBe(0);
  await expect(page.getByRole("link", { name: "Fulfil" })).toHaveAttribute(
    "href",
    `/orders/${orderId}/fulfil?shop=${shop.id}`,
  );
});

test("ORD-SYNC-GIFT: a gift line shows as a gift at zero price and ships in the order's package", async ({
  page,
}) => {
  const shop = await seller1Shop("US");
  const sku = await liveSku(shop.id);
  await installAndImport(page, shop);
  const orderId = await buyerOrder({ shop_id: shop.id, on_hold: false, gift_sku_id: sku });
  const { order } = await devOrder(orderId);
  const gift = order.line_items.find((line) => line.is_gift)!;
  expect(Number(gift.sale_price)).toBe(0);
  expect(order.line_items.every((line) => line.package_id === gift.package_id)).toBe(true);

  await openOrder(page, shop.id, orderId);
  const giftRow = page.getByRole("table", { name: "Items" }).getByRole("row").filter({ hasText: "Gift" });
  await expect(giftRow).toHaveCount(1);
  await expect(giftRow).toContainText(gift.seller_sku);
  await expect(giftRow.getByRole("cell").nth(2)).toHaveText("1");
  expect(await plainText(giftRow.getByRole("cell").nth(3))).toContain(gift.sale_price);
  // One package carries every unit, the gift included.
  const pkg = page
    .getByRole("table", { name: "Packages" })
    .getByRole("row")
    .filter({ hasText: gift.package_id });
  await expect(pkg.getByRole("cell").nth(4)).toHaveText(String(order.line_items.length));
});

for (const scheme of ["light", "dark"] as const) {
  test(`the orders workspace and an order's page have no accessibility violations (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const shop = await seller1Shop("US");
    const now = await devNow();
    const shipped = await pastOrder({
      shop_id: shop.id,
      placed_at: now - 6 * 86_400,
      shipped_at: now - 5 * 86_400,
      shipping_type: "SELLER",
    });
    const late = await pastOrder({ shop_id: shop.id, placed_at: now - 4 * 86_400 });
    await installAndImport(page, shop);
    const held = await buyerOrder({ shop_id: shop.id });
    for (const [path, ready] of [
      [`/?shop=${shop.id}&view=all`, "Orders"],
      [`/?shop=${shop.id}&view=late`, "Orders"],
      [`/orders/${shipped}?shop=${shop.id}`, `Order ${shipped}`],
      [`/orders/${late}?shop=${shop.id}`, `Order ${late}`],
    ] as const) {
      await page.goto(`${omsUrl}${path}`);
      await expect(page.getByRole("heading", { name: ready })).toBeVisible();
      await expectNoAxeViolations(page, `${path} in the ${scheme} theme`);
    }
    await openOrder(page, shop.id, held);
    await expectNoAxeViolations(page, `the order page in the ${scheme} theme`);
  });
}
