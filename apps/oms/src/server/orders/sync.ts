import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { SyncWindow } from "@tts-kit/server";
import { contract, type ShopClient } from "@tts-kit/tiktok-shop";
import { and, eq, inArray, sql } from "drizzle-orm";
import * as schema from "../db/schema.ts";
import { mirrorRow, type Order, searchTermsOf } from "./mirror.ts";

export type { Order } from "./mirror.ts";

/**
 * How far back a shop's first sync reaches: all of it (TikTok Shop is younger than ten years), so
 * every existing order is imported when a shop connects (ORD-SYNC-IMPORT).
 */
export const FIRST_IMPORT_SECONDS = 10 * 365 * 86_400;

/** Get Order List's largest page. */
const PAGE_SIZE = 100;

/**
 * Pulls the orders TikTok updated in a window into the local mirror, page by page, resuming from a
 * saved page token. Get Order List (202309) returns whole orders, so no Get Order Detail call is
 * needed. Pages come from a cursor, so they cannot be requested in parallel; instead each page is
 * written while the next one is fetched (at most one write in flight, checkpointed after it).
 * The same upsert serves webhooks: an order is only replaced by a newer version.
 */
export function ordersSync(db: AppDatabase<typeof schema>, auth: Auth, now: () => number) {
  return async (shop: { id: string }, window: SyncWindow, signal?: AbortSignal) => {
    const client = await auth.backgroundShopClient(shop.id);
    let writing: Promise<void> = Promise.resolve();
    try {
      for await (const page of client.pages(
        contract.order.getOrderList,
        {
          query: { page_size: PAGE_SIZE, sort_field: "update_time", sort_order: "ASC" },
          body: { update_time_ge: Math.max(0, window.start), update_time_lt: window.end },
        },
        // A stopped shop (disconnected) aborts the request in flight and writes nothing more.
        { ...(window.cursor ? { pageToken: window.cursor } : {}), ...(signal ? { signal } : {}) },
      )) {
        await writing;
        signal?.throwIfAborted();
        writing = (async () => {
          await upsertOrders(db, shop.id, page.items, now());
          if (page.nextPageToken) await window.checkpoint(page.nextPageToken);
        })();
        // Awaited at the next page or below; this only keeps a failure from being "unhandled"
        // while the next page is on its way.
        writing.catch(() => {});
      }
    } finally {
      // Never leave a write running past the run: a disconnect purges right after the run ends.
      await writing.catch(() => {});
    }
    await writing;
    await auth.connections.markSynced(shop.id, now());
    return {};
  };
}

/**
 * Fetches the current state of some orders from TikTok and mirrors it: what a webhook or an action
 * of the app (shipping, cancelling) calls once it knows an order changed. Get Order Detail takes at
 * most 50 ids per call.
 */
export async function refreshOrders(
  db: AppDatabase<typeof schema>,
  client: ShopClient,
  shopId: string,
  orderIds: readonly string[],
  syncedAt: number,
): Promise<Order[]> {
  const fetched: Order[] = [];
  const unique = [...new Set(orderIds)];
  for (let i = 0; i < unique.length; i += 50) {
    const ids = unique.slice(i, i + 50);
    const { orders } = await client.order.getOrderDetail({ query: { ids } });
    await upsertOrders(db, shopId, orders, syncedAt);
    fetched.push(...orders);
  }
  return fetched;
}

/** Rows per insert of search terms (3 parameters each, well under Postgres's 65,535). */
const TERMS_PER_INSERT = 5000;

/**
 * Writes orders into the mirror with their derived columns and search terms, in one transaction
 * (an order is never visible without its terms). Webhooks and polling race, so an older copy never
 * overwrites a newer one; the terms are rewritten only for the orders actually written.
 */
export async function upsertOrders(
  db: AppDatabase<typeof schema>,
  shopId: string,
  orders: Order[],
  syncedAt: number,
): Promise<void> {
  if (orders.length === 0) return;
  // One statement cannot update a row twice: keep the newest copy of an order listed twice.
  const newest = new Map<string, Order>();
  for (const order of orders) {
    const seen = newest.get(order.id);
    if (!seen || Number(order.update_time ?? 0) >= Number(seen.update_time ?? 0)) newest.set(order.id, order);
  }
  const rows = [...newest.values()].map((order) => mirrorRow(shopId, order, syncedAt));
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  await db.transaction(async (tx) => {
    const written = await tx
      .insert(schema.orders)
      .values(rows)
      .onConflictDoUpdate({
        target: [schema.orders.shopId, schema.orders.id],
        set: {
          status: excluded("status"),
          createTime: excluded("create_time"),
          updateTime: excluded("update_time"),
          buyerUserId: excluded("buyer_user_id"),
          totalAmount: excluded("total_amount"),
          currency: excluded("currency"),
          raw: excluded("raw"),
          syncedAt: excluded("synced_at"),
          paidTime: excluded("paid_time"),
          shipBy: excluded("ship_by"),
          onHoldUntil: excluded("on_hold_until"),
          shippedAt: excluded("shipped_at"),
          fulfillmentType: excluded("fulfillment_type"),
          isSample: excluded("is_sample"),
          isOnHoldOrder: excluded("is_on_hold_order"),
          buyerName: excluded("buyer_name"),
          itemCount: excluded("item_count"),
          itemsSummary: excluded("items_summary"),
        },
        setWhere: sql`excluded.update_time >= ${schema.orders.updateTime}`,
      })
      .returning({ id: schema.orders.id });
    if (written.length === 0) return;
    const ids = written.map((row) => row.id);
    await tx
      .delete(schema.orderSearchTerms)
      .where(and(eq(schema.orderSearchTerms.shopId, shopId), inArray(schema.orderSearchTerms.orderId, ids)));
    const terms = ids.flatMap((id) =>
      searchTermsOf(newest.get(id)!).map((term) => ({ shopId, orderId: id, term })),
    );
    for (let i = 0; i < terms.length; i += TERMS_PER_INSERT) {
      await tx.insert(schema.orderSearchTerms).values(terms.slice(i, i + TERMS_PER_INSERT));
    }
  });
}
