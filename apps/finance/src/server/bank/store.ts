import type { AppDatabase } from "@tts-kit/db";
import { eq } from "drizzle-orm";
import { dayIn } from "../accounting/zone.ts";
import * as schema from "../db/schema.ts";
import type { SellerSettings } from "../settings.ts";
import { type Decision, type MatchResult, matchPayouts } from "./match.ts";

type Db = AppDatabase<typeof schema>;
type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The shop's payouts, bank lines and saved decisions, matched (nothing written). */
export async function computeMatches(db: Db | Tx, shopId: string, settings: SellerSettings) {
  const [payments, lines, saved] = await Promise.all([
    db.select().from(schema.payments).where(eq(schema.payments.shopId, shopId)),
    db.select().from(schema.bankLines).where(eq(schema.bankLines.shopId, shopId)),
    db.select().from(schema.bankMatches).where(eq(schema.bankMatches.shopId, shopId)),
  ]);
  payments.sort(
    (a, b) => (a.paidTime ?? a.createTime) - (b.paidTime ?? b.createTime) || a.id.localeCompare(b.id),
  );
  lines.sort((a, b) => a.postedDate.localeCompare(b.postedDate) || a.id.localeCompare(b.id));
  const decisions: Decision[] = saved.map((m) => ({
    paymentId: m.paymentId,
    bankLineId: m.bankLineId,
    source: m.source === "manual" ? "manual" : "auto",
  }));
  const result = matchPayouts(
    payments.map((p) => ({
      id: p.id,
      status: p.status,
      amount: p.amount,
      currency: p.currency,
      paidDay: p.paidTime ? dayIn(p.paidTime, settings.timeZone) : null,
    })),
    lines.map((l) => ({
      id: l.id,
      date: l.postedDate,
      amount: l.amount,
      currency: l.currency,
      description: l.description,
    })),
    decisions,
    { minDays: settings.bankWindowMinDays, maxDays: settings.bankWindowMaxDays },
  );
  return { payments, lines, saved, result };
}

/**
 * Matches again and saves the automatic matches, which then stand like decisions (a later file
 * never moves a deposit already matched); the seller's own decisions are left as they are.
 */
export async function rematch(
  tx: Tx,
  shopId: string,
  settings: SellerSettings,
  now: number,
): Promise<MatchResult> {
  const { result, saved } = await computeMatches(tx, shopId, settings);
  const decided = new Set(saved.map((m) => m.paymentId));
  const rows = result.payouts
    .filter((p) => p.status === "matched" && p.bankLineId && !decided.has(p.paymentId))
    .map((p) => ({
      shopId,
      paymentId: p.paymentId,
      bankLineId: p.bankLineId,
      source: "auto",
      decidedAt: now,
    }));
  if (rows.length > 0) await tx.insert(schema.bankMatches).values(rows);
  return result;
}
