import { expect, type Page, test } from "@playwright/test";
import { financeApp } from "../support/apps.ts";
import { installFinance, type LedgerStatement, ledger, shown, waitForSync } from "../support/finance.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { type ShopRow, seller1Shops } from "../support/install.ts";
import { financeUrl } from "../support/ports.ts";

/**
 * The Finance ARD's retrieval rows, from Seller Center's App Store to the app's pages, with every
 * figure checked against the dev shop's own ledger (its finance control API).
 */

let shop: ShopRow;

const day = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);

const consoleErrors = eachTestStartsClean({ app: financeApp, url: financeUrl, timeoutMs: 120_000 });

test.beforeEach(async ({ page }) => {
  shop = (await seller1Shops()).find((s) => s.region === "GB")!;
  await installFinance(page, { onlyShop: shop.name });
  await waitForSync(page, shop.id);
});

async function showDates(page: Page, from: string, to: string) {
  const dates = page.getByRole("form", { name: "Date range" });
  await dates.getByLabel("From").fill(from);
  await dates.getByLabel("To").fill(to);
  await dates.getByRole("button", { name: "Show" }).click();
}

test("FIN-GET-STATEMENT: lists the daily statements of a date range with their settlement, as TikTok has them", async ({
  page,
}) => {
  const all = await ledger.statements(shop.id);
  const last = all.at(-1)!;
  const from = day(last.statement_time - 9 * 86_400);
  const to = day(last.statement_time);
  const expected = all.filter((s) => day(s.statement_time) >= from && day(s.statement_time) <= to);
  expect(expected.length).toBeGreaterThan(2);

  await page.getByRole("link", { name: "Statements" }).click();
  await showDates(page, from, to);
  const table = page.getByRole("table", { name: "Statements" });
  await expect(table.getByRole("row").filter({ hasText: /\d{15,}/ })).toHaveCount(expected.length);
  for (const statement of expected) {
    const row = table.getByRole("row").filter({ hasText: statement.id });
    await expect(row).toContainText(day(statement.statement_time));
    await expect(row).toContainText(shown(statement.settlement_amount, statement.currency));
  }
  const total = expected.reduce((sum, s) => sum + Math.round(Number(s.settlement_amount) * 100), 0);
  await expect(page.getByText(`${expected.length} statements, settled`)).toContainText(
    shown((total / 100).toFixed(2), last.currency),
  );

  // A reversed range is refused with a message naming both dates, and nothing is listed.
  await showDates(page, to, from);
  await expect(page.getByText(`The start date ${to} is after the end date ${from}.`)).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: /\d{15,}/ })).toHaveCount(0);
  // The browser logs the refused request itself (HTTP 400); that one is expected.
  consoleErrors.forgive(/status of 400/);
});

test("FIN-TXGET-STATEMENT: a statement opens on its orders, adjustments and reserves, which add up to it", async ({
  page,
}) => {
  const all = await ledger.statements(shop.id);
  const target = [...all].reverse().find((s) => s.order_ids.length >= 2)!;
  const detail = await ledger.statement(shop.id, target.id);
  await page.goto(
    `${financeUrl}/statements?shop=${shop.id}&from=${day(target.statement_time)}&to=${day(target.statement_time)}`,
  );
  await page.getByRole("link", { name: target.id }).click();
  await expect(page.getByRole("heading", { name: `Statement ${target.id}` })).toBeVisible();
  const table = page.getByRole("table", { name: "Transactions" });
  await expect(
    table.getByRole("row").filter({ hasText: /\d/ }).filter({ hasNotText: "Revenue" }),
  ).toHaveCount(detail.transactions.length);
  // An order's link is on its ORDER line (and on its reserve line).
  for (const orderId of target.order_ids)
    await expect(table.getByRole("link", { name: orderId }).first()).toBeVisible();
  await expect(page.getByText("The transactions add up to the statement.")).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "Totals" })
      .or(page.locator("section", { hasText: "Totals" }))
      .first(),
  ).toContainText(shown(target.settlement_amount, target.currency));
});

test("FIN-TXGET-ORDER: an order of a statement opens on its settlement per SKU, with fees and shipping", async ({
  page,
}) => {
  const all = await ledger.statements(shop.id);
  const target = [...all].reverse().find((s) => s.order_ids.length > 0)!;
  const orderId = target.order_ids[0]!;
  const order = await ledger.order(shop.id, orderId);
  await page.goto(`${financeUrl}/statements/${target.id}?shop=${shop.id}`);
  await page.getByRole("link", { name: orderId }).first().click();
  await expect(page.getByRole("heading", { name: `Order ${orderId}` })).toBeVisible();
  await expect(page.getByText("Settled", { exact: true }).first()).toBeVisible();
  const skus = page.getByRole("list", { name: "SKU lines" }).getByRole("listitem");
  await expect(skus).toHaveCount(order.settlement.sku_transactions.length);
  for (const sku of order.settlement.sku_transactions) {
    const card = skus.filter({ hasText: `SKU ${sku.sku_id}` });
    await expect(card).toContainText(`${sku.quantity} unit`);
    await expect(card).toContainText(shown(sku.settlement_amount, order.settlement.currency));
    const fees = (sku.fee_tax_breakdown as { fee: Record<string, string> }).fee;
    const commission = fees.platform_commission_amount!;
    await expect(card.getByText("platform commission")).toBeVisible();
    await expect(card).toContainText(shown(commission, order.settlement.currency));
  }
  await expect(page.getByRole("table", { name: "Statement lines of the order" })).toContainText(
    shown(order.settlement.settlement_amount, order.settlement.currency),
  );
});

test("FIN-GET-PAYMENT: payouts show the bank deposit and the statements each pays, matching TikTok's", async ({
  page,
}) => {
  const payments = await ledger.payments(shop.id);
  const payment = payments.at(-1)!;
  const statements = await ledger.statements(shop.id);
  const paid: LedgerStatement[] = statements.filter((s) => payment.statement_ids.includes(s.id));
  await page.getByRole("link", { name: "Payouts" }).click();
  const row = page.getByRole("table", { name: "Payouts" }).getByRole("row").filter({ hasText: payment.id });
  await expect(row).toContainText(shown(payment.amount, payment.currency));
  await expect(row).toContainText(payment.bank_account);
  await expect(row).toContainText(payment.status === "PAID" ? "Paid" : "Processing");
  await row.getByRole("link", { name: payment.id }).click();
  await expect(page.getByRole("heading", { name: `Payout ${payment.id}` })).toBeVisible();
  await expect(
    page.getByText("The deposit equals settlement plus reserve, and the statements it pays."),
  ).toBeVisible();
  const listed = page.getByRole("table", { name: "Statements paid by this payout" });
  await expect(listed.getByRole("link")).toHaveCount(paid.length);
  for (const statement of paid) await expect(listed.getByRole("link", { name: statement.id })).toBeVisible();
  await expect(
    page.getByText(shown(payment.reserve_amount, payment.statement_currency)).first(),
  ).toBeVisible();
});

test("FIN-GET-WITHDRAWALS: lists the balance movements (settlements in, withdrawals out) of a date range", async ({
  page,
}) => {
  const withdrawals = await ledger.withdrawals(shop.id);
  const last = withdrawals.at(-1)!;
  const from = day(last.create_time - 6 * 86_400);
  const to = day(last.create_time);
  const expected = withdrawals.filter((w) => day(w.create_time) >= from && day(w.create_time) <= to);
  await page.getByRole("link", { name: "Withdrawals" }).click();
  await showDates(page, from, to);
  const table = page.getByRole("table", { name: "Withdrawals" });
  await expect(table.getByRole("row").filter({ hasText: /\d{10,}/ })).toHaveCount(expected.length);
  for (const w of expected) {
    const row = table.getByRole("row").filter({ hasText: w.id });
    await expect(row).toContainText(w.type.toLowerCase());
    await expect(row).toContainText(shown(w.amount, w.currency));
  }
});
