import { z } from "zod";
import type { Clock } from "./clock.ts";
import { classify, parseRetryAfter, TikTokShopError } from "./errors.ts";
import type { Logger } from "./logger.ts";

/**
 * The token host: exchange an authorization code, refresh a token. These calls are unsigned and
 * carry the app secret in the query string, so their URLs are never logged. They are not
 * retried on a lost response: a code is single-use and a refresh rotates the refresh token, so
 * repeating either after an unknown outcome could only fail.
 */
export interface Grant {
  accessToken: string;
  /** Absolute Unix seconds (TikTok's `access_token_expire_in` is a timestamp, not a duration). */
  accessTokenExpiresAt: number;
  refreshToken: string;
  refreshTokenExpiresAt: number;
  openId: string;
  sellerName: string;
  sellerBaseRegion: string;
  /** 0 seller, 1 creator, 3 partner. */
  userType: number;
  grantedScopes: string[];
}

const tokenData = z.looseObject({
  access_token: z.string().min(1),
  access_token_expire_in: z.number(),
  refresh_token: z.string().min(1),
  refresh_token_expire_in: z.number(),
  open_id: z.string().default(""),
  seller_name: z.string().default(""),
  seller_base_region: z.string().default(""),
  user_type: z.number().default(0),
  granted_scopes: z.array(z.string()).optional(),
  // Older responses name the same list `granted_permissions`.
  granted_permissions: z.array(z.string()).optional(),
});

interface TokenApiOptions {
  appKey: string;
  appSecret: string;
  authBaseUrl: string;
  fetch: typeof fetch;
  clock: Clock;
  logger: Logger;
  timeoutMs: number;
}

export class TokenApi {
  constructor(private readonly options: TokenApiOptions) {}

  /** Exchanges the `code` from the authorization redirect (valid 30 minutes, single use). */
  exchangeAuthCode(authCode: string, signal?: AbortSignal): Promise<Grant> {
    if (!authCode) return Promise.reject(localError("token.get", "auth_code is empty"));
    return this.request("/api/v2/token/get", { auth_code: authCode, grant_type: "authorized_code" }, signal);
  }

  /** Exchanges a refresh token for a new pair; persist both new tokens atomically. */
  refresh(refreshToken: string, signal?: AbortSignal): Promise<Grant> {
    if (!refreshToken) return Promise.reject(localError("token.refresh", "refresh_token is empty"));
    return this.request(
      "/api/v2/token/refresh",
      { refresh_token: refreshToken, grant_type: "refresh_token" },
      signal,
    );
  }

  private async request(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<Grant> {
    const { appKey, appSecret, authBaseUrl, clock, logger, timeoutMs } = this.options;
    const label = path.endsWith("get") ? "token.get" : "token.refresh";
    const query = new URLSearchParams({ app_key: appKey, app_secret: appSecret, ...params });
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(`${authBaseUrl}${path}?${query}`, {
        method: "GET",
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new TikTokShopError({
        kind: "network",
        code: 0,
        tiktokMessage: timeout.aborted ? `No response within ${timeoutMs} ms` : "Token host unreachable",
        requestId: "",
        httpStatus: 0,
        endpoint: label,
        cause,
      });
    }
    let envelope: { code?: unknown; message?: unknown; request_id?: unknown; data?: unknown } = {};
    try {
      envelope = JSON.parse(text);
    } catch {}
    const requestId = typeof envelope.request_id === "string" ? envelope.request_id : "";
    const message = typeof envelope.message === "string" ? envelope.message : `HTTP ${response.status}`;
    if (envelope.code !== 0) {
      const code = typeof envelope.code === "number" ? envelope.code : 0;
      const error = new TikTokShopError({
        kind: code ? classify(code, message, response.status) : "unexpected_response",
        code,
        tiktokMessage: message,
        requestId,
        httpStatus: response.status,
        endpoint: label,
        retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), clock.now()),
      });
      logger.warn({ operation: label, code, kind: error.kind, requestId }, "token request failed");
      throw error;
    }
    const parsed = tokenData.safeParse(envelope.data);
    if (!parsed.success) {
      throw new TikTokShopError({
        kind: "unexpected_response",
        code: 0,
        tiktokMessage: "Token response is missing access_token, refresh_token or their expiry times",
        requestId,
        httpStatus: response.status,
        endpoint: label,
      });
    }
    const d = parsed.data;
    logger.debug({ operation: label, requestId }, "token issued");
    return {
      accessToken: d.access_token,
      accessTokenExpiresAt: d.access_token_expire_in,
      refreshToken: d.refresh_token,
      refreshTokenExpiresAt: d.refresh_token_expire_in,
      openId: d.open_id,
      sellerName: d.seller_name,
      sellerBaseRegion: d.seller_base_region,
      userType: d.user_type,
      grantedScopes: d.granted_scopes ?? d.granted_permissions ?? [],
    };
  }
}

function localError(endpoint: string, message: string): TikTokShopError {
  return new TikTokShopError({
    kind: "validation",
    code: 0,
    tiktokMessage: message,
    requestId: "",
    httpStatus: 0,
    endpoint,
  });
}
