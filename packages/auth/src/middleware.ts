import type { MiddlewareHandler } from "hono";
import { installUrl, type ResolvedConfig } from "./config.ts";
import { unauthenticated } from "./errors.ts";
import { safeReturnPath } from "./install.ts";
import type { SessionManager } from "./sessions.ts";
import { type SellerView, type ShopView, sellerShops, sellerView, shopView } from "./views.ts";

/** Hono variables set by `requireSeller`: type your app or routes with `Hono<AuthEnv>`. */
export interface AuthVariables {
  seller: SellerView;
  /** The seller's connected shops. */
  shops: ShopView[];
}

export interface AuthEnv {
  Variables: AuthVariables;
}

/** Answers 401 JSON without a valid session; otherwise sets `c.var.seller` and `c.var.shops`. */
export function requireSellerMiddleware(
  config: ResolvedConfig,
  sessions: SessionManager,
): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const current = await sessions.current(c);
    if (!current) throw unauthenticated(installUrl(config));
    const connected = await sellerShops(config.db, current.seller.id, "connected");
    c.set("seller", sellerView(current.seller));
    c.set(
      "shops",
      connected.map((r) => shopView(config, r)),
    );
    await next();
  };
}

/**
 * For the app's HTML routes (what the App Store's "Open" button opens): a browser navigation
 * without a valid session is sent to the install flow, which returns it here afterwards. API
 * requests (`apiPrefix`), non-GET requests and requests that do not accept HTML (scripts, images,
 * fetches) pass through untouched; they are for `requireSeller` and static serving to answer.
 */
export function entryMiddleware(config: ResolvedConfig, sessions: SessionManager): MiddlewareHandler {
  const api = config.apiPrefix;
  return async (c, next) => {
    const path = c.req.path;
    if (path === api || path.startsWith(`${api}/`)) return next();
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    if (!(c.req.header("accept") ?? "").includes("text/html")) return next();
    if (await sessions.current(c)) return next();
    const url = new URL(c.req.url);
    const returnPath = safeReturnPath(`${url.pathname}${url.search}`) ?? "/";
    c.header("Cache-Control", "no-store");
    return c.redirect(installUrl(config, { returnPath }), 302);
  };
}
