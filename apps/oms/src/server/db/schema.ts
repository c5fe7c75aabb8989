import { bigint, index, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

// The platform's tables (sellers, sessions, token vault, shops, carrier mappings, webhook events,
// sync cursors) live in this app's database too, so one migration set covers everything.
export * from "@tts-kit/auth/schema";
export * from "@tts-kit/server/schema";

/**
 * The local mirror of each shop's orders, kept current by webhooks and the polling safety net.
 * The full order as TikTok returned it is kept beside the columns the app filters on.
 */
export const orders = pgTable(
  "orders",
  {
    shopId: text("shop_id").notNull(),
    id: text("id").notNull(),
    status: text("status").notNull(),
    createTime: bigint("create_time", { mode: "number" }).notNull(),
    updateTime: bigint("update_time", { mode: "number" }).notNull(),
    buyerUserId: text("buyer_user_id"),
    /** Decimal string, never a float. */
    totalAmount: text("total_amount"),
    currency: text("currency"),
    raw: jsonb("raw").notNull(),
    syncedAt: bigint("synced_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    index("orders_shop_update_idx").on(t.shopId, t.updateTime),
    index("orders_shop_status_idx").on(t.shopId, t.status),
  ],
);
