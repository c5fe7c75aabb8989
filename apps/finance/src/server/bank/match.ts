import { Big } from "../money.ts";

/**
 * Matching TikTok payouts to the bank lines that deposited them. A candidate is a bank line in
 * the payout's currency, for exactly its deposit (after exchange) to the cent, booked within the
 * window after the payout's paid day. Among several, a line whose description mentions TikTok is
 * preferred. Each line pays at most one payout: a line that is the only candidate of one payout is
 * taken by it and leaves the others' lists, until nothing changes; what is left with several
 * candidates is ambiguous (the seller picks). The seller's own decisions stand first.
 */

export interface PayoutToMatch {
  id: string;
  status: string;
  /** The deposit after exchange, and its currency. */
  amount: string;
  currency: string;
  /** The paid day (YYYY-MM-DD) in the seller's zone; null while not paid. */
  paidDay: string | null;
}

export interface LineToMatch {
  id: string;
  date: string;
  amount: string;
  currency: string;
  description: string;
}

export interface Decision {
  paymentId: string;
  /** null: the seller says no bank line pays it. */
  bankLineId: string | null;
  source: "auto" | "manual";
}

export type MatchStatus =
  | "matched"
  | "confirmed"
  | "ambiguous"
  | "unmatched"
  | "no_deposit"
  | "not_covered"
  | "not_paid"
  | "no_bank_data";

export interface PayoutMatch {
  paymentId: string;
  status: MatchStatus;
  bankLineId: string | null;
  candidates: string[];
  /** For an unmatched payout: a TikTok-looking line in its window with another amount. */
  near: string | null;
}

export interface MatchResult {
  payouts: PayoutMatch[];
  /** Lines that look like TikTok deposits but pay no payout. */
  strayLines: string[];
}

export const TIKTOK = /tik\s*tok|\btts\b/i;

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function matchPayouts(
  payouts: PayoutToMatch[],
  lines: LineToMatch[],
  decisions: Decision[],
  window: { minDays: number; maxDays: number },
): MatchResult {
  const results = new Map<string, PayoutMatch>();
  const taken = new Set<string>();
  const lineById = new Map(lines.map((l) => [l.id, l]));
  const dates = lines.map((l) => l.date).sort();
  const covered = { from: dates[0], to: dates.at(-1) };
  const result = (paymentId: string, status: MatchStatus, rest: Partial<PayoutMatch> = {}): PayoutMatch => ({
    paymentId,
    status,
    bankLineId: null,
    candidates: [],
    near: null,
    ...rest,
  });

  for (const decision of decisions) {
    if (decision.bankLineId !== null && !lineById.has(decision.bankLineId)) continue;
    if (decision.bankLineId) taken.add(decision.bankLineId);
    results.set(
      decision.paymentId,
      decision.bankLineId === null
        ? result(decision.paymentId, "no_deposit")
        : result(decision.paymentId, decision.source === "manual" ? "confirmed" : "matched", {
            bankLineId: decision.bankLineId,
          }),
    );
  }

  const open = new Map<string, string[]>();
  for (const payout of payouts) {
    if (results.has(payout.id)) continue;
    if (lines.length === 0) {
      results.set(payout.id, result(payout.id, "no_bank_data"));
      continue;
    }
    if (payout.status !== "PAID" || !payout.paidDay) {
      results.set(payout.id, result(payout.id, "not_paid"));
      continue;
    }
    const from = addDays(payout.paidDay, window.minDays);
    const to = addDays(payout.paidDay, window.maxDays);
    const amount = new Big(payout.amount);
    const inWindow = lines.filter(
      (l) => !taken.has(l.id) && l.currency === payout.currency && l.date >= from && l.date <= to,
    );
    let candidates = inWindow.filter((l) => new Big(l.amount).eq(amount)).map((l) => l.id);
    const tiktok = candidates.filter((id) => TIKTOK.test(lineById.get(id)!.description));
    if (tiktok.length > 0) candidates = tiktok;
    if (candidates.length === 0) {
      // Only a window the bank file covers can say the money never came.
      const inFile = covered.from! <= from && to <= covered.to!;
      results.set(payout.id, result(payout.id, inFile ? "unmatched" : "not_covered"));
      continue;
    }
    open.set(payout.id, candidates);
  }

  // One-to-one: a sole candidate claimed by a single payout is settled; repeat until stable.
  for (let changed = true; changed; ) {
    changed = false;
    const claims = new Map<string, string[]>();
    for (const [paymentId, candidates] of open) {
      if (candidates.length === 1)
        claims.set(candidates[0]!, [...(claims.get(candidates[0]!) ?? []), paymentId]);
    }
    for (const [lineId, claimants] of claims) {
      if (claimants.length !== 1) continue;
      const paymentId = claimants[0]!;
      results.set(paymentId, result(paymentId, "matched", { bankLineId: lineId }));
      open.delete(paymentId);
      taken.add(lineId);
      for (const [other, candidates] of open) {
        if (candidates.includes(lineId))
          open.set(
            other,
            candidates.filter((id) => id !== lineId),
          );
      }
      changed = true;
    }
    for (const [paymentId, candidates] of open) {
      if (candidates.length === 0) {
        results.set(paymentId, result(paymentId, "unmatched"));
        open.delete(paymentId);
      }
    }
  }
  for (const [paymentId, candidates] of open) {
    results.set(paymentId, result(paymentId, "ambiguous", { candidates }));
  }

  // A hint for each unmatched payout: the TikTok-looking deposit in its window closest in amount
  // (an altered or partial deposit), never one that pays another payout.
  for (const payout of payouts) {
    const match = results.get(payout.id);
    if (match?.status !== "unmatched" || !payout.paidDay) continue;
    const from = addDays(payout.paidDay, window.minDays);
    const to = addDays(payout.paidDay, window.maxDays);
    const amount = new Big(payout.amount);
    const near = lines
      .filter(
        (l) =>
          !taken.has(l.id) &&
          l.currency === payout.currency &&
          l.date >= from &&
          l.date <= to &&
          new Big(l.amount).gt(0) &&
          TIKTOK.test(l.description),
      )
      .sort((a, b) => new Big(a.amount).minus(amount).abs().cmp(new Big(b.amount).minus(amount).abs()))[0];
    match.near = near?.id ?? null;
  }

  const considered = new Set([...taken, ...[...open.values()].flat()]);
  const strayLines = lines
    .filter((l) => !considered.has(l.id) && new Big(l.amount).gt(0) && TIKTOK.test(l.description))
    .map((l) => l.id);
  return {
    payouts: payouts.map((p) => results.get(p.id) ?? result(p.id, "unmatched")),
    strayLines,
  };
}
