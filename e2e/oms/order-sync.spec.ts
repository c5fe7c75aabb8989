import { expect, type Page, test } from "@playwright/test";
import { omsApp } from "../support/apps.ts";
import { control } from "../support/dev-shop.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { seller1Shops } from "../support/oms.ts";
import { devOrder, installAndImport, openOrder } from "../support/oms-orders.ts";
import { omsUrl } from "../support/ports.ts";

/**
 * Order sync as a seller sees it: a buyer's order in the dev shop reaches OMS through webhook 1, a
 * cancellation updates it, and when the webhook is lost the polling safety net still brings it in.
 */

eachTestStartsClean({ app: omsApp, url: omsUrl, before: () => control.call("DELETE", "/faults") });

/** The row of an order in the orders list, reloading until it shows `text` (or just appears). */
async function expectOrderRow(page: Page, shopId: string, orderId: string, text?: string) {
  await expect
    .poll(
      async () => {
        await page.goto(`${omsUrl}/?shop=${shopId}`);
        const row = page.getByRole("row").filter({ hasText: orderId });
        await row
          .first()
          .waitFor({ timeout: 2_000 })
          .catch(() => {});
        return (await row.count()) > 0 ? ((await row.first().textContent()) ?? "") : "";
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toContain(text ?? orderId);
}

test("ORD-SYNC-UPDATE: a buyer's new order appears in OMS, and their cancellation shows it cancelled", async ({
  page,
}) => {
  const [shop] = await seller1Shops();
  // Installed, and the first import finished: later orders can only come by webhook or polling.
  await installAndImport(page, shop!);

  const { order_id: orderId } = await control.call<{ order_id: string }>("POST", "/buyer/orders", {
    shop_id: shop!.id,
  });
  await expectOrderRow(page, shop!.id, orderId);

  await control.call("POST", `/buyer/orders/${orderId}/cancel`, {});
  await expectOrderRow(page, shop!.id, orderId, "Cancelled");
  // The dev shop sent both changes as webhook 1, and they were delivered.
  const { deliveries } = await control.webhooks(`?type=1&shop_id=${shop!.id}&app_key=${omsApp.app_key}`);
  expect(deliveries.filter((d) => d.state === "delivered").length).toBeGreaterThanOrEqual(2);
});

test("ORD-SYNC-WHOOK: an order whose webhook is lost still arrives through polling", async ({ page }) => {
  const [shop] = await seller1Shops();
  // Installed, and the first import finished: later orders can only come by webhook or polling.
  await installAndImport(page, shop!);
  await control.call("POST", "/faults", { app_key: omsApp.app_key, shop_id: shop!.id, drop_webhooks: true });

  const { order_id: orderId } = await control.call<{ order_id: string }>("POST", "/buyer/orders", {
    shop_id: shop!.id,
  });
  const { deliveries } = await control.webhooks(
    `?type=1&shop_id=${shop!.id}&app_key=${omsApp.app_key}&state=dropped`,
  );
  expect(deliveries.length).toBeGreaterThan(0);
  // No webhook reached OMS and the first import had finished: only the next polling window (every
  // 10 s here, overlapping the last) can bring the order in.
  await expectOrderRow(page, shop!.id, orderId);
});

test("ORD-SYNC-UPDATE: a buyer's address change (webhook 3) shows on the order", async ({ page }) => {
  const [shop] = await seller1Shops();
  // Installed, and the first import finished: later orders can only come by webhook or polling.
  await installAndImport(page, shop!);
  const { order_id: orderId } = await control.call<{ order_id: string }>("POST", "/buyer/orders", {
    shop_id: shop!.id,
    on_hold: false,
  });
  const before = await devOrder(orderId);
  await openOrder(page, shop!.id, orderId, before.order.recipient_address.full_address);

  await control.call("POST", `/buyer/orders/${orderId}/address`, {
    address: { address_line1: "12 Changed Street", address_line2: "" },
  });
  const after = await devOrder(orderId);
  expect(after.order.recipient_address.full_address).toContain("12 Changed Street");
  await openOrder(page, shop!.id, orderId, after.order.recipient_address.full_address);
  await expect(page.getByRole("region", { name: "Buyer and shipping address" })).toContainText(
    after.order.recipient_address.full_address,
  );
  const { deliveries } = await control.webhooks(`?type=3&shop_id=${shop!.id}&app_key=${omsApp.app_key}`);
  expect(deliveries.map((d) => d.state)).toContain("delivered");
});

test("ORD-SYNC-WHOOK: an order webhook for a shop OMS does not serve changes nothing", async ({ page }) => {
  const [connected, other] = await seller1Shops();
  // Installed, and the first import finished: later orders can only come by webhook or polling.
  await installAndImport(page, connected!);
  const { order_id: orderId } = await control.call<{ order_id: string }>("POST", "/buyer/orders", {
    shop_id: other!.id,
    on_hold: false,
  });
  // OMS holds no authorization for the other shop, so TikTok sends it nothing; deliver one anyway.
  await control.emitWebhook({
    app_key: omsApp.app_key,
    shop_id: other!.id,
    type: 1,
    data: {
      order_id: orderId,
      order_status: "AWAITING_SHIPMENT",
      update_time: Math.floor(Date.now() / 1000),
    },
  });
  await expect
    .poll(async () => {
      const { deliveries } = await control.webhooks(`?type=1&shop_id=${other!.id}&app_key=${omsApp.app_key}`);
      return deliveries.map((d) => d.state);
    })
    .toEqual(["delivered"]);
  // Accepted (a signed delivery is always acknowledged), yet nothing was written: the shop is not
  // one of OMS's, and its order appears under no shop.
  await page.waitForTimeout(3_000);
  expect((await page.request.get(`${omsUrl}/api/orders/${other!.id}`)).status()).toBe(404);
  const search = (await (
    await page.request.get(`${omsUrl}/api/orders/${connected!.id}?q=${orderId}`)
  ).json()) as { total: number };
  expect(search.total).toBe(0);
  const session = (await (await page.request.get(`${omsUrl}/api/auth/session`)).json()) as {
    shops: Array<{ id: string }>;
  };
  expect(session.shops.map((s) => s.id)).not.toContain(other!.id);
});
