import type { AppDatabase } from "@tts-kit/db";
import { contract, type ShopClient } from "@tts-kit/tiktok-shop";
import type { Cancellation, ReturnOrder } from "@tts-kit/tiktok-shop/contract";
import { sql } from "drizzle-orm";
import * as schema from "../db/schema.ts";

type Db = AppDatabase<typeof schema>;

/**
 * Search Cancellations spells the rejected or withdrawn state CANCELLATION_REQUEST_CANCELLED,
 * webhook 11 and the spec CANCELLATION_REQUEST_CANCEL; the mirror keeps the spec's spelling.
 */
export function normalCancelStatus(status: string | undefined): string {
  if (!status) return "UNKNOWN";
  return status === "CANCELLATION_REQUEST_CANCELLED" ? "CANCELLATION_REQUEST_CANCEL" : status;
}

/** Only the newest copy of each id: a window's pages may list a request twice if it moved meanwhile. */
function newestById<T extends { update_time?: number | undefined }>(
  items: readonly T[],
  idOf: (item: T) => string,
) {
  const latest = new Map<string, T>();
  for (const item of items) {
    const held = latest.get(idOf(item));
    if (!held || (item.update_time ?? 0) >= (held.update_time ?? 0)) latest.set(idOf(item), item);
  }
  return [...latest.values()];
}

export async function upsertCancellations(
  db: Db,
  shopId: string,
  cancellations: readonly Cancellation[],
  syncedAt: number,
): Promise<void> {
  if (cancellations.length === 0) return;
  const t = schema.afterSalesCancellations;
  await db
    .insert(t)
    .values(
      newestById(cancellations, (c) => c.cancel_id).map((c) => ({
        shopId,
        id: c.cancel_id,
        orderId: c.order_id,
        type: String(c.cancel_type ?? "CANCEL"),
        status: normalCancelStatus(c.cancel_status),
        role: c.role ?? null,
        reason: c.cancel_reason ?? null,
        reasonText: c.cancel_reason_text ?? null,
        refundTotal: c.refund_amount?.refund_total || null,
        currency: c.refund_amount?.currency || null,
        respondBy: c.seller_next_action_response[0]?.deadline ?? null,
        createTime: c.create_time ?? 0,
        updateTime: c.update_time ?? 0,
        raw: c,
        syncedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [t.shopId, t.id],
      set: {
        type: sql`excluded.type`,
        status: sql`excluded.status`,
        role: sql`excluded.role`,
        reason: sql`excluded.reason`,
        reasonText: sql`excluded.reason_text`,
        refundTotal: sql`excluded.refund_total`,
        currency: sql`excluded.currency`,
        respondBy: sql`excluded.respond_by`,
        updateTime: sql`excluded.update_time`,
        raw: sql`excluded.raw`,
        syncedAt: sql`excluded.synced_at`,
      },
      // Webhooks and polling race; an older copy never overwrites a newer one.
      setWhere: sql`excluded.update_time >= ${t.updateTime}`,
    });
}

export async function upsertReturns(
  db: Db,
  shopId: string,
  returns: readonly ReturnOrder[],
  syncedAt: number,
): Promise<void> {
  if (returns.length === 0) return;
  const t = schema.afterSalesReturns;
  await db
    .insert(t)
    .values(
      newestById(returns, (r) => r.return_id).map((r) => ({
        shopId,
        id: r.return_id,
        orderId: r.order_id,
        type: String(r.return_type ?? "REFUND"),
        status: String(r.return_status ?? "UNKNOWN"),
        role: r.role ?? null,
        reason: r.return_reason ?? null,
        reasonText: r.return_reason_text ?? null,
        refundTotal: r.refund_amount?.refund_total || null,
        currency: r.refund_amount?.currency || null,
        nextAction: r.seller_next_action_response[0]?.action ?? null,
        respondBy: r.seller_next_action_response[0]?.deadline ?? null,
        createTime: r.create_time ?? 0,
        updateTime: r.update_time ?? 0,
        raw: r,
        syncedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [t.shopId, t.id],
      set: {
        type: sql`excluded.type`,
        status: sql`excluded.status`,
        role: sql`excluded.role`,
        reason: sql`excluded.reason`,
        reasonText: sql`excluded.reason_text`,
        refundTotal: sql`excluded.refund_total`,
        currency: sql`excluded.currency`,
        nextAction: sql`excluded.next_action`,
        respondBy: sql`excluded.respond_by`,
        updateTime: sql`excluded.update_time`,
        raw: sql`excluded.raw`,
        syncedAt: sql`excluded.synced_at`,
      },
      setWhere: sql`excluded.update_time >= ${t.updateTime}`,
    });
}

/** Re-reads cancellations (by id or by order) from TikTok and mirrors them. */
export async function refreshCancellations(
  db: Db,
  client: ShopClient,
  shopId: string,
  filter: { cancelIds?: string[]; orderIds?: string[] },
  syncedAt: number,
): Promise<Cancellation[]> {
  const found: Cancellation[] = [];
  for await (const page of client.pages(contract.returnRefund.searchCancellations, {
    query: { page_size: 50 },
    body: {
      ...(filter.cancelIds ? { cancel_ids: filter.cancelIds } : {}),
      ...(filter.orderIds ? { order_ids: filter.orderIds } : {}),
    },
  })) {
    found.push(...page.items);
  }
  await upsertCancellations(db, shopId, found, syncedAt);
  return found;
}

/** Re-reads returns (by id or by order) from TikTok and mirrors them. */
export async function refreshReturns(
  db: Db,
  client: ShopClient,
  shopId: string,
  filter: { returnIds?: string[]; orderIds?: string[] },
  syncedAt: number,
): Promise<ReturnOrder[]> {
  const found: ReturnOrder[] = [];
  for await (const page of client.pages(contract.returnRefund.searchReturns, {
    query: { page_size: 50 },
    body: {
      ...(filter.returnIds ? { return_ids: filter.returnIds } : {}),
      ...(filter.orderIds ? { order_ids: filter.orderIds } : {}),
    },
  })) {
    found.push(...page.items);
  }
  await upsertReturns(db, shopId, found, syncedAt);
  return found;
}
