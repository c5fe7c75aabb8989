import { errors, type PlatformError, tokenErrors } from "../errors.ts";
import { credential, tokenPrefix } from "../ids.ts";
import type { Authorization, PartnerApp, PlatformState, Seller, Token } from "../state/platform.ts";
import { DAY, isActive } from "./authorizations.ts";

/**
 * Access and refresh tokens. An access token lives 7 days (never past the authorization); the
 * refresh token lives as long as the authorization. A refresh issues a new pair: the old refresh
 * token stops working at once, the old access token keeps working until it expires.
 */

export const ACCESS_TOKEN_SECONDS = 7 * DAY;

type TokenHostError = { code: number; message: string };
export type TokenResult = { ok: true; data: Record<string, unknown> } | { ok: false; error: TokenHostError };

function issue(state: PlatformState, authorization: Authorization, seller: Seller, now: number): Token {
  const prefix = tokenPrefix(seller.baseRegion);
  const token: Token = {
    accessToken: credential(prefix, 72),
    refreshToken: credential(prefix, 72),
    authorizationId: authorization.id,
    accessExpiresAt: Math.min(now + ACCESS_TOKEN_SECONDS, authorization.expiresAt),
    refreshExpiresAt: authorization.expiresAt,
    rotatedAt: null,
  };
  pruneTokens(state, now);
  state.tokens.push(token);
  return token;
}

/** Drops tokens that can do nothing any more, so a long-running dev shop does not grow forever. */
function pruneTokens(state: PlatformState, now: number): void {
  state.tokens = state.tokens.filter(
    (t) => t.accessExpiresAt > now || (t.rotatedAt === null && t.refreshExpiresAt > now),
  );
}

/** The token host's `data`, keys in TikTok's alphabetical order. */
function tokenData(token: Token, authorization: Authorization, seller: Seller): Record<string, unknown> {
  return {
    access_token: token.accessToken,
    access_token_expire_in: token.accessExpiresAt,
    granted_scopes: [...authorization.grantedScopes],
    open_id: authorization.openId,
    refresh_token: token.refreshToken,
    refresh_token_expire_in: token.refreshExpiresAt,
    seller_base_region: seller.baseRegion,
    seller_name: seller.name,
    user_type: 0,
  };
}

function context(state: PlatformState, authorizationId: string) {
  const authorization = state.authorizations.find((a) => a.id === authorizationId);
  const seller = authorization && state.sellers.find((s) => s.id === authorization.sellerId);
  return authorization && seller ? { authorization, seller } : undefined;
}

/** GET /api/v2/token/get: exchanges a one-time auth code. */
export function exchangeAuthCode(
  state: PlatformState,
  app: PartnerApp,
  code: string,
  now: number,
): TokenResult {
  const authCode = state.authCodes.find((c) => c.code === code);
  const found = authCode && context(state, authCode.authorizationId);
  if (
    !authCode ||
    !found ||
    found.authorization.appKey !== app.appKey ||
    authCode.usedAt !== null ||
    authCode.expiresAt <= now ||
    !isActive(found.authorization, now)
  ) {
    return { ok: false, error: tokenErrors.invalidAuthCode };
  }
  authCode.usedAt = now;
  const token = issue(state, found.authorization, found.seller, now);
  return { ok: true, data: tokenData(token, found.authorization, found.seller) };
}

/** GET /api/v2/token/refresh: rotates the pair. */
export function refreshAccessToken(
  state: PlatformState,
  app: PartnerApp,
  refreshToken: string,
  now: number,
): TokenResult {
  const token = state.tokens.find((t) => t.refreshToken === refreshToken);
  const found = token && context(state, token.authorizationId);
  if (!token || !found || found.authorization.appKey !== app.appKey || token.rotatedAt !== null) {
    return { ok: false, error: tokenErrors.unknownRefreshToken };
  }
  if (found.authorization.revokedAt !== null || found.authorization.shopIds.length === 0) {
    return { ok: false, error: tokenErrors.unknownRefreshToken };
  }
  if (token.refreshExpiresAt <= now || found.authorization.expiresAt <= now) {
    return { ok: false, error: tokenErrors.expiredRefreshToken };
  }
  token.rotatedAt = now;
  const next = issue(state, found.authorization, found.seller, now);
  return { ok: true, data: tokenData(next, found.authorization, found.seller) };
}

export type AccessCheck =
  | { ok: true; token: Token; authorization: Authorization; seller: Seller }
  | { ok: false; error: PlatformError };

/** The gateway's token checks: known, issued to this app, not expired, authorization still standing. */
export function checkAccessToken(
  state: PlatformState,
  accessToken: string | undefined,
  appKey: string,
  now: number,
): AccessCheck {
  if (!accessToken) return { ok: false, error: errors.invalidToken };
  const token = state.tokens.find((t) => t.accessToken === accessToken);
  const found = token && context(state, token.authorizationId);
  if (!token || !found || found.authorization.appKey !== appKey)
    return { ok: false, error: errors.invalidToken };
  if (token.accessExpiresAt <= now) return { ok: false, error: errors.expiredToken };
  // A revoked grant (or one with every shop deauthorized) invalidates its tokens outright.
  if (found.authorization.revokedAt !== null || found.authorization.shopIds.length === 0) {
    return { ok: false, error: errors.invalidToken };
  }
  return { ok: true, token, authorization: found.authorization, seller: found.seller };
}
