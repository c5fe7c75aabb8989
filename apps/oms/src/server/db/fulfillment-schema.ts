import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/** One SKU line of a shipment notification: what the seller told TikTok left in the box. */
export interface ShipmentItem {
  skuId: string;
  sellerSku: string;
  name: string;
  quantity: number;
  lineItemIds: string[];
}

/**
 * Every shipment notification the app sent to TikTok (OMS-R2), per package: ship, tracking
 * correction, label purchase or handover. Kept so the seller can see exactly what was sent, and
 * when, for each order.
 */
export const fulfillmentShipments = pgTable(
  "fulfillment_shipments",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    /** The order the action was taken on; a combined package lists all its orders in orderIds. */
    orderId: text("order_id").notNull(),
    orderIds: jsonb("order_ids").$type<string[]>().notNull(),
    packageId: text("package_id"),
    /** `ship`, `update` (tracking correction), `label` (4PL label bought) or `handover` (4PL pickup/drop-off). */
    action: text("action").notNull(),
    /** `3PL` (seller's carrier) or `4PL` (TikTok Shipping). */
    mode: text("mode").notNull(),
    /** Where the seller acted: `fulfil` (order page), `batch`, `scan`. */
    via: text("via").notNull(),
    /** The TikTok operation called, e.g. "Mark Package As Shipped". */
    operation: text("operation").notNull(),
    trackingNumber: text("tracking_number"),
    shippingProviderId: text("shipping_provider_id"),
    shippingProviderName: text("shipping_provider_name"),
    /** The service: the delivery option (3PL) or the bought shipping service (4PL). */
    serviceName: text("service_name"),
    shippingServiceId: text("shipping_service_id"),
    items: jsonb("items").$type<ShipmentItem[]>().notNull(),
    /** The order status TikTok reported right after the action. */
    orderStatus: text("order_status"),
    /** TikTok's `warning.message` (tracking number looks wrong), if any. */
    warning: text("warning"),
    ruleId: text("rule_id"),
    ruleName: text("rule_name"),
    sellerId: text("seller_id"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [index("fulfillment_shipments_order_idx").on(t.shopId, t.orderId, t.createdAt)],
);

/** A shipping rule's conditions; every condition given must hold (an empty rule matches all). */
export interface RuleConditions {
  regions?: string[];
  warehouseIds?: string[];
  deliveryOptionIds?: string[];
  /** Any line's seller SKU starts with one of these (case-insensitive). */
  skuPrefixes?: string[];
  /** Decimal strings in the order currency. */
  minTotal?: string;
  maxTotal?: string;
  minItems?: number;
  maxItems?: number;
}

export interface RuleActions {
  /** The warehouse the order is picked from (pick lists; the carrier mapping looked up). */
  warehouseId?: string;
  /** The 3PL carrier (a TikTok shipping provider id). */
  shippingProviderId?: string;
  /** Which TikTok Shipping (4PL) service to buy for orders shipped via TikTok. */
  servicePreference?: "default" | "cheapest" | "fastest";
}

/** The seller's shipping rules, evaluated by position; the first enabled match wins. */
export const fulfillmentRules = pgTable(
  "fulfillment_rules",
  {
    shopId: text("shop_id").notNull(),
    id: text("id").notNull(),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    conditions: jsonb("conditions").$type<RuleConditions>().notNull(),
    actions: jsonb("actions").$type<RuleActions>().notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.id] })],
);

/** A batch shipment (up to 200 orders), run by a background job. */
export const fulfillmentBatches = pgTable(
  "fulfillment_batches",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    sellerId: text("seller_id").notNull(),
    /** `queued`, `running`, `done`. */
    status: text("status").notNull(),
    total: integer("total").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    finishedAt: bigint("finished_at", { mode: "number" }),
  },
  (t) => [index("fulfillment_batches_shop_idx").on(t.shopId, t.createdAt)],
);

/** One order of a batch and its outcome; the job skips items already settled (idempotent). */
export const fulfillmentBatchItems = pgTable(
  "fulfillment_batch_items",
  {
    batchId: text("batch_id").notNull(),
    shopId: text("shop_id").notNull(),
    orderId: text("order_id").notNull(),
    position: integer("position").notNull(),
    trackingNumber: text("tracking_number").notNull(),
    /** `pending`, `shipped` or `failed`. */
    status: text("status").notNull(),
    message: text("message"),
    packageId: text("package_id"),
    carrierName: text("carrier_name"),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.orderId] }),
    index("fulfillment_batch_items_shop_idx").on(t.shopId),
  ],
);
