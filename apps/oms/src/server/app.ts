import { fileURLToPath } from "node:url";
import { createPlatformServer, type Logger, type PlatformServer, type ServerEnv } from "@tts-kit/server";
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

export type OmsServer = PlatformServer<typeof schema>;

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
 * ingestion, polling) from the shared packages, plus the OMS's order mirror, catalog, after-sales
 * and fulfilment.
 */
export function createOmsServer(options: OmsServerOptions): Promise<OmsServer> {
  const { env } = options;
  return createPlatformServer({
    name: "oms",
    env,
    dataDir: env.OMS_DATA_DIR,
    migrationsFolder,
    schema,
    ...(options.spaDir ? { spaDir: options.spaDir } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    app: ({ db, auth, now, queue, sync, fetch }) => ({
      api: new Hono<ServerEnv>()
        .route("/orders", ordersApi(db, auth, now))
        .route("/catalog", catalogApi({ db, auth, now }))
        .route("/after-sales", afterSalesApi({ db, auth, now }))
        .route("/fulfillment", fulfillmentApi({ db, auth, now, queue, ...(options.fetch ? { fetch } : {}) })),
      webhooks: {
        // The payload is a hint: fetch the order itself and mirror it.
        1: orderStatusWebhook(db, auth, now),
        3: addressUpdateWebhook(db, auth, now),
        ...catalogWebhooks({ db, auth, now, syncNow: (shopId) => sync()?.runNow(shopId, "products") }),
        ...afterSalesWebhooks({ db, auth, now }),
        4: (event) => handlePackageUpdate({ db, auth, now }, event),
      },
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
      // A later reconnection imports afresh.
      shopTables: [
        schema.orders,
        schema.orderSearchTerms,
        schema.orderLookups,
        schema.catalogProducts,
        schema.afterSalesCancellations,
        schema.afterSalesReturns,
      ],
      purgeShop: (shopId) => purgeFulfillment(db, shopId),
      start: () => startBatchWorker({ db, auth, now, queue, fetch }),
    }),
  });
}
