import { Hono } from "hono";
import { envelopeResponse } from "../envelope.ts";
import { tokenErrors } from "../errors.ts";
import { constantTimeEqual } from "../signing.ts";
import type { Runtime } from "./runtime.ts";
import { exchangeAuthCode, refreshAccessToken, type TokenResult } from "./tokens.ts";

/**
 * The token host (auth.tiktok-shops.com): GET /api/v2/token/get and /api/v2/token/refresh,
 * unsigned, with the app secret in the query. Success is `message: "success"` in lower case,
 * unlike the Open API.
 */
export function tokenHostRoutes(runtime: Runtime): Hono {
  const routes = new Hono();

  const answer = (result: TokenResult) => {
    const nowMs = runtime.clock.nowMs();
    if (result.ok) return envelopeResponse(200, { code: 0, message: "success", data: result.data }, nowMs);
    return envelopeResponse(
      200,
      { code: result.error.code, message: result.error.message, data: null },
      nowMs,
    );
  };

  /** The app named by app_key, if app_secret matches it. */
  const appFor = (appKey: string | undefined, appSecret: string | undefined) => {
    const app = runtime.store.platform.apps.find((a) => a.appKey === appKey);
    return app && appSecret !== undefined && constantTimeEqual(app.appSecret, appSecret) ? app : undefined;
  };

  routes.get("/get", (c) => {
    const q = c.req.query();
    const app = appFor(q.app_key, q.app_secret);
    if (!app) return answer({ ok: false, error: tokenErrors.invalidAppCredentials });
    if (q.grant_type !== "authorized_code") return answer({ ok: false, error: tokenErrors.invalidGrantType });
    if (!q.auth_code) return answer({ ok: false, error: tokenErrors.invalidAuthCode });
    const result = exchangeAuthCode(runtime.store.platform, app, q.auth_code, runtime.clock.now());
    runtime.markDirty();
    return answer(result);
  });

  routes.get("/refresh", (c) => {
    const q = c.req.query();
    const app = appFor(q.app_key, q.app_secret);
    if (!app) return answer({ ok: false, error: tokenErrors.invalidAppCredentials });
    // TikTok documents only refresh_token; the official Node SDK sends authorized_code here by
    // mistake, and a correct client built on it must keep working.
    if (q.grant_type !== "refresh_token" && q.grant_type !== "authorized_code") {
      return answer({ ok: false, error: tokenErrors.invalidGrantType });
    }
    if (!q.refresh_token) return answer({ ok: false, error: tokenErrors.unknownRefreshToken });
    const result = refreshAccessToken(runtime.store.platform, app, q.refresh_token, runtime.clock.now());
    runtime.markDirty();
    return answer(result);
  });

  return routes;
}
