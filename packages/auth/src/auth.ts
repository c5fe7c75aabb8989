import type { ShopClient, WebhookEvent } from "@tts-kit/tiktok-shop";
import type { Context, MiddlewareHandler } from "hono";
import { type AuthConfig, installUrl, type Market, resolveConfig } from "./config.ts";
import { ShopConnections, type ShopPurgeHook } from "./connections.ts";
import { unauthenticated } from "./errors.ts";
import { InstallFlow } from "./install.ts";
import { type AuthEnv, entryMiddleware, requireSellerMiddleware } from "./middleware.ts";
import { type AuthRoutes, authRoutes, type ConnectionRoutes, connectionRoutes } from "./routes.ts";
import { SessionManager } from "./sessions.ts";
import { TokenVault } from "./vault.ts";

/** Everything an app needs from the auth package, built once per app server by `createAuth`. */
export interface Auth {
  /** Install, callback, logout and session routes: `app.route("/api/auth", auth.routes)`. */
  readonly routes: AuthRoutes;
  /** The seller's shop connections: `app.route("/api/connections", auth.connectionRoutes)`. */
  readonly connectionRoutes: ConnectionRoutes;
  /** 401 JSON without a session; sets `c.var.seller` and `c.var.shops`. */
  readonly requireSeller: MiddlewareHandler<AuthEnv>;
  /** For HTML routes: a browser without a session goes to the install flow. Never touches `/api`. */
  readonly entry: MiddlewareHandler;
  /**
   * A TikTok Shop client for a shop of the signed-in seller (after `requireSeller`). Throws a
   * 404 `AuthHttpError` for any shop the seller does not own or has not connected.
   */
  shopClient(c: Context<AuthEnv>, shopId: string): Promise<ShopClient>;
  /** A client for a connected shop in jobs and webhook handlers, where there is no seller. */
  backgroundShopClient(shopId: string): Promise<ShopClient>;
  /** Registers a purge hook run when a shop is disconnected or deauthorized. */
  onShopPurge(hook: ShopPurgeHook): () => void;
  /** Handles webhooks 6 and 7 from a parsed event; returns whether it was one of them. */
  handleWebhook(event: WebhookEvent): Promise<boolean>;
  /** The link that starts an install (or re-authorization) for a market. */
  installUrl(options?: { market?: Market; returnPath?: string }): string;
  readonly connections: ShopConnections;
  readonly vault: TokenVault;
  readonly sessions: SessionManager;
  readonly install: InstallFlow;
}

/**
 * Builds the auth machinery for one app. Throws a TypeError naming every invalid setting.
 *
 * ```ts
 * const auth = createAuth({ db, tiktok, serviceId, encryptionKeys, secureCookies: !dev });
 * app.route("/api/auth", auth.routes);
 * app.route("/api/connections", auth.connectionRoutes);
 * app.use("/api/*", auth.requireSeller);  // after the two mounts above
 * app.get("*", auth.entry, serveSpa);
 * ```
 */
export function createAuth(options: AuthConfig): Auth {
  const config = resolveConfig(options);
  const vault = new TokenVault(config);
  const sessions = new SessionManager(config);
  const connections = new ShopConnections(config, vault);
  const install = new InstallFlow(config, vault, sessions);
  const requireSeller = requireSellerMiddleware(config, sessions);
  return {
    routes: authRoutes(config, install, sessions, connections),
    connectionRoutes: connectionRoutes(config, connections, requireSeller),
    requireSeller,
    entry: entryMiddleware(config, sessions),
    shopClient(c, shopId) {
      const seller = c.get("seller");
      if (!seller) return Promise.reject(unauthenticated(installUrl(config)));
      return connections.shopClient(seller.id, shopId);
    },
    backgroundShopClient: (shopId) => connections.backgroundShopClient(shopId),
    onShopPurge: (hook) => connections.onShopPurge(hook),
    handleWebhook: (event) => connections.handleWebhook(event),
    installUrl: (input) => installUrl(config, input),
    connections,
    vault,
    sessions,
    install,
  };
}
