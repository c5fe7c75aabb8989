import { createDevShop, type DevShop } from "@tts-kit/dev-shop";
import { createLogger, loadEnv } from "@tts-kit/server";
import { Hono } from "hono";
import { expect } from "vitest";
import { createOmsServer, type OmsServer } from "../src/server/app.ts";
import { omsEnvSchema } from "../src/server/env.ts";

const BASE = "http://dev-shop.test";
const ORIGIN = "http://oms.test";
export const APP = {
  appKey: "6omscatalogtest",
  appSecret: "oms-catalog-test-secret-0123456789",
  serviceId: "7300000000000000997",
  name: "OMS (catalog and after-sales tests)",
  redirectUrl: `${ORIGIN}/api/auth/callback`,
  webhookUrl: `${ORIGIN}/api/webhooks/tiktok`,
};

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export interface CatalogFixture {
  devShop: DevShop;
  oms: OmsServer;
  sellerId: string;
  /** seller1's shops, in the dev shop's order (US first). */
  shopIds: string[];
  /** The JSON log lines OMS wrote (warn and above). */
  logs: Array<Record<string, unknown>>;
  get<T = Record<string, unknown>>(path: string): Promise<ApiAnswer<T>>;
  post<T = Record<string, unknown>>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  /** Waits for webhook deliveries from the dev shop, then until `check` passes. */
  eventually(check: () => Promise<void> | void, timeout?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * OMS against the dev shop in-process on one clock: the dev shop's webhooks are delivered to
 * OMS's own endpoint (signed, through the whole ingestion path), seller1's shops are connected,
 * and a signed-in session with its CSRF token makes API calls as the browser would.
 */
export async function catalogFixture(
  options: { seed?: number; ordersPerShop?: number; productsPerShop?: number; onlyFirstShop?: boolean } = {},
): Promise<CatalogFixture> {
  let deliver: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
  const devShop = createDevShop({
    seed: options.seed ?? 5,
    fetch: (input, init) => deliver(new Request(input, init)),
    tickIntervalMs: 0,
    apps: [APP],
    size: { ordersPerShop: options.ordersPerShop ?? 40, productsPerShop: options.productsPerShop ?? 12 },
  });
  const env = loadEnv(omsEnvSchema, {
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    APP_URL: ORIGIN,
    OMS_DATA_DIR: "memory",
    // Polling stays out of the way: tests run the sync jobs themselves.
    OMS_SYNC_INTERVAL_SECONDS: "86400",
    TIKTOK_APP_KEY: APP.appKey,
    TIKTOK_APP_SECRET: APP.appSecret,
    TIKTOK_SERVICE_ID: APP.serviceId,
    TIKTOK_API_BASE_URL: BASE,
    TIKTOK_AUTH_BASE_URL: BASE,
    TOKEN_ENCRYPTION_KEYS: `t1:${Buffer.alloc(32, 5).toString("base64")}`,
  });
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    name: "oms",
    level: "warn",
    destination: { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const oms = await createOmsServer({
    env,
    logger,
    now: () => devShop.clock.now(),
    fetch: (input, init) => devShop.fetch(new Request(input, init)),
  });
  deliver = async (request) => oms.app.request(request);
  const seller1 = devShop.control
    .shops()
    .filter((shop) => shop.sellerId === devShop.control.sellers()[0]!.id);
  const { code } = devShop.control.authorize({
    appKey: APP.appKey,
    ...(options.onlyFirstShop ? { shopIds: [seller1[0]!.id] } : { sellerEmail: "seller1@dev.shop" }),
  });
  const { sellerId, shopIds } = await oms.auth.install.connect(code);

  // A session cookie, minted the way the install callback does, and its CSRF token.
  const signer = new Hono().get("/", async (c) => {
    await oms.auth.sessions.signIn(c, sellerId);
    return c.text("ok");
  });
  const session = (await signer.request("/")).headers.get("set-cookie")?.split(";")[0] ?? "";
  const csrfResponse = await oms.app.request("/api/csrf", { headers: { cookie: session } });
  const { token } = (await csrfResponse.json()) as { token: string };
  const cookie = `${session}; csrf=${token}`;

  const call = async <T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const response = await oms.app.request(`${ORIGIN}/api${path}`, {
      method,
      headers: {
        cookie,
        accept: "application/json",
        origin: ORIGIN,
        "sec-fetch-site": "same-origin",
        "x-csrf-token": token,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  return {
    devShop,
    oms,
    sellerId,
    shopIds: seller1.map((shop) => shop.id).filter((id) => shopIds.includes(id)),
    logs,
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body ?? {}),
    async eventually(check, timeout = 15_000) {
      await devShop.control.webhooksIdle();
      await expect
        .poll(
          async () => {
            try {
              await check();
              return true;
            } catch {
              return false;
            }
          },
          { timeout, interval: 50 },
        )
        .toBe(true);
    },
    async close() {
      await oms.close();
      await devShop.close();
    },
  };
}
