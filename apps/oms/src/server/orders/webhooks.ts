import { type Auth, AuthHttpError } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { EventOfType } from "@tts-kit/server";
import type { ShopClient } from "@tts-kit/tiktok-shop";
import { and, eq } from "drizzle-orm";
import * as schema from "../db/schema.ts";
import { refreshOrders } from "./sync.ts";

/**
 * Order webhooks. A payload is only a hint: the order is fetched (Get Order Detail) and mirrored.
 * Type 1 (order status change) and type 3 (recipient address update) both refresh the order.
 * A webhook for a shop this app does not serve (unknown, disconnected or deauthorized) changes
 * nothing: there is no client for it, and nothing is written.
 */

/** The shop's client, or null when the shop is not a connected shop of this app. */
async function clientFor(auth: Auth, shopId: string): Promise<ShopClient | null> {
  try {
    return await auth.backgroundShopClient(shopId);
  } catch (error) {
    if (error instanceof AuthHttpError && error.status === 404) return null;
    throw error; // a database or vault failure: retried by the queue
  }
}

export function orderStatusWebhook(db: AppDatabase<typeof schema>, auth: Auth, now: () => number) {
  return async (event: EventOfType<1>) => {
    const client = await clientFor(auth, event.shopId);
    if (!client) return;
    const { order_id: orderId, order_status: status, update_time: updatedAt } = event.data;
    if (updatedAt !== undefined) {
      // A re-delivery, or polling got there first: the mirror already holds this version.
      const [row] = await db
        .select({ status: schema.orders.status, updateTime: schema.orders.updateTime })
        .from(schema.orders)
        .where(and(eq(schema.orders.shopId, event.shopId), eq(schema.orders.id, orderId)));
      if (row && row.status === status && row.updateTime >= updatedAt) return;
    }
    await refreshOrders(db, client, event.shopId, [orderId], now());
  };
}

export function addressUpdateWebhook(db: AppDatabase<typeof schema>, auth: Auth, now: () => number) {
  return async (event: EventOfType<3>) => {
    const client = await clientFor(auth, event.shopId);
    if (!client) return;
    await refreshOrders(db, client, event.shopId, [event.data.order_id], now());
  };
}
