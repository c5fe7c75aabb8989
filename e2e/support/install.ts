import { expect, type Page } from "@playwright/test";
import { control, logIn } from "./dev-shop.ts";

/** Installing an app from Seller Center and reading the dev shop's grants, for every app's suites. */

export interface ShopRow {
  id: string;
  name: string;
  region: string;
  seller_id: string;
}

/** An app under test: its App Store name, where it runs, and a heading its first page shows. */
export interface AppUnderTest {
  name: string;
  url: string;
  landingHeading: string;
}

export async function seller1Shops(): Promise<ShopRow[]> {
  const { shops } = await control.shops();
  const { sellers } = await control.sellers();
  const seller = sellers.find((s) => s.email === "seller1@dev.shop")!;
  return (shops as ShopRow[]).filter((s) => s.seller_id === seller.id);
}

/** Seller Center → App Store → Authorize the app → consent (optionally unticking shops) → the app. */
export async function installApp(
  page: Page,
  app: AppUnderTest,
  options: { email?: string; onlyShop?: string } = {},
) {
  await logIn(page, options.email);
  await page.getByRole("link", { name: "App Store" }).click();
  await page.locator(".card", { hasText: app.name }).getByRole("link", { name: "Authorize" }).click();
  await consentTo(page, app.name, options.onlyShop);
  // An App Store authorization carries no `state`, so the app connects the shops but signs the
  // browser in only through its own state-bound link: TikTok shows the consent once more.
  await page.waitForURL((url) => url.href.startsWith(app.url) || url.pathname === "/open/authorize");
  if (!page.url().startsWith(app.url)) {
    await consentTo(page, app.name, options.onlyShop);
    await page.waitForURL(`${app.url}/**`);
  }
  await expect(page.getByRole("heading", { name: app.landingHeading })).toBeVisible();
}

/** TikTok's consent page: keep every shop ticked, or only `onlyShop`, and approve. */
export async function consentTo(page: Page, appName: string, onlyShop?: string) {
  await expect(page.getByRole("heading", { name: `Authorize ${appName}` })).toBeVisible();
  if (onlyShop) {
    for (const box of await page.getByRole("checkbox").all()) {
      const label = (await box.locator("xpath=..").textContent()) ?? "";
      if (!label.includes(onlyShop)) await box.uncheck();
    }
  }
  await page.getByRole("button", { name: "Authorize" }).click();
}

/** The app's live (not revoked) grants in the dev shop. */
export async function activeAuthorizations(appKey: string) {
  const { authorizations } = await control.authorizations();
  return authorizations.filter((a) => a.app_key === appKey && a.revoked_at === null);
}

/**
 * Disconnects every shop the page's seller has connected in the app at `appUrl`, which purges
 * what the app holds of them. The dev shop's reset brings back the same ids with other contents,
 * and an app (rightly) keeps the newer of two copies of an object, so each test leaves its app
 * empty; and a shop whose grant a reset dropped is no longer polled.
 */
export async function disconnectAllIn(page: Page, appUrl: string) {
  const session = await page.request.get(`${appUrl}/api/auth/session`);
  if (!session.ok()) return;
  const { shops } = (await session.json()) as { shops: Array<{ id: string; status: string }> };
  const { token } = (await (await page.request.get(`${appUrl}/api/csrf`)).json()) as { token: string };
  for (const shop of shops.filter((s) => s.status === "connected")) {
    const response = await page.request.post(`${appUrl}/api/connections/${shop.id}/disconnect`, {
      headers: { "x-csrf-token": token, origin: appUrl },
    });
    expect(response.ok(), `disconnect ${shop.id}`).toBe(true);
  }
}
