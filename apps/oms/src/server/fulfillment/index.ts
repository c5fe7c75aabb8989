import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import { eq } from "drizzle-orm";
import * as schema from "../db/schema.ts";
import { refreshOrders } from "../orders/sync.ts";

export { BATCH_QUEUE, startBatchWorker } from "./batch.ts";
export { type FulfillmentDeps, fulfillmentApi } from "./router.ts";

/**
 * Webhook 4 (PACKAGE_UPDATE: a split, combine or uncombine, often done in Seller Center): the
 * payload names packages and their orders; the orders are read again from TikTok and mirrored, so
 * the app works on the packages as they are now (ORD-SPLIT-3PL2/4PL2, ORD-COMBINE-3PL2/4PL2).
 */
export async function handlePackageUpdate(
  deps: { db: AppDatabase<typeof schema>; auth: Auth; now: () => number },
  event: {
    shopId: string;
    data: { package_list?: Array<{ order_id_list?: string[] | undefined }> | undefined };
  },
): Promise<void> {
  const orderIds = [...new Set((event.data.package_list ?? []).flatMap((p) => p.order_id_list ?? []))];
  if (orderIds.length === 0) return;
  const client = await deps.auth.backgroundShopClient(event.shopId).catch(() => null);
  if (!client) return;
  await refreshOrders(deps.db, client, event.shopId, orderIds, deps.now());
}

/** Deletes a disconnected shop's fulfilment data (history, rules, batches). */
export async function purgeFulfillment(db: AppDatabase<typeof schema>, shopId: string): Promise<void> {
  await db.delete(schema.fulfillmentShipments).where(eq(schema.fulfillmentShipments.shopId, shopId));
  await db.delete(schema.fulfillmentRules).where(eq(schema.fulfillmentRules.shopId, shopId));
  await db.delete(schema.fulfillmentBatchItems).where(eq(schema.fulfillmentBatchItems.shopId, shopId));
  await db.delete(schema.fulfillmentBatches).where(eq(schema.fulfillmentBatches.shopId, shopId));
}
