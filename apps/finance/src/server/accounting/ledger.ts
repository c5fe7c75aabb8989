import {
  feeBreakdown,
  revenueBreakdown,
  shippingCostBreakdown,
  taxBreakdown,
  transactionType,
} from "@tts-kit/tiktok-shop/contract";

/**
 * What a statement line is made of, and where each part goes in the books. Every amount of a
 * 202501 transaction is one *line key* (a breakdown component, an adjustment type, the reserve);
 * each key belongs to a bucket, and the seller maps keys to ledger accounts (default: the bucket's
 * account). The keys come from the endpoint contract, so a component TikTok documents is never
 * left out of the mapping.
 */

export const BUCKETS = [
  "sales",
  "refunds",
  "shipping",
  "fees",
  "commissions",
  "taxes",
  "adjustments",
  "reserves",
] as const;
export type Bucket = (typeof BUCKETS)[number];

/** Balancing accounts of the journals, mapped like any line key. */
export const SYSTEM_KEYS = {
  clearing: "system.clearing",
  bank: "system.bank",
  receivable: "system.unsettled_receivable",
  difference: "system.payout_difference",
  /** ACC-R6: a payout's earlier month moves its net here; the later month clears it. */
  rollover: "system.split_month_rollover",
  /** ACC-R4: sales the other store (Shopify) booked, cleared by TikTok's settlement. */
  otherStore: "system.other_store_clearing",
} as const;

export interface LineKey {
  key: string;
  bucket: Bucket | "system";
  label: string;
}

const humanize = (name: string) =>
  name
    .replace(/_amount$/, "")
    .replaceAll("_", " ")
    .replace(/^./, (c) => c.toUpperCase());

const refund = (name: string) => name.includes("refund");
const commission = (name: string) =>
  name.includes("affiliate") || name.includes("commission") ? !name.startsWith("platform_commission") : false;

function catalog(): LineKey[] {
  const keys: LineKey[] = [];
  for (const name of Object.keys(revenueBreakdown.shape)) {
    keys.push({ key: `revenue.${name}`, bucket: refund(name) ? "refunds" : "sales", label: humanize(name) });
  }
  keys.push({ key: "revenue.other", bucket: "sales", label: "Other revenue (not broken down)" });
  for (const name of Object.keys(shippingCostBreakdown.shape)) {
    if (name === "supplementary_component") continue;
    keys.push({ key: `shipping.${name}`, bucket: "shipping", label: humanize(name) });
  }
  keys.push({ key: "shipping.other", bucket: "shipping", label: "Other shipping costs (not broken down)" });
  for (const name of Object.keys(feeBreakdown.shape)) {
    keys.push({
      key: `fee.${name}`,
      bucket: commission(name) ? "commissions" : "fees",
      label: humanize(name),
    });
  }
  keys.push({ key: "fee.other", bucket: "fees", label: "Other fees (not broken down)" });
  for (const name of Object.keys(taxBreakdown.shape)) {
    keys.push({ key: `tax.${name}`, bucket: "taxes", label: humanize(name) });
  }
  for (const type of transactionType.options) {
    if (type === "ORDER" || type === "RESERVE") continue;
    keys.push({ key: `adjustment.${type}`, bucket: "adjustments", label: humanize(type.toLowerCase()) });
  }
  keys.push({ key: "adjustment.other", bucket: "adjustments", label: "Other adjustments" });
  keys.push({ key: "reserve", bucket: "reserves", label: "Reserve withheld or released" });
  keys.push({ key: SYSTEM_KEYS.clearing, bucket: "system", label: "TikTok Shop balance (per statement)" });
  keys.push({ key: SYSTEM_KEYS.bank, bucket: "system", label: "Bank deposit (per payout)" });
  keys.push({ key: SYSTEM_KEYS.receivable, bucket: "system", label: "Unsettled money (month-end accrual)" });
  keys.push({ key: SYSTEM_KEYS.difference, bucket: "system", label: "Payout not matching its statements" });
  keys.push({ key: SYSTEM_KEYS.rollover, bucket: "system", label: "Split-month rollover" });
  keys.push({
    key: SYSTEM_KEYS.otherStore,
    bucket: "system",
    label: "Sales booked in the other store (TikTok Shop clearing)",
  });
  return keys;
}

export const LINE_KEYS: readonly LineKey[] = catalog();
export const LINE_KEY_SET = new Set(LINE_KEYS.map((k) => k.key));
const bucketOf = new Map(LINE_KEYS.map((k) => [k.key, k.bucket]));

export function lineKeyBucket(key: string): Bucket | "system" | undefined {
  return bucketOf.get(key);
}

export interface LedgerAccount {
  code: string;
  name: string;
  /** Xero's tax rate name for lines on the account. */
  taxRate: string;
}

/** The chart a seller starts with; every code can be renamed or replaced. */
export const DEFAULT_ACCOUNTS: LedgerAccount[] = [
  { code: "090", name: "Business Bank Account", taxRate: "Tax Exempt" },
  { code: "1200", name: "TikTok Shop Clearing", taxRate: "Tax Exempt" },
  { code: "1210", name: "TikTok Shop Reserve", taxRate: "Tax Exempt" },
  { code: "1220", name: "TikTok Shop Unsettled Receivable", taxRate: "Tax Exempt" },
  { code: "1230", name: "TikTok Shop Clearing (other store)", taxRate: "Tax Exempt" },
  { code: "1240", name: "Split-month Rollover", taxRate: "Tax Exempt" },
  { code: "2200", name: "Marketplace Taxes", taxRate: "Tax Exempt" },
  { code: "4000", name: "TikTok Shop Sales", taxRate: "Tax Exempt" },
  { code: "4010", name: "TikTok Shop Refunds", taxRate: "Tax Exempt" },
  { code: "5100", name: "TikTok Shop Shipping", taxRate: "Tax Exempt" },
  { code: "6100", name: "TikTok Shop Fees", taxRate: "Tax Exempt" },
  { code: "6110", name: "Affiliate Commissions", taxRate: "Tax Exempt" },
  { code: "6900", name: "TikTok Shop Adjustments", taxRate: "Tax Exempt" },
];

const defaultByBucket: Record<Bucket | "system", string> = {
  sales: "4000",
  refunds: "4010",
  shipping: "5100",
  fees: "6100",
  commissions: "6110",
  taxes: "2200",
  adjustments: "6900",
  reserves: "1210",
  system: "1200",
};

const defaultSystem: Record<string, string> = {
  [SYSTEM_KEYS.clearing]: "1200",
  [SYSTEM_KEYS.bank]: "090",
  [SYSTEM_KEYS.receivable]: "1220",
  [SYSTEM_KEYS.difference]: "6900",
  [SYSTEM_KEYS.otherStore]: "1230",
  [SYSTEM_KEYS.rollover]: "1240",
};

/**
 * ACC-R4: the keys the other store already booked when TikTok orders are routed into it (gross
 * sales and their refunds, what the buyer paid for shipping, taxes). In that mode they post to the
 * other-store clearing account, so the sale is not booked twice; TikTok's deductions stay as they are.
 */
export function bookedInOtherStore(key: string): boolean {
  const bucket = bucketOf.get(key);
  return (
    bucket === "sales" ||
    bucket === "refunds" ||
    bucket === "taxes" ||
    key === "shipping.customer_paid_shipping_fee_amount"
  );
}

/** The account of every key: the seller's own choice, else the default of its bucket. */
export function resolveMapping(overrides: Record<string, string>): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const { key, bucket } of LINE_KEYS) {
    mapping[key] = overrides[key] ?? defaultSystem[key] ?? defaultByBucket[bucket];
  }
  return mapping;
}
