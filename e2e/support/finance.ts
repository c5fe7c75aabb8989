import { expect, type Page } from "@playwright/test";
import { financeApp } from "./apps.ts";
import { control } from "./dev-shop.ts";
import { activeAuthorizations, disconnectAllIn, installApp } from "./install.ts";
import { financeUrl } from "./ports.ts";

/** Steps the Finance suites share: install, wait for the first import, and the dev shop's ledger. */

export const financeTarget = { name: financeApp.name, url: financeUrl, landingHeading: "Overview" };

export function installFinance(page: Page, options: { email?: string; onlyShop?: string } = {}) {
  return installApp(page, financeTarget, options);
}

export function financeAuthorization() {
  return activeAuthorizations(financeApp.app_key);
}

interface SyncStatus {
  status: {
    lastSyncedAt: number | null;
    lastError: string | null;
    jobs: Array<{ job: string; running: boolean; lastSyncedAt: number | null }>;
  } | null;
}

/**
 * Waits until every sync job of the shop has completed after `since` (Unix seconds of the app's
 * clock), through the app's own API with the page's session.
 */
export async function waitForSync(page: Page, shopId: string, since = 0) {
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`${financeUrl}/api/finance/${shopId}/sync`);
        if (!response.ok()) return `HTTP ${response.status()}`;
        const { status } = (await response.json()) as SyncStatus;
        if (!status) return "no status";
        if (status.lastError) return `error: ${status.lastError}`;
        const pending = status.jobs.filter(
          (j) => j.running || j.lastSyncedAt === null || j.lastSyncedAt < since,
        );
        return pending.length === 0 ? "synced" : `waiting for ${pending.map((j) => j.job).join(", ")}`;
      },
      { timeout: 60_000, intervals: [500, 1000] },
    )
    .toBe("synced");
}

/** Leaves Finance empty after a test (see `disconnectAllIn`). */
export const disconnectAll = (page: Page) => disconnectAllIn(page, financeUrl);

/** Queues a sync of every job now (optionally re-reading all history) and waits for it. */
export async function syncNow(page: Page, shopId: string, full = false) {
  const csrf = (await (await page.request.get(`${financeUrl}/api/csrf`)).json()) as { token: string };
  const since = Math.floor(Date.now() / 1000);
  const response = await page.request.post(
    `${financeUrl}/api/finance/${shopId}/sync${full ? "?full=true" : ""}`,
    {
      headers: { "x-csrf-token": csrf.token, origin: financeUrl },
    },
  );
  expect(response.status()).toBe(202);
  await waitForSync(page, shopId, since);
}

export interface LedgerStatement {
  id: string;
  statement_time: number;
  currency: string;
  revenue_amount: string;
  fee_amount: string;
  shipping_cost_amount: string;
  adjustment_amount: string;
  settlement_amount: string;
  reserve_amount: string;
  payable_amount: string;
  payment_id: string | null;
  payment_status: string;
  order_ids: string[];
  transaction_count: number;
}

export interface LedgerPayment {
  id: string;
  create_time: number;
  paid_time: number | null;
  status: string;
  amount: string;
  currency: string;
  settlement_amount: string;
  reserve_amount: string;
  amount_before_exchange: string;
  statement_currency: string;
  exchange_rate: string;
  bank_account: string;
  statement_ids: string[];
}

/** The dev shop's finance control API: its ledger as the truth, and discrepancies to inject. */
export const ledger = {
  shop: (shopId: string) =>
    control.call<{
      currency: string;
      payout_currency: string;
      fee_model: { commission_field: string; commission_rate: string; transaction_fee_rate: string };
    }>("GET", `/finance/shops/${shopId}`),
  statements: async (shopId: string) =>
    (await control.call<{ statements: LedgerStatement[] }>("GET", `/finance/shops/${shopId}/statements`))
      .statements,
  statement: (shopId: string, statementId: string) =>
    control.call<
      LedgerStatement & {
        transactions: Array<
          Record<string, unknown> & { id: string; type: string; order_id: string; settlement_amount: string }
        >;
      }
    >("GET", `/finance/shops/${shopId}/statements/${statementId}`),
  payments: async (shopId: string) =>
    (await control.call<{ payments: LedgerPayment[] }>("GET", `/finance/shops/${shopId}/payments`)).payments,
  withdrawals: async (shopId: string) =>
    (
      await control.call<{
        withdrawals: Array<{
          id: string;
          type: string;
          status: string;
          amount: string;
          currency: string;
          create_time: number;
        }>;
      }>("GET", `/finance/shops/${shopId}/withdrawals`)
    ).withdrawals,
  order: (shopId: string, orderId: string) =>
    control.call<{
      order_id: string;
      order_status: string;
      settled: boolean;
      statement_id: string | null;
      expected_settlement_time: number | null;
      settlement: {
        currency: string;
        settlement_amount: string;
        sku_transactions: Array<
          Record<string, unknown> & { sku_id: string; settlement_amount: string; quantity: string }
        >;
      };
    }>("GET", `/finance/shops/${shopId}/orders/${orderId}`),
  nextStatement: (days = 1) =>
    control.call<{ statements: Array<LedgerStatement & { shop_id: string }> }>(
      "POST",
      "/finance/next-statement",
      { days },
    ),
  feeOvercharge: (body: { shop_id: string; order_id: string; fee: string; amount: string }) =>
    control.call("POST", "/finance/faults/fee-overcharge", body),
  statementTotal: (body: { shop_id: string; statement_id: string; delta: string }) =>
    control.call("POST", "/finance/faults/statement-total", body),
  paymentAmount: (body: { shop_id: string; payment_id: string; delta: string }) =>
    control.call("POST", "/finance/faults/payment-amount", body),
  unsettledOrder: (body: { shop_id: string; order_id: string }) =>
    control.call("POST", "/finance/faults/unsettled-order", body),
};

/** "12.30" as the app shows it in the en-US locale of the tests ("$12.30", "-£4.05"). */
export function shown(amount: string, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(amount as unknown as number);
}

/** Rows of a CSV file (quoted fields with commas and doubled quotes handled), for checking downloads. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** Sum of decimal strings in cents, exact for money with two decimals. */
export function cents(values: Array<string | undefined>): number {
  return values.reduce((total, v) => total + (v ? Math.round(Number(v) * 100) : 0), 0);
}

export interface JournalForm {
  /** Shops to tick; every other connected shop is unticked. */
  shops: Array<{ name: string }>;
  allShops: Array<{ name: string }>;
  kind: "One journal per statement" | "One journal per payout" | "Month-end accrual";
  format: "CSV (any ledger)" | "Xero manual journals" | "QuickBooks Online journal entries";
  from?: string;
  to?: string;
  base?: string;
}

/** Accounting › Export journals: fill the form and preview (the page must be the accounting page). */
export async function previewJournals(page: Page, form: JournalForm) {
  const exportForm = page.getByRole("form", { name: "Export journals" });
  for (const shop of form.allShops) {
    const box = exportForm.getByRole("checkbox", { name: shop.name });
    if ((await box.count()) === 0) continue;
    if (form.shops.some((s) => s.name === shop.name)) await box.check();
    else await box.uncheck();
  }
  await exportForm
    .getByRole("combobox", { name: "Journals", exact: true })
    .selectOption({ label: form.kind });
  if (form.from) await exportForm.getByLabel("From", { exact: true }).fill(form.from);
  if (form.to) await exportForm.getByLabel("To", { exact: true }).fill(form.to);
  await exportForm.getByLabel("File format", { exact: true }).selectOption({ label: form.format });
  if (form.base) await exportForm.getByLabel("Xero base currency").fill(form.base);
  await exportForm.getByRole("button", { name: "Preview journals" }).click();
}

/** The rows of the file behind the page's download link. */
export async function downloadedCsv(page: Page, name = "Download file") {
  const link = page.getByRole("link", { name });
  await expect(link).toBeVisible();
  const response = await page.request.get(`${financeUrl}${await link.getAttribute("href")}`);
  expect(response.ok()).toBe(true);
  return parseCsv(await response.text());
}

/** A CSRF-protected JSON call to the Finance API with the page's session. */
export async function financeCall(
  page: Page,
  method: "PUT" | "POST" | "DELETE",
  path: string,
  data?: unknown,
) {
  const csrf = (await (await page.request.get(`${financeUrl}/api/csrf`)).json()) as { token: string };
  return page.request.fetch(`${financeUrl}/api${path}`, {
    method,
    headers: { "x-csrf-token": csrf.token, origin: financeUrl },
    ...(data === undefined ? {} : { data }),
  });
}
