import { expect, type Page, test } from "@playwright/test";
import { financeApp } from "../support/apps.ts";
import { control } from "../support/dev-shop.ts";
import { cents, installFinance, ledger, parseCsv, waitForSync } from "../support/finance.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { type ShopRow, seller1Shops } from "../support/install.ts";
import { financeUrl } from "../support/ports.ts";

/**
 * The reconstructed accounting rows (ACC-R1 to ACC-R6; ACC-R4 in other-store.spec.ts, the split-month
 * rollovers of ACC-R6 in split-month.spec.ts): journals per statement or payout, the
 * mapping to the seller's accounts and tax rates, multi-shop and multi-currency files for Xero and
 * QuickBooks Online, and month-end accruals, each figure checked against the dev shop's ledger.
 */

let shops: ShopRow[];
let gb: ShopRow;
let us: ShopRow;

const day = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);
/** A statement's journal date: the day it covers, the day before its statement_time (UTC books). */
const covered = (statementTime: number) => day(statementTime - 1);

const consoleErrors = eachTestStartsClean({ app: financeApp, url: financeUrl, timeoutMs: 150_000 });

test.beforeEach(async () => {
  shops = await seller1Shops();
  gb = shops.find((s) => s.region === "GB")!;
  us = shops.find((s) => s.region === "US")!;
});

interface ExportForm {
  shops: ShopRow[];
  kind: "One journal per statement" | "One journal per payout" | "Month-end accrual";
  format: "CSV (any ledger)" | "Xero manual journals" | "QuickBooks Online journal entries";
  from?: string;
  to?: string;
  month?: string;
  base?: string;
  rates?: Record<string, string>;
}

/** Accounting › Export journals: fill the form, preview, and return the preview's heading. */
async function preview(page: Page, form: ExportForm) {
  await page.goto(`${financeUrl}/accounting?shop=${form.shops[0]!.id}`);
  const exportForm = page.getByRole("form", { name: "Export journals" });
  for (const shop of shops) {
    const box = exportForm.getByRole("checkbox", { name: shop.name });
    // Only the connected shops are offered.
    if ((await box.count()) === 0) continue;
    if (form.shops.includes(shop)) await box.check();
    else await box.uncheck();
  }
  await exportForm.getByLabel("Journals", { exact: true }).selectOption({ label: form.kind });
  if (form.month) await exportForm.getByLabel("Month", { exact: true }).fill(form.month);
  if (form.from) await exportForm.getByLabel("From", { exact: true }).fill(form.from);
  if (form.to) await exportForm.getByLabel("To", { exact: true }).fill(form.to);
  await exportForm.getByLabel("File format", { exact: true }).selectOption({ label: form.format });
  if (form.base) await exportForm.getByLabel("Xero base currency").fill(form.base);
  for (const [currency, rate] of Object.entries(form.rates ?? {})) {
    await exportForm.getByLabel(new RegExp(`per ${currency}$`)).fill(rate);
  }
  await exportForm.getByRole("button", { name: "Preview journals" }).click();
}

async function downloaded(page: Page, name = "Download file") {
  const link = page.getByRole("link", { name });
  await expect(link).toBeVisible();
  const response = await page.request.get(`${financeUrl}${await link.getAttribute("href")}`);
  expect(response.ok()).toBe(true);
  return parseCsv(await response.text());
}

test("ACC-R1: one summarised journal per payout whose bank line equals the deposit, and per statement its payable", async ({
  page,
}) => {
  await installFinance(page, { onlyShop: gb.name });
  await waitForSync(page, gb.id);
  const payment = (await ledger.payments(gb.id)).at(-1)!;
  await preview(page, {
    shops: [gb],
    kind: "One journal per payout",
    format: "QuickBooks Online journal entries",
    from: day(payment.create_time),
    to: day(payment.create_time),
  });
  await expect(page.getByRole("heading", { name: /journals, \d+ lines — all balanced/ })).toBeVisible();
  const rows = await downloaded(page);
  expect(rows[0]).toEqual([
    "Journal No",
    "Journal Date",
    "Account Name",
    "Debits",
    "Credits",
    "Description",
    "Name",
    "Currency Code",
  ]);
  const journal = rows.filter((r) => r[0] === `TTS-PY-${payment.id}`);
  const bank = journal.find((r) => r[2] === "Business Bank Account")!;
  expect(bank[3]).toBe(payment.amount_before_exchange);
  expect(cents(journal.map((r) => r[3]))).toBe(cents(journal.map((r) => r[4])));

  // Per statement: the TikTok balance line is the statement's payable (settlement + reserve).
  const statement = (await ledger.statements(gb.id)).at(-1)!;
  await preview(page, {
    shops: [gb],
    kind: "One journal per statement",
    format: "CSV (any ledger)",
    from: covered(statement.statement_time),
    to: covered(statement.statement_time),
  });
  const csv = await downloaded(page);
  const clearing = csv.find((r) => r[0] === `TTS-ST-${statement.id}` && r[5] === "1200")!;
  expect(cents([clearing[8]]) - cents([clearing[9]])).toBe(cents([statement.payable_amount]));
});

test("ACC-R2: transaction types and fee components post to the accounts the seller maps; an unknown account is refused", async ({
  page,
}) => {
  await installFinance(page, { onlyShop: gb.name });
  await waitForSync(page, gb.id);
  await page.goto(`${financeUrl}/accounting?shop=${gb.id}`);
  await page.getByRole("tab", { name: "Account mapping" }).click();
  await page.getByLabel("Platform commission", { exact: true }).selectOption("6110");
  await page.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByText("Account mapping saved").first()).toBeVisible();

  const statement = [...(await ledger.statements(gb.id))].reverse().find((s) => s.order_ids.length > 0)!;
  const detail = await ledger.statement(gb.id, statement.id);
  const fee = (key: string) =>
    cents(
      detail.transactions.map(
        (t) => (t.fee_tax_breakdown as { fee?: Record<string, string> } | undefined)?.fee?.[key],
      ),
    );
  // 6110 now takes the platform commission besides the affiliate commissions it has by default.
  const commissions = fee("platform_commission_amount") + fee("affiliate_commission_amount");
  await preview(page, {
    shops: [gb],
    kind: "One journal per statement",
    format: "CSV (any ledger)",
    from: covered(statement.statement_time),
    to: covered(statement.statement_time),
  });
  const rows = (await downloaded(page)).filter((r) => r[0] === `TTS-ST-${statement.id}`);
  const mapped = rows.find((r) => r[5] === "6110")!;
  // Commissions are negative in TikTok's lines: a debit to the expense account.
  expect(cents([mapped[8]]) - cents([mapped[9]])).toBe(-commissions);

  // Bad input: an account that is not in the chart is refused by name, and nothing changes.
  const csrf = (await (await page.request.get(`${financeUrl}/api/csrf`)).json()) as { token: string };
  const refused = await page.request.put(`${financeUrl}/api/accounting/mapping`, {
    headers: { "x-csrf-token": csrf.token, origin: financeUrl },
    data: { mappings: { "fee.platform_commission_amount": "9999" } },
  });
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
    "Mapping not saved: Account 9999 (for Platform commission) is not in your chart of accounts.",
  );
  const ledgerView = (await (await page.request.get(`${financeUrl}/api/accounting/ledger`)).json()) as {
    mapping: Record<string, string>;
  };
  expect(ledgerView.mapping["fee.platform_commission_amount"]).toBe("6110");
});

test("ACC-R3: each account carries its tax rate into the Xero file", async ({ page }) => {
  await installFinance(page, { onlyShop: gb.name });
  await waitForSync(page, gb.id);
  await page.goto(`${financeUrl}/accounting?shop=${gb.id}`);
  await page.getByRole("tab", { name: "Chart of accounts" }).click();
  const salesRow = page
    .getByRole("table", { name: "Chart of accounts" })
    .getByRole("row")
    .filter({
      has: page.locator('input[value="4000"]'),
    });
  await salesRow.getByRole("textbox", { name: /Xero tax rate/ }).fill("20% (VAT on Income)");
  await page.getByRole("button", { name: "Save accounts" }).click();
  await expect(page.getByText("Chart of accounts saved").first()).toBeVisible();

  const statement = [...(await ledger.statements(gb.id))].reverse().find((s) => s.order_ids.length > 0)!;
  await preview(page, {
    shops: [gb],
    kind: "One journal per statement",
    format: "Xero manual journals",
    from: covered(statement.statement_time),
    to: covered(statement.statement_time),
  });
  const rows = await downloaded(page);
  expect(rows[0]).toEqual([
    "*Narration",
    "*Date",
    "Description",
    "*AccountCode",
    "*TaxRate",
    "*Amount",
    "TrackingName1",
    "TrackingOption1",
  ]);
  const sales = rows.find((r) => r[0]?.startsWith(`TTS-ST-${statement.id}`) && r[3] === "4000")!;
  expect(sales[4]).toBe("20% (VAT on Income)");
  const [y, m, d] = covered(statement.statement_time).split("-");
  expect(sales[1]).toBe(`${d}/${m}/${y}`);
  expect(sales[7]).toBe(gb.name);
});

test("ACC-R5: month-end accrual of the money not settled yet, reversed on the first of the next month", async ({
  page,
}) => {
  await installFinance(page, { onlyShop: gb.name });
  await waitForSync(page, gb.id);
  const { now } = await control.call<{ now: number }>("GET", "/clock");
  const month = day(now).slice(0, 7);
  await preview(page, { shops: [gb], kind: "Month-end accrual", format: "CSV (any ledger)", month });
  const rows = await downloaded(page);
  const accrual = rows.filter((r) => r[0]?.startsWith(`TTS-AC-${gb.id}-${month}`));
  const reversal = rows.filter((r) => r[0]?.startsWith(`TTS-RV-${gb.id}-${month}`));
  const receivable = accrual.find((r) => r[5] === "1220")!;
  expect(reversal.find((r) => r[5] === "1220")![9]).toBe(receivable[8]);
  expect(cents(accrual.map((r) => r[8]))).toBe(cents(accrual.map((r) => r[9])));

  // The receivable is what TikTok still owes: the estimates of the orders not settled yet.
  const response = await page.request.get(
    `${financeUrl}/api/reconciliation/${gb.id}?state=unsettled&page_size=500&from=2020-01-01&to=2030-12-31`,
  );
  const { orders } = (await response.json()) as {
    orders: { rows: Array<{ orderId: string; amount: string }> };
  };
  for (const order of orders.rows.slice(0, 3)) {
    expect((await ledger.order(gb.id, order.orderId)).settlement.settlement_amount).toBe(order.amount);
  }
  expect(cents([receivable[8]])).toBeGreaterThan(0);
});

test("ACC-R6: several shops in their own currencies in one file, and converted at the seller's rates for Xero", async ({
  page,
}) => {
  await installFinance(page);
  await waitForSync(page, gb.id);
  await waitForSync(page, us.id);
  // From the earlier of the two shops' latest statements to the later one: a shop has no statement
  // on a day nothing settled, so each shop's latest must be inside the range.
  const latest = await Promise.all([gb, us].map(async (s) => (await ledger.statements(s.id)).at(-1)!));
  const times = latest.map((statement) => statement.statement_time);
  const range = { from: covered(Math.min(...times) - 3 * 86_400), to: covered(Math.max(...times)) };
  await preview(page, {
    shops: [gb, us],
    kind: "One journal per statement",
    format: "CSV (any ledger)",
    ...range,
  });
  const rows = (await downloaded(page)).slice(1);
  expect(new Set(rows.map((r) => r[10]))).toEqual(new Set(["GBP", "USD"]));
  expect(new Set(rows.map((r) => r[2]))).toEqual(new Set([gb.name, us.name]));

  // Xero posts in one base currency: without a rate the export is refused, naming the currency.
  await preview(page, {
    shops: [gb, us],
    kind: "One journal per statement",
    format: "Xero manual journals",
    base: "USD",
    ...range,
  });
  await expect(page.getByText("Give the exchange rate from GBP to USD")).toBeVisible();
  consoleErrors.forgive(/status of 400/);
  await preview(page, {
    shops: [gb, us],
    kind: "One journal per statement",
    format: "Xero manual journals",
    base: "USD",
    rates: { GBP: "1.25" },
    ...range,
  });
  await expect(page.getByRole("heading", { name: /all balanced/ })).toBeVisible();
  const xero = (await downloaded(page)).slice(1);
  const gbJournal = xero.filter((r) => r[0]?.includes("(GBP at 1.25)"));
  expect(gbJournal.length).toBeGreaterThan(0);
  expect(cents(gbJournal.map((r) => r[5]))).toBe(0);
});
