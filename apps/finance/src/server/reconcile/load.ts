import type { AppDatabase } from "@tts-kit/db";
import { count, eq } from "drizzle-orm";
import * as schema from "../db/schema.ts";
import { isDecimal, sum } from "../money.ts";
import type { FeeBasis, ReconciliationInput, TransactionRecord } from "./engine.ts";

type Db = AppDatabase<typeof schema>;

function object(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

export function transactionRecord(
  row: typeof schema.transactions.$inferSelect,
  skuCount = 1,
): TransactionRecord {
  const raw = object(row.raw);
  const supplement = object(raw.supplementary_component);
  const paid = supplement.customer_payment_amount;
  const refunded = supplement.customer_refund_amount;
  const fees = object(object(raw.fee_tax_breakdown).fee) as Record<string, string | undefined>;
  const shipping = object(raw.shipping_cost_breakdown);
  return {
    statementId: row.statementId,
    id: row.id,
    type: row.type,
    orderId: row.orderId,
    currency: row.currency,
    revenueAmount: row.revenueAmount,
    shippingCostAmount: row.shippingCostAmount,
    feeTaxAmount: row.feeTaxAmount,
    adjustmentAmount: row.adjustmentAmount,
    settlementAmount: row.settlementAmount,
    fees,
    actualShippingFee:
      typeof shipping.actual_shipping_fee_amount === "string"
        ? shipping.actual_shipping_fee_amount
        : undefined,
    customerPayment:
      typeof paid === "string" && isDecimal(paid)
        ? sum([paid, typeof refunded === "string" && isDecimal(refunded) ? refunded : undefined]).toString()
        : undefined,
    skuCount,
  };
}

/**
 * Everything of one shop the engine looks at. Statements and payments are limited to the range
 * (by statement and creation time), orders to those delivered in it (or updated, when TikTok gives
 * no delivery time); transactions are all of the shop's, so an order delivered in the range but
 * settled after it is still found.
 */
export async function loadReconciliationInput(
  db: Db,
  shopId: string,
  range: { start: number; end: number },
): Promise<ReconciliationInput> {
  const inRange = (t: number | null | undefined) => t != null && t >= range.start && t < range.end;
  const [orders, statements, transactions, payments, unsettled, feeRates, skuCounts] = await Promise.all([
    db
      .select({
        id: schema.orders.id,
        status: schema.orders.status,
        deliveryTime: schema.orders.deliveryTime,
        updateTime: schema.orders.updateTime,
        isSample: schema.orders.isSample,
        currency: schema.orders.currency,
      })
      .from(schema.orders)
      .where(eq(schema.orders.shopId, shopId)),
    db.select().from(schema.statements).where(eq(schema.statements.shopId, shopId)),
    db.select().from(schema.transactions).where(eq(schema.transactions.shopId, shopId)),
    db.select().from(schema.payments).where(eq(schema.payments.shopId, shopId)),
    db.select().from(schema.unsettled).where(eq(schema.unsettled.shopId, shopId)),
    db.select().from(schema.feeRates).where(eq(schema.feeRates.shopId, shopId)),
    db
      .select({ orderId: schema.orderSkus.orderId, statementId: schema.orderSkus.statementId, n: count() })
      .from(schema.orderSkus)
      .where(eq(schema.orderSkus.shopId, shopId))
      .groupBy(schema.orderSkus.orderId, schema.orderSkus.statementId),
  ]);
  const skusOf = new Map(skuCounts.map((r) => [`${r.orderId}/${r.statementId}`, Number(r.n)]));
  let latestStatementTime: number | null = null;
  for (const s of statements) latestStatementTime = Math.max(latestStatementTime ?? 0, s.statementTime);
  return {
    orders: orders
      .filter((o) => inRange(o.deliveryTime ?? o.updateTime))
      .map((o) => ({
        id: o.id,
        status: o.status,
        deliveryTime: o.deliveryTime,
        currency: o.currency,
        isSample: o.isSample,
      })),
    statements: statements
      .filter((s) => inRange(s.statementTime))
      .map((s) => ({
        id: s.id,
        statementTime: s.statementTime,
        currency: s.currency,
        settlementAmount: s.settlementAmount,
        paymentId: s.paymentId,
        paymentStatus: s.paymentStatus,
        totalReserveAmount: s.totalReserveAmount,
        payableAmount: s.payableAmount,
        transactionCount: s.transactionsKey === null ? null : s.transactionCount,
      })),
    transactions: transactions.map((t) =>
      transactionRecord(t, skusOf.get(`${t.orderId}/${t.statementId}`) ?? 1),
    ),
    payments: payments
      .filter((p) => inRange(p.createTime))
      .map((p) => ({
        id: p.id,
        status: p.status,
        amount: p.amount,
        currency: p.currency,
        settlementAmount: p.settlementAmount,
        reserveAmount: p.reserveAmount,
        amountBeforeExchange: p.amountBeforeExchange,
        settlementCurrency: p.settlementCurrency,
        exchangeRate: p.exchangeRate,
      })),
    unsettled: unsettled.map((u) => ({
      orderId: u.orderId,
      currency: u.currency,
      estSettlementAmount: u.estSettlementAmount,
      estShippingCostAmount: u.estShippingCostAmount,
      unsettledReason: u.unsettledReason,
      estimatedSettlement: u.estimatedSettlement,
      current: u.current,
    })),
    feeRates: feeRates
      .filter((r) => r.enabled)
      .map((r) => ({ component: r.component, ratePercent: r.ratePercent, basis: r.basis as FeeBasis })),
    latestStatementTime,
  };
}
