import { Big, type Decimal, toAmount } from "../money.ts";
import { type Journal, type JournalContext, type Parts, postParts } from "./journal.ts";
import { SYSTEM_KEYS } from "./ledger.ts";
import { endOfMonth, lastDayOfMonth } from "./zone.ts";

/**
 * ACC-R6: split-month rollovers, as A2X and Link My Books do them. A payout can pay statements of
 * two months (TikTok merges small payouts), or pay a month's last statements in the next month.
 * Booked as one journal on the deposit date, the earlier month's income would land in a month the
 * accountant has closed. Split, each month gets its own journal: an earlier month books its
 * statements' lines and moves their net to the rollover clearing account on its last day; the
 * month of the deposit books its own statements, clears the rollover and books the deposit. Every
 * journal balances, the rollover nets to zero across them, and their sum is the unsplit journal.
 */

export interface PayoutForJournal {
  id: string;
  shopId: string;
  shopName: string;
  /** The statements' currency (before exchange). */
  currency: string;
  /** The deposit before exchange. */
  deposit: Decimal;
  depositDescription: string;
  /** Unix seconds and day (accounting zone) of the deposit: paid, else created. */
  depositTime: number;
  depositDay: string;
  depositMonth: string;
  statementCount: number;
}

export interface MonthParts {
  /** YYYY-MM in the accounting zone. */
  month: string;
  parts: Parts;
}

function merge(into: Parts, from: Parts) {
  for (const [key, value] of from) into.set(key, (into.get(key) ?? new Big(0)).add(value));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The months a payout touches (its statements' and its deposit's), in order. */
export function payoutMonths(statementMonths: string[], depositMonth: string): string[] {
  return [...new Set([...statementMonths, depositMonth])].sort();
}

/** The payout's journals: one, or one per month when `split` and it spans months. */
export function payoutJournals(
  context: JournalContext,
  payout: PayoutForJournal,
  byMonth: MonthParts[],
  options: { split: boolean; timeZone: string },
): Journal[] {
  const months = payoutMonths(
    byMonth.map((m) => m.month),
    payout.depositMonth,
  );
  const base = {
    kind: "payment" as const,
    shopId: payout.shopId,
    shopName: payout.shopName,
    currency: payout.currency,
  };
  const bank = {
    key: SYSTEM_KEYS.bank,
    amount: payout.deposit,
    differenceKey: SYSTEM_KEYS.difference,
    description: payout.depositDescription,
  };
  if (!options.split || months.length === 1) {
    const parts: Parts = new Map();
    for (const m of byMonth) merge(parts, m.parts);
    return [
      {
        ...base,
        reference: `TTS-PY-${payout.id}`,
        date: payout.depositTime,
        day: payout.depositDay,
        narration: `TikTok Shop payout ${payout.id} (${plural(payout.statementCount, "statement")})`,
        lines: postParts(context, parts, payout.currency, bank),
      },
    ];
  }
  const journals: Journal[] = [];
  let rolled = new Big(0);
  const last = months.at(-1)!;
  for (const month of months.slice(0, -1)) {
    const parts: Parts = new Map();
    for (const m of byMonth) if (m.month === month) merge(parts, m.parts);
    let net = new Big(0);
    for (const value of parts.values()) net = net.add(value);
    // Amounts are TikTok's to the cent, so the rounded net is exactly what the rollover line holds.
    rolled = rolled.add(new Big(toAmount(net, payout.currency)));
    journals.push({
      ...base,
      reference: `TTS-PY-${payout.id}-${month}`,
      date: endOfMonth(month, options.timeZone) - 1,
      day: lastDayOfMonth(month),
      narration: `TikTok Shop payout ${payout.id}: ${month} statements, rolled over to ${last}`,
      lines: postParts(context, parts, payout.currency, {
        key: SYSTEM_KEYS.rollover,
        description: `Split-month rollover of payout ${payout.id} to ${last}`,
      }),
    });
  }
  const parts: Parts = new Map();
  for (const m of byMonth) if (m.month === last) merge(parts, m.parts);
  // The rollover enters the deposit month as money owed to the seller, so it is credited (cleared).
  if (!rolled.eq(0)) parts.set(SYSTEM_KEYS.rollover, rolled);
  journals.push({
    ...base,
    reference: `TTS-PY-${payout.id}`,
    date: payout.depositTime,
    day: payout.depositDay,
    narration: `TikTok Shop payout ${payout.id} (${plural(payout.statementCount, "statement")}; split-month rollover from ${months.slice(0, -1).join(", ")})`,
    lines: postParts(context, parts, payout.currency, bank),
  });
  return journals;
}
