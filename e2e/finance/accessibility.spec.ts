import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "../support/accessibility.ts";
import { financeApp } from "../support/apps.ts";
import { control, logIn } from "../support/dev-shop.ts";
import { ledger, waitForSync } from "../support/finance.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { financeUrl } from "../support/ports.ts";

/**
 * An automated accessibility check (axe-core, WCAG 2.1 A and AA rules) of the Finance pages as a
 * seller sees them, in the light and the dark theme.
 */
eachTestStartsClean({ app: financeApp, url: financeUrl, timeoutMs: 150_000, consoleErrors: "none" });

for (const scheme of ["light", "dark"] as const) {
  test(`the Finance pages have no accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    // Seller 2's shop, installed through the app's own (state-bound) link.
    await logIn(page, "seller2@dev.shop");
    await page.goto(`${financeUrl}/api/auth/install`);
    await page.getByRole("button", { name: "Authorize" }).click();
    await page.waitForURL(`${financeUrl}/**`);
    const { shops } = await control.shops();
    const { sellers } = await control.sellers();
    const seller2 = sellers.find((s) => s.email === "seller2@dev.shop")!;
    const shop = shops.find((s) => s.seller_id === seller2.id)!;
    await waitForSync(page, shop.id);
    const statement = (await ledger.statements(shop.id)).filter((s) => s.order_ids.length > 0).at(-1)!;
    const payment = (await ledger.payments(shop.id)).at(-1)!;

    for (const path of [
      "/",
      "/payouts",
      `/payouts/${payment.id}`,
      "/statements",
      `/statements/${statement.id}`,
      `/orders/${statement.order_ids[0]}`,
      "/withdrawals",
      "/reconciliation",
      "/profit",
      "/costs",
      "/accounting",
      "/bank",
      "/other-store",
      "/connections",
    ]) {
      await page.goto(`${financeUrl}${path}?shop=${shop.id}`);
      await expect(page.getByRole("main")).toBeVisible();
      await expectNoAxeViolations(page, `${path} in the ${scheme} theme`);
    }
  });
}
