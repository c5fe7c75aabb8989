import { fileURLToPath } from "node:url";
import { type Auth, createAuth } from "@tts-kit/auth";
import { appDataDir, createJobQueue, type Database, openDatabase } from "@tts-kit/db";
import { type AppServer, createAppServer, type Logger, type ServerEnv } from "@tts-kit/server";
import { TikTokShop } from "@tts-kit/tiktok-shop";
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { accountingApi } from "./api/accounting.ts";
import { bankApi } from "./api/bank.ts";
import { financeApi } from "./api/finance.ts";
import { otherStoreApi } from "./api/otherstore.ts";
import { profitApi } from "./api/profit.ts";
import { reconciliationApi } from "./api/reconciliation.ts";
import * as schema from "./db/schema.ts";
import type { FinanceEnv } from "./env.ts";
import { ordersSync, unsettledSync } from "./sync/orders.ts";
import { paymentsSync, withdrawalsSync } from "./sync/payouts.ts";
import { statementsSync } from "./sync/statements.ts";

export interface FinanceServer extends AppServer {
  auth: Auth;
  database: Database<typeof schema>;
}

export interface FinanceServerOptions {
  env: FinanceEnv;
  /** The built SPA; left out in development, where Vite serves it. */
  spaDir?: string;
  logger?: Logger;
  /** Unix seconds; tests move it. */
  now?: () => number;
  /** Injected fetch for TikTok calls (tests run the dev shop in-process). */
  fetch?: typeof fetch;
  /** How often the scheduler looks for due jobs (seconds; 0: only when told, for tests). */
  syncTickSeconds?: number;
}

// From source: apps/finance/drizzle. Bundled: the build copies the migrations next to the bundle
// (<out>/drizzle), so a built folder is self-contained.
const migrationsFolder = fileURLToPath(
  new URL(import.meta.url.includes("/src/server/") ? "../../drizzle" : "../drizzle", import.meta.url),
);

/** The sync jobs, each with its own window and cursor per shop. */
export const SYNC_JOBS = ["statements", "payments", "withdrawals", "orders", "unsettled"] as const;

/**
 * The Finance app server: the platform (install, sessions, token vault, shop connections, webhook
 * ingestion, polling) from the shared packages, plus the finance mirror, reconciliation, accounting
 * exports and profit.
 */
export async function createFinanceServer(options: FinanceServerOptions): Promise<FinanceServer> {
  const { env } = options;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const database = await openDatabase({
    ...(env.DATABASE_URL ? { url: env.DATABASE_URL } : {}),
    ...(env.FINANCE_DATA_DIR === "memory" ? {} : { dataDir: env.FINANCE_DATA_DIR ?? appDataDir("finance") }),
    migrationsFolder,
    schema,
  });
  const queue = await createJobQueue(database);
  const { db } = database;

  const tiktok = new TikTokShop({
    appKey: env.TIKTOK_APP_KEY,
    appSecret: env.TIKTOK_APP_SECRET,
    apiBaseUrl: env.TIKTOK_API_BASE_URL,
    authBaseUrl: env.TIKTOK_AUTH_BASE_URL,
    authorizeBaseUrls: { US: env.TIKTOK_AUTHORIZE_BASE_URL_US, ROW: env.TIKTOK_AUTHORIZE_BASE_URL_ROW },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const [current, ...older] = env.TOKEN_ENCRYPTION_KEYS;
  const auth = createAuth({
    db,
    tiktok,
    serviceId: env.TIKTOK_SERVICE_ID,
    encryptionKeys: {
      current: current!.id,
      keys: Object.fromEntries([current!, ...older].map((k) => [k.id, k.key.toString("base64")])),
    },
    secureCookies: new URL(env.APP_URL).protocol === "https:",
    now,
  });

  const clientFor = (shopId: string) => auth.backgroundShopClient(shopId);
  const initialWindowSeconds = env.FINANCE_INITIAL_IMPORT_DAYS * 86_400;
  const interval = env.FINANCE_SYNC_INTERVAL_SECONDS;
  const statementsJob = statementsSync(db, clientFor, now);
  let server: AppServer | undefined;
  const api = new Hono<ServerEnv>()
    .route("/auth", auth.routes)
    .route("/connections", auth.connectionRoutes)
    .route(
      "/finance",
      financeApi(
        db,
        auth,
        {
          runNow: (shopId, full) => runAll(shopId, full),
          status: async (shopId) => (server?.sync ? server.sync.syncStatus(shopId) : null),
        },
        now,
      ),
    )
    .route("/reconciliation", reconciliationApi(db, auth, now))
    .route("/accounting", accountingApi(db, auth, now))
    .route("/profit", profitApi(db, auth, now))
    .route("/bank", bankApi(db, auth, now))
    .route("/other-store", otherStoreApi(db, auth, now));

  /**
   * "Sync now". A full sync forgets the shop's windows first, so history is read again from the
   * initial import window (statements whose amounts TikTok corrected are then fetched again).
   */
  async function runAll(shopId: string, full: boolean): Promise<void> {
    if (full) await server?.sync?.stopShop(shopId);
    for (const job of SYNC_JOBS) await server?.sync?.runNow(shopId, job);
  }

  server = await createAppServer({
    name: "finance",
    env,
    db: database,
    queue,
    api,
    entry: auth.entry,
    ...(options.spaDir ? { spaDir: options.spaDir } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    webhooks: {
      now,
      onDeauthorization: async (shopId) => {
        await auth.connections.handleDeauthorization(shopId);
      },
      onExpiryNotice: async (shopId, expiresAt) => {
        await auth.connections.handleExpiryNotice(shopId, expiresAt);
      },
    },
    sync: {
      now,
      ...(options.syncTickSeconds !== undefined ? { tickSeconds: options.syncTickSeconds } : {}),
      listShops: () =>
        db.select({ id: schema.shops.id }).from(schema.shops).where(eq(schema.shops.status, "connected")),
      getShop: async (shopId) =>
        (
          await db
            .select({ id: schema.shops.id })
            .from(schema.shops)
            .where(and(eq(schema.shops.id, shopId), eq(schema.shops.status, "connected")))
        )[0],
      jobs: [
        {
          name: "statements",
          intervalSeconds: interval,
          initialWindowSeconds,
          run: async (shop, window, signal) => {
            const result = await statementsJob(shop, window, signal);
            await auth.connections.markSynced(shop.id, now());
            return result;
          },
        },
        {
          name: "payments",
          intervalSeconds: interval,
          initialWindowSeconds,
          run: paymentsSync(db, clientFor, now),
        },
        {
          name: "withdrawals",
          intervalSeconds: interval,
          initialWindowSeconds,
          run: withdrawalsSync(db, clientFor, now),
        },
        {
          name: "orders",
          intervalSeconds: interval,
          initialWindowSeconds,
          run: ordersSync(db, clientFor, now),
        },
        { name: "unsettled", intervalSeconds: interval, run: unsettledSync(db, clientFor, now) },
      ],
    },
  });
  // Disconnecting or deauthorizing a shop stops its polling first (a running sync must not write
  // after the purge), then deletes everything the app holds of it; a reconnection imports afresh.
  auth.onShopPurge(async ({ shopId }) => {
    await server.sync?.stopShop(shopId);
    await db.transaction(async (tx) => {
      for (const table of schema.shopTables) await tx.delete(table).where(eq(table.shopId, shopId));
    });
  });
  return Object.assign(server, { auth, database });
}
