import { type Auth, createAuth } from "@tts-kit/auth";
import { shops } from "@tts-kit/auth/schema";
import {
  type AppDatabase,
  appDataDir,
  createJobQueue,
  type Database,
  type JobQueue,
  openDatabase,
} from "@tts-kit/db";
import { TikTokShop } from "@tts-kit/tiktok-shop";
import { and, eq, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { Hono, type Schema } from "hono";
import { type AppServer, createAppServer } from "./app-server.ts";
import type { ServerEnv } from "./context.ts";
import type { BaseEnv } from "./env.ts";
import type { Logger } from "./logger.ts";
import type { SyncJobDefinition, SyncScheduler } from "./sync.ts";
import type { WebhookHandlers } from "./webhooks/types.ts";

/** What every app is built on: its database, job queue, TikTok client and auth. */
export interface Platform<TSchema extends Record<string, unknown>> {
  database: Database<TSchema>;
  db: AppDatabase<TSchema>;
  queue: JobQueue;
  tiktok: TikTokShop;
  auth: Auth;
  /** Unix seconds (tests move it). */
  now: () => number;
  /** The scheduler once the server is up (webhook handlers call it to sync at once). */
  sync: () => SyncScheduler | undefined;
  /** The fetch TikTok calls go through (injected in tests). */
  fetch: typeof fetch;
}

/** A table the app keeps per shop: everything in it goes when the shop is disconnected. */
export type ShopTable = PgTable & { shopId: PgColumn };

/** The app's own part of the server. */
export interface AppParts {
  /** Routes under /api next to the platform's /auth and /connections. */
  api: Hono<ServerEnv, Schema, string>;
  webhooks?: WebhookHandlers;
  jobs?: Array<SyncJobDefinition<{ id: string }>>;
  /** Emptied for a shop when it is disconnected or deauthorized. */
  shopTables: readonly ShopTable[];
  /** More to delete for a purged shop (rows not keyed by a `shopId` column). */
  purgeShop?: (shopId: string) => Promise<void>;
  /** Background work to start once the server is composed (e.g. a job worker). */
  start?: () => Promise<void>;
}

export interface PlatformServerOptions<TSchema extends Record<string, unknown>> {
  /** `oms`, `finance`…: log name and the default data folder `<repo>/.data/<name>/pg`. */
  name: string;
  env: BaseEnv;
  /** PGlite data folder when DATABASE_URL is unset: a path, `memory` (tests), or unset for the default. */
  dataDir: string | undefined;
  migrationsFolder: string;
  /** The app's drizzle schema (which re-exports the platform's tables). */
  schema: TSchema;
  /** The built SPA; left out in development, where Vite serves it. */
  spaDir?: string;
  logger?: Logger;
  now?: () => number;
  /** Injected fetch for TikTok calls (tests run the dev shop in-process). */
  fetch?: typeof fetch;
  /** How often the scheduler looks for due jobs (seconds; 0: only when told, for tests). */
  syncTickSeconds?: number;
  app: (platform: Platform<TSchema>) => AppParts | Promise<AppParts>;
}

export type PlatformServer<TSchema extends Record<string, unknown>> = AppServer & {
  auth: Auth;
  database: Database<TSchema>;
};

/**
 * An app server on the shared platform: opens the database (PGlite, or Postgres with DATABASE_URL)
 * and applies the app's migrations, starts the job queue, builds the TikTok client and auth from
 * the environment, and composes `createAppServer` with the install and connection routes, the
 * webhook platform hooks (6: purge, 7: expiry notice), polling over connected shops, and the purge
 * of a disconnected shop: its polling stops first (a running sync must not write after the purge),
 * then its rows go from every `shopTables` table in one transaction.
 */
export async function createPlatformServer<TSchema extends Record<string, unknown>>(
  options: PlatformServerOptions<TSchema>,
): Promise<PlatformServer<TSchema>> {
  const { env } = options;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const database = await openDatabase({
    ...(env.DATABASE_URL ? { url: env.DATABASE_URL } : {}),
    ...(options.dataDir === "memory" ? {} : { dataDir: options.dataDir ?? appDataDir(options.name) }),
    migrationsFolder: options.migrationsFolder,
    schema: options.schema,
  });
  const queue = await createJobQueue(database);
  const db = database.db;
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
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

  let server: AppServer | undefined;
  const platform: Platform<TSchema> = {
    database,
    db,
    queue,
    tiktok,
    auth,
    now,
    sync: () => server?.sync,
    fetch: fetchImpl,
  };
  const parts = await options.app(platform);
  const api = new Hono<ServerEnv>()
    .route("/auth", auth.routes)
    .route("/connections", auth.connectionRoutes)
    .route("/", parts.api);
  const connected = (...more: SQL[]) =>
    db
      .select({ id: shops.id })
      .from(shops)
      .where(and(eq(shops.status, "connected"), ...more));

  server = await createAppServer({
    name: options.name,
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
      ...(parts.webhooks ? { handlers: parts.webhooks } : {}),
    },
    ...(parts.jobs && parts.jobs.length > 0
      ? {
          sync: {
            now,
            ...(options.syncTickSeconds !== undefined ? { tickSeconds: options.syncTickSeconds } : {}),
            listShops: () => connected(),
            getShop: async (shopId: string) => (await connected(eq(shops.id, shopId)))[0],
            jobs: parts.jobs,
          },
        }
      : {}),
  });
  const running = server;
  auth.onShopPurge(async ({ shopId }) => {
    await running.sync?.stopShop(shopId);
    await db.transaction(async (tx) => {
      for (const table of parts.shopTables) await tx.delete(table).where(eq(table.shopId, shopId));
    });
    await parts.purgeShop?.(shopId);
  });
  await parts.start?.();
  return Object.assign(running, { auth, database });
}
