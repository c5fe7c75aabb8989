import { fileURLToPath } from "node:url";
import { type Auth, createAuth } from "@tts-kit/auth";
import { appDataDir, createJobQueue, type Database, openDatabase } from "@tts-kit/db";
import { type AppServer, createAppServer, type Logger, type ServerEnv } from "@tts-kit/server";
import { TikTokShop } from "@tts-kit/tiktok-shop";
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { afterSalesApi } from "./aftersales/api.ts";
import { afterSalesSyncJob } from "./aftersales/sync.ts";
import { afterSalesWebhooks } from "./aftersales/webhooks.ts";
import { catalogApi } from "./catalog/api.ts";
import { productsSyncJob } from "./catalog/sync.ts";
import { catalogWebhooks } from "./catalog/webhooks.ts";
import * as schema from "./db/schema.ts";
import type { OmsEnv } from "./env.ts";
import {
  fulfillmentApi,
  handlePackageUpdate,
  purgeFulfillment,
  startBatchWorker,
} from "./fulfillment/index.ts";
import { ordersApi } from "./orders/api.ts";
import { FIRST_IMPORT_SECONDS, ordersSync } from "./orders/sync.ts";
import { addressUpdateWebhook, orderStatusWebhook } from "./orders/webhooks.ts";

export interface OmsServer extends AppServer {
  auth: Auth;
  database: Database<typeof schema>;
}

export interface OmsServerOptions {
  env: OmsEnv;
  /** The built SPA; left out in development, where Vite serves it. */
  spaDir?: string;
  logger?: Logger;
  /** Unix seconds; tests move it. */
  now?: () => number;
  /** Injected fetch for TikTok calls (tests run the dev shop in-process). */
  fetch?: typeof fetch;
}

// From source: apps/oms/drizzle. Bundled: the build copies the migrations next to the bundle
// (<out>/drizzle), so a built folder is self-contained.
const migrationsFolder = fileURLToPath(
  new URL(import.meta.url.includes("/src/server/") ? "../../drizzle" : "../drizzle", import.meta.url),
);

/**
 * The OMS app server: the platform (install, sessions, token vault, shop connections, webhook
 * ingestion, polling) from the shared packages, plus the OMS's own order mirror and API.
 */
export async function createOmsServer(options: OmsServerOptions): Promise<OmsServer> {
  const { env } = options;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const database = await openDatabase({
    ...(env.DATABASE_URL ? { url: env.DATABASE_URL } : {}),
    ...(env.OMS_DATA_DIR === "memory" ? {} : { dataDir: env.OMS_DATA_DIR ?? appDataDir("oms") }),
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
  const api = new Hono<ServerEnv>()
    .route("/auth", auth.routes)
    .route("/connections", auth.connectionRoutes)
    .route("/orders", ordersApi(db, auth, now))
    .route("/catalog", catalogApi({ db, auth, now }))
    .route("/after-sales", afterSalesApi({ db, auth, now }))
    .route(
      "/fulfillment",
      fulfillmentApi({ db, auth, now, queue, ...(options.fetch ? { fetch: options.fetch } : {}) }),
    );

  const server = await createAppServer({
    name: "oms",
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
      handlers: {
        // The payload is a hint: fetch the order itself and mirror it.
        1: orderStatusWebhook(db, auth, now),
        3: addressUpdateWebhook(db, auth, now),
        ...catalogWebhooks({
          db,
          auth,
          now,
          syncNow: (shopId): Promise<unknown> | undefined => server.sync?.runNow(shopId, "products"),
        }),
        ...afterSalesWebhooks({ db, auth, now }),
        4: (event) => handlePackageUpdate({ db, auth, now }, event),
      },
    },
    sync: {
      now,
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
          name: "orders",
          intervalSeconds: env.OMS_SYNC_INTERVAL_SECONDS,
          initialWindowSeconds: FIRST_IMPORT_SECONDS,
          run: ordersSync(db, auth, now),
        },
        productsSyncJob(db, auth, now, env.OMS_SYNC_INTERVAL_SECONDS),
        afterSalesSyncJob(db, auth, now, env.OMS_SYNC_INTERVAL_SECONDS),
      ],
    },
  });
  // Disconnecting or deauthorizing a shop stops its polling first (a running sync must not write
  // after the purge), then deletes its mirrored orders; a later reconnection imports afresh.
  auth.onShopPurge(async ({ shopId }) => {
    await server.sync?.stopShop(shopId);
    await db.delete(schema.orders).where(eq(schema.orders.shopId, shopId));
    await db.delete(schema.orderSearchTerms).where(eq(schema.orderSearchTerms.shopId, shopId));
    await db.delete(schema.orderLookups).where(eq(schema.orderLookups.shopId, shopId));
    await db.delete(schema.catalogProducts).where(eq(schema.catalogProducts.shopId, shopId));
    await db.delete(schema.afterSalesCancellations).where(eq(schema.afterSalesCancellations.shopId, shopId));
    await db.delete(schema.afterSalesReturns).where(eq(schema.afterSalesReturns.shopId, shopId));
    await purgeFulfillment(db, shopId);
  });
  await startBatchWorker({
    db,
    auth,
    now,
    queue,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
  });
  return Object.assign(server, { auth, database });
}
