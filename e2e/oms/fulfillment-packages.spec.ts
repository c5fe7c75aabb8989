import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { omsApp } from "../support/apps.ts";
import { control } from "../support/dev-shop.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { installFromAppStore, type ShopRow, seller1Shops } from "../support/oms.ts";
import {
  devOrder,
  mapCarrierFor,
  openFulfil,
  pdfText,
  placeCombinablePair,
  placeOrder,
} from "../support/oms-fulfillment.ts";
import { devShopUrl, omsUrl } from "../support/ports.ts";

/**
 * Packages: TikTok Shipping labels (4PL), orders split or combined in Seller Center and then
 * fulfilled from the app (webhook 4), and combining from the app itself. Each test starts with
 * the App Store install and checks the packages the dev shop holds afterwards.
 */
test.describe.configure({ timeout: 90_000 });

eachTestStartsClean({ app: omsApp, url: omsUrl, consoleErrors: "allow-4xx" });

async function usShop(): Promise<ShopRow> {
  return (await seller1Shops()).find((s) => s.region === "US")!;
}

const packageRegion = (page: Page, packageId: string) =>
  page.getByRole("region", { name: `Package ${packageId}` });
const sent = (page: Page) => page.getByRole("region", { name: "Sent to TikTok Shop" });

/** Clicks "Download label" and reads the PDF the browser saved. */
async function downloadLabel(page: Page, packageId: string): Promise<Buffer> {
  const download = page.waitForEvent("download");
  await packageRegion(page, packageId).getByRole("button", { name: "Download label" }).click();
  const file = await (await download).path();
  return readFileSync(file);
}

/** Waits until OMS's own mirror (refreshed by webhook 4) shows the order's packages. */
async function expectMirroredPackages(page: Page, shopId: string, orderId: string, count: number) {
  await expect
    .poll(
      async () => {
        const response = await page.request.get(
          `${omsUrl}/api/fulfillment/${shopId}/queue?state=all&q=${orderId}`,
        );
        const body = (await response.json()) as { orders: Array<{ id: string; packageIds: string[] }> };
        return body.orders.find((o) => o.id === orderId)?.packageIds.length ?? 0;
      },
      { timeout: 20_000 },
    )
    .toBe(count);
}

async function splitInSellerCenter(page: Page, shopId: string, orderId: string) {
  await page.goto(`${devShopUrl}/seller-center/orders?shop_id=${shopId}`);
  await page.getByRole("link", { name: `Split order ${orderId}` }).click();
  await expect(page.getByRole("heading", { name: `Split order ${orderId}` })).toBeVisible();
  // The form starts with item 1 in package 1 and every other item in package 2.
  await page.getByRole("button", { name: "Split order" }).click();
  await expect(page.getByRole("status")).toContainText(`Order ${orderId} split into 2 packages`);
}

async function combineInSellerCenter(page: Page, shopId: string, orderIds: readonly string[]) {
  await page.goto(`${devShopUrl}/seller-center/orders?shop_id=${shopId}`);
  const row = page.getByRole("row").filter({ hasText: orderIds[0]! }).filter({ hasText: orderIds[1]! });
  await row.getByRole("button", { name: "Combine" }).click();
  await expect(page.getByRole("status")).toContainText("combined into package");
}

async function webhook4Delivered(shopId: string) {
  await expect
    .poll(async () => {
      const { deliveries } = await control.webhooks(`?type=4&shop_id=${shopId}&app_key=${omsApp.app_key}`);
      return deliveries.filter((d) => d.state === "delivered").length;
    })
    .toBeGreaterThan(0);
}

test("ORD-4PL-FULFILL: eligible services, a label bought with the chosen service, the label PDF and the package", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const orderId = await placeOrder(shop.id, { shipping: "TIKTOK" });
  await openFulfil(page, shop.id, orderId);
  const packageId = (await devOrder(orderId)).packages[0]!.id;
  const region = packageRegion(page, packageId);
  await region.getByRole("button", { name: "Get shipping services" }).click();
  const services = region.getByRole("radio");
  await expect(services.first()).toBeVisible();
  expect(await services.count()).toBeGreaterThan(1);
  const chosen = services.last();
  const serviceId = await chosen.getAttribute("value");
  const serviceName = ((await chosen.locator("xpath=..").textContent()) ?? "").split(" · ")[0]!.trim();
  await chosen.check();
  await region.getByRole("button", { name: "Buy label" }).click();
  await expect(sent(page)).toContainText("Label bought from TikTok Shipping");
  await expect(sent(page).locator('[data-field="service"]')).toHaveText(serviceName);

  const state = await devOrder(orderId);
  expect(state.order.status).toBe("AWAITING_COLLECTION");
  expect(state.packages[0]).toMatchObject({ shipping_service_id: serviceId, status: "FULFILLING" });
  const tracking = state.packages[0]!.tracking_number!;
  await expect(sent(page).locator('[data-field="tracking"]')).toHaveText(tracking);
  // The package detail on the page and the label PDF from TikTok.
  await expect(packageRegion(page, packageId).locator('[data-field="package-tracking"]')).toContainText(
    tracking,
  );
  const pdf = await downloadLabel(page, packageId);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdfText(pdf)).toContain(tracking);
});

test("ORD-SPLIT-3PL2: an order split in Seller Center reaches the app (webhook 4) and each package ships with its tracking number", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const orderId = await placeOrder(shop.id, { quantity: 2 });
  await mapCarrierFor(page, shop.id, orderId, "USPS");
  await splitInSellerCenter(page, shop.id, orderId);
  await webhook4Delivered(shop.id);
  await expectMirroredPackages(page, shop.id, orderId, 2);

  await openFulfil(page, shop.id, orderId);
  const packages = (await devOrder(orderId)).packages;
  expect(packages).toHaveLength(2);
  for (const [index, pkg] of packages.entries()) {
    const region = packageRegion(page, pkg.id);
    await expect(region.getByText("Split", { exact: true })).toBeVisible();
    await region.getByLabel("Tracking number").fill(`940011189922310000010${index}`);
    await region.getByRole("button", { name: "Ship package" }).click();
    await expect(sent(page).locator('[data-field="tracking"]')).toHaveText(`940011189922310000010${index}`);
  }
  const state = await devOrder(orderId);
  expect(state.order.status).toBe("AWAITING_COLLECTION");
  expect(Object.fromEntries(state.packages.map((p) => [p.id, p.tracking_number]))).toEqual({
    [packages[0]!.id]: "9400111899223100000100",
    [packages[1]!.id]: "9400111899223100000101",
  });
});

test("ORD-SPLIT-4PL2: an order split in Seller Center gets a TikTok label per package", async ({ page }) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const orderId = await placeOrder(shop.id, { shipping: "TIKTOK", quantity: 2 });
  await splitInSellerCenter(page, shop.id, orderId);
  await webhook4Delivered(shop.id);
  await expectMirroredPackages(page, shop.id, orderId, 2);

  await openFulfil(page, shop.id, orderId);
  const packages = (await devOrder(orderId)).packages;
  for (const pkg of packages) {
    const region = packageRegion(page, pkg.id);
    await region.getByRole("button", { name: "Get shipping services" }).click();
    await region.getByRole("button", { name: "Buy label" }).click();
    await expect(sent(page).locator("dd.font-mono").last()).toHaveText(pkg.id);
    const tracking = (await devOrder(orderId)).packages.find((p) => p.id === pkg.id)!.tracking_number!;
    expect(pdfText(await downloadLabel(page, pkg.id))).toContain(tracking);
  }
  const state = await devOrder(orderId);
  expect(state.order.status).toBe("AWAITING_COLLECTION");
  expect(state.packages.every((p) => p.tracking_number && p.shipping_service_id)).toBe(true);
});

test("ORD-COMBINE-3PL1: the app combines two orders (and can uncombine them), then ships the combined package once", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const [first, second] = await placeCombinablePair(shop.id);
  await mapCarrierFor(page, shop.id, first, "USPS");

  const combine = async () => {
    await page.goto(`${omsUrl}/shipping?shop=${shop.id}`);
    // The seeded history may hold another open order of the same buyer: it joins the group too.
    await page
      .getByRole("button", { name: new RegExp(`^Combine orders (?=.*${first})(?=.*${second})`) })
      .click();
    await expect(page.getByText(/Combined into package/).first()).toBeVisible();
    const state = await devOrder(first);
    expect(state.packages).toHaveLength(1);
    expect(state.packages[0]!.order_ids).toEqual(expect.arrayContaining([first, second]));
    return state.packages[0]!.id;
  };

  let packageId = await combine();
  await openFulfil(page, shop.id, first);
  await expect(packageRegion(page, packageId)).toContainText(`Combined: orders`);
  await packageRegion(page, packageId).getByRole("button", { name: "Uncombine" }).click();
  await expect(page.getByText(/uncombined: each order ships on its own/).first()).toBeVisible();
  expect((await devOrder(second)).packages[0]!.order_ids).toEqual([second]);

  packageId = await combine();
  await openFulfil(page, shop.id, second);
  const region = packageRegion(page, packageId);
  await region.getByLabel("Tracking number").fill("9400111899223100000201");
  await region.getByRole("button", { name: "Ship combined package" }).click();
  await expect(sent(page).locator('[data-field="tracking"]')).toHaveText("9400111899223100000201");
  for (const id of [first, second]) {
    const state = await devOrder(id);
    expect(state.order.status).toBe("AWAITING_COLLECTION");
    expect(state.packages.map((p) => [p.id, p.tracking_number])).toEqual([
      [packageId, "9400111899223100000201"],
    ]);
  }
});

test("ORD-COMBINE-3PL2: orders combined in Seller Center are shipped by the app as one package", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const pair = await placeCombinablePair(shop.id);
  await mapCarrierFor(page, shop.id, pair[0], "UPS");
  await combineInSellerCenter(page, shop.id, pair);
  await webhook4Delivered(shop.id);
  const packageId = (await devOrder(pair[0])).packages[0]!.id;

  await openFulfil(page, shop.id, pair[0]);
  const region = packageRegion(page, packageId);
  await expect(region).toContainText(/and the items of orders? /);
  await expect(region).toContainText(pair[1]);
  await region.getByLabel("Tracking number").fill("1Z999AA10123456784");
  await region.getByRole("button", { name: "Ship combined package" }).click();
  await expect(sent(page).locator('[data-field="carrier"]')).toHaveText("UPS");
  for (const id of pair) {
    const state = await devOrder(id);
    expect(state.order.status).toBe("AWAITING_COLLECTION");
    expect(state.packages[0]).toMatchObject({ id: packageId, tracking_number: "1Z999AA10123456784" });
  }
});

test("ORD-COMBINE-4PL2: orders combined in Seller Center get one TikTok label from the app", async ({
  page,
}) => {
  const shop = await usShop();
  await installFromAppStore(page, { onlyShop: shop.name });
  const pair = await placeCombinablePair(shop.id, "TIKTOK");
  await combineInSellerCenter(page, shop.id, pair);
  await webhook4Delivered(shop.id);
  const packageId = (await devOrder(pair[1])).packages[0]!.id;

  await openFulfil(page, shop.id, pair[1]);
  await packageRegion(page, packageId).getByRole("button", { name: "Arrange drop-off" }).click();
  await expect(sent(page)).toContainText("Handover arranged with TikTok Shipping");
  const state = await devOrder(pair[1]);
  const tracking = state.packages[0]!.tracking_number!;
  expect(tracking).toBeTruthy();
  await expect(sent(page).locator('[data-field="tracking"]')).toHaveText(tracking);
  expect(pdfText(await downloadLabel(page, packageId))).toContain(tracking);
  for (const id of pair) expect((await devOrder(id)).order.status).toBe("AWAITING_COLLECTION");
});
