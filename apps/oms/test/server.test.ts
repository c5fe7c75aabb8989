import { createDevShop } from "@tts-kit/dev-shop";
import { loadEnv } from "@tts-kit/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOmsServer, type OmsServer } from "../src/server/app.ts";
import * as schema from "../src/server/db/schema.ts";
import { omsEnvSchema } from "../src/server/env.ts";
import { ordersSync, upsertOrders } from "../src/server/orders/sync.ts";

const BASE = "http://dev-shop.test";
const APP = {
  appKey: "6omsunittest",
  appSecret: "oms-unit-test-secret-0123456789",
  serviceId: "7300000000000000999",
  name: "OMS (unit tests)",
  redirectUrl: "http://oms.test/api/auth/callback",
};

/**
 * The OMS server against the dev shop in-process: the order mirror filled by the polling job, and
 * emptied when the shop is disconnected.
 */
describe("OMS server", () => {
  const devShop = createDevShop({
    seed: 7,
    tickIntervalMs: 0,
    apps: [APP],
    size: { ordersPerShop: 650, productsPerShop: 10 },
  });
  let oms: OmsServer;
  let sellerId: string;
  let shopIds: string[];
  let orderListCalls = 0;

  beforeAll(async () => {
    const env = loadEnv(omsEnvSchema, {
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      APP_URL: "http://oms.test",
      OMS_DATA_DIR: "memory",
      TIKTOK_APP_KEY: APP.appKey,
      TIKTOK_APP_SECRET: APP.appSecret,
      TIKTOK_SERVICE_ID: APP.serviceId,
      TIKTOK_API_BASE_URL: BASE,
      TIKTOK_AUTH_BASE_URL: BASE,
      TOKEN_ENCRYPTION_KEYS: `t1:${Buffer.alloc(32, 7).toString("base64")}`,
    });
    oms = await createOmsServer({
      env,
      fetch: (input, init) => {
        const request = new Request(input, init);
        if (new URL(request.url).pathname === "/order/202309/orders/search") orderListCalls++;
        return devShop.fetch(request);
      },
    });
    const { code } = devShop.control.authorize({ appKey: APP.appKey, sellerEmail: "seller1@dev.shop" });
    const connected = await oms.auth.install.connect(code);
    sellerId = connected.sellerId;
    shopIds = connected.shopIds;
  });
  afterAll(async () => {
    await oms?.close();
    await devShop.close();
  });

  it("mirrors every order of a shop through the polling job, and purges them on disconnect", async () => {
    const shopId = shopIds[0]!;
    const database = oms.database;
    const now = Math.floor(Date.now() / 1000);
    await ordersSync(
      database.db,
      oms.auth,
      () => now,
    )({ id: shopId }, { start: 0, end: now + 1, cursor: undefined, checkpoint: async () => {} } as never);
    const mirrored = await database.db.select().from(schema.orders).where(eq(schema.orders.shopId, shopId));
    const inDevShop = Object.values(devShop.store.commerce.shops[shopId]!.orders);
    expect(mirrored).toHaveLength(inDevShop.length);

    await oms.auth.connections.disconnect(sellerId, shopId);
    const after = await database.db.select().from(schema.orders).where(eq(schema.orders.shopId, shopId));
    expect(after).toHaveLength(0);
    // The other shop keeps its data.
    expect(devShop.control.shops().some((s) => s.id === shopIds[1])).toBe(true);
  });

  it("reads a large window with several chains, and resumes an interrupted import from its checkpoint", async () => {
    const shopId = shopIds[1]!;
    const { db } = oms.database;
    const now = Math.floor(Date.now() / 1000);
    const job = ordersSync(db, oms.auth, () => now);
    const inDevShop = Object.values(devShop.store.commerce.shops[shopId]!.orders);
    expect(inDevShop.length).toBeGreaterThan(500);

    // The run "crashes" at its third checkpoint: the second one is what a restart has.
    let saved: string | undefined;
    let checkpoints = 0;
    orderListCalls = 0;
    await expect(
      job(
        { id: shopId },
        {
          start: 0,
          end: now + 1,
          cursor: undefined,
          checkpoint: async (cursor: string) => {
            if (++checkpoints === 3) throw new Error("process killed");
            saved = cursor;
          },
        },
      ),
    ).rejects.toThrow("process killed");
    const firstRunCalls = orderListCalls;
    expect(saved).toMatch(/^\{/);

    orderListCalls = 0;
    await job({ id: shopId }, { start: 0, end: now + 1, cursor: saved, checkpoint: async () => {} });
    const mirrored = await db
      .select({ id: schema.orders.id })
      .from(schema.orders)
      .where(eq(schema.orders.shopId, shopId));
    expect(new Set(mirrored.map((r) => r.id))).toEqual(new Set(inDevShop.map((o) => o.id)));
    // The restart read only what the checkpoint had not covered; both runs together about the
    // pages needed (a split re-reads from the last second it had read, and a crash loses the
    // pages fetched after the checkpoint).
    const pages = Math.ceil(inDevShop.length / 100);
    expect(orderListCalls).toBeLessThan(pages);
    expect(orderListCalls + firstRunCalls).toBeLessThanOrEqual(pages + 8);
  });

  it("never lets an older copy of an order overwrite a newer one", async () => {
    const shopId = shopIds[1]!;
    const order = {
      id: "900000000000000001",
      status: "AWAITING_SHIPMENT",
      create_time: 100,
      update_time: 200,
      line_items: [],
      packages: [],
    };
    await upsertOrders(oms.database.db, shopId, [order], 1);
    await upsertOrders(oms.database.db, shopId, [{ ...order, status: "UNPAID", update_time: 150 }], 2);
    const [row] = await oms.database.db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(row?.status).toBe("AWAITING_SHIPMENT");
    await upsertOrders(oms.database.db, shopId, [{ ...order, status: "IN_TRANSIT", update_time: 300 }], 3);
    const [newer] = await oms.database.db.select().from(schema.orders).where(eq(schema.orders.id, order.id));
    expect(newer?.status).toBe("IN_TRANSIT");
  });
});
