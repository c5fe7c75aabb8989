import { expect, type Page } from "@playwright/test";
import { omsApp } from "./apps.ts";
import { control, logIn } from "./dev-shop.ts";
import { omsUrl } from "./ports.ts";

/** Steps the OMS suites share: installing from Seller Center and reading the dev shop's grants. */

export interface ShopRow {
  id: string;
  name: string;
  region: string;
  seller_id: string;
}

export async function seller1Shops(): Promise<ShopRow[]> {
  const { shops } = await control.shops();
  const { sellers } = await control.sellers();
  const seller = sellers.find((s) => s.email === "seller1@dev.shop")!;
  return (shops as ShopRow[]).filter((s) => s.seller_id === seller.id);
}

/** Seller Center → App Store → Authorize OMS → consent (optionally unticking shops) → the app. */
export async function installFromAppStore(page: Page, options: { email?: string; onlyShop?: string } = {}) {
  await logIn(page, options.email);
  await page.getByRole("link", { name: "App Store" }).click();
  await page.locator(".card", { hasText: omsApp.name }).getByRole("link", { name: "Authorize" }).click();
  await consent(page, options.onlyShop);
  // An App Store authorization carries no `state`, so the app connects the shops but signs the
  // browser in only through its own state-bound link: TikTok shows the consent once more.
  await page.waitForURL((url) => url.href.startsWith(omsUrl) || url.pathname === "/open/authorize");
  if (!page.url().startsWith(omsUrl)) {
    await consent(page, options.onlyShop);
    await page.waitForURL(`${omsUrl}/**`);
  }
  await expect(page.getByRole("heading", { name: "Orders" })).toBeVisible();
}

/** TikTok's consent page: keep every shop ticked, or only `onlyShop`, and approve. */
export async function consent(page: Page, onlyShop?: string) {
  await expect(page.getByRole("heading", { name: `Authorize ${omsApp.name}` })).toBeVisible();
  if (onlyShop) {
    for (const box of await page.getByRole("checkbox").all()) {
      const label = (await box.locator("xpath=..").textContent()) ?? "";
      if (!label.includes(onlyShop)) await box.uncheck();
    }
  }
  await page.getByRole("button", { name: "Authorize" }).click();
}

export async function omsAuthorization() {
  const { authorizations } = await control.authorizations();
  return authorizations.filter((a) => a.app_key === omsApp.app_key && a.revoked_at === null);
}
