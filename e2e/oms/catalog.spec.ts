import { expect, type Page, test } from "@playwright/test";
import { omsApp } from "../support/apps.ts";
import { control } from "../support/dev-shop.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { installFromAppStore, seller1Shops } from "../support/oms.ts";
import { catalog, liveProduct, openProduct, openProducts } from "../support/oms-catalog.ts";
import { omsUrl } from "../support/ports.ts";

/**
 * Products, stock and prices as a seller works with them: installed from Seller Center's App Store,
 * the shop's products listed and searched in OMS, stock and prices changed in OMS, and every change
 * checked in the dev shop's own state.
 */

eachTestStartsClean({ app: omsApp, url: omsUrl, consoleErrors: "allow-4xx" });

async function installFirstShop(page: Page) {
  const [shop] = await seller1Shops();
  await installFromAppStore(page, { onlyShop: shop!.name });
  return shop!;
}

/** A notification toast (its text is also in a live region for screen readers). */
const toast = (page: Page, text: string) =>
  page.getByRole("region", { name: "Notifications" }).getByText(text);
const productsTable = (page: Page) => page.getByRole("table", { name: "Products" });
const productRow = (page: Page, text: string) =>
  productsTable(page).getByRole("row").filter({ hasText: text });

test("CAT-POST-SEARCH: lists the shop's products, searches by title, SKU id and seller SKU, filters by status", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const shop = await installFirstShop(page);
  const products = await catalog.products(shop.id);
  await openProducts(page, shop.id);

  const target = await liveProduct(shop.id, 2);
  const sku = target.skus[1]!;
  const search = page.getByRole("searchbox", { name: "Search products" });

  // By seller SKU, by SKU id, by a word of the title.
  for (const term of [sku.seller_sku, sku.id, target.title.split(" ").find((w) => w.length > 3)!]) {
    await search.fill(term);
    await search.press("Enter");
    await expect(productRow(page, target.id)).toBeVisible();
    const shown = await productsTable(page)
      .getByRole("row")
      .filter({ hasText: /\d{10,}/ })
      .allTextContents();
    const expected = products.filter(
      (p) =>
        p.status !== "DELETED" &&
        (p.title.toLowerCase().includes(term.toLowerCase()) ||
          p.id.includes(term) ||
          p.skus.some((s) => s.id.includes(term) || s.seller_sku.toLowerCase().includes(term.toLowerCase()))),
    );
    expect(shown.length, `results for ${term}`).toBe(expected.length);
  }
  await search.fill("");
  await search.press("Enter");

  // By status: the deactivated products of the dev shop, and only them.
  const deactivated = products.filter((p) => p.status === "SELLER_DEACTIVATED");
  await page.getByRole("button", { name: /Status$/ }).click();
  await page.getByRole("option", { name: "Deactivated", exact: true }).click();
  if (deactivated.length > 0) {
    await expect(productRow(page, deactivated[0]!.id)).toBeVisible();
    await expect(
      productsTable(page)
        .getByRole("row")
        .filter({ hasText: /\d{10,}/ }),
    ).toHaveCount(Math.min(deactivated.length, 50));
  }
  for (const text of await productsTable(page)
    .getByRole("row")
    .filter({ hasText: /\d{10,}/ })
    .allTextContents()) {
    expect(text).toContain("Deactivated");
  }

  // The detail: each SKU's price and its stock per warehouse, as the dev shop holds them.
  await openProduct(page, shop.id, target.id);
  const warehouses = await catalog.warehouses(shop.id);
  for (const s of target.skus) {
    const row = page.getByRole("table", { name: "SKUs" }).getByRole("row").filter({ hasText: s.id });
    await expect(row.getByRole("textbox", { name: /^Price of/ })).toHaveValue(s.price);
    for (const w of warehouses) {
      const held = s.stock.find((r) => r.warehouse_id === w.id);
      await expect(row.getByRole("textbox", { name: new RegExp(`in ${w.name}$`) })).toHaveValue(
        held ? String(held.available) : "",
      );
    }
  }
});

test("CAT-POST-SEARCH: webhook 27 (inventory status change) brings a sell-out into the list", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const shop = await installFirstShop(page);
  const target = await liveProduct(shop.id, 1);
  await openProducts(page, shop.id, `&q=${target.id}`);
  await expect(productRow(page, target.id)).not.toContainText("Out of stock");

  // Sold out in Seller Center (no webhook for the edit itself), then TikTok's inventory webhook.
  for (const sku of target.skus) {
    for (const row of sku.stock) await catalog.setStock(target.id, sku.id, row.warehouse_id, 0);
  }
  await control.emitWebhook({
    app_key: omsApp.app_key,
    shop_id: shop.id,
    type: 27,
    data: { product_id: target.id, sku_id: target.skus[0]!.id, inventory_status: "OUT_OF_STOCK" },
  });
  await expect
    .poll(
      async () => {
        await page.reload();
        return (await productRow(page, target.id).textContent()) ?? "";
      },
      { timeout: 20_000, intervals: [1_000] },
    )
    .toContain("Out of stock");
  const { deliveries } = await control.webhooks(`?type=27&shop_id=${shop.id}&app_key=${omsApp.app_key}`);
  expect(deliveries.map((d) => d.state)).toEqual(["delivered"]);
});

test("CAT-POST-INVENTORY: sets the stock of several SKUs in each warehouse; the dev shop's stock changes", async ({
  page,
}) => {
  const shop = await installFirstShop(page);
  const target = await liveProduct(shop.id, 2);
  const warehouses = await catalog.warehouses(shop.id);
  await openProduct(page, shop.id, target.id);

  const table = page.getByRole("table", { name: "SKUs" });
  const wanted = new Map<string, number>();
  for (const [i, sku] of target.skus.slice(0, 2).entries()) {
    for (const [j, row] of sku.stock.entries()) {
      const warehouse = warehouses.find((w) => w.id === row.warehouse_id)!;
      const quantity = 100 + i * 10 + j;
      wanted.set(`${sku.id}:${row.warehouse_id}`, quantity);
      await table
        .getByRole("row")
        .filter({ hasText: sku.id })
        .getByRole("textbox", { name: new RegExp(`in ${warehouse.name}$`) })
        .fill(String(quantity));
    }
  }
  await page.getByRole("button", { name: "Save stock (2)" }).click();
  await expect(toast(page, "Stock saved for 2 SKUs.")).toBeVisible();

  const after = await catalog.product(target.id);
  for (const sku of after.skus.slice(0, 2)) {
    for (const row of sku.stock) expect(row.available).toBe(wanted.get(`${sku.id}:${row.warehouse_id}`));
  }
  // SKUs the seller did not touch keep their stock.
  for (const sku of after.skus.slice(2)) {
    expect(sku.stock).toEqual(target.skus.find((s) => s.id === sku.id)!.stock);
  }
});

test("CAT-POST-INVENTORY: a SKU TikTok refuses is listed with TikTok's reason while the other SKU is saved", async ({
  page,
}) => {
  const shop = await installFirstShop(page);
  const warehouses = await catalog.warehouses(shop.id);
  const products = await catalog.products(shop.id);
  // Two SKUs each stocked in one warehouse only.
  const target = products.find(
    (p) => p.status === "ACTIVATE" && p.skus.filter((s) => s.stock.length === 1).length >= 2,
  );
  test.skip(!target, "the seeded shop has no product with two single-warehouse SKUs");
  const [first, second] = target!.skus.filter((s) => s.stock.length === 1);
  await openProduct(page, shop.id, target!.id);

  // Meanwhile someone stocks the second SKU in the other warehouse in Seller Center.
  const other = warehouses.find((w) => w.id !== second!.stock[0]!.warehouse_id)!;
  await catalog.setStock(target!.id, second!.id, other.id, 4);

  const table = page.getByRole("table", { name: "SKUs" });
  const cell = (skuId: string, warehouseId: string) =>
    table
      .getByRole("row")
      .filter({ hasText: skuId })
      .getByRole("textbox", {
        name: new RegExp(`in ${warehouses.find((w) => w.id === warehouseId)!.name}$`),
      });
  await cell(first!.id, first!.stock[0]!.warehouse_id).fill("61");
  await cell(second!.id, second!.stock[0]!.warehouse_id).fill("62");
  await page.getByRole("button", { name: "Save stock (2)" }).click();

  const banner = page.getByRole("alert").filter({ hasText: "TikTok Shop refused the stock of 1 SKU" });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("The other 1 SKU was saved.");
  await expect(banner).toContainText(/Multiple warehouses detected.*\(code 12019028\)/);
  await expect(table.getByRole("row").filter({ hasText: second!.id })).toContainText("Refused:");
  // What the seller typed for the refused SKU stays on screen.
  await expect(cell(second!.id, second!.stock[0]!.warehouse_id)).toHaveValue("62");

  const after = await catalog.product(target!.id);
  expect(after.skus.find((s) => s.id === first!.id)!.stock[0]!.available).toBe(61);
  const refused = after.skus.find((s) => s.id === second!.id)!;
  expect(refused.stock.find((r) => r.warehouse_id === second!.stock[0]!.warehouse_id)!.available).toBe(
    second!.stock[0]!.available,
  );
  expect(refused.stock.find((r) => r.warehouse_id === other.id)!.available).toBe(4);
});

test("CAT-POST-INVENTORY: negative or fractional stock gets a clear message and nothing is sent", async ({
  page,
}) => {
  const shop = await installFirstShop(page);
  const target = await liveProduct(shop.id, 2);
  const warehouses = await catalog.warehouses(shop.id);
  await openProduct(page, shop.id, target.id);
  const table = page.getByRole("table", { name: "SKUs" });
  const cell = (i: number) => {
    const sku = target.skus[i]!;
    const name = warehouses.find((w) => w.id === sku.stock[0]!.warehouse_id)!.name;
    return table
      .getByRole("row")
      .filter({ hasText: sku.id })
      .getByRole("textbox", { name: new RegExp(`in ${name}$`) });
  };

  await cell(0).fill("12");
  await cell(1).fill("-3");
  await expect(table.getByText("Stock cannot be negative.")).toBeVisible();
  await cell(1).fill("2.5");
  await expect(table.getByText("Stock must be a whole number of units from 0 to 99,999.")).toBeVisible();
  let calls = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes("/inventory")) calls++;
  });
  await page.getByRole("button", { name: "Save stock (2)" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toContainText(
    "fix the highlighted cells. Nothing was sent.",
  );
  expect(calls).toBe(0);
  expect((await catalog.product(target.id)).skus.map((s) => s.stock)).toEqual(
    target.skus.map((s) => s.stock),
  );
});

test("CAT-POST-PRICE: changes a SKU's price; the dev shop's price changes", async ({ page }) => {
  const shop = await installFirstShop(page);
  const target = await liveProduct(shop.id, 2);
  const sku = target.skus[0]!;
  await openProduct(page, shop.id, target.id);
  const price = page
    .getByRole("table", { name: "SKUs" })
    .getByRole("row")
    .filter({ hasText: sku.id })
    .getByRole("textbox", { name: /^Price of/ });
  // Below any strike-through price the SKU may have.
  const next = sku.list_price ? "5.5" : "21.5";
  await price.fill(next);
  await page.getByRole("button", { name: "Save prices (1)" }).click();
  await expect(toast(page, "Prices saved for 1 SKU.")).toBeVisible();
  const after = await catalog.product(target.id);
  expect(after.skus[0]!.price).toBe(next === "5.5" ? "5.50" : "21.50");
  expect(after.skus[1]!.price).toBe(target.skus[1]!.price);
  // The page shows the price TikTok now holds.
  await expect(price).toHaveValue(after.skus[0]!.price);
});

test("CAT-POST-PRICE: a price with too many decimals or a currency sign is refused; no price changes", async ({
  page,
}) => {
  const shop = await installFirstShop(page);
  const target = await liveProduct(shop.id, 2);
  await openProduct(page, shop.id, target.id);
  const table = page.getByRole("table", { name: "SKUs" });
  const price = (i: number) =>
    table
      .getByRole("row")
      .filter({ hasText: target.skus[i]!.id })
      .getByRole("textbox", { name: /^Price of/ });

  await price(0).fill("7.00");
  await price(1).fill("9.999");
  await page.getByRole("button", { name: "Save prices (2)" }).click();
  await expect(table.getByText("USD prices have at most 2 decimals.")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toBeVisible();
  await price(1).fill("$9");
  await expect(table.getByText(/no currency sign/)).toBeVisible();
  await page.getByRole("button", { name: "Save prices (2)" }).click();
  const after = await catalog.product(target.id);
  expect(after.skus.map((s) => s.price)).toEqual(target.skus.map((s) => s.price));
});
