/**
 * The auth tables. Apps re-export them from their own schema module (`export * from
 * "@tts-kit/auth/schema"`) so that one drizzle-kit migration set per app creates them alongside the
 * app's own tables. Times are Unix seconds (the project's unit); TikTok IDs are strings.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const seconds = (name: string) => bigint(name, { mode: "number" });

/** Our record of a TikTok seller account, keyed by the `open_id` of its authorization. */
export const sellers = pgTable("sellers", {
  id: uuid("id").primaryKey().defaultRandom(),
  openId: text("open_id").notNull().unique(),
  name: text("name").notNull(),
  baseRegion: text("base_region").notNull(),
  /** 0 seller, 1 creator, 3 partner (TikTok's `user_type`). */
  userType: integer("user_type").notNull().default(0),
  createdAt: seconds("created_at").notNull(),
  updatedAt: seconds("updated_at").notNull(),
});

/**
 * Server-side sessions. `id` is the SHA-256 of the cookie's random token, so a leaked table does
 * not hand out working cookies.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => sellers.id, { onDelete: "cascade" }),
    createdAt: seconds("created_at").notNull(),
    lastSeenAt: seconds("last_seen_at").notNull(),
    /** Idle expiry: pushed forward on use, never past `absoluteExpiresAt`. */
    expiresAt: seconds("expires_at").notNull(),
    /** Carried over on rotation, so rotating never extends a session's total life. */
    absoluteExpiresAt: seconds("absolute_expires_at").notNull(),
    /** Hash of the session this one replaced (login or periodic rotation). */
    rotatedFrom: text("rotated_from"),
    /** Set once this session has been replaced; it then lives only for a short grace period. */
    rotatedAt: seconds("rotated_at"),
  },
  (t) => [index("sessions_seller_idx").on(t.sellerId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** Pending installs: the OAuth `state` and the browser it was issued to, both stored only as hashes. */
export const oauthStates = pgTable(
  "oauth_states",
  {
    id: text("id").primaryKey(),
    browserHash: text("browser_hash").notNull(),
    market: text("market").notNull(),
    returnPath: text("return_path").notNull(),
    createdAt: seconds("created_at").notNull(),
    expiresAt: seconds("expires_at").notNull(),
    /** Set when the callback used it: a state works once. */
    consumedAt: seconds("consumed_at"),
  },
  (t) => [index("oauth_states_expires_idx").on(t.expiresAt)],
);

/**
 * The token vault: one row per seller authorization. Tokens are AES-256-GCM ciphertexts
 * (`base64(iv | tag | ciphertext)`), encrypted with the key named by `keyId`; both are null once
 * the grant is revoked. `version` increases with every refresh and drives single-flight refresh.
 */
export const grants = pgTable("grants", {
  id: uuid("id").primaryKey(),
  sellerId: uuid("seller_id")
    .notNull()
    .unique()
    .references(() => sellers.id, { onDelete: "cascade" }),
  accessToken: text("access_token"),
  refreshToken: text("refresh_token"),
  keyId: text("key_id").notNull(),
  accessExpiresAt: seconds("access_expires_at").notNull(),
  refreshExpiresAt: seconds("refresh_expires_at").notNull(),
  scopes: text("scopes").array().notNull().default(sql`'{}'::text[]`),
  status: text("status", { enum: ["active", "revoked"] }).notNull(),
  /** Why the grant was revoked (`refresh_rejected`, `no_shops_left`); null while active. */
  revokedReason: text("revoked_reason"),
  createdAt: seconds("created_at").notNull(),
  updatedAt: seconds("updated_at").notNull(),
  refreshedAt: seconds("refreshed_at"),
  version: integer("version").notNull().default(1),
});

export const shopStatuses = ["connected", "disconnected", "deauthorized"] as const;
export type ShopStatus = (typeof shopStatuses)[number];

/** TikTok shops a seller connected, keyed by TikTok's shop id. */
export const shops = pgTable(
  "shops",
  {
    id: text("id").primaryKey(),
    grantId: uuid("grant_id").references(() => grants.id, { onDelete: "set null" }),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => sellers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    region: text("region").notNull(),
    sellerType: text("seller_type").notNull(),
    cipher: text("cipher").notNull(),
    code: text("code").notNull(),
    status: text("status", { enum: shopStatuses }).notNull(),
    connectedAt: seconds("connected_at").notNull(),
    disconnectedAt: seconds("disconnected_at"),
    /** When the shop's data was purged after a disconnect; null while a purge is owed. */
    purgedAt: seconds("purged_at"),
    /** A purge in progress holds this lease, so two instances (or a webhook and a click) never purge at once. */
    purgeLeaseUntil: seconds("purge_lease_until"),
    /** From webhook 7, or the refresh token's expiry. */
    authExpiresAt: seconds("auth_expires_at"),
    reauthRequired: boolean("reauth_required").notNull().default(false),
    /** Filled by the app's sync (`connections.markSynced`). */
    lastSyncedAt: seconds("last_synced_at"),
    updatedAt: seconds("updated_at").notNull(),
  },
  (t) => [index("shops_seller_idx").on(t.sellerId), index("shops_grant_idx").on(t.grantId)],
);

/** Which TikTok shipping provider serves each warehouse + delivery option of a shop (SHOP-MAN-CARRIER). */
export const carrierMappings = pgTable(
  "carrier_mappings",
  {
    shopId: text("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    warehouseId: text("warehouse_id").notNull(),
    deliveryOptionId: text("delivery_option_id").notNull(),
    shippingProviderId: text("shipping_provider_id").notNull(),
    /** The app's own name for the carrier (e.g. the ERP's carrier code), if it has one. */
    carrierCode: text("carrier_code"),
    isDefault: boolean("is_default").notNull().default(false),
    updatedAt: seconds("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.warehouseId, t.deliveryOptionId] }),
    // At most one default mapping per shop.
    uniqueIndex("carrier_mappings_default_idx").on(t.shopId).where(sql`${t.isDefault}`),
  ],
);

export type SellerRow = typeof sellers.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type OAuthStateRow = typeof oauthStates.$inferSelect;
export type GrantRow = typeof grants.$inferSelect;
export type ShopRow = typeof shops.$inferSelect;
export type CarrierMappingRow = typeof carrierMappings.$inferSelect;
