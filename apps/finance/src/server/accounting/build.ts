import type { AppDatabase } from "@tts-kit/db";
import { and, asc, eq, gt, gte, inArray, lt, lte } from "drizzle-orm";
import * as schema from "../db/schema.ts";
import { Big, dec } from "../money.ts";
import { type Journal, type JournalContext, type Parts, postParts, transactionParts } from "./journal.ts";
import {
  bookedInOtherStore,
  DEFAULT_ACCOUNTS,
  type LedgerAccount,
  LINE_KEYS,
  resolveMapping,
  SYSTEM_KEYS,
} from "./ledger.ts";
import { type MonthParts, payoutJournals } from "./split.ts";
import { dayIn, endOfMonth, lastDayOfMonth, monthIn, nextDay, startOfDay, statementInstant } from "./zone.ts";

type Db = AppDatabase<typeof schema>;

export interface Ledger {
  accounts: LedgerAccount[];
  /** The seller's own choices only. */
  overrides: Record<string, string>;
  /** Every line key's account. */
  mapping: Record<string, string>;
  context: JournalContext;
}

/** The seller's chart (the default one until they save their own) and mapping. */
export async function loadLedger(db: Db, sellerId: string): Promise<Ledger> {
  const [accounts, mappings] = await Promise.all([
    db
      .select()
      .from(schema.ledgerAccounts)
      .where(eq(schema.ledgerAccounts.sellerId, sellerId))
      .orderBy(asc(schema.ledgerAccounts.code)),
    db.select().from(schema.ledgerMappings).where(eq(schema.ledgerMappings.sellerId, sellerId)),
  ]);
  const overrides = Object.fromEntries(mappings.map((m) => [m.lineKey, m.accountCode]));
  const mapping = resolveMapping(overrides);
  const chart =
    accounts.length > 0
      ? withDefaultsInUse(
          accounts.map((a) => ({ code: a.code, name: a.name, taxRate: a.taxRate })),
          mapping,
        )
      : DEFAULT_ACCOUNTS;
  return {
    accounts: chart,
    overrides,
    mapping,
    context: {
      mapping,
      accounts: new Map(chart.map((a) => [a.code, a])),
      labels: new Map(LINE_KEYS.map((k) => [k.key, k.label])),
    },
  };
}

/**
 * A chart the seller saved before a line kind existed (the rollover and other-store clearing
 * lines came later) lacks that line's default account: it is added, so that every journal line
 * lands on an account of the chart and the seller can save the chart again as it is.
 */
function withDefaultsInUse(chart: LedgerAccount[], mapping: Record<string, string>): LedgerAccount[] {
  const codes = new Set(chart.map((a) => a.code));
  const missing = DEFAULT_ACCOUNTS.filter(
    (a) => !codes.has(a.code) && Object.values(mapping).includes(a.code),
  );
  if (missing.length === 0) return chart;
  return [...chart, ...missing].sort((a, b) => a.code.localeCompare(b.code));
}

export interface ShopRef {
  id: string;
  name: string;
}

/** How the seller keeps books: their time zone, split-month rollovers, and which shops' sales another store books. */
export interface BookOptions {
  timeZone: string;
  splitMonthEnd: boolean;
  /** ACC-R4: shops whose orders are also booked in another store. */
  otherStoreShops: Set<string>;
}

export const DEFAULT_BOOK_OPTIONS: BookOptions = {
  timeZone: "UTC",
  splitMonthEnd: true,
  otherStoreShops: new Set(),
};

/**
 * ACC-R4: in other-store mode the sale, the buyer's shipping and the taxes were booked by the other
 * store, so they move to its clearing account; fees, commissions, shipping costs, adjustments and
 * reserves stay where the seller mapped them.
 */
export function routeOtherStore(parts: Parts): Parts {
  const routed: Parts = new Map();
  for (const [key, value] of parts) {
    const target = bookedInOtherStore(key) ? SYSTEM_KEYS.otherStore : key;
    routed.set(target, (routed.get(target) ?? new Big(0)).add(value));
  }
  return routed;
}

async function transactionsOf(db: Db, shopId: string, statementIds: string[]) {
  if (statementIds.length === 0) return [];
  return db
    .select()
    .from(schema.transactions)
    .where(
      and(eq(schema.transactions.shopId, shopId), inArray(schema.transactions.statementId, statementIds)),
    );
}

/**
 * ACC-R1: one summarised journal per statement (balancing on the TikTok balance) or per payout (on
 * the bank), ACC-R6 split at month ends. A statement is dated by the day it covers (the second
 * before its statement_time), and the range's days are the seller's time zone's.
 */
export async function buildJournals(
  db: Db,
  ledger: Ledger,
  shops: ShopRef[],
  range: { from: string; to: string },
  by: "statement" | "payment",
  options: BookOptions = DEFAULT_BOOK_OPTIONS,
): Promise<Journal[]> {
  const { timeZone } = options;
  const start = startOfDay(range.from, timeZone);
  const end = startOfDay(nextDay(range.to), timeZone);
  const journals: Journal[] = [];
  for (const shop of shops) {
    const route = options.otherStoreShops.has(shop.id) ? routeOtherStore : (parts: Parts) => parts;
    if (by === "statement") {
      const statements = await db
        .select()
        .from(schema.statements)
        .where(
          and(
            eq(schema.statements.shopId, shop.id),
            // The covered second (statement_time - 1) within [start, end).
            gt(schema.statements.statementTime, start),
            lte(schema.statements.statementTime, end),
          ),
        )
        .orderBy(asc(schema.statements.statementTime));
      const lines = await transactionsOf(
        db,
        shop.id,
        statements.map((s) => s.id),
      );
      for (const statement of statements) {
        const parts: Parts = new Map();
        for (const tx of lines) if (tx.statementId === statement.id) transactionParts(tx, parts);
        const instant = statementInstant(statement.statementTime);
        journals.push({
          reference: `TTS-ST-${statement.id}`,
          kind: "statement",
          date: instant,
          day: dayIn(instant, timeZone),
          shopId: shop.id,
          shopName: shop.name,
          currency: statement.currency,
          narration: `TikTok Shop statement ${statement.id}`,
          lines: postParts(ledger.context, route(parts), statement.currency, {
            key: SYSTEM_KEYS.clearing,
            description: `Payable for statement ${statement.id}`,
          }),
        });
      }
    } else {
      const payments = await db
        .select()
        .from(schema.payments)
        .where(
          and(
            eq(schema.payments.shopId, shop.id),
            gte(schema.payments.createTime, start),
            lt(schema.payments.createTime, end),
          ),
        )
        .orderBy(asc(schema.payments.createTime));
      const paid =
        payments.length === 0
          ? []
          : await db
              .select({
                id: schema.statements.id,
                paymentId: schema.statements.paymentId,
                statementTime: schema.statements.statementTime,
              })
              .from(schema.statements)
              .where(
                and(
                  eq(schema.statements.shopId, shop.id),
                  inArray(
                    schema.statements.paymentId,
                    payments.map((p) => p.id),
                  ),
                ),
              );
      const lines = await transactionsOf(
        db,
        shop.id,
        paid.map((s) => s.id),
      );
      for (const payment of payments) {
        const currency = payment.settlementCurrency ?? payment.currency;
        const own = paid.filter((s) => s.paymentId === payment.id);
        const byMonth: MonthParts[] = own.map((statement) => {
          const parts: Parts = new Map();
          for (const tx of lines) if (tx.statementId === statement.id) transactionParts(tx, parts);
          return { month: monthIn(statementInstant(statement.statementTime), timeZone), parts: route(parts) };
        });
        const depositTime = payment.paidTime ?? payment.createTime;
        journals.push(
          ...payoutJournals(
            ledger.context,
            {
              id: payment.id,
              shopId: shop.id,
              shopName: shop.name,
              currency,
              deposit: dec(payment.amountBeforeExchange ?? payment.amount),
              depositDescription: `Deposit ${payment.amount} ${payment.currency}${payment.bankAccount ? ` to ${payment.bankAccount}` : ""}`,
              depositTime,
              depositDay: dayIn(depositTime, timeZone),
              depositMonth: monthIn(depositTime, timeZone),
              statementCount: own.length,
            },
            byMonth,
            { split: options.splitMonthEnd, timeZone },
          ),
        );
      }
    }
  }
  return journals.sort((a, b) => a.date - b.date || a.reference.localeCompare(b.reference));
}

/**
 * ACC-R5: month-end accruals. Money TikTok still owed at the month's end is booked on its last day
 * against an unsettled receivable and reversed on the first day of the next month, when the
 * statements take over: orders of the month settled after it (at their settled amounts) and what
 * TikTok still lists as unsettled (at its estimates).
 */
export async function buildAccruals(
  db: Db,
  ledger: Ledger,
  shops: ShopRef[],
  month: string,
  options: BookOptions = DEFAULT_BOOK_OPTIONS,
): Promise<Journal[]> {
  const { timeZone } = options;
  // Exclusive: 00:00 of the next month in the seller's zone.
  const monthEnd = endOfMonth(month, timeZone);
  const journals: Journal[] = [];
  for (const shop of shops) {
    const lines = await db
      .select()
      .from(schema.unsettled)
      .where(
        and(
          eq(schema.unsettled.shopId, shop.id),
          eq(schema.unsettled.current, true),
          lte(schema.unsettled.orderCreateTime, monthEnd - 1),
        ),
      );
    // Orders of the month settled after it were unsettled at its end too; their amounts are known.
    const settledLater = await db
      .select({ tx: schema.transactions })
      .from(schema.transactions)
      .innerJoin(
        schema.statements,
        and(
          eq(schema.statements.shopId, schema.transactions.shopId),
          eq(schema.statements.id, schema.transactions.statementId),
        ),
      )
      .where(
        and(
          eq(schema.transactions.shopId, shop.id),
          eq(schema.transactions.type, "ORDER"),
          lt(schema.transactions.orderCreateTime, monthEnd),
          // Settled in a statement covering a day after the month (see statementInstant).
          gt(schema.statements.statementTime, monthEnd),
        ),
      );
    const currencies = new Set([...lines.map((l) => l.currency), ...settledLater.map((r) => r.tx.currency)]);
    for (const currency of currencies) {
      const group = lines.filter((l) => l.currency === currency);
      const later = settledLater.filter((r) => r.tx.currency === currency).map((r) => r.tx);
      const parts = new Map<string, ReturnType<typeof dec>>();
      const put = (key: string, value: string | null) => {
        if (!value) return;
        parts.set(key, (parts.get(key) ?? new Big(0)).add(dec(value)));
      };
      for (const line of group) {
        put("revenue.other", line.estRevenueAmount);
        put("shipping.other", line.estShippingCostAmount);
        put("fee.other", line.estFeeTaxAmount);
        put("adjustment.other", line.estAdjustmentAmount);
      }
      for (const tx of later) transactionParts(tx, parts);
      const route = options.otherStoreShops.has(shop.id) ? routeOtherStore : (p: Parts) => p;
      const accrual = postParts(ledger.context, route(parts), currency, {
        key: SYSTEM_KEYS.receivable,
        description: `TikTok Shop money not settled at ${month} end (${group.length + later.length} orders and adjustments)`,
      });
      if (accrual.length === 0) continue;
      journals.push({
        reference: `TTS-AC-${shop.id}-${month}-${currency}`,
        kind: "accrual",
        date: monthEnd - 1,
        day: lastDayOfMonth(month),
        shopId: shop.id,
        shopName: shop.name,
        currency,
        narration: `TikTok Shop unsettled accrual ${month}`,
        lines: accrual,
      });
      journals.push({
        reference: `TTS-RV-${shop.id}-${month}-${currency}`,
        kind: "reversal",
        date: monthEnd,
        day: nextDay(lastDayOfMonth(month)),
        shopId: shop.id,
        shopName: shop.name,
        currency,
        narration: `Reversal of TikTok Shop unsettled accrual ${month}`,
        lines: accrual.map((line) => ({
          ...line,
          amount: line.amount.startsWith("-") ? line.amount.slice(1) : `-${line.amount}`,
        })),
      });
    }
  }
  return journals;
}
