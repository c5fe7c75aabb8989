import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

// The platform's tables (sellers, sessions, token vault, shops, carrier mappings, webhook events,
// sync cursors) live in this app's database too, so one migration set covers everything.
export * from "@tts-kit/auth/schema";
export * from "@tts-kit/server/schema";

// Every amount column is a decimal string as TikTok sent it (never a float); `raw` keeps the whole
// object with its breakdowns for drill-down and exports.

/** Daily statements (Get Statements), with the 202501 header totals of their transactions. */
export const statements = pgTable(
  "fin_statements",
  {
    shopId: text("shop_id").notNull(),
    id: text("id").notNull(),
    statementTime: bigint("statement_time", { mode: "number" }).notNull(),
    currency: text("currency").notNull(),
    settlementAmount: text("settlement_amount").notNull(),
    revenueAmount: text("revenue_amount"),
    netSalesAmount: text("net_sales_amount"),
    feeAmount: text("fee_amount"),
    shippingCostAmount: text("shipping_cost_amount"),
    adjustmentAmount: text("adjustment_amount"),
    paymentId: text("payment_id"),
    paymentStatus: text("payment_status"),
    paymentTime: bigint("payment_time", { mode: "number" }),
    /** Header of Get Transactions by Statement (202501): reserve movement and payable amount. */
    totalReserveAmount: text("total_reserve_amount"),
    payableAmount: text("payable_amount"),
    transactionCount: integer("transaction_count"),
    /** The statement's amounts when its transactions were last fetched: unchanged amounts, no refetch. */
    amountsKey: text("amounts_key").notNull(),
    transactionsKey: text("transactions_key"),
    raw: jsonb("raw").notNull(),
    syncedAt: bigint("synced_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    index("fin_statements_shop_time_idx").on(t.shopId, t.statementTime),
    index("fin_statements_shop_payment_idx").on(t.shopId, t.paymentId),
  ],
);

/** The lines of a statement (Get Transactions by Statement, 202501): orders, reserves, adjustments. */
export const transactions = pgTable(
  "fin_transactions",
  {
    shopId: text("shop_id").notNull(),
    statementId: text("statement_id").notNull(),
    id: text("id").notNull(),
    type: text("type").notNull(),
    orderId: text("order_id"),
    adjustmentId: text("adjustment_id"),
    /** The order a reserve or adjustment belongs to. */
    relatedOrderId: text("related_order_id"),
    orderCreateTime: bigint("order_create_time", { mode: "number" }),
    currency: text("currency").notNull(),
    revenueAmount: text("revenue_amount"),
    shippingCostAmount: text("shipping_cost_amount"),
    feeTaxAmount: text("fee_tax_amount"),
    adjustmentAmount: text("adjustment_amount"),
    settlementAmount: text("settlement_amount"),
    reserveAmount: text("reserve_amount"),
    reserveStatus: text("reserve_status"),
    raw: jsonb("raw").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.statementId, t.id] }),
    index("fin_transactions_shop_order_idx").on(t.shopId, t.orderId),
  ],
);

/** Payouts to the seller's bank account (Get Payments). */
export const payments = pgTable(
  "fin_payments",
  {
    shopId: text("shop_id").notNull(),
    id: text("id").notNull(),
    createTime: bigint("create_time", { mode: "number" }).notNull(),
    paidTime: bigint("paid_time", { mode: "number" }),
    status: text("status").notNull(),
    /** Paid out, after currency exchange. */
    amount: text("amount").notNull(),
    currency: text("currency").notNull(),
    settlementAmount: text("settlement_amount"),
    reserveAmount: text("reserve_amount"),
    /** Before exchange, in the settlement currency. */
    amountBeforeExchange: text("amount_before_exchange"),
    settlementCurrency: text("settlement_currency"),
    exchangeRate: text("exchange_rate"),
    bankAccount: text("bank_account"),
    raw: jsonb("raw").notNull(),
    syncedAt: bigint("synced_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    index("fin_payments_shop_time_idx").on(t.shopId, t.createTime),
  ],
);

/** Withdrawals, settlements, transfers and reversals of the seller balance (Get Withdrawals). */
export const withdrawals = pgTable(
  "fin_withdrawals",
  {
    shopId: text("shop_id").notNull(),
    id: text("id").notNull(),
    type: text("type").notNull(),
    status: text("status").notNull(),
    amount: text("amount").notNull(),
    currency: text("currency").notNull(),
    createTime: bigint("create_time", { mode: "number" }).notNull(),
    raw: jsonb("raw").notNull(),
    syncedAt: bigint("synced_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    index("fin_withdrawals_shop_time_idx").on(t.shopId, t.createTime),
  ],
);

/** The shop's orders as far as reconciliation needs them: status, delivery, amounts, SKU lines. */
export const orders = pgTable(
  "fin_orders",
  {
    shopId: text("shop_id").notNull(),
    id: text("id").notNull(),
    status: text("status").notNull(),
    createTime: bigint("create_time", { mode: "number" }).notNull(),
    updateTime: bigint("update_time", { mode: "number" }).notNull(),
    deliveryTime: bigint("delivery_time", { mode: "number" }),
    /** Sample orders settle no sales (their label is charged as an adjustment). */
    isSample: boolean("is_sample").notNull().default(false),
    currency: text("currency"),
    totalAmount: text("total_amount"),
    /** What the buyer paid for shipping (for the overcharged shipping report). */
    shippingFee: text("shipping_fee"),
    raw: jsonb("raw").notNull(),
    syncedAt: bigint("synced_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    index("fin_orders_shop_status_idx").on(t.shopId, t.status),
    index("fin_orders_shop_update_idx").on(t.shopId, t.updateTime),
  ],
);

/** SKU-level settlement of an order (Get Transactions by Order, 202501), one row per SKU and statement. */
export const orderSkus = pgTable(
  "fin_order_skus",
  {
    shopId: text("shop_id").notNull(),
    orderId: text("order_id").notNull(),
    statementId: text("statement_id").notNull(),
    skuId: text("sku_id").notNull(),
    skuName: text("sku_name"),
    productName: text("product_name"),
    quantity: integer("quantity").notNull(),
    currency: text("currency").notNull(),
    revenueAmount: text("revenue_amount"),
    shippingCostAmount: text("shipping_cost_amount"),
    feeTaxAmount: text("fee_tax_amount"),
    settlementAmount: text("settlement_amount"),
    raw: jsonb("raw").notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.orderId, t.statementId, t.skuId] })],
);

/** Which orders' SKU detail was fetched, and for which statements (so only newly settled ones are fetched). */
export const orderDetails = pgTable(
  "fin_order_details",
  {
    shopId: text("shop_id").notNull(),
    orderId: text("order_id").notNull(),
    /** Sorted statement ids the order had when its detail was fetched. */
    statementsKey: text("statements_key").notNull(),
    currency: text("currency"),
    settlementAmount: text("settlement_amount"),
    fetchedAt: bigint("fetched_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.orderId] })],
);

/** Estimates of orders and adjustments not settled yet (Get Unsettled Transactions). */
export const unsettled = pgTable(
  "fin_unsettled",
  {
    shopId: text("shop_id").notNull(),
    id: text("id").notNull(),
    type: text("type").notNull(),
    orderId: text("order_id"),
    adjustmentId: text("adjustment_id"),
    currency: text("currency").notNull(),
    orderCreateTime: bigint("order_create_time", { mode: "number" }),
    orderDeliveryTime: bigint("order_delivery_time", { mode: "number" }),
    estRevenueAmount: text("est_revenue_amount"),
    estShippingCostAmount: text("est_shipping_cost_amount"),
    estFeeTaxAmount: text("est_fee_tax_amount"),
    estAdjustmentAmount: text("est_adjustment_amount"),
    estSettlementAmount: text("est_settlement_amount").notNull(),
    estimatedSettlement: text("estimated_settlement"),
    unsettledReason: text("unsettled_reason"),
    raw: jsonb("raw").notNull(),
    /**
     * In TikTok's latest list. Lines that left it (settled) are kept as the last estimate, which the
     * overcharged shipping report compares with what was settled.
     */
    current: boolean("current").notNull(),
    syncedAt: bigint("synced_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    index("fin_unsettled_shop_order_idx").on(t.shopId, t.orderId),
  ],
);

/** The seller's chart of accounts, as their accounting software knows it. */
export const ledgerAccounts = pgTable(
  "fin_ledger_accounts",
  {
    sellerId: text("seller_id").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** Xero's tax rate name for lines on this account (e.g. "No VAT", "Tax Exempt"). */
    taxRate: text("tax_rate").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.code] })],
);

/** Which ledger account each line kind (transaction type or amount component) posts to. */
export const ledgerMappings = pgTable(
  "fin_ledger_mappings",
  {
    sellerId: text("seller_id").notNull(),
    lineKey: text("line_key").notNull(),
    accountCode: text("account_code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.lineKey] })],
);

/** Expected fee rates per shop, checked against what statements charged. */
export const feeRates = pgTable(
  "fin_fee_rates",
  {
    shopId: text("shop_id").notNull(),
    /** A fee component of fee_tax_breakdown.fee, e.g. referral_fee_amount. */
    component: text("component").notNull(),
    /** Percent of the basis, as a decimal string ("6", "2.9"). */
    ratePercent: text("rate_percent").notNull(),
    /** net_sales (the transaction's revenue_amount) or customer_payment (what the buyer paid, net of refunds). */
    basis: text("basis").notNull().default("net_sales"),
    enabled: boolean("enabled").notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.component] })],
);

/** Cost of goods per SKU, entered or imported by the seller. */
export const costs = pgTable(
  "fin_costs",
  {
    shopId: text("shop_id").notNull(),
    skuId: text("sku_id").notNull(),
    unitCost: text("unit_cost").notNull(),
    currency: text("currency").notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.skuId] })],
);

/** The seller's accounting settings (one row per seller; defaults until they save). */
export const sellerSettings = pgTable("fin_seller_settings", {
  sellerId: text("seller_id").primaryKey(),
  /** IANA time zone of the seller's books: journal dates and month ends are in it. */
  timeZone: text("time_zone").notNull().default("UTC"),
  /** ACC-R6: a payout whose statements (or deposit) fall in two months becomes one journal per month. */
  splitMonthEnd: boolean("split_month_end").notNull().default(true),
  /** Bank matching: a deposit is looked for this many days after the payout's paid time. */
  bankWindowMinDays: integer("bank_window_min_days").notNull().default(0),
  bankWindowMaxDays: integer("bank_window_max_days").notNull().default(5),
});

/** Per-shop accounting settings. */
export const shopSettings = pgTable("fin_shop_settings", {
  shopId: text("shop_id").primaryKey(),
  /** ACC-R4: the shop's orders are also booked in another store (Shopify), which books the gross sale. */
  otherStoreBooking: boolean("other_store_booking").notNull().default(false),
  /** How the TikTok order id is found in the other store's export (a regular expression); null: the default. */
  otherStoreIdPattern: text("other_store_id_pattern"),
});

/** Lines of the seller's bank statements, imported from CSV, OFX or camt.053, deduplicated across imports. */
export const bankLines = pgTable(
  "fin_bank_lines",
  {
    shopId: text("shop_id").notNull(),
    /** The dedupe key: "fitid:<FITID>", else a hash of date, amount, description and ordinal. */
    id: text("id").notNull(),
    fitId: text("fit_id"),
    /** The bank's booking date, YYYY-MM-DD. */
    postedDate: text("posted_date").notNull(),
    amount: text("amount").notNull(),
    currency: text("currency").notNull(),
    description: text("description").notNull(),
    importId: text("import_id").notNull(),
    importedAt: bigint("imported_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    index("fin_bank_lines_shop_date_idx").on(t.shopId, t.postedDate),
  ],
);

/** Each payout's bank line: found by the matcher ("auto") or chosen by the seller ("manual"). */
export const bankMatches = pgTable(
  "fin_bank_matches",
  {
    shopId: text("shop_id").notNull(),
    paymentId: text("payment_id").notNull(),
    /** Null with source "manual": the seller says no bank line pays it. */
    bankLineId: text("bank_line_id"),
    source: text("source").notNull(),
    decidedAt: bigint("decided_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.paymentId] }),
    uniqueIndex("fin_bank_matches_line_idx").on(t.shopId, t.bankLineId),
  ],
);

/** Orders of the seller's other store (Shopify's orders export), for ACC-R4. */
export const otherStoreOrders = pgTable(
  "fin_other_store_orders",
  {
    shopId: text("shop_id").notNull(),
    /** The other store's order name ("#1001"). */
    name: text("name").notNull(),
    /** The TikTok order id found in it, if any. */
    tiktokOrderId: text("tiktok_order_id"),
    currency: text("currency").notNull(),
    subtotal: text("subtotal").notNull(),
    shipping: text("shipping").notNull(),
    taxes: text("taxes").notNull(),
    discount: text("discount").notNull(),
    total: text("total").notNull(),
    financialStatus: text("financial_status"),
    createdAt: text("created_at"),
    raw: jsonb("raw").notNull(),
    importedAt: bigint("imported_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.name] }),
    index("fin_other_store_orders_tiktok_idx").on(t.shopId, t.tiktokOrderId),
  ],
);

/** The shop's tables that a disconnect purges. */
export const shopTables = [
  statements,
  transactions,
  payments,
  withdrawals,
  orders,
  orderSkus,
  orderDetails,
  unsettled,
  feeRates,
  costs,
  shopSettings,
  bankLines,
  bankMatches,
  otherStoreOrders,
] as const;
