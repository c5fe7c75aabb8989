import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { WebhookContext } from "@tts-kit/server";
import type { KnownWebhookEvent } from "@tts-kit/tiktok-shop";
import { connectedShopClient } from "../catalog/connected-shop.ts";
import type * as schema from "../db/schema.ts";
import { refreshOrders } from "../orders/sync.ts";
import { refreshCancellations, refreshReturns } from "./mirror.ts";

export interface AfterSalesWebhookDeps {
  db: AppDatabase<typeof schema>;
  auth: Auth;
  now: () => number;
}

type CancellationEvent = Extract<KnownWebhookEvent, { type: 11 }>;
type ReturnEvent = Extract<KnownWebhookEvent, { type: 12 }>;

/**
 * Webhooks 11 (cancellation status change) and 12 (return status change) are hints: the request
 * is searched again (by its id, or all of the order's when the id is missing) and mirrored, and so
 * is its order, whose status a cancellation or refund moves.
 */
export function afterSalesWebhooks(deps: AfterSalesWebhookDeps) {
  return {
    11: async (event: CancellationEvent, ctx: WebhookContext) => {
      const client = await connectedShopClient(deps.auth, event.shopId, 11, ctx.logger);
      if (!client) return;
      const { order_id: orderId, cancel_id: cancelId } = event.data;
      await refreshCancellations(
        deps.db,
        client,
        event.shopId,
        cancelId ? { cancelIds: [cancelId] } : { orderIds: [orderId] },
        deps.now(),
      );
      await refreshOrders(deps.db, client, event.shopId, [orderId], deps.now());
    },
    12: async (event: ReturnEvent, ctx: WebhookContext) => {
      const client = await connectedShopClient(deps.auth, event.shopId, 12, ctx.logger);
      if (!client) return;
      const { order_id: orderId, return_id: returnId } = event.data;
      await refreshReturns(
        deps.db,
        client,
        event.shopId,
        returnId ? { returnIds: [returnId] } : { orderIds: [orderId] },
        deps.now(),
      );
      await refreshOrders(deps.db, client, event.shopId, [orderId], deps.now());
    },
  };
}
