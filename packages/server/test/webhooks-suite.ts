import type { Database, JobQueue } from "@tts-kit/db";
import { createDevShop } from "@tts-kit/dev-shop";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, createAppServer } from "../src/app-server.ts";
import { webhookQueueName } from "../src/webhooks/ingestion.ts";
import {
  APP_KEY,
  APP_SECRET,
  openTestDatabase,
  type schema,
  type TestKind,
  testEnv,
  waitFor,
  webhook,
} from "./helpers.ts";

interface Row {
  id: string | number;
  status: string;
  attempts: number;
  last_error: string | null;
  type: number;
  notification_id: string | null;
}

/** The ingestion behaviour, run once on PGlite and once on Postgres. */
export function webhookSuite(kind: TestKind) {
  describe(`webhook ingestion (${kind})`, () => {
    let database: Database<typeof schema>;
    let queue: JobQueue;
    let server: AppServer;
    let clock = 1_800_000_000;
    const calls: Array<{ type: number; key: string; attempt: number }> = [];
    const deauthorized: string[] = [];
    const expiring: Array<{ shopId: string; expiresAt: number | null }> = [];
    let failReturns = true;

    beforeAll(async () => {
      ({ database, queue } = await openTestDatabase(kind));
      server = await createAppServer({
        name: "test",
        env: testEnv(),
        db: database,
        queue,
        webhooks: {
          handlers: {
            1: async (event, ctx) => {
              calls.push({ type: 1, key: event.data.order_id, attempt: ctx.attempt });
              await database.sql.query(
                "INSERT INTO order_hints (order_id, status) VALUES ($1, $2) ON CONFLICT (order_id) DO UPDATE SET status = $2",
                [event.data.order_id, event.data.order_status],
              );
            },
            12: async (event, ctx) => {
              calls.push({ type: 12, key: event.data.order_id, attempt: ctx.attempt });
              if (failReturns) throw new Error(`return service down (attempt ${ctx.attempt})`);
            },
          },
          onDeauthorization: async (shopId) => {
            deauthorized.push(shopId);
          },
          onExpiryNotice: async (shopId, expiresAt) => {
            expiring.push({ shopId, expiresAt });
          },
          retry: { retryLimit: 2, retryDelay: 1, retryBackoff: false },
          sweepIntervalSeconds: 0,
          now: () => clock,
        },
      });
    });

    afterAll(async () => {
      await server?.close();
    });

    const post = (delivery: { body: string; headers: Record<string, string> }) =>
      server.app.request("/api/webhooks/tiktok", {
        method: "POST",
        body: delivery.body,
        headers: delivery.headers,
      });

    async function rows(where = "TRUE", values: unknown[] = []): Promise<Row[]> {
      const result = await database.sql.query<Row>(
        `SELECT id, status, attempts, last_error, type, notification_id FROM webhook_events WHERE ${where} ORDER BY id`,
        values,
      );
      return result.rows;
    }
    const count = async () =>
      Number(
        (await database.sql.query<{ n: string }>("SELECT count(*) AS n FROM webhook_events")).rows[0]?.n,
      );
    const byNotification = (id: string) => rows("notification_id = $1", [id]);

    it("refuses a bad or missing signature with 401 and stores nothing", async () => {
      const before = await count();
      const forged = webhook({}, "not-the-secret");
      const response = await post(forged);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_signature");
      const unsigned = webhook();
      expect(
        (await post({ body: unsigned.body, headers: { "content-type": "application/json" } })).status,
      ).toBe(401);
      // A valid signature over different bytes (body re-serialized by a proxy) is refused too.
      const tampered = webhook();
      expect((await post({ body: `${tampered.body} `, headers: tampered.headers })).status).toBe(401);
      expect(await count()).toBe(before);
    });

    it("refuses a malformed (signed) delivery with 400 and stores nothing", async () => {
      const before = await count();
      const notJson = webhook();
      const { webhookSignature } = await import("@tts-kit/tiktok-shop");
      const body = "{not json";
      const sign = (b: string) => ({
        body: b,
        headers: { ...notJson.headers, authorization: webhookSignature(APP_KEY, APP_SECRET, b) },
      });
      expect((await post(sign(body))).status).toBe(400);
      expect((await post(sign(JSON.stringify({ hello: "world" })))).status).toBe(400);
      expect(await count()).toBe(before);
    });

    it("stores a duplicate delivery once and handles it once", async () => {
      const delivery = webhook({ notificationId: "7380066284010030890" });
      const first = await post(delivery);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ ok: true, duplicate: false });
      const second = await post(delivery);
      expect(second.status).toBe(200);
      expect(await second.json()).toEqual({ ok: true, duplicate: true });
      await waitFor(async () => (await byNotification("7380066284010030890"))[0]?.status === "processed");
      // Long enough for a second job, had one been sent, to run.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const stored = await byNotification("7380066284010030890");
      expect(stored).toHaveLength(1);
      expect(stored[0]?.attempts).toBe(1);
      const orderId = (JSON.parse(delivery.body) as { data: { order_id: string } }).data.order_id;
      expect(calls.filter((c) => c.key === orderId)).toHaveLength(1);
      const hint = await database.sql.query<{ status: string }>(
        "SELECT status FROM order_hints WHERE order_id = $1",
        [orderId],
      );
      expect(hint.rows[0]?.status).toBe("AWAITING_SHIPMENT");
    });

    it("stores concurrent duplicates once (one delivery wins, the rest are acknowledged duplicates)", async () => {
      const delivery = webhook({ notificationId: "7380066284010039999" });
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(delivery)));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      const bodies = (await Promise.all(answers.map((a) => a.json()))) as Array<{ duplicate: boolean }>;
      expect(bodies.filter((b) => !b.duplicate)).toHaveLength(1);
      expect(await byNotification("7380066284010039999")).toHaveLength(1);
    });

    it("de-duplicates deliveries without a notification id on a hash of the raw body", async () => {
      const a = webhook({ notificationId: null, data: { order_id: "900001", order_status: "UNPAID" } });
      const b = webhook({ notificationId: null, data: { order_id: "900002", order_status: "UNPAID" } });
      const before = await count();
      for (const delivery of [a, a, b, a]) expect((await post(delivery)).status).toBe(200);
      expect(await count()).toBe(before + 2);
      const hashed = await database.sql.query<{ dedupe_key: string }>(
        "SELECT dedupe_key FROM webhook_events WHERE notification_id IS NULL",
      );
      expect(hashed.rows.every((r) => /^h:[0-9a-f]{64}$/.test(r.dedupe_key))).toBe(true);
    });

    it("retries a failing handler, then dead-letters the job and marks the event failed; requeue runs it again", async () => {
      failReturns = true;
      const delivery = webhook({
        type: 12,
        notificationId: "7380066284010031212",
        data: {
          order_id: "5766000012",
          return_id: "4035000012",
          return_status: "RETURN_OR_REFUND_REQUEST_PENDING",
        },
      });
      expect((await post(delivery)).status).toBe(200);
      await waitFor(
        async () => (await byNotification("7380066284010031212"))[0]?.status === "failed",
        25_000,
        "failed",
      );
      const [event] = await byNotification("7380066284010031212");
      expect(event?.attempts).toBe(3); // first run + 2 retries
      expect(event?.last_error).toContain("return service down (attempt 3)");
      expect(calls.filter((c) => c.key === "5766000012").map((c) => c.attempt)).toEqual([1, 2, 3]);

      const id = Number(event?.id);
      await waitFor(async () =>
        (await queue.deadLetters(webhookQueueName(12))).some(
          (d) => (d.data as { eventId: number }).eventId === id,
        ),
      );
      const failed = await server.webhooks.failed();
      expect(failed.find((f) => f.id === id)).toMatchObject({
        type: 12,
        typeName: "RETURN_STATUS_CHANGE",
        attempts: 3,
        notificationId: "7380066284010031212",
      });

      failReturns = false;
      await server.webhooks.requeue(id);
      await waitFor(
        async () => (await byNotification("7380066284010031212"))[0]?.status === "processed",
        20_000,
        "processed",
      );
      expect(
        (await queue.deadLetters(webhookQueueName(12))).some(
          (d) => (d.data as { eventId: number }).eventId === id,
        ),
      ).toBe(false);
      expect((await server.webhooks.failed()).some((f) => f.id === id)).toBe(false);
    });

    it("calls the deauthorization (6) and expiry notice (7) hooks", async () => {
      await post(
        webhook({
          type: 6,
          shopId: "7495000000000000006",
          data: { message: "Shop_id 7495000000000000006 is deauthorized" },
        }),
      );
      await post(
        webhook({
          type: 7,
          shopId: "7495000000000000007",
          data: { message: "expires soon", expiration_time: "1802592000" },
        }),
      );
      await waitFor(() => deauthorized.includes("7495000000000000006") && expiring.length > 0);
      expect(expiring).toContainEqual({ shopId: "7495000000000000007", expiresAt: 1802592000 });
    });

    it("stores and acknowledges unknown types and known types with unexpected data", async () => {
      const unknown = webhook({
        type: 68,
        notificationId: "7380066284010036868",
        data: { sku_id: "1", quantity: 3 },
      });
      expect((await post(unknown)).status).toBe(200);
      expect((await byNotification("7380066284010036868"))[0]?.status).toBe("skipped");

      const odd = webhook({
        type: 1,
        notificationId: "7380066284010030001",
        data: { order_status: "UNPAID" },
      });
      expect((await post(odd)).status).toBe(200);
      const [stored] = await byNotification("7380066284010030001");
      expect(stored?.status).toBe("failed");
      expect(stored?.last_error).toContain("payload does not match type 1");
    });

    it("sweeps events stored without a job (the process died in between) back into the queue", async () => {
      // As if the process crashed right after the insert (row `queued`, no job), and as if the job
      // insert had failed (row marked `received`).
      const crashed = webhook({
        notificationId: "7380066284010037777",
        data: { order_id: "777", order_status: "DELIVERED" },
      });
      const unsent = webhook({
        notificationId: "7380066284010037778",
        data: { order_id: "778", order_status: "DELIVERED" },
      });
      for (const [delivery, status] of [
        [crashed, "queued"],
        [unsent, "received"],
      ] as const) {
        const id = (JSON.parse(delivery.body) as { tts_notification_id: string }).tts_notification_id;
        await database.sql.query(
          `INSERT INTO webhook_events (dedupe_key, notification_id, type, shop_id, received_at, queued_at, raw_body, status)
           VALUES ($1, $2, 1, '7495540735365777507', $3, $3, $4, $5)`,
          [`n:${id}`, id, clock, delivery.body, status],
        );
      }
      expect(await server.webhooks.sweep()).toBe(0); // too recent: their jobs may still be on the way
      clock += 600;
      expect(await server.webhooks.sweep()).toBe(2);
      await waitFor(async () => (await byNotification("7380066284010037777"))[0]?.status === "processed");
      await waitFor(async () => (await byNotification("7380066284010037778"))[0]?.status === "processed");
      expect(calls.filter((c) => c.key === "777" || c.key === "778")).toHaveLength(2);
      // Events with a live job, and processed ones, are left alone.
      expect(await server.webhooks.sweep()).toBe(0);
    });

    it("receives a real signed webhook from the dev shop", async () => {
      const running = await server.start({ port: 0, handleSignals: false, onShutdown: async () => {} });
      const devShop = createDevShop({
        seed: 1,
        tickIntervalMs: 0,
        apps: [
          {
            appKey: APP_KEY,
            appSecret: APP_SECRET,
            name: "Server kit test app",
            redirectUrl: `${running.url}/api/auth/tiktok/callback`,
            webhookUrl: `${running.url}/api/webhooks/tiktok`,
          },
        ],
      });
      try {
        const { shopIds } = devShop.control.authorize({ appKey: APP_KEY, sellerEmail: "seller1@dev.shop" });
        const shopId = shopIds[0]!;
        const orderId = devShop.control.buyer.placeOrder(shopId);
        await devShop.control.webhooksIdle();
        const log = devShop.control.webhookLog({ appKey: APP_KEY, type: 1 });
        const delivery = log.find((d) => JSON.parse(d.body).data.order_id === orderId);
        expect(delivery?.state).toBe("delivered");
        expect(delivery?.attempts[0]?.status).toBe(200);
        await waitFor(() => calls.some((c) => c.key === orderId), 20_000, "handler");
        const [stored] = await byNotification(delivery!.notificationId);
        expect(stored?.type).toBe(1);
      } finally {
        await devShop.close();
        // Only the HTTP listener: the database and queue are closed in afterAll.
        await new Promise<void>((resolve) => running.server.close(() => resolve()));
      }
    });
  });
}
