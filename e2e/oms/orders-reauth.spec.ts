import { expect, test } from "@playwright/test";
import { omsApp } from "../support/apps.ts";
import { control } from "../support/dev-shop.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { consent } from "../support/oms.ts";
import { installAndImport, openList, seller1Shop } from "../support/oms-orders.ts";
import { omsUrl } from "../support/ports.ts";

/**
 * OMS-R6: sellers must re-authorize apps periodically. TikTok announces the end of an authorization
 * with webhook 7 (daily, from 30 days before); OMS shows a reminder on every page with a link that
 * runs the authorization again, and the reminder goes once TikTok has granted a new authorization.
 * (Without the webhook, the platform also warns 30 days ahead of the refresh token's expiry, which
 * TikTok reports with every token.)
 */

eachTestStartsClean({ app: omsApp, url: omsUrl, timeoutMs: 120_000 });

test("OMS-R6: webhook 7 raises a re-authorization reminder, and re-authorizing in TikTok clears it", async ({
  page,
}) => {
  const shop = await seller1Shop("US");
  await installAndImport(page, shop);
  await openList(page, shop.id);
  const banner = page.getByRole("region", { name: "Shop authorization expires soon" });
  await expect(banner).toHaveCount(0);
  type Grant = {
    id: string;
    app_key: string;
    shop_ids: string[];
    revoked_at: number | null;
    expires_at: number;
  };
  const grants = async () =>
    (await control.call<{ authorizations: Grant[] }>("GET", "/state/authorizations")).authorizations.filter(
      (a) => a.app_key === omsApp.app_key && a.shop_ids.includes(shop.id) && a.revoked_at === null,
    );
  const before = await grants();
  expect(before).toHaveLength(1);

  const expiresAt = Math.floor(Date.now() / 1000) + 5 * 86_400 + 3600;
  await control.emitWebhook({
    app_key: omsApp.app_key,
    shop_id: shop.id,
    type: 7,
    data: { message: "Authorization expires soon.", expiration_time: String(expiresAt) },
  });
  await expect
    .poll(async () => {
      const { deliveries } = await control.webhooks(`?type=7&shop_id=${shop.id}&app_key=${omsApp.app_key}`);
      return deliveries.map((d) => d.state);
    })
    .toEqual(["delivered"]);
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.getByRole("heading", { name: "Orders" }).waitFor();
        return banner.count();
      },
      { timeout: 20_000, intervals: [1_000] },
    )
    .toBe(1);
  await expect(banner).toContainText(`Authorization for ${shop.name} expires in 6 days.`);
  // On every page of the app, not only the orders list.
  await page.getByRole("link", { name: "Shop connections" }).first().click();
  await expect(banner).toBeVisible();
  const card = page.getByRole("list", { name: "Shops" }).getByRole("listitem").filter({ hasText: shop.name });
  await expect(card.getByText("Authorization expiring")).toBeVisible();

  // The reminder's link runs TikTok's authorization again for the shop's market.
  await banner.getByRole("link", { name: `Re-authorize ${shop.name}` }).click();
  await page.waitForURL((url) => url.pathname === "/open/authorize");
  await consent(page, shop.name);
  await page.waitForURL(`${omsUrl}/**`);
  await expect(page.getByRole("heading", { name: /Orders|Shop connections/ })).toBeVisible();
  await expect(banner).toHaveCount(0);

  // TikTok renewed the seller's authorization of OMS (a re-authorization extends the grant).
  const after = await grants();
  expect(after).toHaveLength(1);
  const newest = after[0]!;
  expect(newest.expires_at).toBeGreaterThan(before[0]!.expires_at);
  const session = (await (await page.request.get(`${omsUrl}/api/auth/session`)).json()) as {
    shops: Array<{ id: string; reauthRequired: boolean; authExpiresAt: number | null }>;
  };
  const view = session.shops.find((s) => s.id === shop.id)!;
  expect(view.reauthRequired).toBe(false);
  expect(view.authExpiresAt!).toBeGreaterThan(expiresAt);
  expect(view.authExpiresAt).toBeLessThanOrEqual(newest.expires_at);
});
