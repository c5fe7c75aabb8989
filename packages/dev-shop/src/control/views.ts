import type { Authorization, PartnerApp, Seller, Shop, WebhookDelivery } from "../state/platform.ts";
import type { Fault } from "./faults.ts";

/** Control API output shapes: snake_case JSON, never an app secret or a token. */

export const appView = (a: PartnerApp) => ({
  app_key: a.appKey,
  service_id: a.serviceId,
  name: a.name,
  category: a.category,
  description: a.description,
  redirect_url: a.redirectUrl,
  homepage_url: a.homepageUrl,
  scopes: a.scopes,
  webhook_url: a.webhookUrl,
  authorize_url: `/open/authorize?service_id=${a.serviceId}`,
});

export const shopView = (s: Shop) => ({
  id: s.id,
  seller_id: s.sellerId,
  name: s.name,
  region: s.region,
  seller_type: s.sellerType,
  cipher: s.cipher,
  code: s.code,
  currency: s.currency,
});

export const sellerView = (s: Seller) => ({
  id: s.id,
  email: s.email,
  password: s.password,
  name: s.name,
  base_region: s.baseRegion,
});

export const authorizationView = (a: Authorization) => ({
  id: a.id,
  app_key: a.appKey,
  seller_id: a.sellerId,
  shop_ids: a.shopIds,
  granted_scopes: a.grantedScopes,
  open_id: a.openId,
  created_at: a.createdAt,
  expires_at: a.expiresAt,
  revoked_at: a.revokedAt,
});

export const deliveryView = (d: WebhookDelivery) => ({
  id: d.id,
  app_key: d.appKey,
  shop_id: d.shopId,
  type: d.type,
  notification_id: d.notificationId,
  url: d.url,
  body: d.body,
  created_at: d.createdAt,
  state: d.state,
  attempts: d.attempts,
  next_attempt_at: d.nextAttemptAt,
  drop_reason: d.dropReason,
});

export const faultView = (f: Fault) => ({
  id: f.id,
  endpoint: f.endpoint,
  shop_id: f.shopId,
  app_key: f.appKey,
  latency_ms: f.latencyMs,
  rate_limit: f.rateLimit ? { retry_after: f.rateLimit.retryAfterSeconds } : null,
  server_error: f.serverError,
  expired_token: f.expiredToken,
  drop_webhooks: f.dropWebhooks,
  remaining: f.remaining,
});
