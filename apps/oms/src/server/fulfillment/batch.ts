import { randomUUID } from "node:crypto";
import type { Auth } from "@tts-kit/auth";
import type { AppDatabase, JobQueue } from "@tts-kit/db";
import { describeError } from "@tts-kit/server";
import { isTikTokShopError } from "@tts-kit/tiktok-shop";
import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import * as schema from "../db/schema.ts";
import { refreshOrders } from "../orders/sync.ts";
import { ShopContext } from "./context.ts";
import { FulfillmentError } from "./errors.ts";
import { setShipmentStatus } from "./history.ts";
import { lineState, type TikTokOrder } from "./order-model.ts";
import { shipOrderLines } from "./ship.ts";
import { checkTrackingNumber } from "./tracking.ts";

/**
 * Batch shipping (OMS-BATCH): up to 200 seller-shipped orders with a tracking number each, shipped
 * by a background job (pg-boss) so the seller's page only watches progress. Every order is settled
 * on its own (shipped, or failed with the reason) and a re-run of the job only touches orders still
 * pending, so a retried job never ships an order twice. The TikTok client's rate limiter paces the
 * calls; four orders are in flight at a time.
 */

export const BATCH_QUEUE = "fulfillment-batch";
export const MAX_BATCH = 200;
const CONCURRENCY = 4;

export const batchInput = z
  .object({
    items: z
      .array(
        z
          .object({
            orderId: z
              .string()
              .trim()
              .regex(/^[0-9A-Za-z_-]{1,64}$/, "An order id is letters and digits."),
            trackingNumber: z.string().max(200),
          })
          .strict(),
      )
      .min(1, "Choose at least one order to ship.")
      .max(MAX_BATCH, `Ship at most ${MAX_BATCH} orders at a time.`),
    /** Send tracking numbers that do not look like the carrier's anyway. */
    confirmUnusualTracking: z.boolean().default(false),
  })
  .strict();

export interface BatchView {
  id: string;
  status: string;
  total: number;
  done: number;
  shipped: number;
  failed: number;
  createdAt: number;
  finishedAt: number | null;
  items: Array<{
    orderId: string;
    trackingNumber: string;
    status: string;
    message: string | null;
    packageId: string | null;
    carrier: string | null;
  }>;
}

interface BatchDeps {
  db: AppDatabase<typeof schema>;
  auth: Auth;
  now: () => number;
  fetch: typeof globalThis.fetch;
}

export async function createBatch(
  deps: BatchDeps & { queue: JobQueue },
  shopId: string,
  sellerId: string,
  input: z.infer<typeof batchInput>,
): Promise<BatchView> {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const item of input.items) {
    if (seen.has(item.orderId)) duplicates.push(item.orderId);
    seen.add(item.orderId);
  }
  if (duplicates.length > 0) {
    throw new FulfillmentError(
      400,
      "batch_duplicate_orders",
      `Each order can be in a batch once; listed twice: ${[...new Set(duplicates)].join(", ")}.`,
    );
  }
  const id = randomUUID();
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await tx.insert(schema.fulfillmentBatches).values({
      id,
      shopId,
      sellerId,
      status: "queued",
      total: input.items.length,
      createdAt: now,
    });
    await tx.insert(schema.fulfillmentBatchItems).values(
      input.items.map((item, position) => {
        // Malformed numbers fail at once, without a call to TikTok.
        let message: string | null = null;
        let trackingNumber = item.trackingNumber;
        try {
          trackingNumber = checkTrackingNumber(item.trackingNumber, null).trackingNumber;
        } catch (error) {
          message = error instanceof Error ? error.message : "Invalid tracking number.";
        }
        return {
          batchId: id,
          shopId,
          orderId: item.orderId,
          position,
          trackingNumber,
          status: message ? "failed" : "pending",
          message,
          updatedAt: now,
        };
      }),
    );
  });
  await deps.queue.send(
    BATCH_QUEUE,
    { batchId: id, confirmUnusualTracking: input.confirmUnusualTracking },
    { retryLimit: 3, retryDelay: 5 },
  );
  return (await getBatch(deps.db, shopId, id))!;
}

export async function getBatch(
  db: AppDatabase<typeof schema>,
  shopId: string,
  batchId: string,
): Promise<BatchView | null> {
  const [batch] = await db
    .select()
    .from(schema.fulfillmentBatches)
    .where(and(eq(schema.fulfillmentBatches.id, batchId), eq(schema.fulfillmentBatches.shopId, shopId)));
  if (!batch) return null;
  const items = await db
    .select()
    .from(schema.fulfillmentBatchItems)
    .where(eq(schema.fulfillmentBatchItems.batchId, batchId))
    .orderBy(asc(schema.fulfillmentBatchItems.position));
  const shipped = items.filter((i) => i.status === "shipped").length;
  const failed = items.filter((i) => i.status === "failed").length;
  return {
    id: batch.id,
    status: batch.status,
    total: batch.total,
    done: shipped + failed,
    shipped,
    failed,
    createdAt: batch.createdAt,
    finishedAt: batch.finishedAt,
    items: items.map((i) => ({
      orderId: i.orderId,
      trackingNumber: i.trackingNumber,
      status: i.status,
      message: i.message,
      packageId: i.packageId,
      carrier: i.carrierName,
    })),
  };
}

export async function recentBatches(db: AppDatabase<typeof schema>, shopId: string) {
  return db
    .select()
    .from(schema.fulfillmentBatches)
    .where(eq(schema.fulfillmentBatches.shopId, shopId))
    .orderBy(desc(schema.fulfillmentBatches.createdAt))
    .limit(10);
}

/** Whether the order already left with this tracking number (a job re-run after a crash). */
function alreadyShippedWith(order: TikTokOrder | undefined, trackingNumber: string): boolean {
  return Boolean(
    order?.line_items.some(
      (line) =>
        lineState(line) === "shipped" && (line.tracking_number ?? "").toUpperCase() === trackingNumber,
    ),
  );
}

/** The job: ships every pending item of a batch. Transient TikTok failures leave items pending and fail the job (retried). */
export async function runBatch(
  deps: BatchDeps,
  batchId: string,
  confirmUnusualTracking: boolean,
): Promise<void> {
  const { db } = deps;
  const [batch] = await db
    .select()
    .from(schema.fulfillmentBatches)
    .where(eq(schema.fulfillmentBatches.id, batchId));
  if (!batch || batch.status === "done") return;
  const [shop] = await db
    .select({ region: schema.shops.region })
    .from(schema.shops)
    .where(eq(schema.shops.id, batch.shopId));
  await db
    .update(schema.fulfillmentBatches)
    .set({ status: "running" })
    .where(eq(schema.fulfillmentBatches.id, batchId));
  const pending = await db
    .select()
    .from(schema.fulfillmentBatchItems)
    .where(
      and(
        eq(schema.fulfillmentBatchItems.batchId, batchId),
        eq(schema.fulfillmentBatchItems.status, "pending"),
      ),
    )
    .orderBy(asc(schema.fulfillmentBatchItems.position));

  const settle = (orderId: string, values: Partial<typeof schema.fulfillmentBatchItems.$inferInsert>) =>
    db
      .update(schema.fulfillmentBatchItems)
      .set({ ...values, updatedAt: deps.now() })
      .where(
        and(
          eq(schema.fulfillmentBatchItems.batchId, batchId),
          eq(schema.fulfillmentBatchItems.orderId, orderId),
        ),
      );

  let client: Awaited<ReturnType<Auth["backgroundShopClient"]>>;
  try {
    client = await deps.auth.backgroundShopClient(batch.shopId);
  } catch {
    for (const item of pending)
      await settle(item.orderId, {
        status: "failed",
        message: "The shop is no longer connected to this app.",
      });
    await finishBatch(deps, batchId);
    return;
  }
  const ctx = new ShopContext(
    db,
    client,
    batch.shopId,
    shop?.region ?? "",
    batch.sellerId,
    deps.now,
    deps.fetch,
  );

  // Current state of every order first, 50 per Get Order Detail call.
  const current = new Map<string, TikTokOrder>();
  for (let i = 0; i < pending.length; i += 50) {
    const orders = await refreshOrders(
      db,
      client,
      batch.shopId,
      pending.slice(i, i + 50).map((p) => p.orderId),
      deps.now(),
    );
    for (const order of orders) current.set(order.id, order);
  }

  let transient: unknown = null;
  /** Shipped order → its shipment record, whose status is filled in once the orders are read again. */
  const shipped = new Map<string, string>();
  const queue = [...pending];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const order = current.get(item.orderId);
      if (!order) {
        await settle(item.orderId, {
          status: "failed",
          message: `Order ${item.orderId} was not found in this shop.`,
        });
        continue;
      }
      if (alreadyShippedWith(order, item.trackingNumber)) {
        await settle(item.orderId, {
          status: "shipped",
          message: "Already shipped with this tracking number.",
        });
        continue;
      }
      try {
        const outcome = await shipOrderLines(ctx, {
          orderId: item.orderId,
          trackingNumber: item.trackingNumber,
          confirmUnusualTracking,
          via: "batch",
          preloaded: order,
          deferRefresh: true,
        });
        const n = outcome.notification;
        shipped.set(item.orderId, n.id);
        await settle(item.orderId, {
          status: "shipped",
          message: n.warning ? `Shipped. TikTok warns: ${n.warning}` : null,
          packageId: n.packageId,
          carrierName: n.carrier?.name ?? null,
        });
      } catch (error) {
        if (isTikTokShopError(error) && error.transient) {
          transient = error;
          continue;
        }
        const message = error instanceof FulfillmentError ? error.message : describeError(error).message;
        await settle(item.orderId, { status: "failed", message });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  // Mirror the shipped orders again, 50 per call, and note the status TikTok now reports.
  const shippedIds = [...shipped.keys()];
  for (let i = 0; i < shippedIds.length; i += 50) {
    const orders = await refreshOrders(db, client, batch.shopId, shippedIds.slice(i, i + 50), deps.now());
    for (const order of orders) {
      const record = shipped.get(order.id);
      if (record) await setShipmentStatus(db, record, String(order.status));
    }
  }
  if (transient) throw transient;
  await finishBatch(deps, batchId);
}

async function finishBatch(deps: BatchDeps, batchId: string): Promise<void> {
  await deps.db
    .update(schema.fulfillmentBatches)
    .set({ status: "done", finishedAt: deps.now() })
    .where(eq(schema.fulfillmentBatches.id, batchId));
}

/** Starts the batch worker on the app's queue. */
export async function startBatchWorker(deps: BatchDeps & { queue: JobQueue }): Promise<void> {
  await deps.queue.work<{ batchId: string; confirmUnusualTracking?: boolean }>(
    BATCH_QUEUE,
    async (job) => {
      await runBatch(deps, job.data.batchId, job.data.confirmUnusualTracking ?? false);
    },
    { batchSize: 2, pollingIntervalSeconds: 1 },
  );
}
