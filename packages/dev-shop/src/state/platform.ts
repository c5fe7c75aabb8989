/**
 * Platform records: who sells, which shops exist, which partner apps are registered and what
 * they were granted. Owned by the platform side of the dev shop (gateway, token host,
 * authorization, Seller Center).
 */

export interface Seller {
  id: string;
  /** Seller Center login. */
  email: string;
  password: string;
  name: string;
  /** `seller_base_region` in token responses. */
  baseRegion: string;
}

export type SellerType = "LOCAL" | "CROSS_BORDER";

export interface Shop {
  id: string;
  sellerId: string;
  name: string;
  /** Market: US, GB, ... */
  region: string;
  sellerType: SellerType;
  cipher: string;
  code: string;
  currency: string;
}

export interface PartnerApp {
  appKey: string;
  appSecret: string;
  /** Numeric service id used in the authorize link (not the app key). */
  serviceId: string;
  name: string;
  /** ARD category, shown in the App Store: Finance, Customer Service, OMS, Promotions, ERP. */
  category: string;
  description: string;
  redirectUrl: string;
  /** Where the App Store's "Open" button sends the seller. */
  homepageUrl: string;
  scopes: string[];
  /** App-level webhook URL (Partner Center setting); null for none. */
  webhookUrl: string | null;
}

/** One seller's grant of one app, covering one or more of their shops. */
export interface Authorization {
  id: string;
  appKey: string;
  sellerId: string;
  shopIds: string[];
  grantedScopes: string[];
  openId: string;
  createdAt: number;
  /** When the seller's grant ends (refresh_token_expire_in); webhook 7 fires daily from 30 days before. */
  expiresAt: number;
  revokedAt: number | null;
  /** When the last UPCOMING_AUTHORIZATION_EXPIRATION (webhook 7) went out; null before the first. */
  lastExpiryNoticeAt: number | null;
}

export interface AuthCode {
  code: string;
  authorizationId: string;
  expiresAt: number;
  usedAt: number | null;
}

export interface Token {
  accessToken: string;
  refreshToken: string;
  authorizationId: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
  /** Set when a refresh rotated this pair out. */
  rotatedAt: number | null;
}

/** One webhook delivery attempt series, as shown in Seller Center's delivery log. */
export interface WebhookDelivery {
  id: string;
  appKey: string;
  shopId: string;
  type: number;
  notificationId: string;
  url: string;
  /** The exact body sent (and signed). */
  body: string;
  createdAt: number;
  attempts: Array<{ at: number; status: number | null; error: string | null }>;
  /** Next retry time (2 min, 30 min, 3 h, 12 h after the first attempt), null once delivered or dropped. */
  nextAttemptAt: number | null;
  state: "pending" | "delivered" | "dropped";
  /** Why a delivery was dropped without (further) attempts, e.g. fault injection; null otherwise. */
  dropReason: string | null;
}

export interface PlatformState {
  sellers: Seller[];
  shops: Shop[];
  apps: PartnerApp[];
  authorizations: Authorization[];
  authCodes: AuthCode[];
  tokens: Token[];
  webhookDeliveries: WebhookDelivery[];
  /** Shop webhook URLs set through the event API, keyed by `${appKey}:${shopId}:${eventType}`. */
  shopWebhooks: Record<string, { address: string; createTime: number; updateTime: number }>;
}
