import { type Browser, expect, type Page, test } from "@playwright/test";
import { omsApp } from "../support/apps.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { installFromAppStore, omsAuthorization, seller1Shops } from "../support/oms.ts";
import { omsUrl } from "../support/ports.ts";
import { platformConnectionTests } from "../support/shop-connections-suite.ts";

/**
 * The platform every app stands on, proven in OMS: install from Seller Center's App Store, several
 * shops, switching, disconnecting, re-authorization after webhook 7, token refresh after 8 days,
 * carrier mapping, and tenant isolation. Each test checks the dev shop's own state too.
 */

eachTestStartsClean({ app: omsApp, url: omsUrl });

platformConnectionTests({
  app: omsApp,
  url: omsUrl,
  install: installFromAppStore,
  dataPath: (shopId) => `/api/orders/${shopId}`,
});

test("SHOP-CONN-MULTI: authorizes OMS for two shops from the App Store and works in both", async ({
  page,
}) => {
  const shops = await seller1Shops();
  await installFromAppStore(page);

  const [grant] = await omsAuthorization();
  expect(grant?.shop_ids.sort()).toEqual(shops.map((s) => s.id).sort());

  // Both shops are in the switcher; switching changes the shop whose orders are shown (the mirror
  // fills by polling, so each shop's list gets rows).
  const firstRows: string[] = [];
  for (const shop of shops) {
    await page.getByRole("button", { name: /Shop$/ }).click();
    await page.getByRole("option", { name: new RegExp(shop.name) }).click();
    await expect(page).toHaveURL(new RegExp(`shop=${shop.id}`));
    await expect(page.getByText(new RegExp(`^${shop.name} ·`))).toBeVisible();
    // A row with an order id: not the empty state shown before the first import lands.
    const firstRow = page
      .getByRole("table", { name: "Orders" })
      .getByRole("row")
      .filter({ hasText: /\d{15,}/ })
      .first();
    await expect(firstRow).toBeVisible({ timeout: 20_000 });
    firstRows.push((await firstRow.textContent()) ?? "");
  }
  // Each shop shows its own orders.
  expect(new Set(firstRows).size).toBe(shops.length);
});

test("SHOP-DISCON-SINGLE: disconnecting a shop deauthorizes it at TikTok and removes its data", async ({
  page,
}) => {
  const [first, second] = await seller1Shops();
  await installFromAppStore(page);
  await page.goto(`${omsUrl}/connections?shop=${first!.id}`);
  await page.getByRole("button", { name: `Disconnect ${first!.name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText(`${first!.name} is disconnected`).first()).toBeVisible();

  // TikTok's side: the authorization no longer covers the shop.
  const [grant] = await omsAuthorization();
  expect(grant?.shop_ids).toEqual([second!.id]);
  // The app's side: the shop's orders are gone and its routes answer as if it never existed.
  const orders = await page.request.get(`${omsUrl}/api/orders/${first!.id}`);
  expect(orders.status()).toBe(404);
  const other = await page.request.get(`${omsUrl}/api/orders/${second!.id}`);
  expect(other.status()).toBe(200);
});

test("a second seller cannot reach the first seller's shop through any route", async ({ page, browser }) => {
  const [first] = await seller1Shops();
  await installFromAppStore(page);
  const other = await otherSellerPage(browser);
  for (const [method, path] of [
    ["GET", `/api/orders/${first!.id}`],
    ["GET", `/api/connections/${first!.id}/carriers`],
    ["GET", `/api/connections/${first!.id}/carriers/options`],
  ] as const) {
    const response = await other.request.fetch(`${omsUrl}${path}`, { method });
    expect(response.status(), `${method} ${path}`).toBe(404);
  }
  const csrf = (await (await other.request.get(`${omsUrl}/api/csrf`)).json()) as { token: string };
  const disconnect = await other.request.post(`${omsUrl}/api/connections/${first!.id}/disconnect`, {
    headers: { "x-csrf-token": csrf.token, origin: omsUrl },
  });
  expect(disconnect.status()).toBe(404);
  const session = (await (await other.request.get(`${omsUrl}/api/auth/session`)).json()) as {
    shops: Array<{ id: string }>;
  };
  expect(session.shops.map((s) => s.id)).not.toContain(first!.id);
  // And the first seller's shop is still connected at TikTok.
  const grants = await omsAuthorization();
  expect(grants.flatMap((g) => g.shop_ids)).toContain(first!.id);
});

async function otherSellerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await installFromAppStore(page, { email: "seller2@dev.shop" });
  return page;
}
