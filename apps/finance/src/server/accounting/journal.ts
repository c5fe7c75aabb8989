import { Big, type Decimal, dec, sum, toAmount } from "../money.ts";
import { type LedgerAccount, LINE_KEY_SET, SYSTEM_KEYS } from "./ledger.ts";

/**
 * Journals from statements, payouts and month-end estimates. A journal is summarised: one line per
 * ledger account, debits positive and credits negative, and it always balances (the balancing line
 * is the TikTok balance, the bank deposit or the unsettled receivable).
 */

export interface JournalLine {
  accountCode: string;
  accountName: string;
  taxRate: string;
  description: string;
  /** Debit positive, credit negative, at the currency's precision. */
  amount: string;
}

export type JournalKind = "statement" | "payment" | "accrual" | "reversal";

export interface Journal {
  /**
   * Unique per export: "TTS-ST-<statement id>", "TTS-PY-<payment id>" (a split payout's earlier
   * months "TTS-PY-<payment id>-<YYYY-MM>"), "TTS-AC-<shop>-<month>".
   */
  reference: string;
  kind: JournalKind;
  /** Unix seconds, for ordering. */
  date: number;
  /** The journal's date (YYYY-MM-DD) in the seller's accounting time zone. */
  day: string;
  shopId: string;
  shopName: string;
  currency: string;
  narration: string;
  lines: JournalLine[];
}

export interface TransactionForJournal {
  type: string;
  revenueAmount: string | null;
  shippingCostAmount: string | null;
  feeTaxAmount: string | null;
  adjustmentAmount: string | null;
  reserveAmount: string | null;
  raw: unknown;
}

export type Parts = Map<string, Decimal>;

function add(parts: Parts, key: string, value: Decimal) {
  if (value.eq(0)) return;
  parts.set(key, (parts.get(key) ?? new Big(0)).add(value));
}

function object(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

/** Adds the components of one breakdown object, and what the total has beyond them as `<prefix>.other`. */
function breakdown(parts: Parts, prefix: string, source: Record<string, unknown>, total: string | null) {
  let covered = new Big(0);
  for (const [name, value] of Object.entries(source)) {
    if (typeof value !== "string" || value === "" || name === "supplementary_component") continue;
    const key = `${prefix}.${name}`;
    const amount = dec(value);
    covered = covered.add(amount);
    add(parts, LINE_KEY_SET.has(key) ? key : `${prefix}.other`, amount);
  }
  if (total !== null) add(parts, `${prefix}.other`, dec(total).minus(covered));
}

/**
 * The parts of one statement transaction by line key, signed as TikTok signs them (money to the
 * seller positive, costs negative); they add up to the transaction's settlement (or its reserve).
 */
export function transactionParts(tx: TransactionForJournal, parts: Parts = new Map()): Parts {
  const raw = object(tx.raw);
  if (tx.type === "RESERVE") {
    add(parts, "reserve", dec(tx.reserveAmount));
    return parts;
  }
  breakdown(parts, "revenue", object(raw.revenue_breakdown), tx.revenueAmount);
  breakdown(parts, "shipping", object(raw.shipping_cost_breakdown), tx.shippingCostAmount);
  const feeTax = object(raw.fee_tax_breakdown);
  // Fees and taxes share one total: the fee part carries the residue.
  const taxes = object(feeTax.tax);
  const taxTotal = sum(Object.values(taxes).filter((v): v is string => typeof v === "string"));
  breakdown(parts, "tax", taxes, null);
  breakdown(
    parts,
    "fee",
    object(feeTax.fee),
    tx.feeTaxAmount === null ? null : dec(tx.feeTaxAmount).minus(taxTotal).toString(),
  );
  const adjustmentKey = `adjustment.${tx.type}`;
  add(parts, LINE_KEY_SET.has(adjustmentKey) ? adjustmentKey : "adjustment.other", dec(tx.adjustmentAmount));
  return parts;
}

export interface JournalContext {
  mapping: Record<string, string>;
  accounts: Map<string, LedgerAccount>;
  labels: Map<string, string>;
}

/**
 * Posts parts: each part's opposite goes to its account (money in is a credit to sales, a cost a
 * debit to its expense), and the balancing key takes the rest, so debits equal credits exactly.
 */
export function postParts(
  context: JournalContext,
  parts: Parts,
  currency: string,
  balancing: { key: string; amount?: Decimal; description: string; differenceKey?: string },
): JournalLine[] {
  const byAccount = new Map<string, { amount: Decimal; keys: string[] }>();
  const post = (key: string, amount: Decimal) => {
    const code = context.mapping[key]!;
    const entry = byAccount.get(code) ?? { amount: new Big(0), keys: [] };
    entry.amount = entry.amount.add(amount);
    entry.keys.push(key);
    byAccount.set(code, entry);
  };
  let total = new Big(0);
  for (const [key, value] of parts) {
    post(key, value.times(-1));
    total = total.add(value);
  }
  if (balancing.amount !== undefined && balancing.differenceKey) {
    post(balancing.key, balancing.amount);
    post(balancing.differenceKey, total.minus(balancing.amount));
  } else {
    post(balancing.key, total);
  }
  const lines: JournalLine[] = [];
  for (const [code, { amount, keys }] of byAccount) {
    const rounded = toAmount(amount, currency);
    if (dec(rounded).eq(0)) continue;
    const account = context.accounts.get(code);
    const labels = [...new Set(keys.map((k) => context.labels.get(k) ?? k))];
    lines.push({
      accountCode: code,
      accountName: account?.name ?? code,
      taxRate: account?.taxRate ?? "Tax Exempt",
      description:
        keys.includes(balancing.key) && keys.length === 1 ? balancing.description : summarize(labels),
      amount: rounded,
    });
  }
  balanceRounding(lines, currency);
  return lines.sort((a, b) => a.accountCode.localeCompare(b.accountCode));
}

function summarize(labels: string[]): string {
  return labels.length <= 3
    ? labels.join(", ")
    : `${labels.slice(0, 3).join(", ")} and ${labels.length - 3} more`;
}

/** Rounding each account to the currency may leave a cent; it goes on the largest line. */
function balanceRounding(lines: JournalLine[], currency: string) {
  const off = sum(lines.map((l) => l.amount));
  if (off.eq(0) || lines.length === 0) return;
  const largest = lines.reduce((a, b) => (dec(a.amount).abs().gte(dec(b.amount).abs()) ? a : b));
  largest.amount = toAmount(dec(largest.amount).minus(off), currency);
}

/**
 * Journals in one base currency, for ledgers that post manual journals in it (Xero). Each line is
 * converted at the rate given for its currency (base units per unit), and the cent rounding may
 * leave goes onto the largest line so the journal still balances.
 */
export function convertJournals(
  journals: Journal[],
  base: string,
  rates: Record<string, string>,
): { journals: Journal[] } | { missing: string[] } {
  const missing = [...new Set(journals.map((j) => j.currency))].filter((c) => c !== base && !rates[c]);
  if (missing.length > 0) return { missing };
  return {
    journals: journals.map((journal) => {
      if (journal.currency === base) return journal;
      const rate = dec(rates[journal.currency]!);
      const lines = journal.lines.map((line) => ({
        ...line,
        amount: toAmount(dec(line.amount).times(rate), base),
      }));
      balanceRounding(lines, base);
      return {
        ...journal,
        currency: base,
        narration: `${journal.narration} (${journal.currency} at ${rates[journal.currency]})`,
        lines,
      };
    }),
  };
}

export { SYSTEM_KEYS };
