import type { Database, JobQueue } from "@tts-kit/db";
import { Hono, type MiddlewareHandler, type Schema } from "hono";
import type { ServerEnv } from "./context.ts";
import { createCsrf, DEFAULT_CSRF_EXEMPT } from "./csrf.ts";
import type { BaseEnv } from "./env.ts";
import { errorHandler, notFoundHandler } from "./errors.ts";
import { healthRoutes } from "./health.ts";
import { createLogger, type Logger } from "./logger.ts";
import { requestContext } from "./request-context.ts";
import { securityHeaders } from "./security-headers.ts";
import { serveSpa } from "./spa.ts";
import { type RunningServer, type StartServerOptions, startServer } from "./start.ts";
import { createSyncScheduler, type SyncScheduler, type SyncSchedulerOptions } from "./sync.ts";
import {
  createWebhookIngestion,
  WEBHOOK_PATH,
  type WebhookIngestion,
  type WebhookIngestionOptions,
} from "./webhooks/ingestion.ts";

type Tuning<T> = Omit<T, "database" | "queue" | "logger" | "appKey" | "appSecret">;

export interface AppServerOptions<TShop extends { id: string }> {
  /** The app's name (`oms`, `finance`…): the `name` of every log line. */
  name: string;
  env: BaseEnv;
  /** The app's database handle (openDatabase); closed on shutdown. */
  db: Pick<Database, "sql" | "kind" | "close">;
  /** The app's job queue (createJobQueue on the same database); stopped on shutdown. */
  queue: JobQueue;
  /** The app's API, with routes relative to /api (`new Hono<ServerEnv>().get("/orders", …)`). */
  api?: Hono<ServerEnv, Schema, string>;
  /** Webhook handlers by type and the platform hooks; see WebhookIngestionOptions for tuning. */
  webhooks?: Tuning<WebhookIngestionOptions>;
  /** The polling safety net; stopShop runs automatically on deauthorization (webhook 6). */
  sync?: Tuning<SyncSchedulerOptions<TShop>>;
  /** The built SPA (`dist/client`). Leave out in development, where Vite serves it. */
  spaDir?: string;
  /**
   * Runs before the SPA for page loads (not /api): e.g. the auth package's `entry`, which sends a
   * browser without a session into the install flow.
   */
  entry?: MiddlewareHandler;
  logger?: Logger;
  /** Extra origins allowed to frame the app (Seller Center), and CSP additions. */
  security?: { frameAncestors?: string[]; connectSrc?: string[]; imgSrc?: string[] };
  /** CSRF: more exempt paths, and cookie attributes for an app embedded cross-site. */
  csrf?: { exemptPaths?: string[]; sameSite?: "Strict" | "Lax" | "None"; partitioned?: boolean };
}

export interface AppServer {
  /** The composed Hono app (use `app.request()` in tests). */
  app: Hono<ServerEnv>;
  logger: Logger;
  webhooks: WebhookIngestion;
  sync: SyncScheduler | undefined;
  /** Listens on PORT/HOST and shuts down gracefully (queue and database included) on SIGINT/SIGTERM. */
  start(options?: Partial<StartServerOptions>): Promise<RunningServer>;
  /** Stops the background work, the queue and the database (what shutdown does after the HTTP server). */
  close(): Promise<void>;
}

/**
 * Composes the kit into an app server. Middleware order, outermost first:
 *
 * 1. request context: request id, request logger, one log line per request (so every response,
 *    including errors and refusals below, has an id and a log line);
 * 2. security headers (on every response, the SPA and the API alike, except TikTok's webhook calls);
 * 3. `/healthz`, `/readyz` (before CSRF and the API: probes carry no cookies);
 * 4. `Cache-Control: no-store` on /api (per-seller data never lands in a shared cache);
 * 5. CSRF (mutations under /api, minus the webhook and the OAuth callback), and `GET /api/csrf`;
 * 6. `POST /api/webhooks/tiktok` (before the app's API, so an app route cannot shadow it);
 * 7. the app's API under /api;
 * 8. JSON 404 for any other /api path (never the SPA's index.html);
 * 9. `entry` (e.g. auth's: a page load without a session goes to the install flow);
 * 10. the SPA (static files, then index.html for HTML navigations);
 * 11. error mapping (`onError`) for everything above.
 */
export async function createAppServer<TShop extends { id: string }>(
  options: AppServerOptions<TShop>,
): Promise<AppServer> {
  const { env, db, queue } = options;
  const logger = options.logger ?? createLogger({ name: options.name, level: env.LOG_LEVEL });
  const appUrl = new URL(env.APP_URL);
  const https = appUrl.protocol === "https:";
  let draining = false;

  const sync = options.sync
    ? createSyncScheduler<TShop>({
        ...options.sync,
        database: db,
        queue,
        logger: logger.child({ part: "sync" }),
      })
    : undefined;
  const hooks = options.webhooks ?? {};
  const webhooks = createWebhookIngestion({
    ...hooks,
    database: db,
    queue,
    appKey: env.TIKTOK_APP_KEY,
    appSecret: env.TIKTOK_APP_SECRET,
    logger: logger.child({ part: "webhooks" }),
    ...(sync || hooks.onDeauthorization
      ? {
          // Deauthorization stops all work for the shop: the polling first, then the app's own purge.
          onDeauthorization: async (shopId, event, ctx) => {
            await sync?.stopShop(shopId);
            await hooks.onDeauthorization?.(shopId, event, ctx);
          },
        }
      : {}),
  });

  const csrf = createCsrf({
    allowedOrigins: [appUrl.origin],
    exemptPaths: [...DEFAULT_CSRF_EXEMPT, ...(options.csrf?.exemptPaths ?? [])],
    secure: https,
    ...(options.csrf?.sameSite ? { sameSite: options.csrf.sameSite } : {}),
    ...(options.csrf?.partitioned ? { partitioned: true } : {}),
  });

  const app = new Hono<ServerEnv>();
  app.use(requestContext({ logger }));
  const secure = securityHeaders({
    nodeEnv: env.NODE_ENV,
    upgradeInsecureRequests: https,
    ...(options.security?.frameAncestors
      ? { frameAncestors: ["'self'", ...options.security.frameAncestors] }
      : {}),
    ...(options.security?.connectSrc ? { connectSrc: options.security.connectSrc } : {}),
    ...(options.security?.imgSrc ? { imgSrc: options.security.imgSrc } : {}),
  });
  // Not on TikTok's webhook calls: a server-to-server endpoint has no use for browser headers, and
  // adding them to a finished response costs measurably at thousands of deliveries per second.
  app.use((c, next) => (c.req.path === WEBHOOK_PATH ? next() : secure(c, next)));
  app.route("/", healthRoutes({ database: db, queue, isDraining: () => draining }));
  // Per-seller data never lands in a shared cache. Set up front, so a route can still override it.
  app.use("/api/*", async (c, next) => {
    c.header("Cache-Control", "no-store");
    await next();
  });
  app.use(csrf.middleware);
  app.get("/api/csrf", csrf.tokenHandler);
  app.post(WEBHOOK_PATH, webhooks.handler);
  if (options.api) app.route("/api", options.api);
  app.all("/api/*", notFoundHandler);
  if (options.entry) app.use(options.entry);
  if (options.spaDir) app.use(serveSpa(options.spaDir));
  else
    app.get("*", (c) =>
      c.text(
        "This server only serves the API. In development Vite serves the SPA and proxies /api here.",
        404,
      ),
    );
  app.notFound(notFoundHandler);
  app.onError(errorHandler);

  await webhooks.start();
  await sync?.start();

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      draining = true;
      await sync?.stop();
      await webhooks.stop();
      await queue.stop();
      await db.close();
    })();
    return closing;
  };

  return {
    app,
    logger,
    webhooks,
    sync,
    close,
    start: (startOptions = {}) =>
      startServer(app, {
        port: env.PORT,
        host: env.HOST,
        logger,
        ...startOptions,
        onDrain: () => {
          draining = true;
          startOptions.onDrain?.();
        },
        onShutdown: async () => {
          await startOptions.onShutdown?.();
          await close();
        },
      }),
  };
}
