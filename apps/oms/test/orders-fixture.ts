import { createDevShop, type DevShop } from "@tts-kit/dev-shop";
import { loadEnv } from "@tts-kit/server";
import { Hono } from "hono";
import { createOmsServer, type OmsServer } from "../src/server/app.ts";
import { omsEnvSchema } from "../src/server/env.ts";

const BASE = "http://dev-shop.test";
export const APP = {
  appKey: "6omsorderstest",
  appSecret: "oms-orders-test-secret-0123456789",
  serviceId: "7300000000000000998",
  name: "OMS (orders tests)",
  redirectUrl: "http://oms.test/api/auth/callback",
  webhookUrl: "http://oms.test/api/webhooks/tiktok",
};

export interface OrdersFixture {
  devShop: DevShop;
  oms: OmsServer;
  sellerId: string;
  shopIds: string[];
  /** GET an OMS API path as the signed-in seller; the JSON body and status. */
  get<T = Record<string, unknown>>(path: string): Promise<{ status: number; body: T }>;
  /** Waits until the scheduler's first import of a shop has finished. */
  firstImport(shopId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * OMS against the dev shop in-process, both on the dev shop's clock (so a test can move time for
 * both), seller1's shops connected and a signed-in session for API calls.
 */
export async function ordersFixture(
  options: { ordersPerShop?: number; seed?: number } = {},
): Promise<OrdersFixture> {
  // The dev shop delivers its webhooks to the OMS server in-process (bound once it exists).
  let deliver: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
  const devShop = createDevShop({
    seed: options.seed ?? 11,
    fetch: (input, init) => deliver(new Request(input, init)),
    tickIntervalMs: 0,
    apps: [APP],
    size: { ordersPerShop: options.ordersPerShop ?? 60, productsPerShop: 10 },
  });
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
    TOKEN_ENCRYPTION_KEYS: `t1:${Buffer.alloc(32, 9).toString("base64")}`,
  });
  const oms = await createOmsServer({
    env,
    now: () => devShop.clock.now(),
    fetch: (input, init) => devShop.fetch(new Request(input, init)),
  });
  deliver = async (request) => oms.app.request(request);
  const { code } = devShop.control.authorize({ appKey: APP.appKey, sellerEmail: "seller1@dev.shop" });
  const { sellerId, shopIds } = await oms.auth.install.connect(code);

  // A session cookie, minted the way the install callback does.
  const signer = new Hono().get("/", async (c) => {
    await oms.auth.sessions.signIn(c, sellerId);
    return c.text("ok");
  });
  const cookie = (await signer.request("/")).headers.get("set-cookie")?.split(";")[0] ?? "";

  return {
    devShop,
    oms,
    sellerId,
    shopIds,
    async get<T>(path: string) {
      const response = await oms.app.request(`/api${path}`, {
        headers: { cookie, accept: "application/json" },
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    async firstImport(shopId: string) {
      // Not forced: a forced tick spreads the shops over half a minute; a never-synced shop goes at once.
      await oms.sync?.tick();
      const deadline = Date.now() + 30_000;
      for (;;) {
        const shop = (await oms.auth.connections.list(sellerId)).find((s) => s.id === shopId);
        if (shop?.lastSyncedAt) return;
        if (Date.now() > deadline) throw new Error(`the first import of shop ${shopId} did not finish`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async close() {
      await oms.close();
      await devShop.close();
    },
  };
}
