import { bigint, index, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * The after-sales inbox: a local mirror of each shop's cancellation requests and return/refund
 * requests, kept current by webhooks 11 and 12 and by polling Search Cancellations and Search
 * Returns over update_time windows. The request as TikTok returned it is kept beside the columns
 * the inbox filters on.
 */
export const afterSalesCancellations = pgTable(
  "aftersales_cancellations",
  {
    shopId: text("shop_id").notNull(),
    id: text("id").notNull(),
    orderId: text("order_id").notNull(),
    /** CANCEL (seller or system) or BUYER_CANCEL (a buyer's request). */
    type: text("type").notNull(),
    status: text("status").notNull(),
    role: text("role"),
    reason: text("reason"),
    reasonText: text("reason_text"),
    /** Decimal string, never a float. */
    refundTotal: text("refund_total"),
    currency: text("currency"),
    /** Unix seconds by which the seller must answer, after which TikTok decides (null: nothing to do). */
    respondBy: bigint("respond_by", { mode: "number" }),
    createTime: bigint("create_time", { mode: "number" }).notNull(),
    updateTime: bigint("update_time", { mode: "number" }).notNull(),
    raw: jsonb("raw").notNull(),
    syncedAt: bigint("synced_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    index("aftersales_cancellations_shop_status_idx").on(t.shopId, t.status),
    index("aftersales_cancellations_shop_order_idx").on(t.shopId, t.orderId),
  ],
);

export const afterSalesReturns = pgTable(
  "aftersales_returns",
  {
    shopId: text("shop_id").notNull(),
    id: text("id").notNull(),
    orderId: text("order_id").notNull(),
    /** REFUND, RETURN_AND_REFUND or REPLACEMENT. */
    type: text("type").notNull(),
    status: text("status").notNull(),
    role: text("role"),
    reason: text("reason"),
    reasonText: text("reason_text"),
    refundTotal: text("refund_total"),
    currency: text("currency"),
    /** What TikTok waits for from the seller (SELLER_RESPOND_RETURN...), or null. */
    nextAction: text("next_action"),
    respondBy: bigint("respond_by", { mode: "number" }),
    createTime: bigint("create_time", { mode: "number" }).notNull(),
    updateTime: bigint("update_time", { mode: "number" }).notNull(),
    raw: jsonb("raw").notNull(),
    syncedAt: bigint("synced_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    index("aftersales_returns_shop_status_idx").on(t.shopId, t.status),
    index("aftersales_returns_shop_order_idx").on(t.shopId, t.orderId),
  ],
);
