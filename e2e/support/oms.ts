import { expect, type Page } from "@playwright/test";
import { omsApp } from "./apps.ts";
import { activeAuthorizations, consentTo, installApp } from "./install.ts";
import { omsUrl } from "./ports.ts";

/** Steps the OMS suites share; the install steps themselves are every app's (support/install.ts). */

export { type ShopRow, seller1Shops } from "./install.ts";

const oms = { name: omsApp.name, url: omsUrl, landingHeading: "Orders" };

/** Seller Center → App Store → Authorize OMS → consent (optionally unticking shops) → the app. */
export function installFromAppStore(page: Page, options: { email?: string; onlyShop?: string } = {}) {
  return installApp(page, oms, options);
}

/** TikTok's consent page: keep every shop ticked, or only `onlyShop`, and approve. */
export function consent(page: Page, onlyShop?: string) {
  return consentTo(page, omsApp.name, onlyShop);
}

export function omsAuthorization() {
  return activeAuthorizations(omsApp.app_key);
}

/**
 * Disconnects every shop the page's seller has connected in OMS, which purges their mirrored
 * orders. The dev shop's reset brings back the same order ids with other contents, and OMS (rightly)
 * keeps the newer of two copies of an order, so every OMS test ends by leaving OMS empty
 * (its afterEach hook calls this).
 */
export async function disconnectAll(page: Page) {
  const session = await page.request.get(`${omsUrl}/api/auth/session`);
  if (!session.ok()) return;
  const { shops } = (await session.json()) as { shops: Array<{ id: string; status: string }> };
  const { token } = (await (await page.request.get(`${omsUrl}/api/csrf`)).json()) as { token: string };
  for (const shop of shops.filter((s) => s.status === "connected")) {
    const response = await page.request.post(`${omsUrl}/api/connections/${shop.id}/disconnect`, {
      headers: { "x-csrf-token": token, origin: omsUrl },
    });
    expect(response.ok(), `disconnect ${shop.id}`).toBe(true);
  }
}
