import { type Browser, expect, type Page, test } from "@playwright/test";
import { financeApp } from "../support/apps.ts";
import {
  disconnectAll,
  financeAuthorization,
  installFinance,
  ledger,
  shown,
  waitForSync,
} from "../support/finance.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { seller1Shops } from "../support/install.ts";
import { financeUrl } from "../support/ports.ts";
import { platformConnectionTests } from "../support/shop-connections-suite.ts";

/**
 * The platform rows of the Accounting & Finance ARD, proven in the Finance app: install from Seller
 * Center's App Store, several shops, disconnecting (in the app and in Seller Center), re-authorization
 * after webhook 7, carrier mapping and tenant isolation. Each test checks the dev shop's state too.
 */

// The first import of a shop's ~90 days of statements and settled orders takes a while.
eachTestStartsClean({ app: financeApp, url: financeUrl, timeoutMs: 120_000 });

platformConnectionTests({
  app: financeApp,
  url: financeUrl,
  install: installFinance,
  dataPath: (shopId) => `/api/finance/${shopId}/statements`,
});

test("SHOP-CONN-MULTI: authorizes Finance for two shops from the App Store and shows each shop's own statements", async ({
  page,
}) => {
  const shops = await seller1Shops();
  await installFinance(page);
  const [grant] = await financeAuthorization();
  expect(grant?.shop_ids.sort()).toEqual(shops.map((s) => s.id).sort());

  for (const shop of shops) {
    await waitForSync(page, shop.id);
    const latest = (await ledger.statements(shop.id)).at(-1)!;
    await page.goto(`${financeUrl}/statements?shop=${shop.id}`);
    // The shop's newest statement, with the settlement the dev shop has for it.
    const row = page
      .getByRole("table", { name: "Statements" })
      .getByRole("row")
      .filter({ hasText: latest.id });
    await expect(row).toContainText(shown(latest.settlement_amount, latest.currency));
  }
});

test("SHOP-DISCON-SINGLE: disconnecting a shop deauthorizes it at TikTok and deletes its finance data", async ({
  page,
}) => {
  const [first, second] = await seller1Shops();
  await installFinance(page);
  await waitForSync(page, first!.id);
  await page.goto(`${financeUrl}/connections?shop=${first!.id}`);
  await page.getByRole("button", { name: `Disconnect ${first!.name}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText(`${first!.name} is disconnected`).first()).toBeVisible();

  const [grant] = await financeAuthorization();
  expect(grant?.shop_ids).toEqual([second!.id]);
  for (const path of ["statements", "payments", "withdrawals"]) {
    expect((await page.request.get(`${financeUrl}/api/finance/${first!.id}/${path}`)).status()).toBe(404);
  }
  expect((await page.request.get(`${financeUrl}/api/reconciliation/${first!.id}`)).status()).toBe(404);
  expect((await page.request.get(`${financeUrl}/api/finance/${second!.id}/statements`)).status()).toBe(200);
  // Connected again later, the shop imports afresh: its data was really deleted, not hidden.
  await page.goto(`${financeUrl}/connections`);
  await expect(page.getByRole("heading", { name: first!.name, exact: true })).toBeVisible();
  await expect(page.getByText("Disconnected", { exact: true })).toBeVisible();
});

test("a second seller cannot reach the first seller's finance data through any route", async ({
  page,
  browser,
}) => {
  const [first] = await seller1Shops();
  await installFinance(page);
  await waitForSync(page, first!.id);
  const statementId = (await ledger.statements(first!.id)).at(-1)!.id;
  const other = await otherSellerPage(browser);
  try {
    await expectNoAccess(other, first!.id, statementId);
  } finally {
    await disconnectAll(other);
  }
  const grants = await financeAuthorization();
  expect(grants.flatMap((g) => g.shop_ids)).toContain(first!.id);
});

async function expectNoAccess(other: Page, shopId: string, statementId: string) {
  for (const path of [
    `/api/finance/${shopId}/statements`,
    `/api/finance/${shopId}/statements/${statementId}`,
    `/api/finance/${shopId}/payments`,
    `/api/finance/${shopId}/withdrawals`,
    `/api/reconciliation/${shopId}`,
    `/api/profit/${shopId}`,
    `/api/profit/${shopId}/costs`,
    `/api/accounting/journals?shops=${shopId}`,
    `/api/accounting/export?shops=${shopId}`,
  ]) {
    expect((await other.request.get(`${financeUrl}${path}`)).status(), path).toBe(404);
  }
  const csrf = (await (await other.request.get(`${financeUrl}/api/csrf`)).json()) as { token: string };
  const disconnect = await other.request.post(`${financeUrl}/api/connections/${shopId}/disconnect`, {
    headers: { "x-csrf-token": csrf.token, origin: financeUrl },
  });
  expect(disconnect.status()).toBe(404);
}

async function otherSellerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await installFinance(page, { email: "seller2@dev.shop" });
  return page;
}
