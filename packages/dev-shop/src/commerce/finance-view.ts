import {
  feeBreakdown,
  orderShippingCostBreakdown,
  revenueBreakdown,
  shippingCostBreakdown,
  taxBreakdown,
  transactionSupplement,
  unsettledFeeTaxBreakdown,
  unsettledShippingCostBreakdown,
} from "@tts-kit/tiktok-shop/contract";
import { z } from "zod";
import { type Totals, totalsOf } from "./finance-fees.ts";
import {
  findPayment,
  paymentFigures,
  type StatementFigures,
  statementFigures,
  statementPaymentStatus,
  transactionComponents,
  type UnsettledItem,
} from "./finance-ledger.ts";
import {
  bankAccount,
  type Component,
  type Components,
  type LedgerPayment,
  type LedgerStatement,
  type LedgerTransaction,
  type LedgerWithdrawal,
  type ShopFinance,
  type SkuShare,
} from "./finance-model.ts";
import { fromMinor } from "./money.ts";
import type { ShopCommerce } from "./state.ts";

/**
 * Ledger records to TikTok's wire shapes (reference §2). Every member the contract lists for a
 * breakdown is present ("0" when it does not apply), so a client sees the whole fee model; the
 * members that would count an amount twice (e.g. affiliate commission before PIT) stay "0", so
 * each breakdown sums exactly to its total.
 */

type Values = Record<string, number>;
type Wire = Record<string, unknown>;

function keysOf(schema: z.ZodType): string[] {
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  return inner instanceof z.ZodObject ? Object.keys(inner.shape) : [];
}

function memberOf(schema: z.ZodType, key: string): z.ZodType {
  const inner = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>)[key] : undefined;
  if (!inner) throw new Error(`the contract has no ${key}`);
  return inner;
}

/** Every money member of `schema` as a decimal string; a value for a member the contract lacks is a bug. */
function fill(schema: z.ZodType, values: Values, currency: string): Record<string, string> {
  const keys = keysOf(schema).filter(
    (key) => key !== "supplementary_component" && key !== "fee" && key !== "tax",
  );
  for (const key of Object.keys(values)) {
    if (!keys.includes(key)) throw new Error(`${key} is not a member of this breakdown`);
  }
  return Object.fromEntries(keys.map((key) => [key, fromMinor(values[key] ?? 0, currency)]));
}

const v = (c: Components, key: Component) => c[key] ?? 0;

// ---- 202501 / 202507 breakdowns -------------------------------------------------------------------

function revenueValues(c: Components): Values {
  return {
    subtotal_before_discount_amount: v(c, "grossSales"),
    seller_discount_amount: v(c, "sellerDiscount"),
    refund_subtotal_before_discount_amount: v(c, "grossSalesRefund"),
    seller_discount_refund_amount: v(c, "sellerDiscountRefund"),
  };
}

function feeValues(c: Components): Values {
  return {
    platform_commission_amount: v(c, "platformCommission"),
    referral_fee_amount: v(c, "referralFee"),
    transaction_fee_amount: v(c, "transactionFee"),
    refund_administration_fee_amount: v(c, "refundAdministrationFee"),
    affiliate_commission_amount: v(c, "affiliateCommission"),
  };
}

function shippingValues(c: Components): Values {
  return {
    actual_shipping_fee_amount: v(c, "fbmShippingCost") + v(c, "fbtShippingCost") + v(c, "fbtFulfillmentFee"),
    customer_paid_shipping_fee_amount: v(c, "customerShippingFee") + v(c, "customerShippingFeeRefund"),
    shipping_fee_discount_amount: v(c, "shippingFeeSubsidy"),
    return_shipping_fee_amount: v(c, "returnShippingFee"),
  };
}

function shippingSupplementValues(c: Components): Values {
  return {
    refunded_customer_shipping_fee_amount: v(c, "customerShippingFeeRefund"),
    fbm_shipping_cost_amount: v(c, "fbmShippingCost"),
    fbt_shipping_cost_amount: v(c, "fbtShippingCost"),
    fbt_fulfillment_fee_amount: v(c, "fbtFulfillmentFee"),
    platform_shipping_fee_discount_amount: v(c, "shippingFeeSubsidy"),
    shipping_fee_subsidy_amount: v(c, "shippingFeeSubsidy"),
  };
}

function feeTaxBreakdown(c: Components, currency: string): Wire {
  return {
    fee: fill(feeBreakdown, feeValues(c), currency),
    tax: fill(taxBreakdown, {}, currency),
  };
}

function statementShipping(c: Components, currency: string): Wire {
  return {
    ...fill(shippingCostBreakdown, shippingValues(c), currency),
    supplementary_component: fill(
      memberOf(shippingCostBreakdown, "supplementary_component"),
      {
        ...shippingSupplementValues(c),
        customer_shipping_fee: v(c, "customerShippingFee"),
        refund_customer_shipping_fee: v(c, "customerShippingFeeRefund"),
      },
      currency,
    ),
  };
}

function orderShipping(c: Components, currency: string): Wire {
  return {
    ...fill(orderShippingCostBreakdown, shippingValues(c), currency),
    supplementary_component: fill(
      memberOf(orderShippingCostBreakdown, "supplementary_component"),
      shippingSupplementValues(c),
      currency,
    ),
  };
}

function supplement(c: Components, t: Totals, currency: string): Wire {
  return fill(
    transactionSupplement,
    {
      customer_payment_amount: t.customerPayment,
      customer_refund_amount: t.customerOrderRefund,
      platform_discount_amount: v(c, "platformDiscount"),
      platform_discount_refund_amount: v(c, "platformDiscountRefund"),
      sales_tax_amount: v(c, "salesTaxPayment") - v(c, "salesTaxRefund"),
      sales_tax_payment_amount: v(c, "salesTaxPayment"),
      sales_tax_refund_amount: v(c, "salesTaxRefund"),
    },
    currency,
  );
}

// ---- 202309 amounts -------------------------------------------------------------------------------

/** The flat 202309 amount set of a transaction, an order share or a SKU share. */
function amounts202309(c: Components, t: Totals, currency: string, withReimbursement: boolean): Wire {
  const money = (minor: number) => fromMinor(minor, currency);
  const wire: Wire = {
    revenue_amount: money(t.revenue),
    net_sales_amount: money(t.netSales),
    fee_amount: money(t.fee + t.tax),
    shipping_cost_amount: money(t.shippingCost),
    adjustment_amount: money(t.adjustment),
    settlement_amount: money(t.settlement),
    gross_sales_amount: money(v(c, "grossSales")),
    gross_sales_refund_amount: money(v(c, "grossSalesRefund")),
    seller_discount_amount: money(v(c, "sellerDiscount")),
    seller_discount_refund_amount: money(v(c, "sellerDiscountRefund")),
    after_seller_discounts_subtotal_amount: money(t.afterSellerDiscounts),
    customer_payment_amount: money(t.customerPayment),
    customer_refund_amount: money(t.customerOrderRefund),
    customer_order_refund_amount: money(t.customerOrderRefund),
    platform_discount_amount: money(v(c, "platformDiscount")),
    platform_discount_refund_amount: money(v(c, "platformDiscountRefund")),
    platform_refund_subsidy_amount: money(0),
    sales_tax_amount: money(v(c, "salesTaxPayment") - v(c, "salesTaxRefund")),
    sales_tax_payment_amount: money(v(c, "salesTaxPayment")),
    sales_tax_refund_amount: money(v(c, "salesTaxRefund")),
    retail_delivery_fee_amount: money(0),
    retail_delivery_fee_payment_amount: money(0),
    retail_delivery_fee_refund_amount: money(0),
    platform_commission_amount: money(v(c, "platformCommission")),
    referral_fee_amount: money(v(c, "referralFee")),
    transaction_fee_amount: money(v(c, "transactionFee")),
    refund_administration_fee_amount: money(v(c, "refundAdministrationFee")),
    affiliate_commission_amount: money(v(c, "affiliateCommission")),
    affiliate_commission_before_pit: money(0),
    affiliate_partner_commission_amount: money(0),
    affiliate_ads_commission_amount: money(0),
    pit_amount: money(0),
    isr_income_tax_amount: money(0),
    iva_vat_amount: money(0),
    // The non-UK/US shipping members; 202309 transactions serve UK/US local sellers only.
    shipping_fee_amount: money(0),
    actual_shipping_fee_amount: money(0),
    actual_return_shipping_fee_amount: money(0),
    platform_shipping_fee_discount_amount: money(0),
    return_shipping_fee_amount: money(v(c, "returnShippingFee")),
    customer_shipping_fee_amount: money(v(c, "customerShippingFee")),
    customer_paid_shipping_fee_amount: money(v(c, "customerShippingFee")),
    customer_paid_shipping_fee_refund_amount: money(v(c, "customerShippingFeeRefund")),
    customer_shipping_fee_offset_amount: money(0),
    fbm_shipping_cost_amount: money(v(c, "fbmShippingCost")),
    fbt_shipping_cost_amount: money(v(c, "fbtShippingCost")),
    fbt_fulfillment_fee_amount: money(v(c, "fbtFulfillmentFee")),
    shipping_cost_discount_amount: money(0),
    refund_shipping_cost_discount_amount: money(0),
    shipping_fee_subsidy_amount: money(v(c, "shippingFeeSubsidy")),
    promo_shipping_incentive_amount: money(0),
    shipping_insurance_fee_amount: money(0),
    signature_confirmation_fee_amount: money(0),
  };
  if (withReimbursement) wire.fbt_fulfillment_fee_reimbursement_amount = money(0);
  return wire;
}

// ---- identity of a line ---------------------------------------------------------------------------

/** Exactly one of order_id / adjustment_id is non-zero (reference §2.5). */
function identity(tx: LedgerTransaction): Wire {
  const adjustment = tx.adjustmentId !== null;
  return {
    id: tx.id,
    type: tx.type,
    order_id: tx.type === "ORDER" ? (tx.orderId ?? "0") : "0",
    order_create_time: tx.orderCreateTime,
    adjustment_id: adjustment ? tx.adjustmentId : "0",
    adjustment_order_id: adjustment ? (tx.orderId ?? "0") : "0",
  };
}

// ---- statements, payments, withdrawals ------------------------------------------------------------

export function render202309Statement(
  shop: ShopCommerce,
  ledger: ShopFinance,
  statement: LedgerStatement,
): Wire {
  const figures = statementFigures(statement);
  const payment = findPayment(ledger, statement.paymentId);
  return {
    id: statement.id,
    statement_time: statement.time,
    currency: ledger.currency,
    ...statementTotals202309(shop, statement, figures, ledger.currency),
    payment_id: statement.paymentId ?? "",
    payment_status: statementPaymentStatus(ledger, statement),
    ...(payment?.status === "PAID" ? { payment_time: payment.paidAt } : {}),
  };
}

/**
 * Local UK/US shops: settlement = net_sales + shipping_cost + fee + adjustment. Cross-border shops
 * follow the other regions' formula, settlement = revenue + fee + adjustment: revenue is the net
 * sales, shipping costs are part of the fee, and the local-only members are empty.
 */
function statementTotals202309(
  shop: ShopCommerce,
  statement: LedgerStatement,
  figures: StatementFigures,
  currency: string,
): Wire {
  const money = (minor: number) => fromMinor(minor, currency);
  const s = figures.stated;
  if (shop.sellerType === "CROSS_BORDER") {
    const t = statement.tamper;
    return {
      revenue_amount: money(figures.lines.netSales + (t.revenue ?? 0) + (t.netSales ?? 0)),
      net_sales_amount: "",
      fee_amount: money(
        figures.lines.fee + figures.lines.shippingCost + (t.fee ?? 0) + (t.shippingCost ?? 0),
      ),
      shipping_cost_amount: "",
      adjustment_amount: money(s.adjustment),
      settlement_amount: money(s.settlement),
    };
  }
  return {
    revenue_amount: money(s.revenue),
    net_sales_amount: money(s.netSales),
    fee_amount: money(s.fee + s.tax),
    shipping_cost_amount: money(s.shippingCost),
    adjustment_amount: money(s.adjustment),
    settlement_amount: money(s.settlement),
  };
}

export function renderPayment(ledger: ShopFinance, payment: LedgerPayment): Wire {
  const figures = paymentFigures(ledger, payment);
  const local = (minor: number) => ({ value: fromMinor(minor, ledger.currency), currency: ledger.currency });
  return {
    id: payment.id,
    create_time: payment.createTime,
    ...(payment.status === "PAID" ? { paid_time: payment.paidAt } : {}),
    status: payment.status,
    amount: { value: fromMinor(figures.amount, payment.currency), currency: payment.currency },
    settlement_amount: local(figures.settlement),
    reserve_amount: local(figures.reserve),
    payment_amount_before_exchange: local(figures.beforeExchange),
    exchange_rate: rateString(payment.rateMicros),
    bank_account: bankAccount(ledger.shopId),
  };
}

export function rateString(micros: number): string {
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, "0")}`;
}

export function renderWithdrawal(ledger: ShopFinance, withdrawal: LedgerWithdrawal): Wire {
  if (withdrawal.type === "SETTLE") {
    const statement = ledger.statements.find((candidate) => candidate.id === withdrawal.statementId);
    return {
      id: withdrawal.id,
      type: "SETTLE",
      status: "SUCCESS",
      amount: fromMinor(statement ? statementFigures(statement).payable : 0, ledger.currency),
      currency: ledger.currency,
      create_time: withdrawal.createTime,
    };
  }
  const payment = findPayment(ledger, withdrawal.paymentId);
  return {
    id: withdrawal.id,
    type: "WITHDRAW",
    status: payment?.status === "PAID" ? "SUCCESS" : "PROCESSING",
    amount: fromMinor(payment ? paymentFigures(ledger, payment).amount : 0, ledger.payoutCurrency),
    currency: ledger.payoutCurrency,
    create_time: withdrawal.createTime,
  };
}

// ---- transactions by statement ----------------------------------------------------------------------

export function render202309StatementHeader(
  shop: ShopCommerce,
  ledger: ShopFinance,
  statement: LedgerStatement,
): Wire {
  return {
    statement_id: statement.id,
    statement_time: statement.time,
    currency: ledger.currency,
    ...statementTotals202309(shop, statement, statementFigures(statement), ledger.currency),
  };
}

export function render202309Transaction(ledger: ShopFinance, tx: LedgerTransaction): Wire {
  const c = transactionComponents(tx);
  return {
    ...identity(tx),
    currency: ledger.currency,
    ...amounts202309(c, totalsOf(c), ledger.currency, true),
  };
}

export function render202501StatementHeader(ledger: ShopFinance, statement: LedgerStatement): Wire {
  const figures = statementFigures(statement);
  const money = (minor: number) => fromMinor(minor, ledger.currency);
  const s = figures.stated;
  return {
    id: statement.id,
    create_time: statement.time,
    status: "SETTLED",
    currency: ledger.currency,
    total_settlement_amount: money(s.settlement),
    total_reserve_amount: money(figures.reserve),
    payable_amount: money(figures.payable),
    total_settlement_breakdown: {
      total_revenue_amount: money(s.netSales),
      total_shipping_cost_amount: money(s.shippingCost),
      total_fee_tax_amount: money(s.fee + s.tax),
      total_adjustment_amount: money(s.adjustment),
    },
  };
}

export function render202501Transaction(ledger: ShopFinance, tx: LedgerTransaction): Wire {
  const currency = ledger.currency;
  const money = (minor: number) => fromMinor(minor, currency);
  const c = transactionComponents(tx);
  const t = totalsOf(c);
  const reserve = tx.reserve;
  const held = reserve ? ledger.reserves[reserve.reserveId] : undefined;
  return {
    ...identity(tx),
    associated_order_id: reserve ? (tx.orderId ?? "") : "",
    reserve_id: reserve?.reserveId ?? "",
    reserve_amount: money(reserve?.amount ?? 0),
    ...(reserve
      ? {
          reserve_status: reserve.status,
          estimated_release_time:
            reserve.status === "COLLECTED" && held && held.releasedOn === null ? String(held.releaseAt) : "",
        }
      : {}),
    revenue_amount: money(t.netSales),
    shipping_cost_amount: money(t.shippingCost),
    fee_tax_amount: money(t.fee + t.tax),
    adjustment_amount: money(t.adjustment),
    settlement_amount: money(t.settlement),
    revenue_breakdown: fill(revenueBreakdown, revenueValues(c), currency),
    fee_tax_breakdown: feeTaxBreakdown(c, currency),
    shipping_cost_breakdown: statementShipping(c, currency),
    supplementary_component: supplement(c, t, currency),
  };
}

// ---- transactions by order --------------------------------------------------------------------------

export function render202309OrderShare(
  ledger: ShopFinance,
  statement: LedgerStatement,
  tx: LedgerTransaction,
): Wire {
  const c = transactionComponents(tx);
  return {
    statement_id: statement.id,
    statement_time: statement.time,
    status: "SETTLED",
    currency: ledger.currency,
    ...amounts202309(c, totalsOf(c), ledger.currency, true),
    sku_statement_transactions: tx.skus.map((sku) => ({
      sku_id: sku.skuId,
      sku_name: sku.skuName,
      product_name: sku.productName,
      quantity: sku.quantity,
      currency: ledger.currency,
      ...amounts202309(sku.amounts, totalsOf(sku.amounts), ledger.currency, false),
    })),
  };
}

export function render202501Sku(currency: string, statementId: string, sku: SkuShare): Wire {
  const money = (minor: number) => fromMinor(minor, currency);
  const c = sku.amounts;
  const t = totalsOf(c);
  return {
    sku_id: sku.skuId,
    sku_name: sku.skuName,
    product_name: sku.productName,
    quantity: String(sku.quantity),
    statement_id: statementId,
    revenue_amount: money(t.netSales),
    shipping_cost_amount: money(t.shippingCost),
    fee_tax_amount: money(t.fee + t.tax),
    settlement_amount: money(t.settlement),
    revenue_breakdown: fill(revenueBreakdown, revenueValues(c), currency),
    fee_tax_breakdown: feeTaxBreakdown(c, currency),
    shipping_cost_breakdown: orderShipping(c, currency),
  };
}

// ---- unsettled --------------------------------------------------------------------------------------

export function renderUnsettled(currency: string, item: UnsettledItem): Wire {
  const money = (minor: number) => fromMinor(minor, currency);
  const c = item.components;
  const t = totalsOf(c);
  const unsettledFee = memberOf(unsettledFeeTaxBreakdown, "fee");
  const unsettledTax = memberOf(unsettledFeeTaxBreakdown, "tax");
  const adjustment = item.adjustmentId !== null;
  return {
    id: item.id,
    type: item.type,
    status: "UNSETTLED",
    currency,
    order_id: adjustment ? "0" : item.orderId,
    order_create_time: item.orderCreateTime,
    ...(item.orderDeliveryTime !== null ? { order_delivery_time: item.orderDeliveryTime } : {}),
    adjustment_id: item.adjustmentId ?? "0",
    adjustment_order_id: adjustment ? item.orderId : "0",
    est_revenue_amount: money(t.netSales),
    est_shipping_cost_amount: money(t.shippingCost),
    est_fee_tax_amount: money(t.fee + t.tax),
    est_adjustment_amount: money(t.adjustment),
    est_settlement_amount: money(t.settlement),
    estimated_settlement: item.estimatedSettlement,
    unsettled_reason: item.reason,
    revenue_breakdown: fill(revenueBreakdown, revenueValues(c), currency),
    fee_tax_breakdown: {
      fee: fill(unsettledFee, feeValues(c), currency),
      tax: fill(unsettledTax, {}, currency),
    },
    shipping_cost_breakdown: {
      ...fill(unsettledShippingCostBreakdown, shippingValues(c), currency),
      supplementary_component: fill(
        memberOf(unsettledShippingCostBreakdown, "supplementary_component"),
        {
          fbm_shipping_cost_amount: v(c, "fbmShippingCost"),
          fbt_shipping_cost_amount: v(c, "fbtShippingCost"),
          fbt_fulfillment_fee_amount: v(c, "fbtFulfillmentFee"),
          platform_shipping_fee_discount_amount: v(c, "shippingFeeSubsidy"),
          shipping_fee_subsidy_amount: v(c, "shippingFeeSubsidy"),
        },
        currency,
      ),
    },
  };
}
