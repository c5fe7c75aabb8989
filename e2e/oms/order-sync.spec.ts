import { expect, type Page, test } from "@playwright/test";
import { omsApp } from "../support/apps.ts";
import { control, watchForPageErrors } from "../support/dev-shop.ts";
import { installFromAppStore, seller1Shops } from "../support/oms.ts";
import { omsUrl } from "../support/ports.ts";

/**
 * Order sync as a seller sees it: a buyer's order in the dev shop reaches OMS through webhook 1, a
 * cancellation updates it, and when the webhook is lost the polling safety net still brings it in.
 */
let errors: string[];

test.beforeEach(async ({ page }) => {
  await control.reset();
  await control.registerApp(omsApp);
  errors = watchForPageErrors(page);
});

test.afterEach(async () => {
  await control.call("DELETE", "/faults");
  expect(errors, "console errors on the page").toEqual([]);
});

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

/** Waits until OMS finished its first import of the shop, so later orders can only come by sync. */
async function waitForFirstImport(page: Page, shopId: string) {
  await expect
    .poll(
      async () => {
        const session = (await (await page.request.get(`${omsUrl}/api/auth/session`)).json()) as {
          shops: Array<{ id: string; lastSyncedAt: number | null }>;
        };
        return session.shops.find((s) => s.id === shopId)?.lastSyncedAt ?? null;
      },
      { timeout: 30_000 },
    )
    .not.toBeNull();
}

test("ORD-SYNC-UPDATE: a buyer's new order appears in OMS, and their cancellation shows it cancelled", async ({
  page,
}) => {
  const [shop] = await seller1Shops();
  await installFromAppStore(page, { onlyShop: shop!.name });
  await waitForFirstImport(page, shop!.id);

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
  await installFromAppStore(page, { onlyShop: shop!.name });
  await waitForFirstImport(page, shop!.id);
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
