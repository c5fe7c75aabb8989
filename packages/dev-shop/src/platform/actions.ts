import type { Authorization, PartnerApp, Seller } from "../state/platform.ts";
import { WEBHOOK_TYPES } from "../webhooks/types.ts";
import {
  grantAuthorization,
  issueAuthCode,
  revokeAuthorization,
  takeDueExpiryNotices,
} from "./authorizations.ts";
import { deauthorizationMessage } from "./handlers.ts";
import type { Runtime } from "./runtime.ts";

/**
 * Platform actions shared by the consent page, Seller Center and the control API, each with the
 * webhooks TikTok sends for it.
 */

export function authorizeApp(
  runtime: Runtime,
  input: { app: PartnerApp; seller: Seller; shopIds: string[]; durationSeconds?: number },
): { authorization: Authorization; code: string } {
  const now = runtime.clock.now();
  const state = runtime.store.platform;
  const authorization = grantAuthorization(state, {
    app: input.app,
    seller: input.seller,
    shopIds: input.shopIds,
    now,
    durationSeconds: input.durationSeconds ?? runtime.authorizationSeconds,
  });
  const code = issueAuthCode(state, authorization, input.seller, now);
  runtime.markDirty();
  return { authorization, code: code.code };
}

/** Seller Center "Revoke": the grant ends and the app hears SELLER_DEAUTHORIZATION for each shop. */
export function revokeApp(runtime: Runtime, authorization: Authorization): void {
  const shopIds = revokeAuthorization(authorization, runtime.clock.now());
  for (const shopId of shopIds) {
    runtime.webhooks.emitToApp(authorization.appKey, shopId, WEBHOOK_TYPES.SELLER_DEAUTHORIZATION, {
      message: deauthorizationMessage(shopId),
    });
  }
  runtime.markDirty();
}

/** Sends UPCOMING_AUTHORIZATION_EXPIRATION (daily, from 30 days before expiry) for each shop of a grant. */
export function sendExpiryNotices(runtime: Runtime): void {
  const due = takeDueExpiryNotices(runtime.store.platform, runtime.clock.now());
  for (const authorization of due) {
    const app = runtime.store.platform.apps.find((a) => a.appKey === authorization.appKey);
    const expiry = new Date(authorization.expiresAt * 1000).toISOString();
    for (const shopId of authorization.shopIds) {
      runtime.webhooks.emitToApp(
        authorization.appKey,
        shopId,
        WEBHOOK_TYPES.UPCOMING_AUTHORIZATION_EXPIRATION,
        {
          message: `The authorization of ${app?.name ?? "your app"} for shop ${shopId} will expire at ${expiry}. Ask the seller to authorize again.`,
          // A string, as in TikTok's payload.
          expiration_time: String(authorization.expiresAt),
        },
      );
    }
  }
  if (due.length > 0) runtime.markDirty();
}
