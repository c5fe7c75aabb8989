// The server's own types of what its bank and other-store routes answer; type-only imports,
// erased from the bundle, so no server code reaches the browser.

import type {
  CarrierMapping,
  CarrierMappingsInput,
  SellerView,
  ShopView,
  WarehouseChoice,
} from "@tts-kit/auth";
import { apiRequest as request } from "@tts-kit/server/client";
import type { MatchStatus } from "../server/bank/match.ts";
import type { ColumnMapping, DateFormat } from "../server/bank/parse.ts";
import type { CompareRow, CompareState } from "../server/otherstore/shopify.ts";

export { ApiError } from "@tts-kit/server/client";
export type { ColumnMapping, CompareRow, CompareState, DateFormat };

/** The Finance API as the SPA uses it. Amounts are decimal strings with their currency. */

export interface Session {
  seller: SellerView;
  shops: ShopView[];
}

export interface Range {
  from: string;
  to: string;
}

const qs = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) => (v === undefined || v === "" ? [] : [[k, String(v)]])),
  ).toString();

export interface StatementRow {
  id: string;
  statementTime: number;
  currency: string;
  settlementAmount: string;
  revenueAmount: string | null;
  feeAmount: string | null;
  shippingCostAmount: string | null;
  adjustmentAmount: string | null;
  totalReserveAmount: string | null;
  payableAmount: string | null;
  paymentId: string | null;
  paymentStatus: string | null;
  paymentTime: number | null;
  transactionCount: number | null;
}

export interface TransactionRow {
  id: string;
  statementId: string;
  type: string;
  orderId: string | null;
  adjustmentId: string | null;
  relatedOrderId: string | null;
  orderCreateTime: number | null;
  currency: string;
  revenueAmount: string | null;
  shippingCostAmount: string | null;
  feeTaxAmount: string | null;
  adjustmentAmount: string | null;
  settlementAmount: string | null;
  reserveAmount: string | null;
  reserveStatus: string | null;
  raw: Record<string, unknown>;
}

export interface Issue {
  kind: string;
  subject: string;
  orderId: string | null;
  statementId: string | null;
  paymentId: string | null;
  currency: string | null;
  expected: string | null;
  actual: string | null;
  difference: string | null;
  message: string;
}

export interface PaymentRow {
  id: string;
  createTime: number;
  paidTime: number | null;
  status: string;
  amount: string;
  currency: string;
  settlementAmount: string | null;
  reserveAmount: string | null;
  amountBeforeExchange: string | null;
  settlementCurrency: string | null;
  exchangeRate: string | null;
  bankAccount: string | null;
  statementCount: number;
  statementsTotal: string;
  matchesStatements: boolean;
  issues: string[];
}

export interface WithdrawalRow {
  id: string;
  type: string;
  status: string;
  amount: string;
  currency: string;
  createTime: number;
}

export interface OrderAccount {
  orderId: string;
  status: string;
  deliveryTime: number | null;
  state: "settled" | "unsettled" | "missing";
  currency: string | null;
  statementIds: string[];
  amount: string | null;
  reason: string | null;
  estimatedSettlement: string | null;
}

export interface ShippingLine {
  orderId: string;
  statementId: string;
  currency: string;
  estimated: string;
  charged: string;
  overchargedBy: string;
}

export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Reconciliation {
  range: Range;
  summary: {
    ordersSettled: number;
    ordersUnsettled: number;
    ordersMissing: number;
    statementsChecked: number;
    paymentsChecked: number;
    transactionsChecked: number;
    issues: Record<string, number>;
  };
  issues: Paged<Issue>;
  orders: Paged<OrderAccount>;
  shipping: Paged<ShippingLine>;
}

export interface FeeRate {
  component: string;
  ratePercent: string;
  basis: "net_sales" | "customer_payment";
  enabled: boolean;
}

export interface LedgerAccount {
  code: string;
  name: string;
  taxRate: string;
}

export interface LineKey {
  key: string;
  bucket: string;
  label: string;
}

export interface JournalLine {
  accountCode: string;
  accountName: string;
  taxRate: string;
  description: string;
  amount: string;
}

export interface Journal {
  reference: string;
  kind: string;
  date: number;
  shopId: string;
  shopName: string;
  currency: string;
  narration: string;
  lines: JournalLine[];
}

export interface ProfitRow {
  revenue: string;
  settlement: string;
  cogs: string;
  profit: string;
  marginPercent: string | null;
  currency: string;
  missingCost: boolean;
}

export interface Profit {
  range: Range;
  totals: ProfitRow[];
  periods: Array<ProfitRow & { period: string }>;
  orders: Paged<ProfitRow & { orderId: string; settledAt: number; quantity: number }>;
  skus: Paged<
    ProfitRow & {
      skuId: string;
      skuName: string | null;
      productName: string | null;
      quantity: number;
      unitCost: string | null;
    }
  >;
}

export interface CostRow {
  skuId: string;
  skuName: string | null;
  productName: string | null;
  unitCost: string | null;
  currency: string | null;
  updatedAt: number | null;
}

export interface ExportParams {
  shops: string[];
  by: "statement" | "payment" | "accrual";
  format: "csv" | "xero" | "qbo";
  from?: string;
  to?: string;
  month?: string;
  base?: string;
  rates?: Record<string, string>;
}

export function exportQuery(params: ExportParams, part?: number): string {
  return qs({
    shops: params.shops.join(","),
    by: params.by,
    format: params.format,
    from: params.from,
    to: params.to,
    month: params.month,
    base: params.base,
    part,
    ...Object.fromEntries(Object.entries(params.rates ?? {}).map(([c, r]) => [`rate_${c}`, r])),
  });
}

/** ACC-R6: the months a payout's money belongs to, in the seller's time zone. */
export interface PayoutMonths {
  list: string[];
  spans: boolean;
  splitOn: boolean;
  timeZone: string;
  byStatement: Record<string, string>;
}

export interface SellerSettings {
  timeZone: string;
  splitMonthEnd: boolean;
  bankWindowMinDays: number;
  bankWindowMaxDays: number;
}

export interface ShopSettings {
  otherStoreBooking: boolean;
  otherStoreIdPattern: string;
  customPattern: boolean;
}

export interface BankLineView {
  id: string;
  date: string;
  amount: string;
  currency: string;
  description: string;
  fitId: string | null;
}

export type BankMatchStatus = MatchStatus;

export interface PayoutBankMatch {
  paymentId: string;
  paidTime: number | null;
  createTime: number;
  status: string;
  amount: string;
  currency: string;
  match: BankMatchStatus;
  bankLine: BankLineView | null;
  candidates: BankLineView[];
  near: BankLineView | null;
}

export interface BankMatches {
  window: { minDays: number; maxDays: number };
  bankLines: number;
  coverage: { from: string; to: string } | null;
  payouts: PayoutBankMatch[];
  strayLines: BankLineView[];
}

export interface BankFile {
  fileName: string;
  content: string;
  currency?: string;
  dateFormat?: DateFormat;
  mapping?: ColumnMapping;
}

export interface BankPreview {
  format: "csv" | "ofx" | "camt";
  headerRow?: number;
  headers?: string[];
  mapping?: ColumnMapping;
  dateFormat?: DateFormat | null;
  dateFormatsPossible?: DateFormat[];
  lineCount: number;
  sample: Array<{ date: string; amount: string; currency: string; description: string; row: number }>;
  errors: Array<{ row: number | null; column: string | null; message: string }>;
}

export interface OtherStoreReport {
  range: Range;
  mode: ShopSettings;
  imported: number;
  notTikTok: number;
  summary: Record<CompareState, number>;
  rows: Paged<CompareRow>;
}

export const api = {
  settings: () => request<{ settings: SellerSettings }>("/accounting/settings"),
  saveSettings: (settings: SellerSettings) =>
    request<{ settings: SellerSettings }>("/accounting/settings", {
      method: "PUT",
      body: JSON.stringify(settings),
    }),
  shopSettings: (shopId: string) =>
    request<{ settings: ShopSettings }>(`/accounting/shops/${shopId}/settings`),
  saveShopSettings: (
    shopId: string,
    settings: { otherStoreBooking: boolean; otherStoreIdPattern: string | null },
  ) =>
    request<{ settings: ShopSettings }>(`/accounting/shops/${shopId}/settings`, {
      method: "PUT",
      body: JSON.stringify(settings),
    }),
  bankPreview: (shopId: string, file: BankFile) =>
    request<BankPreview>(`/bank/${shopId}/preview`, { method: "POST", body: JSON.stringify(file) }),
  bankImport: (shopId: string, file: BankFile) =>
    request<{ format: string; lines: number; added: number; duplicates: number; matched: number }>(
      `/bank/${shopId}/import`,
      { method: "POST", body: JSON.stringify(file) },
    ),
  bankMatches: (shopId: string) => request<BankMatches>(`/bank/${shopId}/matches`),
  decideMatch: (shopId: string, paymentId: string, bankLineId: string | null) =>
    request<{ saved: boolean }>(`/bank/${shopId}/matches/${paymentId}`, {
      method: "PUT",
      body: JSON.stringify({ bankLineId }),
    }),
  clearMatch: (shopId: string, paymentId: string) =>
    request<{ saved: boolean }>(`/bank/${shopId}/matches/${paymentId}`, { method: "DELETE" }),
  importOtherStore: (shopId: string, content: string) =>
    request<{ imported: number; withTikTokId: number }>(`/other-store/${shopId}/import`, {
      method: "POST",
      body: JSON.stringify({ content }),
    }),
  otherStoreReport: (
    shopId: string,
    range: Partial<Range>,
    state: CompareState | undefined,
    page: number,
    pageSize: number,
  ) =>
    request<OtherStoreReport>(
      `/other-store/${shopId}/report?${qs({ ...range, state, page, page_size: pageSize })}`,
    ),
  session: () => request<Session>("/auth/session"),
  disconnect: (shopId: string) =>
    request<{ shop: ShopView }>(`/connections/${shopId}/disconnect`, { method: "POST" }),
  carrierOptions: (shopId: string) =>
    request<{ warehouses: WarehouseChoice[] }>(`/connections/${shopId}/carriers/options`),
  carrierMappings: (shopId: string) =>
    request<{ mappings: CarrierMapping[] }>(`/connections/${shopId}/carriers`),
  saveCarrierMappings: (shopId: string, mappings: CarrierMappingsInput["mappings"]) =>
    request<{ mappings: CarrierMapping[] }>(`/connections/${shopId}/carriers`, {
      method: "PUT",
      body: JSON.stringify({ mappings }),
    }),

  syncStatus: (shopId: string) =>
    request<{
      status: {
        lastSyncedAt: number | null;
        lastError: string | null;
        jobs: Array<{ job: string; running: boolean; lastSyncedAt: number | null }>;
      } | null;
    }>(`/finance/${shopId}/sync`),
  syncNow: (shopId: string, full = false) =>
    request<{ queued: boolean }>(`/finance/${shopId}/sync${full ? "?full=true" : ""}`, { method: "POST" }),
  statements: (
    shopId: string,
    range: Partial<Range>,
    page: number,
    pageSize: number,
    paymentStatus?: string,
  ) =>
    request<{
      statements: StatementRow[];
      total: number;
      totals: Array<{ currency: string; settlementAmount: string }>;
      range: Range;
    }>(
      `/finance/${shopId}/statements?${qs({ ...range, page, page_size: pageSize, payment_status: paymentStatus })}`,
    ),
  statement: (shopId: string, statementId: string, page: number, pageSize: number, type?: string) =>
    request<{
      statement: StatementRow & { transactionsFetched: boolean };
      payment: { id: string; status: string } | null;
      transactions: TransactionRow[];
      total: number;
      issues: Issue[];
    }>(`/finance/${shopId}/statements/${statementId}?${qs({ page, page_size: pageSize, type })}`),
  order: (shopId: string, orderId: string) =>
    request<{
      order: {
        id: string;
        status: string;
        createTime: number;
        deliveryTime: number | null;
        currency: string | null;
        totalAmount: string | null;
        shippingFee: string | null;
      } | null;
      currency: string;
      settlementAmount: string | null;
      transactions: TransactionRow[];
      skus: Array<{
        statementId: string;
        skuId: string;
        skuName: string | null;
        productName: string | null;
        quantity: number;
        currency: string;
        revenueAmount: string | null;
        shippingCostAmount: string | null;
        feeTaxAmount: string | null;
        settlementAmount: string | null;
        raw: Record<string, unknown>;
      }>;
      estimate: {
        estSettlementAmount: string;
        unsettledReason: string | null;
        estimatedSettlement: string | null;
        currency: string;
      } | null;
    }>(`/finance/${shopId}/orders/${orderId}`),
  payments: (shopId: string, range: Partial<Range>, page: number, pageSize: number, status?: string) =>
    request<{ payments: PaymentRow[]; total: number }>(
      `/finance/${shopId}/payments?${qs({ ...range, page, page_size: pageSize, status })}`,
    ),
  payment: (shopId: string, paymentId: string) =>
    request<{
      payment: Omit<PaymentRow, "statementCount" | "statementsTotal" | "matchesStatements" | "issues">;
      deposit: { amount: string; currency: string; date: number | null; bankAccount: string | null };
      statements: StatementRow[];
      statementsTotal: string;
      withdrawals: WithdrawalRow[];
      issues: Issue[];
      months: PayoutMonths;
    }>(`/finance/${shopId}/payments/${paymentId}`),
  withdrawals: (shopId: string, range: Partial<Range>, page: number, pageSize: number, type?: string) =>
    request<{ withdrawals: WithdrawalRow[]; total: number }>(
      `/finance/${shopId}/withdrawals?${qs({ ...range, page, page_size: pageSize, type })}`,
    ),

  reconciliation: (
    shopId: string,
    range: Partial<Range>,
    page: number,
    pageSize: number,
    filter: { kind?: string; state?: string },
  ) =>
    request<Reconciliation>(
      `/reconciliation/${shopId}?${qs({ ...range, page, page_size: pageSize, ...filter })}`,
    ),
  shippingCsvHref: (shopId: string, range: Partial<Range>) =>
    `/api/reconciliation/${shopId}/shipping.csv?${qs({ ...range })}`,
  feeRates: (shopId: string) =>
    request<{ rates: FeeRate[]; components: string[] }>(`/reconciliation/${shopId}/fee-rates`),
  saveFeeRates: (shopId: string, rates: Array<Omit<FeeRate, "enabled"> & { enabled?: boolean }>) =>
    request<{ rates: FeeRate[]; components: string[] }>(`/reconciliation/${shopId}/fee-rates`, {
      method: "PUT",
      body: JSON.stringify({ rates }),
    }),

  ledger: () =>
    request<{
      accounts: LedgerAccount[];
      mapping: Record<string, string>;
      overrides: Record<string, string>;
      lineKeys: LineKey[];
    }>("/accounting/ledger"),
  saveAccounts: (accounts: LedgerAccount[]) =>
    request<{ accounts: LedgerAccount[] }>("/accounting/accounts", {
      method: "PUT",
      body: JSON.stringify({ accounts }),
    }),
  saveMapping: (mappings: Record<string, string>) =>
    request<{ mapping: Record<string, string> }>("/accounting/mapping", {
      method: "PUT",
      body: JSON.stringify({ mappings }),
    }),
  journals: (params: ExportParams) =>
    request<{ journals: Journal[]; totals: { journals: number; lines: number; balanced: boolean } }>(
      `/accounting/journals?${exportQuery(params)}`,
    ),

  profit: (
    shopId: string,
    range: Partial<Range>,
    interval: string,
    sort: string,
    page: number,
    pageSize: number,
  ) => request<Profit>(`/profit/${shopId}?${qs({ ...range, interval, sort, page, page_size: pageSize })}`),
  costs: (shopId: string, page: number, pageSize: number) =>
    request<Paged<CostRow> & { currency: string | null }>(
      `/profit/${shopId}/costs?${qs({ page, page_size: pageSize })}`,
    ),
  saveCost: (shopId: string, skuId: string, unitCost: string) =>
    request<{ skuId: string; unitCost: string; currency: string }>(`/profit/${shopId}/costs/${skuId}`, {
      method: "PUT",
      body: JSON.stringify({ unitCost }),
    }),
  importCosts: (shopId: string, csv: string) =>
    request<{ imported: number }>(`/profit/${shopId}/costs/import`, {
      method: "POST",
      body: csv,
      headers: { "content-type": "text/csv" },
    }),
};
