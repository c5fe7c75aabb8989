import { allEndpoints } from "@tts-kit/tiktok-shop/contract";
import { Hono } from "hono";
import { type Clock, type ClockOptions, createClock } from "./clock.ts";
import { createControl, type DevShopControl } from "./control/control.ts";
import { type FaultInput, FaultRegistry } from "./control/faults.ts";
import { controlRoutes, type EndpointStatus } from "./control/routes.ts";
import { commerceHandlers, seedCommerce, tickCommerce } from "./domains.ts";
import { createGateway } from "./gateway/gateway.ts";
import { RateLimiter } from "./gateway/rate-limit.ts";
import { routeKey } from "./gateway/routes.ts";
import type { Handler } from "./handler.ts";
import { sendExpiryNotices } from "./platform/actions.ts";
import { type AppRegistration, toPartnerApp, upsertApp } from "./platform/apps.ts";
import { DEFAULT_AUTHORIZATION_SECONDS } from "./platform/authorizations.ts";
import { consentRoutes } from "./platform/consent.ts";
import { createPlatformHandlers } from "./platform/handlers.ts";
import { openApiRoutes } from "./platform/openapi.ts";
import type { Runtime } from "./platform/runtime.ts";
import { staticRoutes } from "./platform/static.ts";
import { tokenHostRoutes } from "./platform/token-host.ts";
import { sellerCenterRoutes } from "./seller-center/index.ts";
import { SessionStore } from "./seller-center/session.ts";
import { loadSnapshot, SnapshotWriter } from "./state/persist.ts";
import { seedPlatform } from "./state/seed-platform.ts";
import type { DevShopStore } from "./state/store.ts";
import { WebhookDispatcher } from "./webhooks/dispatcher.ts";

/**
 * The development shop as one fetch handler: the Open API, the token host, the consent page,
 * Seller Center and the control API, over one store and one controllable clock.
 */

export interface DevShopOptions {
  /** Seed of the generated sellers, shops and commerce data. Default 1. */
  seed?: number;
  /** Size of the generated catalog and order history. Default: about 150 products and 2,000 orders in all. */
  size?: SeedSize;
  /** A clock to share, or options for a new one (real time + offset). */
  clock?: Clock | ClockOptions;
  /** Partner app registrations (added to, or replacing by app key, those in a loaded snapshot). */
  apps?: AppRegistration[];
  /** Folder for the JSON snapshot; without it nothing is persisted. */
  dataDir?: string;
  /** Used to deliver webhooks; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Requests per second per app + shop + endpoint before 429 / 36009002. Default 50; 0 disables. */
  rateLimitPerSecond?: number;
  /** Duration of a new authorization. Default 365 days. */
  authorizationSeconds?: number;
  /** Faults active from the start (the same JSON as POST /control/faults). */
  faults?: FaultInput[];
  /** Real-time interval of the background tick (webhook retries, expiry notices, order flow). Default 1000; 0 disables. */
  tickIntervalMs?: number;
  /** Receives handler answers that do not match the contract's response schema. Default: console.warn. */
  onContractViolation?: (endpoint: string, message: string) => void;
  /** How long a webhook receiver has to answer 2xx. Default 3000 ms. */
  webhookTimeoutMs?: number;
}

export interface DevShop {
  fetch(request: Request): Promise<Response>;
  /** The live state (mutated in place, also on reset). */
  readonly store: DevShopStore;
  readonly clock: Clock;
  readonly control: DevShopControl;
  /** Stops the background tick, waits for webhook attempts in flight and writes the snapshot. */
  close(): Promise<void>;
}

function isClock(value: Clock | ClockOptions | undefined): value is Clock {
  return typeof (value as Clock | undefined)?.now === "function";
}

export function initialStore(
  seed: number,
  now: number,
  offsetSeconds: number,
  size: SeedSize = {},
): DevShopStore {
  const platform = seedPlatform(seed);
  return {
    platform,
    commerce: seedCommerce(platform.shops, { seed, now, ...size }),
    clockOffset: offsetSeconds,
  };
}

/** Per-shop sizes of the generated data (benchmarks ask for large shops). */
export interface SeedSize {
  productsPerShop?: number;
  ordersPerShop?: number;
}

export function createDevShop(options: DevShopOptions = {}): DevShop {
  const seed = options.seed ?? 1;
  const clock = isClock(options.clock) ? options.clock : createClock(options.clock ?? {});
  const snapshot = options.dataDir ? loadSnapshot(options.dataDir) : null;
  if (snapshot) clock.setOffset(snapshot.store.clockOffset);
  const initialOffset = clock.offsetSeconds;
  const store: DevShopStore =
    snapshot?.store ?? initialStore(seed, clock.now(), clock.offsetSeconds, options.size);

  const registerConfiguredApps = () => {
    for (const registration of options.apps ?? []) upsertApp(store.platform, toPartnerApp(registration));
  };
  registerConfiguredApps();

  const writer = options.dataDir ? new SnapshotWriter(options.dataDir, seed, () => store) : null;
  const faults = new FaultRegistry();
  for (const fault of options.faults ?? []) faults.add(fault);

  const runtime: Runtime = {
    store,
    clock,
    faults,
    authorizationSeconds: options.authorizationSeconds ?? DEFAULT_AUTHORIZATION_SECONDS,
    markDirty: () => writer?.markDirty(),
    webhooks: new WebhookDispatcher({
      getState: () => store.platform,
      clock,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      dropReason: (appKey, shopId) => faults.takeWebhookDrop(appKey, shopId),
      onChange: () => writer?.markDirty(),
      ...(options.webhookTimeoutMs !== undefined ? { timeoutMs: options.webhookTimeoutMs } : {}),
    }),
  };

  // Time-driven work: runs on every move of the clock and on a real-time interval.
  let ticking = false;
  let resetting = false;
  const tick = () => {
    if (ticking || resetting) return;
    ticking = true;
    try {
      const now = clock.now();
      try {
        tickCommerce(store, now, (shopId, type, data) => runtime.webhooks.emitForShop(shopId, type, data));
      } catch (cause) {
        // A bug in one transition must not stop the clock, token expiry or webhook retries.
        console.error("[dev-shop] commerce tick failed:", cause);
      }
      sendExpiryNotices(runtime);
      runtime.webhooks.processDue();
      // Background ticks may change commerce state; a slower write schedule is enough for them.
      writer?.markDirty(5000);
    } finally {
      ticking = false;
    }
  };
  const unsubscribe = clock.onChange(() => {
    store.clockOffset = clock.offsetSeconds;
    writer?.markDirty();
    tick();
  });
  const interval =
    (options.tickIntervalMs ?? 1000) > 0 ? setInterval(tick, options.tickIntervalMs ?? 1000) : null;
  interval?.unref();

  const reset = () => {
    resetting = true;
    try {
      clock.setOffset(initialOffset);
      const fresh = initialStore(seed, clock.now(), initialOffset, options.size);
      const apps = store.platform.apps;
      store.platform = fresh.platform;
      store.platform.apps = apps;
      store.commerce = fresh.commerce;
      store.clockOffset = initialOffset;
      faults.clear();
      writer?.markDirty();
    } finally {
      resetting = false;
    }
  };

  const control = createControl(runtime, { tick, reset, flush: async () => writer?.flush() });

  const handlers: Record<string, Handler> = { ...commerceHandlers, ...createPlatformHandlers(runtime) };
  const endpointStatus = (): EndpointStatus[] =>
    allEndpoints.map(({ domain, endpoint }) => ({
      domain,
      name: endpoint.name,
      method: endpoint.method,
      path: endpoint.path,
      emulated: routeKey(endpoint.method, endpoint.path) in handlers,
    }));

  const sessions = new SessionStore();
  const gateway = createGateway({
    runtime,
    endpoints: allEndpoints.map((e) => e.endpoint),
    handlers,
    rateLimiter: new RateLimiter(options.rateLimitPerSecond ?? 50),
    onContractViolation:
      options.onContractViolation ??
      ((endpoint, message) =>
        console.warn(`[dev-shop] ${endpoint} answered outside the contract: ${message}`)),
  });

  const app = new Hono();
  // Writes are what change state; the token host changes it on GET.
  app.use("*", async (c, next) => {
    await next();
    if (c.req.method !== "GET" || c.req.path.startsWith("/api/v2/token/")) writer?.markDirty();
  });
  app.route("/api/v2/token", tokenHostRoutes(runtime));
  app.route("/open", consentRoutes(runtime, sessions));
  app.route("/seller-center", sellerCenterRoutes(runtime, sessions, control.buyer));
  app.route("/control", controlRoutes(runtime, control, endpointStatus));
  app.route("/static", staticRoutes(runtime));
  app.route(
    "/",
    openApiRoutes((endpoint) => routeKey(endpoint.method, endpoint.path) in handlers),
  );
  app.get("/", (c) => c.redirect("/seller-center", 302));
  app.all("*", (c) => gateway(c.req.raw));

  let closed = false;
  return {
    fetch: async (request) => app.fetch(request),
    store,
    clock,
    control,
    async close() {
      if (closed) return;
      closed = true;
      if (interval) clearInterval(interval);
      unsubscribe();
      await runtime.webhooks.idle();
      await writer?.flush();
    },
  };
}

export interface ServeOptions extends DevShopOptions {
  /** Default 9000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the control API has no authentication, so stay on loopback. */
  hostname?: string;
}

export interface RunningDevShop {
  devShop: DevShop;
  /** e.g. http://127.0.0.1:9000 */
  url: string;
  /** Stops accepting connections, then closes the dev shop (snapshot flushed). */
  close(): Promise<void>;
}

/** Runs the dev shop as an HTTP server (main.ts, or in-process from test setups and scripts). */
export async function serveDevShop(options: ServeOptions = {}): Promise<RunningDevShop> {
  const { serve } = await import("@hono/node-server");
  const devShop = createDevShop(options);
  const hostname = options.hostname ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: devShop.fetch, port: options.port ?? 9000, hostname }, (info) => {
      const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
      resolve({
        devShop,
        url: `http://${host}:${info.port}`,
        close: async () => {
          await new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive connections would hold close() open; the dev shop has nothing to drain.
            if ("closeAllConnections" in server) server.closeAllConnections();
          });
          await devShop.close();
        },
      });
    });
    server.once("error", reject);
  });
}
