import type { Page } from "@playwright/test";
import { omsApp } from "./apps.ts";
import { activeAuthorizations, consentTo, disconnectAllIn, installApp } from "./install.ts";
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

/** Leaves OMS empty after a test (see `disconnectAllIn`); every OMS spec's afterEach calls it. */
export const disconnectAll = (page: Page) => disconnectAllIn(page, omsUrl);
