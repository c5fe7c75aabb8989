import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../src/server/db/schema.ts";
import { runBatch } from "../src/server/fulfillment/batch.ts";
import {
  devOrder,
  type FulfillmentFixture,
  fulfillmentFixture,
  mapSellerShipping,
  placeOrder,
} from "./fulfillment-fixture.ts";

interface Batch {
  id: string;
  status: string;
  shipped: number;
  failed: number;
  items: Array<{ orderId: string; status: string; message: string | null }>;
}

async function waitForBatch(f: FulfillmentFixture, shopId: string, batchId: string): Promise<Batch> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { body } = await f.call<{ batch: Batch }>("GET", `/fulfillment/${shopId}/batches/${batchId}`);
    if (body.batch.status === "done") return body.batch;
    if (Date.now() > deadline)
      throw new Error(`batch ${batchId} did not finish: ${JSON.stringify(body.batch)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A full batch (200 orders, the most one action takes) against the dev shop at its default rate
 * limit of 50 calls per second per endpoint: every order ships, nothing is throttled into a
 * failure, and a re-run of the job never ships an order twice.
 */
describe("fulfilment batch of 200 orders", () => {
  let f: FulfillmentFixture;
  beforeAll(async () => {
    f = await fulfillmentFixture({ rateLimitPerSecond: 50, ordersPerShop: 5 });
  });
  afterAll(async () => {
    await f?.close();
  });

  it("OMS-BATCH: ships 200 orders at the default rate limit, each settled once", async () => {
    await mapSellerShipping(f, f.us, "USPS");
    const orders = Array.from({ length: 200 }, () => placeOrder(f, f.us));
    const items = orders.map((orderId, i) => ({
      orderId,
      trackingNumber: `94001118992231${String(i).padStart(8, "0")}`,
    }));
    f.tiktokCalls.length = 0;
    const started = Date.now();
    const created = await f.call<{ batch: Batch }>("POST", `/fulfillment/${f.us}/batches`, { items });
    expect(created.status).toBe(202);
    const batch = await waitForBatch(f, f.us, created.body.batch.id);
    const seconds = (Date.now() - started) / 1000;
    expect(batch.failed, JSON.stringify(batch.items.filter((i) => i.status === "failed").slice(0, 3))).toBe(
      0,
    );
    expect(batch.shipped).toBe(200);
    for (const [i, orderId] of orders.entries()) {
      const { order, packages } = devOrder(f, f.us, orderId);
      expect(order.status).toBe("AWAITING_COLLECTION");
      expect(packages[0]?.trackingNumber).toBe(items[i]!.trackingNumber);
    }
    const marks = f.tiktokCalls.filter(
      (c) => c.endsWith("/packages") && c.startsWith("POST /fulfillment/202309/orders/"),
    );
    expect(marks).toHaveLength(200);
    const byEndpoint: Record<string, number> = {};
    for (const call of f.tiktokCalls) {
      const key = call.replace(/\d{6,}/g, "{id}");
      byEndpoint[key] = (byEndpoint[key] ?? 0) + 1;
    }
    // Whole orders come back from the reads 50 at a time: no per-order package lookups.
    expect(byEndpoint["GET /fulfillment/{id}/packages/{id}"]).toBeUndefined();
    process.stdout.write(
      `[fulfilment] 200-order batch: ${seconds.toFixed(1)} s ${JSON.stringify(byEndpoint)}\n`,
    );

    // A crash after TikTok shipped an order but before the item was settled: the re-run finds the
    // order shipped with that tracking number and settles it without shipping again.
    const [first] = orders;
    await f.oms.database.db
      .update(schema.fulfillmentBatchItems)
      .set({ status: "pending", message: null })
      .where(eq(schema.fulfillmentBatchItems.orderId, first!));
    await f.oms.database.db
      .update(schema.fulfillmentBatches)
      .set({ status: "running" })
      .where(eq(schema.fulfillmentBatches.id, batch.id));
    f.tiktokCalls.length = 0;
    await runBatch(
      { db: f.oms.database.db, auth: f.oms.auth, now: () => f.devShop.clock.now(), fetch: globalThis.fetch },
      batch.id,
      false,
    );
    expect(f.tiktokCalls.filter((c) => c.includes(`/orders/${first}/packages`))).toEqual([]);
    const again = await waitForBatch(f, f.us, batch.id);
    expect(again.items.find((i) => i.orderId === first)).toMatchObject({
      status: "shipped",
      message: "Already shipped with this tracking number.",
    });
  }, 120_000);

  it("refuses a batch over 200 orders or with an order twice, before any call to TikTok", async () => {
    f.tiktokCalls.length = 0;
    const over = await f.call<{ error: { code: string; message: string } }>(
      "POST",
      `/fulfillment/${f.us}/batches`,
      {
        items: Array.from({ length: 201 }, (_, i) => ({
          orderId: String(1000 + i),
          trackingNumber: "9400111899223100000000",
        })),
      },
    );
    expect(over.status).toBe(400);
    expect(over.body.error.code).toBe("invalid_input");
    const twice = await f.call<{ error: { code: string; message: string } }>(
      "POST",
      `/fulfillment/${f.us}/batches`,
      {
        items: [
          { orderId: "111", trackingNumber: "9400111899223100000000" },
          { orderId: "111", trackingNumber: "9400111899223100000001" },
        ],
      },
    );
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toBe("Each order can be in a batch once; listed twice: 111.");
    expect(f.tiktokCalls).toEqual([]);
  });

  it("answers 404 for another seller's shop on every fulfilment route", async () => {
    const ours = new Set([f.us, f.gb]);
    const foreign = f.devShop.control.shops().find((s) => !ours.has(s.id))!.id;
    const orderId = placeOrder(f, f.us);
    for (const [method, path, body] of [
      ["GET", `/fulfillment/${foreign}/orders/${orderId}`],
      ["GET", `/fulfillment/${foreign}/queue`],
      ["GET", `/fulfillment/${foreign}/setup`],
      ["GET", `/fulfillment/${foreign}/rules`],
      ["GET", `/fulfillment/${foreign}/combinable`],
      [
        "POST",
        `/fulfillment/${foreign}/orders/${orderId}/ship`,
        { trackingNumber: "9400111899223100000000" },
      ],
      [
        "POST",
        `/fulfillment/${foreign}/batches`,
        { items: [{ orderId, trackingNumber: "9400111899223100000000" }] },
      ],
      ["POST", `/fulfillment/${foreign}/documents/pick-list`, { orderIds: [orderId] }],
      ["PUT", `/fulfillment/${foreign}/rules`, { rules: [] }],
    ] as const) {
      const res = await f.call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(devOrder(f, f.us, orderId).order.status).toBe("AWAITING_SHIPMENT");
  });
});
