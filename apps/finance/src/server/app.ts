import { fileURLToPath } from "node:url";
import { createPlatformServer, type Logger, type PlatformServer, type ServerEnv } from "@tts-kit/server";
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

export type FinanceServer = PlatformServer<typeof schema>;

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
 * exports, bank matching, the other-store comparison and profit.
 */
export function createFinanceServer(options: FinanceServerOptions): Promise<FinanceServer> {
  const { env } = options;
  return createPlatformServer({
    name: "finance",
    env,
    dataDir: env.FINANCE_DATA_DIR,
    migrationsFolder,
    schema,
    ...(options.spaDir ? { spaDir: options.spaDir } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.syncTickSeconds !== undefined ? { syncTickSeconds: options.syncTickSeconds } : {}),
    app: ({ db, auth, now, sync }) => {
      const clientFor = (shopId: string) => auth.backgroundShopClient(shopId);
      const initialWindowSeconds = env.FINANCE_INITIAL_IMPORT_DAYS * 86_400;
      const interval = env.FINANCE_SYNC_INTERVAL_SECONDS;
      const statementsJob = statementsSync(db, clientFor, now);

      /**
       * "Sync now". A full sync forgets the shop's windows first, so history is read again from the
       * initial import window (statements whose amounts TikTok corrected are then fetched again).
       */
      async function runAll(shopId: string, full: boolean): Promise<void> {
        if (full) await sync()?.stopShop(shopId);
        for (const job of SYNC_JOBS) await sync()?.runNow(shopId, job);
      }

      return {
        api: new Hono<ServerEnv>()
          .route(
            "/finance",
            financeApi(
              db,
              auth,
              {
                runNow: (shopId, full) => runAll(shopId, full),
                status: async (shopId) => sync()?.syncStatus(shopId) ?? null,
              },
              now,
            ),
          )
          .route("/reconciliation", reconciliationApi(db, auth, now))
          .route("/accounting", accountingApi(db, auth, now))
          .route("/profit", profitApi(db, auth, now))
          .route("/bank", bankApi(db, auth, now))
          .route("/other-store", otherStoreApi(db, auth, now)),
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
        // Everything the app holds of a shop; a reconnection imports afresh.
        shopTables: schema.shopTables,
      };
    },
  });
}
