import { isReturnOpen } from "./aftersale-ops.ts";
import {
  type DerivedAdjustment,
  orderAdjustments,
  orderShares,
  returnsByOrder,
  settleableAt,
  sumComponents,
  type Totals,
  totalsOf,
} from "./finance-fees.ts";
import {
  type Components,
  DAY,
  exchangeRateMicros,
  type FeeModel,
  feeModel,
  type LedgerPayment,
  type LedgerStatement,
  type LedgerTransaction,
  nextFinanceId,
  nextMidnight,
  type ShopFinance,
  shopFinance,
  unsettledId,
} from "./finance-model.ts";
import { applyRate } from "./money.ts";
import { COMPLETE_AFTER_DELIVERY_SECONDS } from "./order-model.ts";
import type { CommerceState, Order, ReturnOrder, ShopCommerce } from "./state.ts";

/**
 * The daily close. Every 00:00 UTC the day before is settled: orders that became settleable,
 * adjustments booked, reserves collected and released. Payments follow when enough has built up,
 * and go from PROCESSING to PAID two days later. Like every other time-driven rule it applies
 * each step at the time it was due, so a clock jump of eight days produces eight daily closes
 * with their own timestamps, and the seed replays the whole history the same way.
 */

export function advanceFinance(state: CommerceState, shop: ShopCommerce, now: number): void {
  const ledger = shopFinance(state, shop);
  if (ledger.nextStatementAt === null) ledger.nextStatementAt = firstClose(shop, now);
  if (ledger.nextStatementAt <= now) closeDays(shop, ledger, now);
  for (const payment of ledger.payments) {
    if (payment.status === "PROCESSING" && payment.paidAt <= now) payment.status = "PAID";
  }
}

/** The ledger starts at the first midnight after the shop's oldest order. */
function firstClose(shop: ShopCommerce, now: number): number {
  let earliest = now;
  for (const order of Object.values(shop.orders)) earliest = Math.min(earliest, order.createTime);
  return nextMidnight(earliest);
}

interface Due<T> {
  at: number;
  item: T;
}

function closeDays(shop: ShopCommerce, ledger: ShopFinance, now: number): void {
  const model = feeModel(shop);
  const byOrder = returnsByOrder(shop);
  const orders: Array<Due<Order>> = [];
  const adjustments: Array<Due<DerivedAdjustment>> = [];
  for (const order of Object.values(shop.orders)) {
    if (!(order.id in ledger.settledOrders) && !(order.id in ledger.withheldOrders)) {
      const at = settleableAt(order, byOrder.get(order.id) ?? []);
      if (at !== null && at <= now) orders.push({ at, item: order });
    }
    for (const adjustment of orderAdjustments(shop, order)) {
      if (adjustment.createTime <= now && !(adjustment.id in ledger.settledAdjustments)) {
        adjustments.push({ at: adjustment.createTime, item: adjustment });
      }
    }
  }
  const byTime = <T extends { id: string }>(a: Due<T>, b: Due<T>) =>
    a.at - b.at || (a.item.id < b.item.id ? -1 : 1);
  orders.sort(byTime);
  adjustments.sort(byTime);
  let nextOrder = 0;
  let nextAdjustment = 0;
  let close = ledger.nextStatementAt ?? nextMidnight(now);
  for (; close <= now; close += DAY) {
    const dueOrders: Order[] = [];
    while (nextOrder < orders.length && orders[nextOrder]!.at < close)
      dueOrders.push(orders[nextOrder++]!.item);
    const dueAdjustments: DerivedAdjustment[] = [];
    while (nextAdjustment < adjustments.length && adjustments[nextAdjustment]!.at < close) {
      dueAdjustments.push(adjustments[nextAdjustment++]!.item);
    }
    closeDay(shop, ledger, model, close, dueOrders, dueAdjustments, byOrder);
  }
  ledger.nextStatementAt = close;
}

function closeDay(
  shop: ShopCommerce,
  ledger: ShopFinance,
  model: FeeModel,
  close: number,
  orders: Order[],
  adjustments: DerivedAdjustment[],
  byOrder: Map<string, ReturnOrder[]>,
): void {
  const releases = Object.values(ledger.reserves).filter(
    (reserve) => reserve.releasedOn === null && reserve.releaseAt <= close,
  );
  if (orders.length === 0 && adjustments.length === 0 && releases.length === 0) return;
  const statement: LedgerStatement = {
    id: nextFinanceId(ledger, "statement"),
    time: close,
    transactions: [],
    paymentId: null,
    tamper: {},
  };
  for (const order of orders) {
    const skus = orderShares(shop, order, byOrder.get(order.id) ?? [], model, ledger.feeOverrides[order.id]);
    statement.transactions.push({
      id: nextFinanceId(ledger, "transaction"),
      type: "ORDER",
      orderId: order.id,
      orderCreateTime: order.createTime,
      adjustmentId: null,
      skus,
      reserve: null,
    });
    ledger.settledOrders[order.id] = statement.id;
    const netSales = totalsOf(sumComponents(skus.map((sku) => sku.amounts))).netSales;
    const held = netSales > 0 ? applyRate(netSales, model.reserveBp) : 0;
    if (held > 0) {
      const reserveId = nextFinanceId(ledger, "reserve");
      ledger.reserves[reserveId] = {
        id: reserveId,
        orderId: order.id,
        orderCreateTime: order.createTime,
        amount: held,
        collectedOn: statement.id,
        releaseAt: close + model.reserveDays * DAY,
        releasedOn: null,
      };
      statement.transactions.push(reserveLine(ledger, order.id, order.createTime, reserveId, -held));
    }
  }
  for (const adjustment of adjustments) {
    statement.transactions.push({
      id: nextFinanceId(ledger, "transaction"),
      type: adjustment.type,
      orderId: adjustment.orderId,
      orderCreateTime: adjustment.orderCreateTime,
      adjustmentId: adjustment.id,
      skus: [
        { skuId: "", skuName: "", productName: "", quantity: 0, amounts: { adjustment: adjustment.amount } },
      ],
      reserve: null,
    });
    ledger.settledAdjustments[adjustment.id] = statement.id;
  }
  for (const reserve of releases) {
    reserve.releasedOn = statement.id;
    statement.transactions.push(
      reserveLine(ledger, reserve.orderId, reserve.orderCreateTime, reserve.id, reserve.amount),
    );
  }
  ledger.statements.push(statement);
  ledger.withdrawals.push({
    id: nextFinanceId(ledger, "withdrawal"),
    type: "SETTLE",
    createTime: close,
    statementId: statement.id,
    paymentId: null,
  });
  payOut(shop, ledger, model, close);
}

function reserveLine(
  ledger: ShopFinance,
  orderId: string,
  orderCreateTime: number,
  reserveId: string,
  amount: number,
): LedgerTransaction {
  return {
    id: nextFinanceId(ledger, "transaction"),
    type: "RESERVE",
    orderId,
    orderCreateTime,
    adjustmentId: null,
    skus: [],
    reserve: { reserveId, amount, status: amount < 0 ? "COLLECTED" : "RELEASED" },
  };
}

/** Pays every unpaid statement together once their payable amount reaches the minimum payout. */
function payOut(shop: ShopCommerce, ledger: ShopFinance, model: FeeModel, close: number): void {
  const unpaid = ledger.statements.filter((statement) => statement.paymentId === null);
  const payable = unpaid.reduce((sum, statement) => sum + statementFigures(statement).payable, 0);
  if (unpaid.length === 0 || payable < model.minimumPayout) return;
  const payment: LedgerPayment = {
    id: nextFinanceId(ledger, "payment"),
    createTime: close,
    paidAt: close + model.payoutDays * DAY,
    status: "PROCESSING",
    statementIds: unpaid.map((statement) => statement.id),
    currency: ledger.payoutCurrency,
    rateMicros: exchangeRateMicros(shop.currency, ledger.payoutCurrency, close / DAY),
    amountDelta: 0,
  };
  for (const statement of unpaid) statement.paymentId = payment.id;
  ledger.payments.push(payment);
  ledger.withdrawals.push({
    id: nextFinanceId(ledger, "withdrawal"),
    type: "WITHDRAW",
    createTime: close,
    statementId: null,
    paymentId: payment.id,
  });
}

// ---- figures ------------------------------------------------------------------------------------

export interface StatementFigures {
  /** Sums of the lines (reserve lines excluded). */
  lines: Totals;
  /** What the statement states: the sums plus any injected difference. */
  stated: Totals;
  reserve: number;
  /** stated settlement + reserve. */
  payable: number;
  components: Components;
}

export function transactionComponents(tx: LedgerTransaction): Components {
  return sumComponents(tx.skus.map((sku) => sku.amounts));
}

export function statementFigures(statement: LedgerStatement): StatementFigures {
  const components = sumComponents(
    statement.transactions.filter((tx) => tx.type !== "RESERVE").map(transactionComponents),
  );
  const lines = totalsOf(components);
  const t = statement.tamper;
  const stated: Totals = {
    ...lines,
    settlement: lines.settlement + (t.settlement ?? 0),
    revenue: lines.revenue + (t.revenue ?? 0),
    netSales: lines.netSales + (t.netSales ?? 0),
    fee: lines.fee + (t.fee ?? 0),
    shippingCost: lines.shippingCost + (t.shippingCost ?? 0),
    adjustment: lines.adjustment + (t.adjustment ?? 0),
  };
  const reserve = statement.transactions.reduce((sum, tx) => sum + (tx.reserve?.amount ?? 0), 0);
  return { lines, stated, reserve, payable: stated.settlement + reserve, components };
}

export interface PaymentFigures {
  settlement: number;
  reserve: number;
  /** settlement + reserve (+ an injected difference), in the statements' currency. */
  beforeExchange: number;
  /** In the payout currency. */
  amount: number;
}

export function paymentFigures(ledger: ShopFinance, payment: LedgerPayment): PaymentFigures {
  let settlement = 0;
  let reserve = 0;
  for (const id of payment.statementIds) {
    const statement = ledger.statements.find((candidate) => candidate.id === id);
    if (!statement) continue;
    const figures = statementFigures(statement);
    settlement += figures.stated.settlement;
    reserve += figures.reserve;
  }
  const beforeExchange = settlement + reserve + payment.amountDelta;
  // Half-up in integers: minor units times millionths, back to minor units.
  const scaled = beforeExchange * payment.rateMicros;
  const amount =
    payment.rateMicros === 1_000_000
      ? beforeExchange
      : Math.sign(scaled) * Math.floor((Math.abs(scaled) + 500_000) / 1_000_000);
  return { settlement, reserve, beforeExchange, amount };
}

export function findStatement(ledger: ShopFinance, id: string): LedgerStatement | undefined {
  return ledger.statements.find((statement) => statement.id === id);
}

export function findPayment(ledger: ShopFinance, id: string | null): LedgerPayment | undefined {
  return id === null ? undefined : ledger.payments.find((payment) => payment.id === id);
}

/** The statement's payment status: its payment's, or PROCESSING while it waits to be paid. */
export function statementPaymentStatus(
  ledger: ShopFinance,
  statement: LedgerStatement,
): "PAID" | "PROCESSING" {
  return findPayment(ledger, statement.paymentId)?.status ?? "PROCESSING";
}

// ---- not settled yet ----------------------------------------------------------------------------

/** An estimate of Get Unsettled Transactions: a shipped order or a booked adjustment not settled yet. */
export interface UnsettledItem {
  id: string;
  type: string;
  orderId: string;
  orderCreateTime: number;
  orderDeliveryTime: number | null;
  adjustmentId: string | null;
  components: Components;
  /** A Unix timestamp as a string, or prose while the time is not known. */
  estimatedSettlement: string;
  reason: string;
}

/** When and why an order is expected to settle; `at` is null while it cannot be told. */
export function settlementOutlook(
  order: Order,
  returns: ReturnOrder[],
): { at: number | null; text: string; reason: string } {
  if (order.deliveryTime === null) {
    return { at: null, text: "15 days after delivery", reason: "Waiting for delivery" };
  }
  if (returns.some(isReturnOpen)) {
    return {
      at: null,
      text: "After the return or refund request is closed",
      reason: "Waiting for the return or refund to finish",
    };
  }
  const completes = order.completedTime ?? order.deliveryTime + COMPLETE_AFTER_DELIVERY_SECONDS;
  const at = nextMidnight(settleableAt(order, returns) ?? completes);
  return {
    at,
    text: String(at),
    reason:
      order.status === "COMPLETED"
        ? "Waiting for the next statement"
        : "Waiting for the return window to close",
  };
}

/** Shipped orders not settled (withheld ones included) and adjustments booked but not settled. */
export function unsettledItems(shop: ShopCommerce, ledger: ShopFinance, now: number): UnsettledItem[] {
  const model = feeModel(shop);
  const byOrder = returnsByOrder(shop);
  const items: UnsettledItem[] = [];
  for (const order of Object.values(shop.orders)) {
    const returns = byOrder.get(order.id) ?? [];
    if (
      order.rtsTime !== null &&
      order.status !== "CANCELLED" &&
      !order.isSampleOrder &&
      !(order.id in ledger.settledOrders)
    ) {
      const outlook = settlementOutlook(order, returns);
      items.push({
        id: unsettledId(order.id),
        type: "ORDER",
        orderId: order.id,
        orderCreateTime: order.createTime,
        orderDeliveryTime: order.deliveryTime,
        adjustmentId: null,
        components: sumComponents(
          orderShares(shop, order, returns, model, ledger.feeOverrides[order.id]).map((sku) => sku.amounts),
        ),
        estimatedSettlement: outlook.text,
        reason: outlook.reason,
      });
    }
    for (const adjustment of orderAdjustments(shop, order)) {
      if (adjustment.createTime > now || adjustment.id in ledger.settledAdjustments) continue;
      items.push({
        id: adjustment.id,
        type: adjustment.type,
        orderId: adjustment.orderId,
        orderCreateTime: adjustment.orderCreateTime,
        orderDeliveryTime: order.deliveryTime,
        adjustmentId: adjustment.id,
        components: { adjustment: adjustment.amount },
        estimatedSettlement: String(nextMidnight(adjustment.createTime)),
        reason: "Waiting for the next statement",
      });
    }
  }
  return items;
}
