import { expect, test } from "@playwright/test";
import { financeApp } from "../support/apps.ts";
import {
  financeCall,
  installFinance,
  type LedgerPayment,
  ledger,
  shown,
  waitForSync,
} from "../support/finance.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { type ShopRow, seller1Shops } from "../support/install.ts";
import { financeUrl } from "../support/ports.ts";

/**
 * FIN-GET-PAYMENT, "can be matched to a bank deposit": the seller's bank statement is imported and
 * each payout matched to the line that deposited it. The bank file is built from the dev shop's own
 * payouts, with one deposit left out and one amount altered.
 */

let gb: ShopRow;

const day = (unix: number) => new Date(unix * 1000).toISOString().slice(0, 10);
const plusDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** DD/MM/YYYY, as a UK bank writes it. */
const uk = (iso: string) => iso.split("-").reverse().join("/");

eachTestStartsClean({ app: financeApp, url: financeUrl, timeoutMs: 150_000 });

test.beforeEach(async () => {
  gb = (await seller1Shops()).find((s) => s.region === "GB")!;
});

interface Matches {
  bankLines: number;
  payouts: Array<{ paymentId: string; match: string; bankLine: { id: string; amount: string } | null }>;
  strayLines: Array<{ id: string; amount: string; description: string }>;
}

test("FIN-GET-PAYMENT: a bank statement import matches each payout to its deposit, flags the missing and altered ones, and never imports twice", async ({
  page,
}) => {
  await installFinance(page, { onlyShop: gb.name });
  await waitForSync(page, gb.id);
  const paid = (await ledger.payments(gb.id))
    .filter((p) => p.status === "PAID" && p.paid_time)
    .sort((a, b) => a.paid_time! - b.paid_time!)
    .slice(-8);
  expect(paid.length).toBe(8);
  const missing = paid[3]!;
  const altered = paid[5]!;
  const alteredAmount = (Number(altered.amount) + 1).toFixed(2);
  const deposit = (p: LedgerPayment) => plusDays(day(p.paid_time!), 1);
  const first = day(paid[0]!.paid_time!);
  const last = day(paid.at(-1)!.paid_time!);
  // A UK bank's export: account details above the header, money in and money out apart, DD/MM/YYYY.
  const csv = [
    "Account name,Bright Oak Ltd",
    "Account number,****5678",
    "",
    "Date,Transaction details,Money in,Money out,Balance",
    `${uk(plusDays(first, -1))},CARD PAYMENT OFFICE SUPPLIES,,12.40,1000.00`,
    ...paid
      .filter((p) => p !== missing)
      .map(
        (p) =>
          `${uk(deposit(p))},TIKTOK SHOP UK PAYOUT ${p.id.slice(-6)},${p === altered ? alteredAmount : p.amount},,`,
      ),
    `${uk(plusDays(last, 9))},RENT,,450.00,`,
  ].join("\r\n");

  await page.goto(`${financeUrl}/bank?shop=${gb.id}`);
  await page.getByLabel("Bank statement file (CSV, OFX or camt.053)").setInputFiles({
    name: "statement.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  // The detected layout can be corrected before importing: here the date format is the seller's choice.
  await expect(page.getByLabel("Money in column")).toHaveValue("2");
  await page.getByLabel("Date format").selectOption({ label: "DD/MM/YYYY" });
  await expect(page.getByText("CSV file, header on row 4: 9 lines.")).toBeVisible();
  const preview = page.getByRole("table", { name: "Preview of the bank lines" });
  await expect(preview.getByRole("row").nth(1)).toContainText(plusDays(first, -1));
  await page.getByRole("button", { name: "Import 9 bank lines" }).click();
  await expect(page.getByText("Imported 9 new bank lines (0 already imported)").first()).toBeVisible();

  const table = page.getByRole("table", { name: "Payout deposits" });
  const row = (p: LedgerPayment) => table.getByRole("row").filter({ hasText: p.id });
  for (const p of paid) {
    if (p === missing || p === altered) await expect(row(p)).toContainText("Not in the bank");
    else await expect(row(p)).toContainText("In the bank");
  }
  await expect(row(missing)).toContainText(`TikTok paid ${shown(missing.amount, missing.currency)}`);
  const stray = page.getByRole("list", { name: "TikTok deposits that match no payout" });
  await expect(stray).toContainText(shown(alteredAmount, altered.currency));
  const api = async () =>
    (await (await page.request.get(`${financeUrl}/api/bank/${gb.id}/matches`)).json()) as Matches;
  const matched = await api();
  for (const p of paid.filter((p) => p !== missing && p !== altered)) {
    expect(matched.payouts.find((m) => m.paymentId === p.id)?.bankLine?.amount).toBe(
      String(Number(p.amount)),
    );
  }

  // The same file again adds nothing.
  await page.getByLabel("Bank statement file (CSV, OFX or camt.053)").setInputFiles({
    name: "statement.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await page.getByLabel("Date format").selectOption({ label: "DD/MM/YYYY" });
  await page.getByRole("button", { name: "Import 9 bank lines" }).click();
  await expect(page.getByText("Imported 0 new bank lines (9 already imported)").first()).toBeVisible();
  expect((await api()).bankLines).toBe(9);

  // A malformed file names its row and column, and nothing of it is written.
  const bad = `Date,Description,Amount\n2026-01-02,TIKTOK SHOP,5.00\n2026-01-03,TIKTOK SHOP,five\n`;
  const refused = await financeCall(page, "POST", `/bank/${gb.id}/import`, {
    fileName: "bad.csv",
    content: bad,
  });
  expect(refused.status()).toBe(422);
  expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
    'Nothing imported: row 3, column Amount: "five" is not an amount.',
  );
  expect((await api()).bankLines).toBe(9);

  // The seller overrides by hand: the altered deposit is that payout's after all.
  await row(altered).getByLabel(`Bank line for payout ${altered.id}`).selectOption({ index: 1 });
  await row(altered).getByRole("button", { name: "Match" }).click();
  await expect(row(altered)).toContainText("In the bank (confirmed)");
  await expect(stray).toHaveCount(0);

  // The payouts list shows each payout's bank status.
  await page.goto(`${financeUrl}/payouts?shop=${gb.id}&from=${plusDays(first, -3)}&to=${last}`);
  const payouts = page.getByRole("table", { name: "Payouts" });
  await expect(payouts.getByRole("row").filter({ hasText: missing.id })).toContainText("Not in the bank");
  await expect(payouts.getByRole("row").filter({ hasText: paid[0]!.id })).toContainText("In the bank");
});
