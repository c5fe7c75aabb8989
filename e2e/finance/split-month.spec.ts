import { expect, test } from "@playwright/test";
import { financeApp } from "../support/apps.ts";
import {
  cents,
  downloadedCsv,
  installFinance,
  type LedgerPayment,
  type LedgerStatement,
  ledger,
  previewJournals,
  waitForSync,
} from "../support/finance.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { type ShopRow, seller1Shops } from "../support/install.ts";
import { financeUrl } from "../support/ports.ts";

/**
 * ACC-R6 split-month rollovers: a payout whose money belongs to two months (statements on both
 * sides of a month end, or a month's last statement paid in the next month) is booked as one
 * journal per month, each figure checked against the dev shop's ledger.
 */

let shops: ShopRow[];
let gb: ShopRow;

const day = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);
/** The UTC month a statement's money belongs to: the day it covers, the one before statement_time. */
const statementMonth = (s: LedgerStatement) => day(s.statement_time - 1).slice(0, 7);
const lastDay = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

eachTestStartsClean({ app: financeApp, url: financeUrl, timeoutMs: 150_000 });

test.beforeEach(async () => {
  shops = await seller1Shops();
  gb = shops.find((s) => s.region === "GB")!;
});

/** Per account: debits minus credits, in cents, over the given journal rows. */
function byAccount(rows: string[][]) {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r[5]!, (totals.get(r[5]!) ?? 0) + cents([r[8]]) - cents([r[9]]));
  return Object.fromEntries([...totals].filter(([, v]) => v !== 0).sort());
}

test("ACC-R6: a payout spanning a month end is split into one journal per month through the rollover account, in CSV, Xero and QuickBooks files", async ({
  page,
}) => {
  await installFinance(page, { onlyShop: gb.name });
  await waitForSync(page, gb.id);
  const statements = await ledger.statements(gb.id);
  const byId = new Map(statements.map((s) => [s.id, s]));
  const months = (p: LedgerPayment) =>
    [
      ...new Set([
        ...p.statement_ids.map((id) => statementMonth(byId.get(id)!)),
        day(p.paid_time!).slice(0, 7),
      ]),
    ].sort();
  // The seeded history crosses at least two month ends, and TikTok pays two days after a statement:
  // the last statements of a month are paid in the next one. A merged payout whose statements
  // straddle the month end is taken when the history has one.
  const spanning = (await ledger.payments(gb.id)).filter(
    (p) => p.status === "PAID" && p.paid_time && months(p).length > 1,
  );
  const payment =
    spanning.find((p) => new Set(p.statement_ids.map((id) => statementMonth(byId.get(id)!))).size > 1) ??
    spanning.at(-1);
  expect(payment, "a payout whose money belongs to two months").toBeDefined();
  const [earlier, later] = months(payment!) as [string, string];
  const earlierStatements = payment!.statement_ids
    .map((id) => byId.get(id)!)
    .filter((s) => statementMonth(s) === earlier);

  // The payout page says it spans two months, and which month each statement books in.
  await page.goto(`${financeUrl}/payouts/${payment!.id}?shop=${gb.id}`);
  await expect(page.getByText(`This payout spans ${earlier} and ${later}`)).toBeVisible();
  const paid = page.getByRole("table", { name: "Statements paid by this payout" });
  for (const statement of earlierStatements) {
    await expect(paid.getByRole("row").filter({ hasText: statement.id })).toContainText(earlier);
  }

  const range = { from: day(payment!.create_time), to: day(payment!.create_time) };
  await page.goto(`${financeUrl}/accounting?shop=${gb.id}`);
  await previewJournals(page, {
    shops: [gb],
    allShops: shops,
    kind: "One journal per payout",
    format: "CSV (any ledger)",
    ...range,
  });
  await expect(page.getByRole("heading", { name: /all balanced/ })).toBeVisible();
  const split = await downloadedCsv(page);
  const first = split.filter((r) => r[0] === `TTS-PY-${payment!.id}-${earlier}`);
  const second = split.filter((r) => r[0] === `TTS-PY-${payment!.id}`);
  expect(first.length).toBeGreaterThan(0);
  // October's journal is dated on its last day; November's on the deposit.
  expect(new Set(first.map((r) => r[1]))).toEqual(new Set([lastDay(earlier)]));
  expect(new Set(second.map((r) => r[1]))).toEqual(new Set([day(payment!.paid_time!)]));
  for (const journal of [first, second])
    expect(cents(journal.map((r) => r[8]))).toBe(cents(journal.map((r) => r[9])));
  // The earlier month moves its statements' payable (settlement + reserve) to the rollover…
  const rolled = cents(earlierStatements.map((s) => s.payable_amount));
  const rollover = (rows: string[][]) => rows.filter((r) => r[6] === "Split-month Rollover");
  expect(cents(rollover(first).map((r) => r[8])) - cents(rollover(first).map((r) => r[9]))).toBe(rolled);
  // …and the deposit month clears it and books the bank deposit.
  expect(cents(rollover(second).map((r) => r[9])) - cents(rollover(second).map((r) => r[8]))).toBe(rolled);
  expect(second.find((r) => r[5] === "090")![8]).toBe(payment!.amount_before_exchange);

  // Xero and QuickBooks Online date each part in its own month.
  await previewJournals(page, {
    shops: [gb],
    allShops: shops,
    kind: "One journal per payout",
    format: "Xero manual journals",
    ...range,
  });
  const xero = await downloadedCsv(page);
  const [y, m, d] = lastDay(earlier).split("-");
  expect(
    xero.filter((r) => r[0]?.startsWith(`TTS-PY-${payment!.id}-${earlier} `)).map((r) => r[1]),
  ).toContain(`${d}/${m}/${y}`);
  expect(cents(xero.filter((r) => r[0]?.startsWith(`TTS-PY-${payment!.id}`)).map((r) => r[5]))).toBe(0);
  await previewJournals(page, {
    shops: [gb],
    allShops: shops,
    kind: "One journal per payout",
    format: "QuickBooks Online journal entries",
    ...range,
  });
  const qbo = await downloadedCsv(page);
  const qboFirst = qbo.filter((r) => r[0] === `TTS-PY-${payment!.id}-${earlier}`);
  expect(new Set(qboFirst.map((r) => r[1]))).toEqual(new Set([`${m}/${d}/${y}`]));
  expect(qboFirst.find((r) => r[2] === "Split-month Rollover")![3]).toBe((rolled / 100).toFixed(2));

  // Off: one journal on the deposit date, equal to the split pair added up (the rollover nets to zero).
  await page.getByRole("tab", { name: "Settings" }).click();
  await page.getByLabel("Split payouts at month end").uncheck();
  await page.getByRole("button", { name: "Save settings", exact: true }).click();
  await expect(page.getByText("Settings saved").first()).toBeVisible();
  await page.getByRole("tab", { name: "Export journals" }).click();
  await previewJournals(page, {
    shops: [gb],
    allShops: shops,
    kind: "One journal per payout",
    format: "CSV (any ledger)",
    ...range,
  });
  const whole = (await downloadedCsv(page)).filter((r) => r[0]?.startsWith(`TTS-PY-${payment!.id}`));
  expect(new Set(whole.map((r) => r[0]))).toEqual(new Set([`TTS-PY-${payment!.id}`]));
  expect(byAccount(whole)).toEqual(byAccount([...first, ...second]));
  expect(byAccount([...first, ...second])["1240"]).toBeUndefined();
  await page.goto(`${financeUrl}/payouts/${payment!.id}?shop=${gb.id}`);
  await expect(page.getByText(/Split-month rollovers are off/)).toBeVisible();
});
