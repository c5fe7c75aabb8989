import type { AppDatabase } from "@tts-kit/db";
import type { SyncWindow } from "@tts-kit/server";
import { contract, type PageItem } from "@tts-kit/tiktok-shop";
import { and, eq, min, notInArray, sql } from "drizzle-orm";
import * as schema from "../db/schema.ts";
import { resumeCursor, saveCursor } from "./cursor.ts";
import type { ClientFor } from "./statements.ts";

type Db = AppDatabase<typeof schema>;
type Payment = PageItem<typeof contract.finance.getPayments>;
type Withdrawal = PageItem<typeof contract.finance.getWithdrawals>;

/** The window's start, widened back to the oldest record still in progress (its status is to change). */
async function windowStart(
  window: SyncWindow,
  oldestOpen: () => Promise<number | null>,
): Promise<{ start: number; token?: string }> {
  const resumed = resumeCursor(window.cursor);
  if (resumed) return resumed;
  const open = await oldestOpen();
  return { start: open === null ? window.start : Math.min(window.start, open) };
}

/** The payments job: payouts by `create_time` windows, re-reading any still PROCESSING. */
export function paymentsSync(db: Db, clientFor: ClientFor, now: () => number) {
  return async (shop: { id: string }, window: SyncWindow, signal?: AbortSignal) => {
    const client = await clientFor(shop.id);
    const { start, token } = await windowStart(window, async () => {
      const [row] = await db
        .select({ time: min(schema.payments.createTime) })
        .from(schema.payments)
        .where(
          and(eq(schema.payments.shopId, shop.id), notInArray(schema.payments.status, ["PAID", "FAILED"])),
        );
      return row?.time == null ? null : Number(row.time);
    });
    for await (const page of client.pages(
      contract.finance.getPayments,
      {
        query: {
          sort_field: "create_time",
          sort_order: "ASC",
          create_time_ge: start,
          page_size: 100,
        },
      },
      { ...(token ? { pageToken: token } : {}), ...(signal ? { signal } : {}) },
    )) {
      signal?.throwIfAborted();
      await upsertPayments(db, shop.id, page.items, now());
      if (page.nextPageToken) await window.checkpoint(saveCursor(start, page.nextPageToken));
    }
    return {};
  };
}

export async function upsertPayments(db: Db, shopId: string, items: Payment[], syncedAt: number) {
  if (items.length === 0) return;
  await db
    .insert(schema.payments)
    .values(
      items.map((p) => ({
        shopId,
        id: p.id,
        createTime: Number(p.create_time ?? 0),
        paidTime: p.paid_time ?? null,
        status: String(p.status ?? "PROCESSING"),
        amount: p.amount?.value ?? "0",
        currency: p.amount?.currency ?? p.settlement_amount?.currency ?? "",
        settlementAmount: p.settlement_amount?.value ?? null,
        reserveAmount: p.reserve_amount?.value ?? null,
        amountBeforeExchange: p.payment_amount_before_exchange?.value ?? null,
        settlementCurrency:
          p.settlement_amount?.currency ?? p.payment_amount_before_exchange?.currency ?? null,
        exchangeRate: p.exchange_rate ?? null,
        bankAccount: p.bank_account ?? null,
        raw: p,
        syncedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [schema.payments.shopId, schema.payments.id],
      set: {
        createTime: sql`excluded.create_time`,
        paidTime: sql`excluded.paid_time`,
        status: sql`excluded.status`,
        amount: sql`excluded.amount`,
        currency: sql`excluded.currency`,
        settlementAmount: sql`excluded.settlement_amount`,
        reserveAmount: sql`excluded.reserve_amount`,
        amountBeforeExchange: sql`excluded.amount_before_exchange`,
        settlementCurrency: sql`excluded.settlement_currency`,
        exchangeRate: sql`excluded.exchange_rate`,
        bankAccount: sql`excluded.bank_account`,
        raw: sql`excluded.raw`,
        syncedAt: sql`excluded.synced_at`,
      },
    });
}

const WITHDRAWAL_TYPES = ["WITHDRAW", "SETTLE", "TRANSFER", "REVERSE"] as const;

/** The withdrawals job: every type of balance movement by `create_time` windows. */
export function withdrawalsSync(db: Db, clientFor: ClientFor, now: () => number) {
  return async (shop: { id: string }, window: SyncWindow, signal?: AbortSignal) => {
    const client = await clientFor(shop.id);
    const { start, token } = await windowStart(window, async () => {
      const [row] = await db
        .select({ time: min(schema.withdrawals.createTime) })
        .from(schema.withdrawals)
        .where(
          and(
            eq(schema.withdrawals.shopId, shop.id),
            notInArray(schema.withdrawals.status, ["SUCCESS", "FAILED"]),
          ),
        );
      return row?.time == null ? null : Number(row.time);
    });
    for await (const page of client.pages(
      contract.finance.getWithdrawals,
      {
        query: {
          types: [...WITHDRAWAL_TYPES],
          create_time_ge: start,
          page_size: 100,
        },
      },
      { ...(token ? { pageToken: token } : {}), ...(signal ? { signal } : {}) },
    )) {
      signal?.throwIfAborted();
      await upsertWithdrawals(db, shop.id, page.items, now());
      if (page.nextPageToken) await window.checkpoint(saveCursor(start, page.nextPageToken));
    }
    return {};
  };
}

export async function upsertWithdrawals(db: Db, shopId: string, items: Withdrawal[], syncedAt: number) {
  if (items.length === 0) return;
  await db
    .insert(schema.withdrawals)
    .values(
      items.map((w) => ({
        shopId,
        id: w.id,
        type: String(w.type ?? ""),
        status: String(w.status ?? "PROCESSING"),
        amount: w.amount ?? "0",
        currency: w.currency ?? "",
        createTime: Number(w.create_time ?? 0),
        raw: w,
        syncedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [schema.withdrawals.shopId, schema.withdrawals.id],
      set: {
        type: sql`excluded.type`,
        status: sql`excluded.status`,
        amount: sql`excluded.amount`,
        currency: sql`excluded.currency`,
        createTime: sql`excluded.create_time`,
        raw: sql`excluded.raw`,
        syncedAt: sql`excluded.synced_at`,
      },
    });
}
