import { randomUUID } from "node:crypto";
import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { ServerEnv } from "@tts-kit/server";
import { and, eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { type CamtResult, isCamt053, parseCamt053 } from "../bank/camt.ts";
import {
  type BankLine,
  type CsvResult,
  isOfx,
  lineKeys,
  type OfxResult,
  parseBankCsv,
  parseOfx,
} from "../bank/parse.ts";
import { computeMatches, rematch } from "../bank/store.ts";
import * as schema from "../db/schema.ts";
import { loadSellerSettings } from "../settings.ts";
import { ownedShop, refuse } from "./common.ts";

type Db = AppDatabase<typeof schema>;

const column = z.number().int().min(0).max(200);
const fileBody = z.object({
  fileName: z.string().max(300).default("bank statement"),
  content: z.string().min(1, "The file is empty.").max(5_000_000, "The file is larger than 5 MB."),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "Use a currency code like USD.")
    .optional(),
  dateFormat: z.enum(["YMD", "DMY", "MDY"]).optional(),
  mapping: z
    .object({
      date: column,
      description: column,
      amount: column.optional(),
      moneyIn: column.optional(),
      moneyOut: column.optional(),
      currency: column.optional(),
      reference: column.optional(),
    })
    .optional(),
});

const decisionBody = z.object({ bankLineId: z.string().min(1).nullable() });

type Parsed = CsvResult | OfxResult | CamtResult;

/**
 * Bank-statement import and deposit matching: the seller uploads their bank's CSV, OFX or camt.053 export,
 * the lines are saved once (deduplicated across imports), and each TikTok payout is matched to the
 * bank line that deposited it. A bad file is refused whole with each bad row and column named.
 */
export function bankApi(db: Db, auth: Auth, now: () => number) {
  const sellerOf = (c: Context) => (c.var as { seller: { id: string } }).seller.id;

  async function parse(
    c: Context,
    shopId: string,
  ): Promise<{ ok: true; parsed: Parsed } | { ok: false; response: Response }> {
    const body = fileBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) {
      const fields = body.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
      return {
        ok: false,
        response: refuse(c, "invalid_bank_file", `File not read: ${fields[0]?.message}`, fields),
      };
    }
    const { content, mapping, dateFormat } = body.data;
    if (isOfx(content)) return { ok: true, parsed: parseOfx(content) };
    if (isCamt053(content)) return { ok: true, parsed: parseCamt053(content) };
    // A CSV has no currency of its own: the seller's choice, else the shop's payout currency.
    let currency = body.data.currency;
    if (!currency) {
      const [payment] = await db
        .select({ currency: schema.payments.currency })
        .from(schema.payments)
        .where(eq(schema.payments.shopId, shopId))
        .limit(1);
      currency = payment?.currency ?? "USD";
    }
    return {
      ok: true,
      parsed: parseBankCsv(content, {
        currency,
        ...(mapping ? { mapping } : {}),
        ...(dateFormat ? { dateFormat } : {}),
      }),
    };
  }

  const lineView = (l: typeof schema.bankLines.$inferSelect) => ({
    id: l.id,
    date: l.postedDate,
    amount: l.amount,
    currency: l.currency,
    description: l.description,
    fitId: l.fitId,
  });

  return new Hono<ServerEnv>()
    .use(auth.requireSeller)
    .post("/:shopId/preview", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const result = await parse(c, shop.id);
      if (!result.ok) return result.response;
      const { parsed } = result;
      return c.json({
        format: parsed.format,
        ...(parsed.format === "csv"
          ? {
              headerRow: parsed.headerRow,
              headers: parsed.headers,
              mapping: parsed.mapping,
              dateFormat: parsed.dateFormat,
              dateFormatsPossible: parsed.dateFormatsPossible,
            }
          : {}),
        lineCount: parsed.lines.length,
        sample: parsed.lines.slice(0, 10),
        errors: parsed.errors,
      });
    })
    .post("/:shopId/import", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const result = await parse(c, shop.id);
      if (!result.ok) return result.response;
      const { parsed } = result;
      if (parsed.errors.length > 0) {
        const where = (e: (typeof parsed.errors)[number]) =>
          [e.row !== null ? `row ${e.row}` : null, e.column ? `column ${e.column}` : null]
            .filter(Boolean)
            .join(", ");
        const first = parsed.errors[0]!;
        return refuse(
          c,
          "invalid_bank_file",
          `Nothing imported: ${where(first) ? `${where(first)}: ` : ""}${first.message}${parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more)` : ""}`,
          parsed.errors.map((e) => ({ path: where(e) || "file", message: e.message })),
          422,
        );
      }
      const lines: BankLine[] = parsed.lines;
      const keys = lineKeys(lines);
      const importId = randomUUID();
      const settings = await loadSellerSettings(db, sellerOf(c));
      const outcome = await db.transaction(async (tx) => {
        const rows = lines.map((line, i) => ({
          shopId: shop.id,
          id: keys[i]!,
          fitId: line.fitId,
          postedDate: line.date,
          amount: line.amount,
          currency: line.currency,
          description: line.description,
          importId,
          importedAt: now(),
        }));
        let added = 0;
        // In chunks: one statement has a bound-parameter limit.
        for (let i = 0; i < rows.length; i += 1000) {
          const inserted = await tx
            .insert(schema.bankLines)
            .values(rows.slice(i, i + 1000))
            .onConflictDoNothing()
            .returning({ id: schema.bankLines.id });
          added += inserted.length;
        }
        const matched = await rematch(tx, shop.id, settings, now());
        return { added, matched };
      });
      return c.json({
        format: parsed.format,
        lines: lines.length,
        added: outcome.added,
        duplicates: lines.length - outcome.added,
        matched: outcome.matched.payouts.filter((p) => p.status === "matched" || p.status === "confirmed")
          .length,
      });
    })
    .get("/:shopId/matches", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const settings = await loadSellerSettings(db, sellerOf(c));
      const { payments, lines, result } = await computeMatches(db, shop.id, settings);
      const lineById = new Map(lines.map((l) => [l.id, lineView(l)]));
      const byPayment = new Map(result.payouts.map((p) => [p.paymentId, p]));
      const dates = lines.map((l) => l.postedDate).sort();
      return c.json({
        window: { minDays: settings.bankWindowMinDays, maxDays: settings.bankWindowMaxDays },
        bankLines: lines.length,
        coverage: lines.length > 0 ? { from: dates[0], to: dates.at(-1) } : null,
        payouts: payments
          .map((p) => {
            const match = byPayment.get(p.id)!;
            return {
              paymentId: p.id,
              paidTime: p.paidTime,
              createTime: p.createTime,
              status: p.status,
              amount: p.amount,
              currency: p.currency,
              match: match.status,
              bankLine: match.bankLineId ? (lineById.get(match.bankLineId) ?? null) : null,
              candidates: match.candidates.map((id) => lineById.get(id)!),
              near: match.near ? (lineById.get(match.near) ?? null) : null,
            };
          })
          .reverse(),
        strayLines: result.strayLines.map((id) => lineById.get(id)!),
      });
    })
    .put("/:shopId/matches/:paymentId", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const paymentId = c.req.param("paymentId");
      const body = decisionBody.safeParse(await c.req.json().catch(() => null));
      if (!body.success)
        return refuse(c, "invalid_match", "Send { bankLineId } (null: no bank line pays it).");
      const [payment] = await db
        .select()
        .from(schema.payments)
        .where(and(eq(schema.payments.shopId, shop.id), eq(schema.payments.id, paymentId)));
      if (!payment) return refuse(c, "payment_not_found", `No payout ${paymentId} in this shop.`, [], 404);
      const { bankLineId } = body.data;
      if (bankLineId) {
        const [line] = await db
          .select()
          .from(schema.bankLines)
          .where(and(eq(schema.bankLines.shopId, shop.id), eq(schema.bankLines.id, bankLineId)));
        if (!line)
          return refuse(c, "bank_line_not_found", "That bank line is not in this shop's imports.", [], 404);
        if (line.currency !== payment.currency) {
          return refuse(
            c,
            "currency_mismatch",
            `The bank line is in ${line.currency}; payout ${paymentId} was paid in ${payment.currency}.`,
          );
        }
        const [other] = await db
          .select()
          .from(schema.bankMatches)
          .where(and(eq(schema.bankMatches.shopId, shop.id), eq(schema.bankMatches.bankLineId, bankLineId)));
        if (other && other.paymentId !== paymentId) {
          return refuse(
            c,
            "bank_line_taken",
            `That bank line already pays payout ${other.paymentId}. Unmatch it there first.`,
            [],
            409,
          );
        }
      }
      const settings = await loadSellerSettings(db, sellerOf(c));
      await db.transaction(async (tx) => {
        await tx
          .insert(schema.bankMatches)
          .values({ shopId: shop.id, paymentId, bankLineId, source: "manual", decidedAt: now() })
          .onConflictDoUpdate({
            target: [schema.bankMatches.shopId, schema.bankMatches.paymentId],
            set: { bankLineId, source: "manual", decidedAt: now() },
          });
        await rematch(tx, shop.id, settings, now());
      });
      return c.json({ saved: true });
    })
    .delete("/:shopId/matches/:paymentId", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const settings = await loadSellerSettings(db, sellerOf(c));
      await db.transaction(async (tx) => {
        await tx
          .delete(schema.bankMatches)
          .where(
            and(
              eq(schema.bankMatches.shopId, shop.id),
              eq(schema.bankMatches.paymentId, c.req.param("paymentId")),
            ),
          );
        await rematch(tx, shop.id, settings, now());
      });
      return c.json({ saved: true });
    });
}
