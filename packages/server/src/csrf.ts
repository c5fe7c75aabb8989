import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { ServerEnv } from "./context.ts";

/**
 * CSRF protection for cookie-authenticated mutations (POST/PUT/PATCH/DELETE under /api), in two
 * layers, both required:
 *
 * 1. **Where the request comes from.** Browsers send `Sec-Fetch-Site` (and `Origin` on every
 *    non-GET fetch); anything but `same-origin`, or an `Origin` other than the app's, is refused.
 * 2. **Double-submit token.** A random token lives in a cookie readable by the SPA; the SPA echoes it
 *    in the `x-csrf-token` header. Another site can make the browser send the cookie, but cannot read
 *    it, so it cannot produce the header. Compared in constant time.
 *
 * The SPA gets the token from `GET /api/csrf` (`{ token }`, which also sets the cookie) or by reading
 * the cookie, and sends it on every mutation (see `@tts-kit/server/client`). A missing or stale
 * cookie answers 403 `csrf_failed`: fetch /api/csrf again and retry once.
 *
 * TikTok's webhook and the OAuth callback are exempt: they are not cookie-authenticated mutations
 * (the webhook is authenticated by its signature; the callback is a GET with a `state` check).
 */

export const CSRF_HEADER = "x-csrf-token";
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface CsrfOptions {
  /** Origins allowed to send mutations, e.g. `[new URL(env.APP_URL).origin]`. Empty: the request's own. */
  allowedOrigins?: string[];
  /** Exact paths that are never checked. Default: the webhook endpoint and the OAuth callback. */
  exemptPaths?: string[];
  /** Path prefix that is protected (default `/api`). */
  prefix?: string;
  /**
   * Cookie attributes. `secure` (https) also switches the name to `__Host-csrf`, which a subdomain
   * cannot overwrite. An app embedded by Seller Center (a cross-site iframe) needs `sameSite: "None"`
   * with `partitioned: true`.
   */
  secure?: boolean;
  sameSite?: "Strict" | "Lax" | "None";
  partitioned?: boolean;
}

export const DEFAULT_CSRF_EXEMPT = ["/api/webhooks/tiktok", "/api/auth/tiktok/callback"];

export function csrfCookieName(secure: boolean): string {
  return secure ? "__Host-csrf" : "csrf";
}

export interface Csrf {
  /** The middleware: refuses unsafe cross-site mutations, sets the cookie on GETs that lack it. */
  middleware: MiddlewareHandler<ServerEnv>;
  /** Handler for `GET /api/csrf`: answers `{ token }` and (re)sets the cookie. */
  tokenHandler: (c: Context<ServerEnv>) => Response;
}

export function createCsrf(options: CsrfOptions = {}): Csrf {
  const prefix = options.prefix ?? "/api";
  const exempt = new Set(options.exemptPaths ?? DEFAULT_CSRF_EXEMPT);
  const secure = options.secure ?? false;
  const cookieName = csrfCookieName(secure);
  const allowed = new Set((options.allowedOrigins ?? []).map((origin) => new URL(origin).origin));

  const ensureToken = (c: Context<ServerEnv>): string => {
    const existing = getCookie(c, cookieName);
    if (existing && existing.length >= 32) return existing;
    const token = randomBytes(32).toString("base64url");
    setCookie(c, cookieName, token, {
      path: "/",
      secure,
      // The SPA must read it; it is no secret from the page itself, only from other sites.
      httpOnly: false,
      sameSite: options.sameSite ?? "Strict",
      ...(options.partitioned ? { partitioned: true } : {}),
    });
    return token;
  };

  const refuse = (c: Context<ServerEnv>, reason: string) => {
    c.get("logger")?.warn({ path: c.req.path, method: c.req.method, reason }, "csrf check failed");
    return c.json(
      {
        error: {
          code: "csrf_failed",
          message:
            "This request was refused as a possible cross-site request. Reload the page and try again.",
          requestId: c.get("requestId"),
        },
      },
      403,
    );
  };

  const middleware: MiddlewareHandler<ServerEnv> = async (c, next) => {
    const path = c.req.path;
    if (!UNSAFE.has(c.req.method)) {
      // Page loads get the cookie up front (never cacheable assets: a Set-Cookie there would be cached).
      if (c.req.method === "GET" && !path.startsWith(prefix) && c.req.header("accept")?.includes("text/html"))
        ensureToken(c);
      return next();
    }
    if (!(path === prefix || path.startsWith(`${prefix}/`)) || exempt.has(path)) return next();

    const site = c.req.header("sec-fetch-site");
    if (site !== undefined && site !== "same-origin") return refuse(c, `sec-fetch-site ${site}`);
    const origin = c.req.header("origin");
    if (origin !== undefined) {
      const expected = allowed.size > 0 ? allowed : new Set([new URL(c.req.url).origin]);
      if (!expected.has(origin)) return refuse(c, "origin not allowed");
    }
    const cookie = getCookie(c, cookieName);
    const header = c.req.header(CSRF_HEADER);
    if (!cookie || !header) return refuse(c, cookie ? "missing header" : "missing cookie");
    const a = Buffer.from(cookie);
    const b = Buffer.from(header);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return refuse(c, "token mismatch");
    return next();
  };

  return {
    middleware,
    tokenHandler: (c) => {
      c.header("Cache-Control", "no-store");
      return c.json({ token: ensureToken(c) });
    },
  };
}
