import { expect, test } from "@playwright/test";
import { control, logIn, watchForPageErrors } from "../support/dev-shop.ts";

/**
 * Seller Center › Finance as a reviewer uses it to check a finance app's figures: the statements,
 * payments and withdrawals of a shop match the dev shop's ledger (its control API), and moving the
 * clock past 00:00 UTC brings the next daily statement.
 */

interface StatementView {
  id: string;
  statement_time: number;
  settlement_amount: string;
  payment_id: string | null;
  order_ids: string[];
}

interface PaymentView {
  id: string;
  status: string;
  amount: string;
  currency: string;
  bank_account: string;
}

const statementsOf = async (shopId: string) =>
  (await control.call<{ statements: StatementView[] }>("GET", `/finance/shops/${shopId}/statements`))
    .statements;

let errors: string[];

test.beforeEach(async ({ page }) => {
  await control.reset();
  errors = watchForPageErrors(page);
});

test.afterEach(() => {
  expect(errors, "console errors on the page").toEqual([]);
});

test("Seller Center Finance shows the shop's statements, payments and the next daily close", async ({
  page,
}) => {
  const { shops } = await control.shops();
  const { sellers } = await control.sellers();
  const seller1 = sellers.find((s) => s.email === "seller1@dev.shop")!;
  const gb = shops.find((s) => s.seller_id === seller1.id && s.region === "GB")!;
  const statements = await statementsOf(gb.id);
  const { payments } = await control.call<{ payments: PaymentView[] }>(
    "GET",
    `/finance/shops/${gb.id}/payments`,
  );
  const latest = statements.at(-1)!;
  const payment = payments.at(-1)!;

  await logIn(page);
  await page.getByRole("link", { name: "Finance" }).click();
  await page.getByLabel("Shop").selectOption(gb.id);
  await page.getByRole("button", { name: "Show" }).click();

  await expect(page.getByRole("heading", { name: `Statements (${statements.length})` })).toBeVisible();
  const statementRow = page.getByRole("row", { name: new RegExp(latest.id) });
  await expect(statementRow).toContainText(latest.settlement_amount);
  const paymentRow = page
    .getByRole("row", { name: new RegExp(payment.id) })
    .filter({ hasText: payment.bank_account });
  await expect(paymentRow).toContainText(`${payment.amount} ${payment.currency}`);
  await expect(paymentRow).toContainText(payment.status);
  await expect(page.getByRole("heading", { name: /Withdrawals/ })).toBeVisible();

  // A statement's lines: the orders it settled.
  await statementRow.getByRole("link", { name: latest.id }).click();
  await expect(page.getByRole("heading", { name: `Statement ${latest.id}` })).toBeVisible();
  for (const orderId of latest.order_ids) {
    await expect(page.getByRole("row", { name: new RegExp(orderId) }).first()).toBeVisible();
  }

  // Eight days on, through Seller Center's clock: each day's close ran at its 00:00 UTC.
  await page.getByRole("link", { name: "Clock" }).click();
  await page.getByRole("button", { name: "+8 days" }).click();
  await expect(page.getByRole("status")).toContainText("moved forward by 8 d");
  const after = await statementsOf(gb.id);
  const added = after.filter((s) => !statements.some((old) => old.id === s.id));
  expect(added.length).toBeGreaterThan(0);
  for (const statement of added) expect(statement.statement_time % 86_400).toBe(0);
  expect(new Set(added.map((s) => s.statement_time)).size).toBe(added.length);
  await page.getByRole("link", { name: "Finance" }).click();
  await page.getByLabel("Shop").selectOption(gb.id);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("heading", { name: `Statements (${after.length})` })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(added.at(-1)!.id) })).toContainText(
    added.at(-1)!.settlement_amount,
  );
});
