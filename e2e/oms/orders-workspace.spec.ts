import { expect, type Page, test } from "@playwright/test";
import { omsApp } from "../support/apps.ts";
import { control } from "../support/dev-shop.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import {
  buyerOrder,
  type DevOrder,
  devNow,
  devOrder,
  devOrders,
  installAndImport,
  openList,
  openOrder,
  orderRow,
  pastOrder,
  seller1Shop,
  viewCount,
} from "../support/oms-orders.ts";
import { omsUrl } from "../support/ports.ts";

/**
 * The orders workspace: TikTok's statuses mapped to OMS states with an explicit On Hold (OMS-R1),
 * ship-by deadlines and the late dispatch rate (OMS-R4), FBT orders read-only (OMS-R5), and search
 * over the mirror. Every figure on screen is recomputed from the dev shop's own state.
 */

// Each test installs OMS, waits for a full import and checks many pages.
eachTestStartsClean({ app: omsApp, url: omsUrl, timeoutMs: 120_000 });

const DAY = 86_400;
const FBT = "FULFILLMENT_BY_TIKTOK";
const toShip = (o: DevOrder) =>
  ["AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"].includes(o.status) && o.fulfillment_type !== FBT;

/** The "1–20 of N" total of the orders table, or 0 when it shows no rows. */
async function listTotal(page: Page): Promise<number> {
  const pagination = page.getByRole("navigation", { name: "Orders pagination" });
  const empty = page.getByText(/^(No orders (match|here)|No results)$/);
  await expect(pagination.or(empty).first()).toBeVisible();
  if (await empty.isVisible()) return 0;
  return Number(/of ([\d,]+)/.exec((await pagination.textContent()) ?? "")?.[1]?.replace(/,/g, ""));
}

/** Reloads the list until OMS has caught up with the dev shop (webhooks are asynchronous). */
async function untilInList(page: Page, shopId: string, orderId: string, view = "all") {
  await expect
    .poll(
      async () => {
        await openList(page, shopId, { view, q: orderId });
        return orderRow(page, orderId).count();
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toBe(1);
}

test("OMS-R1: every TikTok status has its own state, On hold is explicit, and saved views count them", async ({
  page,
}) => {
  const shop = await seller1Shop("US");
  await installAndImport(page, shop);
  const held = await buyerOrder({ shop_id: shop.id, on_hold: true });
  const legacy = await buyerOrder({ shop_id: shop.id, on_hold: false });
  await untilInList(page, shop.id, held);
  await untilInList(page, shop.id, legacy);

  // Both flows: the current one holds the order for an hour, the legacy one goes straight on.
  const heldView = await devOrder(held);
  expect(heldView.order).toMatchObject({ status: "ON_HOLD", is_on_hold_order: true });
  expect((await devOrder(legacy)).order).toMatchObject({
    status: "AWAITING_SHIPMENT",
    is_on_hold_order: false,
  });

  const dev = (await devOrders(shop.id)).map((v) => v.order);
  const count = (statuses: string[]) => dev.filter((o) => statuses.includes(o.status)).length;
  await openList(page, shop.id, { view: "on_hold" });
  const expected: Array<[string, number]> = [
    ["On hold", count(["ON_HOLD"])],
    ["Awaiting shipment", dev.filter(toShip).length],
    ["Awaiting payment", count(["UNPAID"])],
    ["Shipped", count(["AWAITING_COLLECTION", "IN_TRANSIT"])],
    ["Delivered", count(["DELIVERED", "COMPLETED"])],
    ["Cancelled", count(["CANCELLED"])],
    ["Fulfilled by TikTok", dev.filter((o) => o.fulfillment_type === FBT).length],
    ["All orders", dev.length],
  ];
  for (const [label, n] of expected) expect(await viewCount(page, label), label).toBe(n);
  expect(await listTotal(page)).toBe(count(["ON_HOLD"]));
  const heldRow = orderRow(page, held);
  await expect(heldRow).toContainText("On hold");
  // The hold ends an hour after payment: the row counts down to it.
  await expect(heldRow).toContainText(/Releases in (59|60|58)m/);
  await page.getByRole("tab", { name: /^Awaiting shipment/ }).click();
  await page.getByRole("searchbox", { name: "Search orders" }).fill(legacy);
  await expect(orderRow(page, legacy)).toContainText("Awaiting shipment");

  // Every status of TikTok's flow, PARTIALLY_SHIPPING included, shows under its own name.
  const labels: Record<string, string> = {
    UNPAID: "Awaiting payment",
    ON_HOLD: "On hold",
    AWAITING_SHIPMENT: "Awaiting shipment",
    PARTIALLY_SHIPPING: "Partially shipped",
    AWAITING_COLLECTION: "Awaiting collection",
    IN_TRANSIT: "In transit",
    DELIVERED: "Delivered",
    COMPLETED: "Completed",
    CANCELLED: "Cancelled",
  };
  for (const [status, label] of Object.entries(labels)) {
    const order = dev.find((o) => o.status === status);
    expect(order, `the dev shop has a ${status} order`).toBeDefined();
    await openList(page, shop.id, { q: order!.id });
    await expect(orderRow(page, order!.id).getByRole("cell").nth(1)).toContainText(label);
  }

  await openOrder(page, shop.id, legacy);
  await expect(page.getByText("No hold (legacy flow: shippable once paid)")).toBeVisible();
  await openOrder(page, shop.id, held);
  await expect(page.getByText("One-hour hold after payment")).toBeVisible();
  await expect(page.getByTestId("address-withheld")).toBeVisible();

  // The hour passes: TikTok releases the order (webhook 1) and OMS shows it shippable, address included.
  await control.advance(3600 + 60);
  const released = await devOrder(held);
  expect(released.order.status).toBe("AWAITING_SHIPMENT");
  await openOrder(page, shop.id, held, released.order.recipient_address.full_address);
  await expect(page.getByRole("heading", { name: `Order ${held}` })).toBeVisible();
  await expect(page.locator("main").getByText("Awaiting shipment").first()).toBeVisible();
  await expect(page.getByTestId("address-withheld")).toHaveCount(0);
});

test("OMS-R4: ship-by deadlines count down, late and due-soon orders are flagged, and the late dispatch rate is checked against 4%", async ({
  page,
}) => {
  const shop = await seller1Shop("US");
  const now = await devNow();
  // Enough shipments after their deadline to push the shop's 30-day rate above 4%.
  const inWindow = (o: DevOrder) =>
    o.fulfillment_type !== FBT && o.rts_time !== undefined && o.rts_time >= now - 30 * DAY && o.rts_sla_time;
  const before = (await devOrders(shop.id)).map((v) => v.order).filter(inWindow);
  const lateBefore = before.filter((o) => o.rts_time! > o.rts_sla_time!).length;
  const extra = Math.max(2, Math.ceil((0.05 * before.length - lateBefore) / 0.95));
  for (let i = 0; i < extra; i++) {
    const placedAt = now - (8 + i) * DAY;
    await pastOrder({ shop_id: shop.id, placed_at: placedAt, shipped_at: placedAt + 4 * DAY + 3600 });
  }
  // Paid four days ago and still waiting: its three days ran out yesterday.
  const late = await pastOrder({ shop_id: shop.id, placed_at: now - 4 * DAY });
  // Paid 2.5 days ago: due within the day.
  const dueSoon = await pastOrder({ shop_id: shop.id, placed_at: now - 2.5 * DAY });
  await installAndImport(page, shop);

  const dev = (await devOrders(shop.id)).map((v) => v.order);
  const lateDev = (await devOrder(late)).order;
  expect(lateDev.rts_sla_time!).toBeLessThan(now);
  expect((await devOrder(dueSoon)).order.rts_sla_time! - now).toBeLessThan(DAY);

  await openList(page, shop.id, { view: "late" });
  const clock = await devNow();
  expect(await viewCount(page, "Late")).toBe(dev.filter((o) => toShip(o) && o.rts_sla_time! < clock).length);
  await expect(orderRow(page, late)).toContainText(/Late by \d+h/);
  await openList(page, shop.id, { view: "to_ship", q: dueSoon });
  await expect(orderRow(page, dueSoon)).toContainText(/Due in \d+h/);

  // Most urgent first: sorted by ship-by on the server.
  await page.goto(`${omsUrl}/?shop=${shop.id}&view=to_ship&sort=shipBy&order=asc`);
  const urgent = dev.filter(toShip).sort((a, b) => a.rts_sla_time! - b.rts_sla_time!)[0]!;
  await expect(page.getByRole("table", { name: "Orders" }).getByRole("row").nth(1)).toContainText(urgent.id);

  await openOrder(page, shop.id, late);
  await expect(page.getByText(/Ship by .*Late by \d+h/)).toBeVisible();
  await expect(page.getByText(/The deadline passed/)).toBeVisible();

  // The shop's late dispatch rate over the last 30 days, from the dev shop's own orders.
  const shipped = dev.filter(inWindow);
  const lateShipped = shipped.filter((o) => o.rts_time! > o.rts_sla_time!).length;
  const rate = ((lateShipped / shipped.length) * 100).toFixed(1);
  expect(lateShipped / shipped.length).toBeGreaterThanOrEqual(0.04);
  await openList(page, shop.id);
  const figure = page.getByTestId("late-dispatch-rate");
  await expect(figure).toContainText(`${rate}%`);
  await expect(figure).toContainText(`(${lateShipped} of ${shipped.length} shipped late)`);
  await expect(page.getByText(`Late dispatch rate ${rate}%: above TikTok's 4% limit`)).toBeVisible();
  await page.getByRole("button", { name: "Show late orders" }).click();
  await expect(page.getByRole("tab", { name: /^Late/ })).toHaveAttribute("aria-selected", "true");
});

test("OMS-R5: FBT orders are imported, marked Fulfilled by TikTok, read-only, and counted in reporting", async ({
  page,
}) => {
  const shop = await seller1Shop("US");
  const now = await devNow();
  const fbt = await pastOrder({ shop_id: shop.id, placed_at: now - 3 * DAY, fulfillment_type: FBT });
  await installAndImport(page, shop);
  const { order } = await devOrder(fbt);
  expect(order.fulfillment_type).toBe(FBT);
  // TikTok's warehouse dispatched it.
  expect(order.rts_time).toBeDefined();

  const dev = (await devOrders(shop.id)).map((v) => v.order);
  await openList(page, shop.id, { view: "fbt" });
  expect(await viewCount(page, "Fulfilled by TikTok")).toBe(
    dev.filter((o) => o.fulfillment_type === FBT).length,
  );
  await openList(page, shop.id, { view: "fbt", q: fbt });
  await expect(orderRow(page, fbt)).toContainText("FBT");
  // Never in the seller's shipping queue.
  await openList(page, shop.id, { view: "to_ship", q: fbt });
  expect(await listTotal(page)).toBe(0);

  await openOrder(page, shop.id, fbt);
  await expect(page.getByText("Fulfilled by TikTok").first()).toBeVisible();
  await expect(page.getByText("TikTok ships this order from its own warehouse")).toBeVisible();
  await expect(page.getByRole("link", { name: "Fulfil" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Cancel order" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Packages" })).toContainText(
    order.line_items[0]!.tracking_number,
  );

  // Reporting counts FBT orders with the shop's sales of the last 30 days.
  const recent = dev.filter(
    (o) => o.create_time >= now - 30 * DAY && !["UNPAID", "CANCELLED"].includes(o.status),
  );
  await openList(page, shop.id);
  await expect(page.getByRole("region", { name: "Last 30 days" })).toContainText(
    `${recent.length}(${recent.filter((o) => o.fulfillment_type === FBT).length} fulfilled by TikTok)`,
  );
});

test("Orders search: by order id, buyer, SKU or tracking number, within a saved view, with server paging and virtualized rows", async ({
  page,
}) => {
  const shop = await seller1Shop("US");
  await installAndImport(page, shop);
  const dev = (await devOrders(shop.id)).map((v) => v.order);
  const target = dev.find((o) => o.status === "IN_TRANSIT" && o.tracking_number !== "")!;

  await openList(page, shop.id, { q: target.id });
  expect(await listTotal(page)).toBe(1);
  await expect(orderRow(page, target.id)).toBeVisible();

  // Orders combined into one package share its tracking number: each of them is found.
  await openList(page, shop.id, { q: target.tracking_number });
  expect(await listTotal(page)).toBe(dev.filter((o) => o.tracking_number === target.tracking_number).length);
  await expect(orderRow(page, target.id)).toBeVisible();

  await openList(page, shop.id, { q: target.user_id });
  expect(await listTotal(page)).toBe(dev.filter((o) => o.user_id === target.user_id).length);
  await expect(orderRow(page, target.id)).toBeVisible();

  const skuId = target.line_items[0]!.sku_id;
  const withSku = dev.filter((o) => o.line_items.some((line) => line.sku_id === skuId));
  await openList(page, shop.id, { q: skuId });
  expect(await listTotal(page)).toBe(withSku.length);
  await openList(page, shop.id, { q: target.line_items[0]!.seller_sku });
  await expect(orderRow(page, target.id)).toBeVisible();
  // The same SKU within a view: only the orders still to ship.
  await openList(page, shop.id, { view: "to_ship", q: skuId });
  expect(await listTotal(page)).toBe(withSku.filter(toShip).length);

  // Typed into the search box: the list follows, and the URL keeps it.
  await openList(page, shop.id);
  await page.getByRole("searchbox", { name: "Search orders" }).fill(target.id);
  await expect(page.getByRole("table", { name: "Orders" }).getByRole("row")).toHaveCount(2);
  await expect(page).toHaveURL(new RegExp(`q=${target.id}`));

  // All orders at 500 per page: the server sends one page, the table renders only what is in view.
  await openList(page, shop.id);
  await page.getByRole("button", { name: /Rows per page/ }).click();
  await page.getByRole("option", { name: "500" }).click();
  await expect(page.getByRole("navigation", { name: "Orders pagination" })).toContainText(
    `1–${Math.min(500, dev.length)} of ${dev.length}`,
  );
  const table = page.getByRole("table", { name: "Orders" });
  await expect(table).toHaveAttribute("aria-rowcount", String(dev.length + 1));
  const rendered = await table.locator("tbody tr[aria-rowindex]").count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(Math.min(dev.length, 100));
});
