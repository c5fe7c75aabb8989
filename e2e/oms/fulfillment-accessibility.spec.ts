import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "../support/accessibility.ts";
import { omsApp } from "../support/apps.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { installFromAppStore, seller1Shops } from "../support/oms.ts";
import { devOrder, mapCarrierFor, placeOrder } from "../support/oms-fulfillment.ts";
import { omsUrl } from "../support/ports.ts";

/**
 * The fulfilment pages under axe-core (WCAG 2.1 A and AA), in the light and the dark theme, with
 * content on them: an order shipped once (history, correction form) and one on hold (countdown).
 */
test.describe.configure({ timeout: 120_000 });

eachTestStartsClean({ app: omsApp, url: omsUrl, consoleErrors: "none" });

for (const scheme of ["light", "dark"] as const) {
  test(`the shipping, scan, rules and fulfil pages have no accessibility violations (${scheme})`, async ({
    page,
  }) => {
    const shop = (await seller1Shops()).find((s) => s.region === "US")!;
    await installFromAppStore(page, { onlyShop: shop.name });
    const shipped = await placeOrder(shop.id, { quantity: 2 });
    const onHold = await placeOrder(shop.id, { onHold: true });
    await mapCarrierFor(page, shop.id, shipped, "USPS");
    await page.goto(`${omsUrl}/orders/${shipped}/fulfil?shop=${shop.id}`);
    const packageId = (await devOrder(shipped)).packages[0]!.id;
    const region = page.getByRole("region", { name: `Package ${packageId}` });
    await region.getByLabel("Tracking number").fill("9400111899223100012345");
    await region.getByRole("button", { name: "Ship package" }).click();
    await expect(page.getByRole("region", { name: "Sent to TikTok Shop" })).toBeVisible();
    await page.emulateMedia({ colorScheme: scheme });

    for (const path of [
      `/orders/${shipped}/fulfil`,
      `/orders/${onHold}/fulfil`,
      "/shipping",
      "/shipping/scan",
      "/shipping/rules",
    ]) {
      await page.goto(`${omsUrl}${path}?shop=${shop.id}`);
      await expect(page.getByRole("main")).toBeVisible();
      await expectNoAxeViolations(page, `${path} in the ${scheme} theme`);
    }
  });
}
