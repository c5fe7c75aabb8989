import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Database } from "@tts-kit/db";
import { createTestDatabase, postgresTestTarget } from "@tts-kit/db/testing";
import { createDevShop, type DevShop } from "@tts-kit/dev-shop";
import { type Logger, parseWebhook, TikTokShop, verifyWebhook } from "@tts-kit/tiktok-shop";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { expect } from "vitest";
import { type Auth, type AuthConfig, type AuthEnv, createAuth } from "../../src/index.ts";
import * as schema from "../fixtures/schema.ts";
import { Browser } from "./browser.ts";

export { schema };
export const migrationsFolder = fileURLToPath(new URL("../fixtures/migrations", import.meta.url));
export const BASE = "http://dev-shop.test";
export const ORIGIN = "http://app.test";

export const APP = {
  appKey: "6authtestapp",
  appSecret: "auth-test-secret-0123456789",
  serviceId: "7300000000000000042",
  name: "Auth Test App",
  category: "OMS",
  redirectUrl: `${ORIGIN}/api/auth/callback`,
  webhookUrl: `${ORIGIN}/api/webhooks/tiktok`,
};

export const key = () => randomBytes(32).toString("base64");
export const KEYS = { current: "k1", keys: { k1: key() } };

export type DbKind = "pglite" | "postgres";

export const {
  url: postgresUrl,
  reachable: postgresReachable,
  label: postgresLabel,
} = await postgresTestTarget("@tts-kit/auth");

export function openTestDatabase(kind: DbKind): Promise<Database<typeof schema>> {
  return createTestDatabase({ kind, migrationsFolder, schema });
}

/** Every log line, so tests can check that no token was ever written. */
export function captureLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push(`${level} ${message} ${JSON.stringify(fields)}`);
  };
  return { lines, debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

let seedCounter = 0;

export interface Harness {
  devShop: DevShop;
  auth: Auth;
  app: Hono<AuthEnv>;
  tiktok: TikTokShop;
  clock: { offset: number; now(): number };
  /** Token host calls: paths of /api/v2/token/get and /refresh requests. */
  tokenCalls: string[];
  refreshCount(): number;
  logger: ReturnType<typeof captureLogger>;
  purged: Array<{ hook: string; shopId: string; reason: string }>;
  browser(): Browser;
  /** The full install as a seller does it: install link, consent (control API), callback. */
  install(
    browser: Browser,
    input?: { shopIds?: string[]; sellerEmail?: string; returnPath?: string; durationSeconds?: number },
  ): Promise<{ state: string; code: string; authorize: URL; callback: Response }>;
  shopsOf(email: string): Array<{ id: string; region: string; cipher: string; name: string }>;
  /** Another auth instance over the same database and dev shop (a second server instance). */
  sibling(overrides?: Partial<AuthConfig>): Auth;
}

/**
 * A dev shop (its own seed, so shop ids never collide between tests sharing a database), the
 * app-level client against it in-process, createAuth over `db`, and a small app that mounts the
 * routes the way an app server does, with a webhook receiver that feeds webhooks 6 and 7 back.
 */
export function createHarness(db: Database<typeof schema>, overrides: Partial<AuthConfig> = {}): Harness {
  const seed = 1000 + process.pid * 100 + ++seedCounter;
  let app: Hono<AuthEnv> | undefined;
  const startedAt = Math.floor(Date.now() / 1000);
  const devShop = createDevShop({
    seed,
    clock: { realNowMs: () => startedAt * 1000 },
    tickIntervalMs: 0,
    rateLimitPerSecond: 0,
    size: { productsPerShop: 3, ordersPerShop: 3 },
    apps: [APP],
    // Webhooks go to the test app in-process.
    fetch: async (input, init) => {
      if (!app) return new Response(null, { status: 503 });
      return app.fetch(new Request(input, init));
    },
  });
  const tokenCalls: string[] = [];
  const tiktok = new TikTokShop({
    appKey: APP.appKey,
    appSecret: APP.appSecret,
    apiBaseUrl: BASE,
    authBaseUrl: BASE,
    authorizeBaseUrls: { US: `${BASE}/us`, ROW: BASE },
    rateLimiter: false,
    fetch: (input, init) => {
      const url = new URL(String(input));
      if (url.pathname.startsWith("/api/v2/token/")) tokenCalls.push(url.pathname);
      return devShop.fetch(new Request(input, init));
    },
  });
  // Frozen at the harness's start (like the dev shop's, below) and moved only by `offset`, so an
  // assertion never straddles a second boundary.
  const clock = { offset: 0, now: () => startedAt + clock.offset };
  const logger = captureLogger();
  const config: AuthConfig = {
    db: db.db,
    tiktok,
    serviceId: APP.serviceId,
    encryptionKeys: KEYS,
    secureCookies: false,
    logger,
    now: () => clock.now(),
    ...overrides,
  };
  const auth = createAuth(config);
  const purged: Harness["purged"] = [];
  auth.onShopPurge(({ shopId, reason }) => {
    purged.push({ hook: "stop-jobs", shopId, reason });
  });
  auth.onShopPurge(async ({ shopId, reason }) => {
    await db.db.delete(schema.appOrders).where(eqShop(shopId));
    purged.push({ hook: "delete-data", shopId, reason });
  });

  app = new Hono<AuthEnv>();
  app.route("/api/auth", auth.routes);
  app.route("/api/connections", auth.connectionRoutes);
  app.post("/api/webhooks/tiktok", async (c) => {
    const rawBody = await c.req.text();
    const signature = c.req.header("authorization");
    if (!verifyWebhook({ appKey: APP.appKey, appSecret: APP.appSecret, rawBody, signature })) {
      return c.body(null, 401);
    }
    const parsed = parseWebhook(rawBody);
    if (parsed.ok) await auth.handleWebhook(parsed.event);
    return c.body(null, 200);
  });
  // An app route using a shop's API: the per-shop client from the vault.
  app.get("/api/warehouses/:shopId", auth.requireSeller, async (c) => {
    const client = await auth.shopClient(c, c.req.param("shopId"));
    const { warehouses } = await client.logistics.getWarehouseList();
    return c.json({ count: warehouses.length });
  });
  app.get("/api/me", auth.requireSeller, (c) => c.json({ seller: c.var.seller, shops: c.var.shops }));
  app.get("*", auth.entry, (c) => c.html("<h1>The app</h1>"));

  const harness: Harness = {
    devShop,
    auth,
    app,
    tiktok,
    clock,
    tokenCalls,
    refreshCount: () => tokenCalls.filter((p) => p.endsWith("/refresh")).length,
    logger,
    purged,
    browser: () => new Browser(app),
    async install(browser, input = {}) {
      const query = new URLSearchParams();
      if (input.returnPath) query.set("return", input.returnPath);
      const start = await browser.request(`/api/auth/install?${query}`);
      expect(start.status).toBe(302);
      const authorize = new URL(start.headers.get("location") ?? "");
      const state = authorize.searchParams.get("state") ?? "";
      const { code } = devShop.control.authorize({
        appKey: APP.appKey,
        ...(input.shopIds
          ? { shopIds: input.shopIds }
          : { sellerEmail: input.sellerEmail ?? "seller1@dev.shop" }),
        ...(input.durationSeconds ? { durationSeconds: input.durationSeconds } : {}),
      });
      const callback = await browser.request(
        `/api/auth/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`,
      );
      return { state, code, authorize, callback };
    },
    shopsOf(email) {
      const seller = devShop.control.sellers().find((s) => s.email === email);
      return devShop.control.shops().filter((s) => s.sellerId === seller?.id);
    },
    sibling: (more = {}) => createAuth({ ...config, ...more }),
  };
  return harness;
}

function eqShop(shopId: string) {
  return eq(schema.appOrders.shopId, shopId);
}
