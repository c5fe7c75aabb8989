import { expect, type Page, test } from "@playwright/test";
import { control } from "./dev-shop.ts";
import { activeAuthorizations, seller1Shops } from "./install.ts";
import { devShopUrl } from "./ports.ts";

/** The app a platform suite runs against. */
export interface PlatformTarget {
  /** As registered in the dev shop (Seller Center shows `name`). */
  app: { name: string; app_key: string };
  url: string;
  install: (page: Page, options?: { email?: string; onlyShop?: string }) => Promise<unknown>;
  /** An API path of the app that holds the shop's own data (404 once the shop is gone). */
  dataPath: (shopId: string) => string;
}

/**
 * The SHOP-* rows every app answers the same way, as Playwright tests in the calling spec file:
 * connect one shop, add another from the app, revoke in Seller Center (webhook 6), webhook 7's
 * re-authorization banner, carrier mapping, token refresh after 8 days, and the install flow for a
 * visitor without a session. Each app's spec adds its own SHOP-CONN-MULTI, in-app disconnect and
 * isolation tests, which look at the app's own data.
 */
export function platformConnectionTests(target: PlatformTarget) {
  const { app, url } = target;
  const authorization = () => activeAuthorizations(app.app_key);

  test("SHOP-CONN-SINGLE: connects only the shop the seller chose", async ({ page }) => {
    const [first, second] = await seller1Shops();
    await target.install(page, { onlyShop: first!.name });
    const [grant] = await authorization();
    expect(grant?.shop_ids).toEqual([first!.id]);
    await page.goto(`${url}/connections`);
    await expect(page.getByRole("heading", { name: first!.name, exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: second!.name, exact: true })).toHaveCount(0);
  });

  test("SHOP-MAN-MULTI: a second install from the app adds the other shop to the same seller", async ({
    page,
  }) => {
    const [first, second] = await seller1Shops();
    await target.install(page, { onlyShop: first!.name });
    await page.goto(`${url}/connections`);
    await page.getByRole("link", { name: "Add a shop" }).click();
    await expect(page.getByRole("heading", { name: `Authorize ${app.name}` })).toBeVisible();
    await page.getByRole("button", { name: "Authorize" }).click();
    await page.waitForURL(`${url}/**`);
    await page.goto(`${url}/connections`);
    await expect(page.getByRole("heading", { name: first!.name, exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: second!.name, exact: true })).toBeVisible();
    const grants = await authorization();
    expect(grants.flatMap((g) => g.shop_ids).sort()).toEqual([first!.id, second!.id].sort());
  });

  test(`SHOP-DISCON-SINGLE: revoking ${app.name} in Seller Center (webhook 6) stops the app and removes the shops' data`, async ({
    page,
  }) => {
    const shops = await seller1Shops();
    await target.install(page);
    await page.goto(`${devShopUrl}/seller-center/my-apps`);
    await page.getByRole("button", { name: `Revoke ${app.name}` }).click();
    await expect(page.getByRole("status")).toHaveText("The authorization was revoked.");
    // Webhook 6 reaches the app: the shops are shown as removed and their routes answer as if
    // they never existed.
    for (const shop of shops) {
      await expect
        .poll(async () => (await page.request.get(`${url}${target.dataPath(shop.id)}`)).status(), {
          timeout: 20_000,
        })
        .toBe(404);
    }
    await page.goto(`${url}/connections`);
    await expect(page.getByText("Removed in TikTok Shop")).toHaveCount(shops.length);
  });

  test("SHOP-MAN-WHOOK: webhook 7 raises the re-authorization banner with a working link", async ({
    page,
  }) => {
    const [first] = await seller1Shops();
    await target.install(page);
    await expect(page.getByText(/expires in/i)).toHaveCount(0);
    const expiresAt = Math.floor(Date.now() / 1000) + 10 * 86_400;
    await control.emitWebhook({
      app_key: app.app_key,
      shop_id: first!.id,
      type: 7,
      data: { message: "Authorization expires soon.", expiration_time: String(expiresAt) },
    });
    await expect
      .poll(
        async () => {
          await page.reload();
          return page.getByText(/expires in/i).count();
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    await page
      .getByRole("link", { name: /re-?authorize/i })
      .first()
      .click();
    await expect(page.getByRole("heading", { name: `Authorize ${app.name}` })).toBeVisible();
  });

  test("SHOP-MAN-CARRIER: maps a carrier per warehouse and delivery option, saved per shop", async ({
    page,
  }) => {
    const [first] = await seller1Shops();
    await target.install(page);
    await page.goto(`${url}/connections?shop=${first!.id}`);
    const select = page.getByRole("combobox").first();
    await expect(select).toBeVisible();
    const provider = await select.locator("option").nth(1).textContent();
    await select.selectOption({ index: 1 });
    await page.getByRole("button", { name: "Save carrier mapping" }).click();
    await expect(page.getByText("Carrier mapping saved").first()).toBeVisible();
    await page.reload();
    await expect(page.getByRole("combobox").first().locator("option:checked")).toHaveText(provider!);
  });

  test("keeps working after the clock moves 8 days: the expired access token is refreshed", async ({
    page,
  }) => {
    const [first] = await seller1Shops();
    await target.install(page);
    await control.advance(8 * 86_400);
    // Carrier options are read live from TikTok, so this needs a valid token; without a refreshed
    // one the page would say "Could not load carriers".
    await page.goto(`${url}/connections?shop=${first!.id}`);
    const select = page.getByRole("combobox").first();
    await expect(select).toBeVisible();
    expect(await select.locator("option").count()).toBeGreaterThan(1);
    await expect(page.getByText("Could not load carriers")).toHaveCount(0);
  });

  test(`opening ${app.name} from the App Store without a session starts authorization`, async ({ page }) => {
    await page.goto(`${url}/`);
    await page.waitForURL(`${devShopUrl}/**`);
    await expect(page.getByRole("heading", { name: /Log in to Seller Center|Authorize/ })).toBeVisible();
  });
}
