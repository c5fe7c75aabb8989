import { CommerceError, codes } from "./errors.ts";
import { orderShares, returnsByOrder, sumComponents, type Totals, totalsOf } from "./finance-fees.ts";
import {
  findPayment,
  findStatement,
  paymentFigures,
  settlementOutlook,
  statementFigures,
  transactionComponents,
} from "./finance-ledger.ts";
import { type Component, feeModel, type ShopFinance, type TamperableTotal } from "./finance-model.ts";
import { fromMinor, parseMinor } from "./money.ts";
import type { Order, ShopCommerce } from "./state.ts";

/**
 * Discrepancies a finance app must catch, injected on purpose by tests: an overcharged fee (that
 * still adds up), a statement whose total disagrees with its lines, a payment that disagrees with
 * its statements, and an order left out of every statement. Each validates everything before it
 * changes anything, and answers with what it changed.
 */

function bad(message: string): never {
  throw new CommerceError(codes.invalidParam, message);
}

/** A decimal string in the shop's currency as minor units; zero or malformed is refused. */
export function amountOf(value: string, currency: string, field: string, positive: boolean): number {
  const minor = parseMinor(value, currency);
  if (minor === null) bad(`${field} must be a decimal string in ${currency} such as "1.50"`);
  if (minor === 0 || (positive && minor < 0))
    bad(`${field} must be ${positive ? "greater than" : "other than"} 0`);
  return minor;
}

function requireShopOrder(shop: ShopCommerce, orderId: string): Order {
  const order = shop.orders[orderId];
  if (!order) bad(`Unknown order ${orderId} in shop ${shop.shopId}`);
  return order;
}

export const OVERCHARGEABLE_FEES = [
  "shipping",
  "referral",
  "transaction",
  "affiliate",
  "refund_administration",
] as const;
export type OverchargeableFee = (typeof OVERCHARGEABLE_FEES)[number];

const wireField: Partial<Record<Component, string>> = {
  fbmShippingCost: "fbm_shipping_cost_amount",
  fbtFulfillmentFee: "fbt_fulfillment_fee_amount",
  referralFee: "referral_fee_amount",
  platformCommission: "platform_commission_amount",
  transactionFee: "transaction_fee_amount",
  affiliateCommission: "affiliate_commission_amount",
  refundAdministrationFee: "refund_administration_fee_amount",
};

function summary(t: Totals, currency: string) {
  return {
    fee_amount: fromMinor(t.fee + t.tax, currency),
    shipping_cost_amount: fromMinor(t.shippingCost, currency),
    settlement_amount: fromMinor(t.settlement, currency),
  };
}

export interface OverchargeResult {
  order_id: string;
  fee: OverchargeableFee;
  field: string;
  amount: string;
  settled: boolean;
  statement_id: string | null;
  before: ReturnType<typeof summary>;
  after: ReturnType<typeof summary>;
}

/**
 * Charges `amount` more of one fee on an order's transaction. The fee and the settlement move
 * together, and statement totals and payments are sums of the lines, so everything still adds up;
 * only a recomputation of the fee from the documented rates (or the label price) shows it.
 */
export function overchargeFee(
  shop: ShopCommerce,
  ledger: ShopFinance,
  orderId: string,
  fee: OverchargeableFee,
  amountText: string,
): OverchargeResult {
  const order = requireShopOrder(shop, orderId);
  if (order.isSampleOrder || order.status === "CANCELLED" || order.rtsTime === null) {
    bad(
      `Order ${orderId} has no order transaction to overcharge (${order.isSampleOrder ? "a sample order" : order.status}); pick a shipped order`,
    );
  }
  if (order.id in ledger.withheldOrders) bad(`Order ${orderId} is withheld from every statement`);
  const amount = amountOf(amountText, shop.currency, "amount", true);
  const model = feeModel(shop);
  const component: Component =
    fee === "shipping"
      ? order.fulfillmentType === "FULFILLMENT_BY_TIKTOK"
        ? "fbtFulfillmentFee"
        : "fbmShippingCost"
      : fee === "referral"
        ? model.commissionField
        : fee === "transaction"
          ? "transactionFee"
          : fee === "affiliate"
            ? "affiliateCommission"
            : "refundAdministrationFee";
  const statementId = ledger.settledOrders[order.id] ?? null;
  const statement = statementId === null ? undefined : findStatement(ledger, statementId);
  const tx = statement?.transactions.find((line) => line.type === "ORDER" && line.orderId === order.id);
  let before: Totals;
  let after: Totals;
  if (tx?.skus[0]) {
    before = totalsOf(transactionComponents(tx));
    const first = tx.skus[0];
    first.amounts[component] = (first.amounts[component] ?? 0) - amount;
    after = totalsOf(transactionComponents(tx));
  } else {
    const estimate = () =>
      totalsOf(
        sumComponents(
          orderShares(
            shop,
            order,
            returnsByOrder(shop).get(order.id) ?? [],
            model,
            ledger.feeOverrides[order.id],
          ).map((sku) => sku.amounts),
        ),
      );
    before = estimate();
    ledger.feeOverrides[order.id] = [...(ledger.feeOverrides[order.id] ?? []), { component, amount }];
    after = estimate();
  }
  return {
    order_id: order.id,
    fee,
    field: wireField[component] ?? component,
    amount: fromMinor(amount, shop.currency),
    settled: tx !== undefined,
    statement_id: tx ? statementId : null,
    before: summary(before, shop.currency),
    after: summary(after, shop.currency),
  };
}

export const TAMPERABLE_FIELDS: Record<string, TamperableTotal> = {
  settlement_amount: "settlement",
  revenue_amount: "revenue",
  net_sales_amount: "netSales",
  fee_amount: "fee",
  shipping_cost_amount: "shippingCost",
  adjustment_amount: "adjustment",
};

/** Makes a stated total differ from the sum of the statement's lines by `delta`. */
export function tamperStatementTotal(
  ledger: ShopFinance,
  statementId: string,
  field: string,
  deltaText: string,
) {
  const statement = findStatement(ledger, statementId);
  if (!statement) bad(`Unknown statement ${statementId} in shop ${ledger.shopId}`);
  const key = TAMPERABLE_FIELDS[field];
  if (!key) bad(`field must be one of ${Object.keys(TAMPERABLE_FIELDS).join(", ")}`);
  const delta = amountOf(deltaText, ledger.currency, "delta", false);
  const pick = (t: Totals) => (key === "fee" ? t.fee + t.tax : t[key]);
  const before = pick(statementFigures(statement).stated);
  statement.tamper[key] = (statement.tamper[key] ?? 0) + delta;
  const figures = statementFigures(statement);
  return {
    statement_id: statement.id,
    field,
    before: fromMinor(before, ledger.currency),
    after: fromMinor(pick(figures.stated), ledger.currency),
    transactions_sum: fromMinor(pick(figures.lines), ledger.currency),
  };
}

/** Makes a payment's amount differ from settlement + reserve of its statements by `delta`. */
export function tamperPaymentAmount(ledger: ShopFinance, paymentId: string, deltaText: string) {
  const payment = findPayment(ledger, paymentId);
  if (!payment) bad(`Unknown payment ${paymentId} in shop ${ledger.shopId}`);
  const delta = amountOf(deltaText, ledger.currency, "delta", false);
  const before = paymentFigures(ledger, payment);
  payment.amountDelta += delta;
  const after = paymentFigures(ledger, payment);
  const money = (minor: number) => fromMinor(minor, ledger.currency);
  return {
    payment_id: payment.id,
    currency: ledger.currency,
    before: money(before.beforeExchange),
    after: money(after.beforeExchange),
    amount: { value: fromMinor(after.amount, payment.currency), currency: payment.currency },
    settlement_amount: money(after.settlement),
    reserve_amount: money(after.reserve),
  };
}

/**
 * Leaves a delivered or completed order out of every statement: it never settles, and if it had,
 * its transaction and its reserve lines leave their statements (whose totals and payments follow).
 */
export function withholdOrder(shop: ShopCommerce, ledger: ShopFinance, orderId: string, now: number) {
  const order = requireShopOrder(shop, orderId);
  if (order.status !== "DELIVERED" && order.status !== "COMPLETED") {
    bad(`Order ${orderId} is ${order.status}; only a DELIVERED or COMPLETED order can be left unsettled`);
  }
  if (order.isSampleOrder) bad(`Order ${orderId} is a sample order, which never settles as an order`);
  let removedFrom: string | null = null;
  const settledOn = ledger.settledOrders[order.id];
  if (settledOn !== undefined) {
    const statement = findStatement(ledger, settledOn);
    if (statement) {
      statement.transactions = statement.transactions.filter(
        (tx) => !(tx.type === "ORDER" && tx.orderId === order.id),
      );
      removedFrom = statement.id;
    }
    for (const reserve of Object.values(ledger.reserves)) {
      if (reserve.orderId !== order.id) continue;
      for (const id of [reserve.collectedOn, reserve.releasedOn]) {
        const holder = id === null ? undefined : findStatement(ledger, id);
        if (holder)
          holder.transactions = holder.transactions.filter((tx) => tx.reserve?.reserveId !== reserve.id);
      }
      delete ledger.reserves[reserve.id];
    }
    delete ledger.settledOrders[order.id];
  }
  ledger.withheldOrders[order.id] ??= now;
  const outlook = settlementOutlook(order, returnsByOrder(shop).get(order.id) ?? []);
  return {
    order_id: order.id,
    order_status: order.status,
    removed_from_statement: removedFrom,
    expected_settlement_time: outlook.at,
  };
}
