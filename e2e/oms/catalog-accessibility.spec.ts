import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "../support/accessibility.ts";
import { omsApp } from "../support/apps.ts";
import { control } from "../support/dev-shop.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { installFromAppStore, seller1Shops } from "../support/oms.ts";
import { afterSales } from "../support/oms-aftersales.ts";
import { liveProduct, openProducts } from "../support/oms-catalog.ts";
import { omsUrl } from "../support/ports.ts";

/**
 * axe-core (WCAG 2.1 A and AA) over the catalog and after-sales pages, with data on them, in the
 * light and the dark theme.
 */
eachTestStartsClean({ app: omsApp, url: omsUrl, consoleErrors: "none" });

for (const scheme of ["light", "dark"] as const) {
  test(`the products, product, returns and cancellation pages have no accessibility violations (${scheme})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: scheme });
    const [shop] = await seller1Shops();
    await installFromAppStore(page, { onlyShop: shop!.name });
    const product = await liveProduct(shop!.id, 2);
    const orderId = await afterSales.placePaidOrder(shop!.id);
    await control.call("POST", `/buyer/orders/${orderId}/cancel`, {});
    await openProducts(page, shop!.id);

    for (const path of [
      "/products",
      `/products/${product.id}`,
      "/after-sales",
      `/orders/${orderId}/cancel`,
    ]) {
      await page.goto(`${omsUrl}${path}?shop=${shop!.id}`);
      await expect(page.getByRole("main")).toBeVisible();
      await expectNoAxeViolations(page, `${path} in the ${scheme} theme`);
    }
  });
}
