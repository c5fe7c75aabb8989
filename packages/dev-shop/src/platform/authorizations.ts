import { credential, numericId, opaqueId, tokenPrefix } from "../ids.ts";
import type { AuthCode, Authorization, PartnerApp, PlatformState, Seller, Shop } from "../state/platform.ts";

/**
 * Seller authorizations of partner apps: the grant itself (which shops, which scopes, until
 * when), the one-time auth codes that hand it to the app, and the ways it ends (revoke in Seller
 * Center, deauthorize through the API, expiry).
 */

export const DAY = 86_400;
/** An auth code is valid 30 minutes and single use (OFF-DOC-AUTH). */
export const AUTH_CODE_SECONDS = 30 * 60;
/** Default authorization duration; the seller's real choices range from 30 days to "unlimited". */
export const DEFAULT_AUTHORIZATION_SECONDS = 365 * DAY;
/** Webhook 7 (UPCOMING_AUTHORIZATION_EXPIRATION) goes out daily from this long before expiry. */
export const EXPIRY_NOTICE_WINDOW = 30 * DAY;

export function isActive(authorization: Authorization, now: number): boolean {
  return (
    authorization.revokedAt === null && authorization.expiresAt > now && authorization.shopIds.length > 0
  );
}

export function findActiveAuthorization(
  state: PlatformState,
  appKey: string,
  sellerId: string,
  now: number,
): Authorization | undefined {
  return state.authorizations.find((a) => a.appKey === appKey && a.sellerId === sellerId && isActive(a, now));
}

export interface GrantInput {
  app: PartnerApp;
  seller: Seller;
  shopIds: string[];
  now: number;
  durationSeconds: number;
}

/**
 * Records a seller's consent. Authorizing again (for instance to add a shop or to renew before
 * expiry) updates the seller's existing grant, so the app's tokens keep working.
 */
export function grantAuthorization(state: PlatformState, input: GrantInput): Authorization {
  const { app, seller, now } = input;
  const shopIds = [...new Set(input.shopIds)];
  for (const shopId of shopIds) {
    const shop = state.shops.find((s) => s.id === shopId);
    if (!shop || shop.sellerId !== seller.id)
      throw new Error(`Shop ${shopId} does not belong to ${seller.email}`);
  }
  if (shopIds.length === 0) throw new Error("Select at least one shop to authorize");

  const existing = findActiveAuthorization(state, app.appKey, seller.id, now);
  if (existing) {
    existing.shopIds = shopIds;
    existing.grantedScopes = [...app.scopes];
    existing.expiresAt = now + input.durationSeconds;
    existing.lastExpiryNoticeAt = null;
    return existing;
  }
  const authorization: Authorization = {
    id: opaqueId(),
    appKey: app.appKey,
    sellerId: seller.id,
    shopIds,
    grantedScopes: [...app.scopes],
    openId: numericId(),
    createdAt: now,
    expiresAt: now + input.durationSeconds,
    revokedAt: null,
    lastExpiryNoticeAt: null,
  };
  state.authorizations.push(authorization);
  return authorization;
}

export function issueAuthCode(
  state: PlatformState,
  authorization: Authorization,
  seller: Seller,
  now: number,
): AuthCode {
  pruneAuthCodes(state, now);
  const code: AuthCode = {
    code: credential(tokenPrefix(seller.baseRegion), 24),
    authorizationId: authorization.id,
    expiresAt: now + AUTH_CODE_SECONDS,
    usedAt: null,
  };
  state.authCodes.push(code);
  return code;
}

/** Forgets codes that can no longer be used, a day after they stopped working. */
function pruneAuthCodes(state: PlatformState, now: number): void {
  state.authCodes = state.authCodes.filter((c) => Math.max(c.expiresAt, c.usedAt ?? 0) + DAY > now);
}

/** Ends the whole grant (Seller Center "Revoke"); returns the shops it covered. */
export function revokeAuthorization(authorization: Authorization, now: number): string[] {
  const shopIds = [...authorization.shopIds];
  authorization.revokedAt = now;
  return shopIds;
}

/** Removes one shop from a grant (Deauthorize Shop); a grant with no shop left ends. */
export function removeShop(authorization: Authorization, shopId: string, now: number): void {
  authorization.shopIds = authorization.shopIds.filter((id) => id !== shopId);
  if (authorization.shopIds.length === 0) authorization.revokedAt = now;
}

export function shopsOf(state: PlatformState, authorization: Authorization): Shop[] {
  return authorization.shopIds.flatMap((id) => state.shops.find((s) => s.id === id) ?? []);
}

/** Active grants that cover a shop: the apps that hear about its events. */
export function authorizationsForShop(state: PlatformState, shopId: string, now: number): Authorization[] {
  return state.authorizations.filter((a) => isActive(a, now) && a.shopIds.includes(shopId));
}

/**
 * Grants due for an UPCOMING_AUTHORIZATION_EXPIRATION notice: inside the 30-day window and not
 * notified in the last 24 hours. A jump of the clock over several days yields one notice, not one
 * per skipped day. Marks them as notified.
 */
export function takeDueExpiryNotices(state: PlatformState, now: number): Authorization[] {
  const due: Authorization[] = [];
  for (const authorization of state.authorizations) {
    if (!isActive(authorization, now)) continue;
    if (now < authorization.expiresAt - EXPIRY_NOTICE_WINDOW) continue;
    const last = authorization.lastExpiryNoticeAt;
    if (last !== null && now - last < DAY) continue;
    authorization.lastExpiryNoticeAt = now;
    due.push(authorization);
  }
  return due;
}
