import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "../support/accessibility.ts";
import { omsApp } from "../support/apps.ts";
import { logIn } from "../support/dev-shop.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { omsUrl } from "../support/ports.ts";

/**
 * An automated accessibility check (axe-core, WCAG 2.1 A and AA rules) of the app's pages as a
 * seller sees them, in the light and the dark theme.
 */
eachTestStartsClean({ app: omsApp, url: omsUrl, consoleErrors: "none" });

for (const scheme of ["light", "dark"] as const) {
  test(`the orders and shop connections pages have no accessibility violations (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    // Install through the app's own link (state-bound), as a seller coming from its website would.
    // Seller 2's shop, so this suite shares no shop with the connection tests.
    await logIn(page, "seller2@dev.shop");
    await page.goto(`${omsUrl}/api/auth/install`);
    await page.getByRole("button", { name: "Authorize" }).click();
    await page.waitForURL(`${omsUrl}/**`);

    for (const path of ["/", "/connections"]) {
      await page.goto(`${omsUrl}${path}`);
      await expect(page.getByRole("main")).toBeVisible();
      await expectNoAxeViolations(page, `${path} in the ${scheme} theme`);
    }
  });
}
