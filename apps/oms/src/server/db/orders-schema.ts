import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * The local mirror of each shop's orders, kept current by webhooks and the polling safety net.
 * The full order as TikTok returned it (`raw`) is kept beside the columns the workspace filters,
 * sorts and counts on; those are derived from `raw` on every write (orders/mirror.ts).
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
    paidTime: bigint("paid_time", { mode: "number" }),
    /** The ship-by deadline (rts_sla_time, else shipping_due_time, else tts_sla_time). */
    shipBy: bigint("ship_by", { mode: "number" }),
    /** While ON_HOLD: when the one-hour hold after payment ends. */
    onHoldUntil: bigint("on_hold_until", { mode: "number" }),
    /** When the first package left (rts_time). */
    shippedAt: bigint("shipped_at", { mode: "number" }),
    fulfillmentType: text("fulfillment_type").notNull().default("FULFILLMENT_BY_SELLER"),
    isSample: boolean("is_sample").notNull().default(false),
    isOnHoldOrder: boolean("is_on_hold_order").notNull().default(false),
    /** The recipient's name once TikTok releases it (empty while UNPAID or ON_HOLD). */
    buyerName: text("buyer_name"),
    /** Units (TikTok line items are one unit each) and a short "2 × Name" summary for the list. */
    itemCount: integer("item_count").notNull().default(0),
    itemsSummary: text("items_summary").notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    index("orders_shop_update_idx").on(t.shopId, t.updateTime),
    index("orders_shop_status_idx").on(t.shopId, t.status),
    index("orders_shop_create_idx").on(t.shopId, t.createTime),
    index("orders_shop_ship_by_idx").on(t.shopId, t.shipBy),
    index("orders_shop_shipped_idx").on(t.shopId, t.shippedAt).where(sql`${t.shippedAt} IS NOT NULL`),
  ],
);

/**
 * What an order can be found by (order id, buyer, SKU, tracking number...), one normalized term
 * per row, so a search is an index range scan on (shop, term prefix) instead of a scan of every
 * order's JSON. Rewritten with the order on every upsert.
 */
export const orderSearchTerms = pgTable(
  "order_search_terms",
  {
    shopId: text("shop_id").notNull(),
    orderId: text("order_id").notNull(),
    term: text("term").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.orderId, t.term] }),
    // text_pattern_ops: `term LIKE 'abc%'` uses the index whatever the database's collation.
    index("order_search_terms_prefix_idx").on(t.shopId, t.term.op("text_pattern_ops")),
  ],
);

/**
 * Answers of on-demand TikTok calls about one order (Get Tracking, Get Price Detail), cached so a
 * detail page opened twice does not spend the shop's rate limit twice.
 */
export const orderLookups = pgTable(
  "order_lookups",
  {
    shopId: text("shop_id").notNull(),
    orderId: text("order_id").notNull(),
    /** `tracking` or `price_detail`. */
    kind: text("kind").notNull(),
    data: jsonb("data").notNull(),
    /** The order's update_time when fetched: a newer order makes the price detail stale. */
    orderUpdateTime: bigint("order_update_time", { mode: "number" }).notNull(),
    fetchedAt: bigint("fetched_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.orderId, t.kind] })],
);
