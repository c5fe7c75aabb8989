import { expect, test } from "@playwright/test";
import { financeApp } from "../support/apps.ts";
import { cents, installFinance, ledger, shown, waitForSync } from "../support/finance.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { seller1Shops } from "../support/install.ts";
import { financeUrl } from "../support/ports.ts";

/**
 * Profit: costs of goods imported from CSV (checked row by row, nothing half-imported), net profit
 * per order = TikTok's settlement (the dev shop's figures) minus units times cost, and the margin
 * dashboard.
 */

const consoleErrors = eachTestStartsClean({ app: financeApp, url: financeUrl, timeoutMs: 120_000 });

test("profit per order is TikTok's settlement minus the imported cost of goods; a file with a bad row imports nothing", async ({
  page,
}) => {
  const shop = (await seller1Shops()).find((s) => s.region === "GB")!;
  await installFinance(page, { onlyShop: shop.name });
  await waitForSync(page, shop.id);
  const statement = (await ledger.statements(shop.id)).filter((s) => s.order_ids.length > 0).at(-1)!;
  const orderId = statement.order_ids[0]!;
  const order = await ledger.order(shop.id, orderId);
  const skus = order.settlement.sku_transactions;

  await page.getByRole("link", { name: "Profit" }).click();
  await page.getByRole("link", { name: "Costs of goods" }).click();
  const file = page.getByLabel("Costs file (CSV)");
  const listed = async () =>
    (
      (await (await page.request.get(`${financeUrl}/api/profit/${shop.id}/costs?page_size=500`)).json()) as {
        rows: Array<{ skuId: string; unitCost: string | null }>;
      }
    ).rows;
  const other = (await listed()).find((r) => !skus.some((s) => s.sku_id === r.skuId))!;
  // One bad row (a negative cost): nothing is imported, and the line is named.
  const bad = ["sku_id,unit_cost", `${skus[0]!.sku_id},1.00`, `${other.skuId},-2`].join("\n");
  await file.setInputFiles({ name: "costs.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await expect(page.getByText("Nothing was imported", { exact: true })).toBeVisible();
  await expect(
    page.getByRole("listitem").filter({ hasText: "Line 3: unit_cost -2 is negative." }),
  ).toBeVisible();
  expect((await listed()).filter((r) => r.unitCost !== null)).toEqual([]);
  consoleErrors.forgive(/status of 400/);

  // A good file: every SKU of the order gets a cost.
  const costs = skus.map((sku, i) => [sku.sku_id, (3.25 + i).toFixed(2)] as const);
  const good = ["sku_id,unit_cost,currency", ...costs.map(([id, cost]) => `${id},${cost},GBP`)].join("\n");
  await file.setInputFiles({ name: "costs.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await expect(page.getByText(`Imported the costs of ${costs.length} SKU`).first()).toBeVisible();
  const saved = await listed();
  for (const [id, cost] of costs) expect(saved.find((r) => r.skuId === id)?.unitCost).toBe(cost);

  // Net profit of the order, against the dev shop's settlement of it.
  const cogs = skus.reduce((total, sku, i) => total + Number(sku.quantity) * cents([costs[i]![1]]), 0);
  const expected = ((cents([order.settlement.settlement_amount]) - cogs) / 100).toFixed(2);
  const day = new Date(statement.statement_time * 1000).toISOString().slice(0, 10);
  const profit = (await (
    await page.request.get(`${financeUrl}/api/profit/${shop.id}?from=${day}&to=${day}&page_size=500`)
  ).json()) as {
    orders: { rows: Array<{ orderId: string; profit: string; cogs: string; missingCost: boolean }> };
  };
  const row = profit.orders.rows.find((o) => o.orderId === orderId)!;
  expect(row).toMatchObject({ profit: expected, cogs: (cogs / 100).toFixed(2), missingCost: false });

  await page.goto(`${financeUrl}/profit?shop=${shop.id}&from=${day}&to=${day}`);
  const table = page.getByRole("table", { name: "Profit by order" });
  await expect(table.getByRole("row").filter({ hasText: orderId })).toContainText(shown(expected, "GBP"));
  // The margin dashboard: the chart and its accessible table of the same figures.
  await expect(page.getByRole("figure", { name: /net profit/i })).toBeVisible();
});
