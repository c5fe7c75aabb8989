import { z } from "zod";
import { amount, id, pageInfo, pageQuery, queryList, sortOrder, unixSeconds, valueMoney } from "./common.ts";
import { endpoint } from "./define.ts";
import { scopes } from "./scopes.ts";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** A shape of optional money strings, for the long flat amount lists of the transaction objects. */
function amounts<const K extends string>(...keys: K[]): { [P in K]: z.ZodOptional<typeof amount> } {
  return Object.fromEntries(keys.map((key) => [key, amount.optional()])) as {
    [P in K]: z.ZodOptional<typeof amount>;
  };
}

/** Unix seconds in the query string. */
const queryTime = z.coerce.number().int().nonnegative();

/** Finance pages: optional, 1-100, TikTok defaults to 20. */
const financePage = pageQuery({ max: 100, required: false });

const str = z.string().optional();
const time = unixSeconds.optional();

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

/** Statement `payment_status` and payment `status`. */
export const paymentStatus = z.enum(["PAID", "FAILED", "PROCESSING"]);
export const withdrawalType = z.enum(["WITHDRAW", "SETTLE", "TRANSFER", "REVERSE"]);
/** The docs' prose once calls the success state PAID; the enum says SUCCESS. */
export const withdrawalStatus = z.enum(["PROCESSING", "SUCCESS", "FAILED"]);
export const settlementStatus = z.enum(["SETTLED", "UNSETTLED"]);
export const reserveStatus = z.enum(["COLLECTED", "RELEASED"]);
/**
 * Transaction `type`: ORDER, RESERVE (202501 on) or one adjustment type. The 202501 docs also
 * describe adjustments by prose labels whose wire values are unknown, so responses accept any string.
 */
export const transactionType = z.enum([
  "ORDER",
  "RESERVE",
  "SHIPPING_FEE_ADJUSTMENT",
  "SHIPPING_FEE_COMPENSATION",
  "CHARGE_BACK",
  "CUSTOMER_SERVICE_COMPENSATION",
  "PROMOTION_ADJUSTMENT",
  "PLATFORM_COMPENSATION",
  "PLATFORM_PENALTY",
  "SAMPLE_SHIPPING_FEE",
  "LOGISTICS_REIMBURSEMENT",
  "PLATFORM_REIMBURSEMENT",
  "DEDUCTIONS_INCURRED_BY_SELLER",
  "SHIPPING_FEE_REBATE",
  "PLATFORM_COMMISSION_ADJUSTMENT",
  "PLATFORM_COMMISSION_COMPENSATION",
  "OTHER_ADJUSTMENT",
  "FBT_WAREHOUSE_SERVICE_FEE",
  "GMV_PAYMENT_FOR_ADS",
  "REBATE",
  "COFUNDED_CREATOR_REWARDS",
  "STAMP_DUTY",
  "SELLER_MISSION_REWARD",
]);
export type TransactionType = z.infer<typeof transactionType>;

// ---------------------------------------------------------------------------------------------
// Statements, payments, withdrawals
// ---------------------------------------------------------------------------------------------

export const statement = z.looseObject({
  id,
  /** Statements are stamped 00:00 UTC of the day after the one they cover. */
  statement_time: time,
  currency: str,
  settlement_amount: amount.optional(),
  revenue_amount: amount.optional(),
  net_sales_amount: amount.optional(),
  fee_amount: amount.optional(),
  shipping_cost_amount: amount.optional(),
  adjustment_amount: amount.optional(),
  payment_id: str,
  payment_status: paymentStatus.or(z.string()).optional(),
  payment_time: time,
});
export type Statement = z.infer<typeof statement>;

/** A payment (payout) to the seller. Money here is `{value, currency}`, not the `{amount, currency}` used elsewhere. */
export const payout = z.looseObject({
  id,
  create_time: time,
  paid_time: time,
  status: paymentStatus.or(z.string()).optional(),
  /** Paid out after FX; equals settlement_amount + reserve_amount. */
  amount: valueMoney.optional(),
  settlement_amount: valueMoney.optional(),
  reserve_amount: valueMoney.optional(),
  payment_amount_before_exchange: valueMoney.optional(),
  /** Six decimals, e.g. "1.000000". */
  exchange_rate: str,
  /** Masked, last four digits visible. */
  bank_account: str,
});
export type Payout = z.infer<typeof payout>;

export const withdrawal = z.looseObject({
  /** Not always numeric: the doc sample is alphanumeric. */
  id,
  type: withdrawalType.or(z.string()).optional(),
  status: withdrawalStatus.or(z.string()).optional(),
  amount: amount.optional(),
  currency: str,
  create_time: time,
});
export type Withdrawal = z.infer<typeof withdrawal>;

// ---------------------------------------------------------------------------------------------
// 202309 transactions (UK/US local sellers)
// ---------------------------------------------------------------------------------------------

const totals202309 = amounts(
  "revenue_amount",
  "net_sales_amount",
  "fee_amount",
  "shipping_cost_amount",
  "adjustment_amount",
  "settlement_amount",
);

const components202309 = amounts(
  // revenue
  "gross_sales_amount",
  "gross_sales_refund_amount",
  "seller_discount_amount",
  "seller_discount_refund_amount",
  "after_seller_discounts_subtotal_amount",
  "customer_payment_amount",
  "customer_refund_amount",
  "customer_order_refund_amount",
  "platform_discount_amount",
  "platform_discount_refund_amount",
  "platform_refund_subsidy_amount",
  "sales_tax_amount",
  "sales_tax_payment_amount",
  "sales_tax_refund_amount",
  "retail_delivery_fee_amount",
  "retail_delivery_fee_payment_amount",
  "retail_delivery_fee_refund_amount",
  // fees
  "platform_commission_amount",
  "referral_fee_amount",
  "transaction_fee_amount",
  "refund_administration_fee_amount",
  "affiliate_commission_amount",
  "affiliate_commission_before_pit",
  "affiliate_partner_commission_amount",
  "affiliate_ads_commission_amount",
  "pit_amount",
  "isr_income_tax_amount",
  "iva_vat_amount",
  // shipping
  "shipping_fee_amount",
  "actual_shipping_fee_amount",
  "actual_return_shipping_fee_amount",
  "return_shipping_fee_amount",
  "customer_shipping_fee_amount",
  "customer_paid_shipping_fee_amount",
  "customer_paid_shipping_fee_refund_amount",
  "customer_shipping_fee_offset_amount",
  "fbm_shipping_cost_amount",
  "fbt_shipping_cost_amount",
  "fbt_fulfillment_fee_amount",
  "platform_shipping_fee_discount_amount",
  "shipping_cost_discount_amount",
  "refund_shipping_cost_discount_amount",
  "shipping_fee_subsidy_amount",
  "promo_shipping_incentive_amount",
  "shipping_insurance_fee_amount",
  "signature_confirmation_fee_amount",
);

/** Not on the SKU-level items of the by-order endpoint. */
const fbtReimbursement = amounts("fbt_fulfillment_fee_reimbursement_amount");

/** One line of Get Transactions by Statement (202309). Exactly one of order_id / adjustment_id is set. */
export const statementTransaction = z.looseObject({
  id,
  type: transactionType.or(z.string()).optional(),
  order_id: str,
  order_create_time: time,
  adjustment_id: str,
  adjustment_order_id: str,
  currency: str,
  ...totals202309,
  ...components202309,
  ...fbtReimbursement,
});
export type StatementTransaction = z.infer<typeof statementTransaction>;

export const skuStatementTransaction = z.looseObject({
  sku_id: id,
  sku_name: str,
  product_name: str,
  quantity: z.number().int().optional(),
  currency: str,
  ...totals202309,
  ...components202309,
});

/** One statement's share of an order (Get Transactions by Order, 202309). */
export const orderStatementTransaction = z.looseObject({
  statement_id: id,
  statement_time: time,
  status: settlementStatus.or(z.string()).optional(),
  currency: str,
  ...totals202309,
  ...components202309,
  ...fbtReimbursement,
  sku_statement_transactions: z.array(skuStatementTransaction).default([]),
});

// ---------------------------------------------------------------------------------------------
// 202501 / 202507 breakdowns
// ---------------------------------------------------------------------------------------------

export const revenueBreakdown = z.looseObject(
  amounts(
    "subtotal_before_discount_amount",
    "seller_discount_amount",
    "refund_subtotal_before_discount_amount",
    "seller_discount_refund_amount",
    "cod_service_fee_amount",
    "refund_cod_service_fee_amount",
  ),
);

export const feeBreakdown = z.looseObject(
  amounts(
    "platform_commission_amount",
    "referral_fee_amount",
    "transaction_fee_amount",
    "refund_administration_fee_amount",
    "credit_card_handling_fee_amount",
    "affiliate_commission_amount",
    "affiliate_commission_amount_before_pit",
    "affiliate_partner_commission_amount",
    "affiliate_ads_commission_amount",
    "affiliate_commission_deposit",
    "affiliate_commission_release",
    "external_affiliate_marketing_fee_amount",
    "tap_shop_ads_commission",
    "tsp_commission_amount",
    "dynamic_commission_amount",
    "sfp_service_fee_amount",
    "live_specials_fee_amount",
    "mall_service_fee_amount",
    "voucher_xtra_service_fee_amount",
    "bonus_cashback_service_fee_amount",
    "flash_sales_service_fee_amount",
    "pre_order_service_fee_amount",
    "cofunded_promotion_service_fee_amount",
    "cofunded_creator_bonus_amount",
    "campaign_resource_fee",
    "fee_per_item_sold_amount",
    "dt_handling_fee_amount",
    "seller_paylater_handling_fee_amount",
    "epr_pob_service_fee_amount",
    "installation_service_fee",
    "shipping_fee_guarantee_service_fee",
    "vn_fix_infrastructure_fee",
  ),
);

export const taxBreakdown = z.looseObject(
  amounts(
    "vat_amount",
    "import_vat_amount",
    "customs_duty_amount",
    "customs_clearance_amount",
    "gst_amount",
    "sst_amount",
    "local_vat_amount",
    "pit_amount",
    "isr_amount",
    "iva_amount",
    "anti_dumping_duty_amount",
  ),
);

export const feeTaxBreakdown = z.looseObject({ fee: feeBreakdown.optional(), tax: taxBreakdown.optional() });

const shippingMembers202501 = amounts(
  "actual_shipping_fee_amount",
  "customer_paid_shipping_fee_amount",
  "shipping_fee_discount_amount",
  "return_shipping_fee_amount",
  "return_shipping_label_fee_amount",
  "return_shipping_fee_paid_buyer_amount",
  "exchange_shipping_fee_amount",
  "replacement_shipping_fee_amount",
  "shipping_insurance_fee_amount",
  "signature_confirmation_fee_amount",
  "failed_delivery_subsidy_amount",
  "free_return_subsidy_amount",
  "fbt_free_shipping_fee_amount",
  "fbt_fulfillment_fee_reimbursement_amount",
  "seller_self_shipping_service_fee_amount",
);

/** Informational members of `shipping_cost_breakdown.supplementary_component`; not summed into the total. */
const shippingSupplementMembers = amounts(
  "refunded_customer_shipping_fee_amount",
  "return_refund_subsidy_amount",
  "customer_shipping_fee_offset_amount",
  "fbm_shipping_cost_amount",
  "fbt_shipping_cost_amount",
  "fbt_fulfillment_fee_amount",
  // deprecated, always empty
  "fbt_fulfillment_fee_reimbursement_amount",
  "platform_shipping_fee_discount_amount",
  "promo_shipping_incentive_amount",
  "seller_shipping_fee_discount_amount",
  "shipping_fee_subsidy_amount",
);

/** `shipping_cost_breakdown` of Get Transactions by Statement (202501). */
export const shippingCostBreakdown = z.looseObject({
  ...shippingMembers202501,
  ...amounts("shipping_fee_guarantee_reimbursement"),
  supplementary_component: z
    .looseObject({
      ...shippingSupplementMembers,
      ...amounts("customer_shipping_fee", "refund_customer_shipping_fee"),
    })
    .optional(),
});

/** `shipping_cost_breakdown` of Get Transactions by Order (202501): the guarantee reimbursement moves into the supplement. */
export const orderShippingCostBreakdown = z.looseObject({
  ...shippingMembers202501,
  supplementary_component: z
    .looseObject({ ...shippingSupplementMembers, ...amounts("shipping_fee_guarantee_reimbursement") })
    .optional(),
});

/** Transaction-level informational amounts (202501 by statement). */
export const transactionSupplement = z.looseObject(
  amounts(
    "customer_payment_amount",
    "customer_refund_amount",
    "platform_discount_amount",
    "platform_discount_refund_amount",
    "platform_cofunded_discount_amount",
    "platform_cofunded_discount_refund_amount",
    "seller_cofunded_discount_amount",
    "seller_cofunded_discount_refund_amount",
    "sales_tax_amount",
    "sales_tax_payment_amount",
    "sales_tax_refund_amount",
    "retail_delivery_fee_amount",
    "retail_delivery_fee_payment_amount",
    "retail_delivery_fee_refund_amount",
  ),
);

// ---------------------------------------------------------------------------------------------
// 202501 transactions
// ---------------------------------------------------------------------------------------------

/** One line of Get Transactions by Statement (202501): an order, a reserve movement or an adjustment. */
export const statementTransaction202501 = z.looseObject({
  id,
  type: transactionType.or(z.string()).optional(),
  order_id: str,
  order_create_time: time,
  adjustment_id: str,
  adjustment_order_id: str,
  /** Set on RESERVE lines. */
  associated_order_id: str,
  reserve_id: str,
  reserve_amount: amount.optional(),
  reserve_status: reserveStatus.or(z.string()).optional(),
  /** A Unix timestamp as a string; empty once released. */
  estimated_release_time: str,
  revenue_amount: amount.optional(),
  shipping_cost_amount: amount.optional(),
  fee_tax_amount: amount.optional(),
  adjustment_amount: amount.optional(),
  settlement_amount: amount.optional(),
  revenue_breakdown: revenueBreakdown.optional(),
  fee_tax_breakdown: feeTaxBreakdown.optional(),
  shipping_cost_breakdown: shippingCostBreakdown.optional(),
  supplementary_component: transactionSupplement.optional(),
});
export type StatementTransaction202501 = z.infer<typeof statementTransaction202501>;

/** One SKU of Get Transactions by Order (202501). */
export const orderSkuTransaction = z.looseObject({
  sku_id: id,
  sku_name: str,
  product_name: str,
  /** A string here, unlike the 202309 number. */
  quantity: str,
  statement_id: str,
  revenue_amount: amount.optional(),
  shipping_cost_amount: amount.optional(),
  fee_tax_amount: amount.optional(),
  settlement_amount: amount.optional(),
  revenue_breakdown: revenueBreakdown.optional(),
  fee_tax_breakdown: feeTaxBreakdown.optional(),
  shipping_cost_breakdown: orderShippingCostBreakdown.optional(),
});

// ---------------------------------------------------------------------------------------------
// 202507 unsettled transactions
// ---------------------------------------------------------------------------------------------

export const unsettledFeeTaxBreakdown = z.looseObject({
  fee: z
    .looseObject(
      amounts(
        "affiliate_ads_commission_amount",
        "affiliate_commission_amount",
        "affiliate_commission_before_pit_amount",
        "affiliate_partner_commission_amount",
        "bonus_cashback_service_fee_amount",
        "credit_card_handling_fee_amount",
        "live_specials_fee_amount",
        "mall_service_fee_amount",
        "pit_withheld_from_ads_commission_amount",
        "platform_commission_amount",
        "referral_fee_amount",
        "refund_administration_fee_amount",
        "retail_delivery_fee_amount",
        "retail_delivery_fee_payment_amount",
        "retail_delivery_fee_refund_amount",
        "sfp_service_fee_amount",
        "transaction_fee_amount",
      ),
    )
    .optional(),
  tax: z
    .looseObject(
      amounts(
        "customs_clearance_amount",
        "customs_duty_amount",
        "gst_amount",
        "import_vat_amount",
        "sales_tax_amount",
        "sales_tax_payment_amount",
        "sales_tax_refund_amount",
        "sst_amount",
        "vat_amount",
      ),
    )
    .optional(),
});

export const unsettledShippingCostBreakdown = z.looseObject({
  ...amounts(
    "actual_shipping_fee_amount",
    "customer_paid_shipping_fee_amount",
    "exchange_shipping_fee_amount",
    "replacement_shipping_fee_amount",
    "return_shipping_fee_amount",
    "shipping_fee_discount_amount",
    "shipping_insurance_fee_amount",
    "signature_confirmation_fee_amount",
  ),
  supplementary_component: z
    .looseObject(
      amounts(
        "customer_shipping_fee_offset_amount",
        "fbm_shipping_cost_amount",
        "fbt_fulfillment_fee_amount",
        "fbt_shipping_cost_amount",
        "platform_shipping_fee_discount_amount",
        "promo_shipping_incentive_amount",
        "seller_shipping_fee_discount_amount",
        "shipping_fee_subsidy_amount",
      ),
    )
    .optional(),
});

/** An estimate for an order or adjustment not yet settled; it disappears from the list once settled. */
export const unsettledTransaction = z.looseObject({
  id,
  type: transactionType.or(z.string()).optional(),
  status: settlementStatus.or(z.string()).optional(),
  currency: str,
  order_id: str,
  order_create_time: time,
  /** Absent until delivered. */
  order_delivery_time: time,
  adjustment_id: str,
  adjustment_order_id: str,
  ...amounts(
    "est_revenue_amount",
    "est_shipping_cost_amount",
    "est_fee_tax_amount",
    "est_adjustment_amount",
    "est_settlement_amount",
  ),
  /** Either prose ("x days after delivery") or a Unix timestamp as a string. */
  estimated_settlement: str,
  unsettled_reason: str,
  revenue_breakdown: revenueBreakdown.optional(),
  fee_tax_breakdown: unsettledFeeTaxBreakdown.optional(),
  shipping_cost_breakdown: unsettledShippingCostBreakdown.optional(),
});
export type UnsettledTransaction = z.infer<typeof unsettledTransaction>;

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

/** `types=WITHDRAW,SETTLE` on the wire; an array from callers. */
const withdrawalTypes = queryList(withdrawalType);

const transactionsQuery = z.object({
  sort_field: z.literal("order_create_time"),
  sort_order: sortOrder.optional(),
  ...financePage,
});

const base = { cipher: "required", scope: scopes.finance } as const;

export const finance = {
  getStatements: endpoint({
    ...base,
    name: "getStatements",
    summary: "Daily settlement statements, filterable by generation time and payment status.",
    method: "GET",
    path: "/finance/202309/statements",
    query: z.object({
      sort_field: z.literal("statement_time"),
      sort_order: sortOrder.optional(),
      statement_time_ge: queryTime.optional(),
      statement_time_lt: queryTime.optional(),
      payment_status: paymentStatus.optional(),
      ...financePage,
    }),
    response: z.looseObject({ statements: z.array(statement).default([]), ...pageInfo }),
    pagination: { tokenIn: "query", items: "statements" },
  }),
  getPayments: endpoint({
    ...base,
    name: "getPayments",
    summary: "Payouts to the seller's bank account (not available in SEA markets).",
    method: "GET",
    path: "/finance/202309/payments",
    query: z.object({
      sort_field: z.literal("create_time"),
      sort_order: sortOrder.optional(),
      create_time_ge: queryTime.optional(),
      create_time_lt: queryTime.optional(),
      ...financePage,
    }),
    response: z.looseObject({ payments: z.array(payout).default([]), ...pageInfo }),
    pagination: { tokenIn: "query", items: "payments" },
  }),
  getWithdrawals: endpoint({
    ...base,
    name: "getWithdrawals",
    summary: "Withdrawals, settlements, transfers and reversals of the seller balance.",
    method: "GET",
    path: "/finance/202309/withdrawals",
    query: z.object({
      types: withdrawalTypes,
      create_time_ge: queryTime.optional(),
      create_time_lt: queryTime.optional(),
      ...financePage,
    }),
    response: z.looseObject({ withdrawals: z.array(withdrawal).default([]), ...pageInfo }),
    pagination: { tokenIn: "query", items: "withdrawals" },
  }),
  getStatementTransactions: endpoint({
    ...base,
    name: "getStatementTransactions",
    summary: "Order and adjustment lines of one statement (202309, UK/US local sellers).",
    method: "GET",
    path: "/finance/202309/statements/{statement_id}/statement_transactions",
    params: z.object({ statement_id: id }),
    query: transactionsQuery,
    response: z.looseObject({
      statement_id: id,
      statement_time: time,
      currency: str,
      ...totals202309,
      statement_transactions: z.array(statementTransaction).default([]),
      ...pageInfo,
    }),
    pagination: { tokenIn: "query", items: "statement_transactions" },
  }),
  getStatementTransactions202501: endpoint({
    ...base,
    name: "getStatementTransactions202501",
    summary: "Order, reserve and adjustment lines of one statement with fee, tax and shipping breakdowns.",
    method: "GET",
    path: "/finance/202501/statements/{statement_id}/statement_transactions",
    params: z.object({ statement_id: id }),
    query: transactionsQuery,
    response: z.looseObject({
      /** The statement's id. */
      id,
      create_time: time,
      status: settlementStatus.or(z.string()).optional(),
      currency: str,
      total_settlement_amount: amount.optional(),
      total_reserve_amount: amount.optional(),
      /** total_settlement_amount + total_reserve_amount. */
      payable_amount: amount.optional(),
      total_settlement_breakdown: z
        .looseObject(
          amounts(
            "total_revenue_amount",
            "total_shipping_cost_amount",
            "total_fee_tax_amount",
            "total_adjustment_amount",
          ),
        )
        .optional(),
      transactions: z.array(statementTransaction202501).default([]),
      ...pageInfo,
    }),
    pagination: { tokenIn: "query", items: "transactions" },
  }),
  getOrderStatementTransactions: endpoint({
    ...base,
    name: "getOrderStatementTransactions",
    summary: "Settled amounts of one order per statement, down to SKU (202309, UK/US).",
    method: "GET",
    path: "/finance/202309/orders/{order_id}/statement_transactions",
    params: z.object({ order_id: id }),
    response: z.looseObject({
      order_id: id,
      order_create_time: time,
      statement_transactions: z.array(orderStatementTransaction).default([]),
    }),
  }),
  getOrderStatementTransactions202501: endpoint({
    ...base,
    name: "getOrderStatementTransactions202501",
    summary: "Settled amounts of one order per SKU with fee, tax and shipping breakdowns.",
    method: "GET",
    path: "/finance/202501/orders/{order_id}/statement_transactions",
    params: z.object({ order_id: id }),
    response: z.looseObject({
      order_id: id,
      order_create_time: time,
      currency: str,
      revenue_amount: amount.optional(),
      shipping_cost_amount: amount.optional(),
      /** Named fee_and_tax here but fee_tax on the SKU lines. */
      fee_and_tax_amount: amount.optional(),
      settlement_amount: amount.optional(),
      total_count: z.number().int().optional(),
      sku_transactions: z.array(orderSkuTransaction).default([]),
    }),
  }),
  getUnsettledTransactions: endpoint({
    ...base,
    name: "getUnsettledTransactions",
    summary: "Estimated amounts of orders and adjustments not settled yet (created after 2025-01-01).",
    method: "GET",
    path: "/finance/202507/orders/unsettled",
    query: transactionsQuery.extend({
      search_time_ge: queryTime.optional(),
      search_time_lt: queryTime.optional(),
    }),
    response: z.looseObject({
      transactions: z.array(unsettledTransaction).default([]),
      ...pageInfo,
      ...amounts(
        "sum_est_settlement_amount",
        "sum_est_revenue_amount",
        "sum_est_fee_amount",
        "sum_est_adjustment_amount",
      ),
    }),
    pagination: { tokenIn: "query", items: "transactions" },
  }),
  // Known only by path (not available in the EU); its parameters and fields are not in the
  // reference, so both pass through.
  getTaxInformation: endpoint({
    ...base,
    name: "getTaxInformation",
    summary: "The shop's tax registration information.",
    method: "GET",
    path: "/finance/202504/tax_information",
    query: z.looseObject({}),
    response: z.looseObject({}),
  }),
};
