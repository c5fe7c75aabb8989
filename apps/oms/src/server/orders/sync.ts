import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { SyncWindow } from "@tts-kit/server";
import { contract, type PageItem, type ShopClient } from "@tts-kit/tiktok-shop";
import { sql } from "drizzle-orm";
import * as schema from "../db/schema.ts";

type Order = PageItem<typeof contract.order.getOrderList>;

/**
 * Pulls the orders TikTok updated in a window into the local mirror, page by page, resuming from a
 * saved page token. The same upsert serves webhooks: an order is only replaced by a newer version.
 */
export function ordersSync(db: AppDatabase<typeof schema>, auth: Auth, now: () => number) {
  return async (shop: { id: string }, window: SyncWindow, signal?: AbortSignal) => {
    const client = await auth.backgroundShopClient(shop.id);
    for await (const page of client.pages(
      contract.order.getOrderList,
      {
        query: { page_size: 100, sort_field: "update_time", sort_order: "ASC" },
        body: { update_time_ge: window.start, update_time_lt: window.end },
      },
      // A stopped shop (disconnected) aborts the request in flight and writes nothing more.
      { ...(window.cursor ? { pageToken: window.cursor } : {}), ...(signal ? { signal } : {}) },
    )) {
      signal?.throwIfAborted();
      await upsertOrders(db, shop.id, page.items, now());
      if (page.nextPageToken) await window.checkpoint(page.nextPageToken);
    }
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
  for (let i = 0; i < orderIds.length; i += 50) {
    const ids = orderIds.slice(i, i + 50);
    const { orders } = await client.order.getOrderDetail({ query: { ids } });
    await upsertOrders(db, shopId, orders, syncedAt);
    fetched.push(...orders);
  }
  return fetched;
}

export async function upsertOrders(
  db: AppDatabase<typeof schema>,
  shopId: string,
  orders: Order[],
  syncedAt: number,
): Promise<void> {
  if (orders.length === 0) return;
  await db
    .insert(schema.orders)
    .values(
      orders.map((order) => ({
        shopId,
        id: order.id,
        status: String(order.status ?? "UNKNOWN"),
        createTime: Number(order.create_time ?? 0),
        updateTime: Number(order.update_time ?? 0),
        buyerUserId: order.user_id ?? null,
        totalAmount: order.payment?.total_amount ?? null,
        currency: order.payment?.currency ?? null,
        raw: order,
        syncedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [schema.orders.shopId, schema.orders.id],
      set: {
        status: sql`excluded.status`,
        updateTime: sql`excluded.update_time`,
        totalAmount: sql`excluded.total_amount`,
        currency: sql`excluded.currency`,
        raw: sql`excluded.raw`,
        syncedAt: sql`excluded.synced_at`,
      },
      // Webhooks and polling race; an older copy never overwrites a newer one.
      setWhere: sql`excluded.update_time >= ${schema.orders.updateTime}`,
    });
}
