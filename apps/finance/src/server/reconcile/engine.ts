import { getOrAdd } from "../collections.ts";
import { Big, currencyDigits, type Decimal, dec, differs, sum, toAmount, tolerance } from "../money.ts";

/**
 * The reconciliation engine: pure functions over plain records (decimal strings), so the same code
 * runs on a shop's database rows, in tests and in the benchmark. It answers four questions:
 *
 * 1. Is every delivered or completed order accounted for? Settled (in a statement), unsettled (TikTok
 *    lists an expected amount and a reason), or missing (flagged): in no statement and either not
 *    listed as unsettled, or listed with an estimated settlement date that statements have passed.
 * 2. Does each statement add up? Its transactions sum to its settlement, and each transaction's parts
 *    (revenue + shipping cost + fees and taxes + adjustments, signed) sum to its settlement.
 * 3. Does each payment equal its settlement plus its reserve, and the statements paid by it?
 * 4. Were fees charged at the expected rates, and was shipping charged above TikTok's own estimate?
 */

export interface OrderRecord {
  id: string;
  status: string;
  deliveryTime: number | null;
  currency: string | null;
  /** Sample orders settle no sales (TikTok charges their label as an adjustment): not expected in statements. */
  isSample?: boolean;
}

export interface StatementRecord {
  id: string;
  statementTime: number;
  currency: string;
  settlementAmount: string;
  paymentId: string | null;
  paymentStatus: string | null;
  totalReserveAmount: string | null;
  payableAmount: string | null;
  /** Null until its transactions were fetched. */
  transactionCount: number | null;
}

export interface TransactionRecord {
  statementId: string;
  id: string;
  type: string;
  orderId: string | null;
  currency: string;
  revenueAmount: string | null;
  shippingCostAmount: string | null;
  feeTaxAmount: string | null;
  adjustmentAmount: string | null;
  settlementAmount: string | null;
  /** fee_tax_breakdown.fee of the transaction, by component. */
  fees: Record<string, string | undefined> | undefined;
  /** shipping_cost_breakdown.actual_shipping_fee_amount. */
  actualShippingFee: string | undefined;
  /** What the buyer paid, net of refunds (supplementary customer_payment + customer_refund): the transaction fee's base. */
  customerPayment: string | undefined;
  /** SKU lines of the order in this statement: fees are rounded per SKU, so each may be a cent off. */
  skuCount: number;
}

export interface PaymentRecord {
  id: string;
  status: string;
  amount: string;
  currency: string;
  settlementAmount: string | null;
  reserveAmount: string | null;
  amountBeforeExchange: string | null;
  settlementCurrency: string | null;
  exchangeRate: string | null;
}

export interface UnsettledRecord {
  orderId: string | null;
  currency: string;
  estSettlementAmount: string;
  estShippingCostAmount: string | null;
  unsettledReason: string | null;
  estimatedSettlement: string | null;
  /** False for a line TikTok no longer lists (settled since): only its estimate is of use. */
  current: boolean;
}

/** What a fee rate applies to: the order's net sales (revenue_amount) or what the buyer paid. */
export type FeeBasis = "net_sales" | "customer_payment";

export interface FeeRate {
  component: string;
  /** Percent of the basis, e.g. "6". */
  ratePercent: string;
  basis: FeeBasis;
}

export interface ReconciliationInput {
  orders: OrderRecord[];
  statements: StatementRecord[];
  transactions: TransactionRecord[];
  payments: PaymentRecord[];
  unsettled: UnsettledRecord[];
  feeRates: FeeRate[];
  /**
   * The newest statement of the shop (any period). An unsettled order whose estimated settlement
   * time it has reached should have been in a statement by now.
   */
  latestStatementTime: number | null;
}

export type OrderState = "settled" | "unsettled" | "missing";

export interface OrderAccount {
  orderId: string;
  status: string;
  deliveryTime: number | null;
  state: OrderState;
  currency: string | null;
  statementIds: string[];
  /** Settled: the sum of its order lines; unsettled: TikTok's estimate. */
  amount: string | null;
  reason: string | null;
  estimatedSettlement: string | null;
}

export type IssueKind =
  | "order_missing"
  | "statement_total_mismatch"
  | "statement_payable_mismatch"
  | "transaction_parts_mismatch"
  | "payment_reserve_mismatch"
  | "payment_statements_mismatch"
  | "payment_exchange_mismatch"
  | "fee_overcharged"
  | "shipping_overcharged";

export interface Issue {
  kind: IssueKind;
  /** The record the issue is about, e.g. "statement 123", "order 456". */
  subject: string;
  orderId: string | null;
  statementId: string | null;
  paymentId: string | null;
  currency: string | null;
  /** What the numbers should be and what they are (decimal strings). */
  expected: string | null;
  actual: string | null;
  /** actual - expected, signed. */
  difference: string | null;
  message: string;
}

export interface ShippingLine {
  orderId: string;
  statementId: string;
  currency: string;
  /** What TikTok estimated before settlement (negative: a cost). */
  estimated: string;
  /** What was settled (negative: a cost). */
  charged: string;
  /** How much more was charged than estimated (positive). */
  overchargedBy: string;
}

export interface Reconciliation {
  orders: OrderAccount[];
  issues: Issue[];
  shipping: ShippingLine[];
  summary: {
    ordersSettled: number;
    ordersUnsettled: number;
    ordersMissing: number;
    statementsChecked: number;
    paymentsChecked: number;
    transactionsChecked: number;
    issues: Record<IssueKind, number>;
  };
}

/** Order statuses whose money must be accounted for. */
export const ACCOUNTABLE_STATUSES = new Set(["DELIVERED", "COMPLETED"]);

const ZERO = new Big(0);

function issue(fields: Omit<Issue, "orderId" | "statementId" | "paymentId"> & Partial<Issue>): Issue {
  return { orderId: null, statementId: null, paymentId: null, ...fields };
}

function diff(expected: Decimal, actual: Decimal, currency: string) {
  return {
    expected: toAmount(expected, currency),
    actual: toAmount(actual, currency),
    difference: toAmount(actual.minus(expected), currency),
  };
}

export function reconcile(input: ReconciliationInput): Reconciliation {
  const issues: Issue[] = [];

  // Statements of the period: their transactions are checked. Transactions of other statements are
  // still read, so an order of the period settled later is found settled.
  const inScope = new Set(input.statements.map((s) => s.id));

  // --- statements: transactions add up ------------------------------------------------------------
  // One pass: each line's parts against its settlement, and running totals per statement.
  const statementTotals = new Map<string, { settled: Decimal; count: number }>();
  const orderLines = new Map<string, TransactionRecord[]>();
  for (const tx of input.transactions) {
    if (tx.orderId && tx.type === "ORDER") getOrAdd(orderLines, tx.orderId, () => []).push(tx);
    if (!inScope.has(tx.statementId)) continue;
    const totals = getOrAdd(statementTotals, tx.statementId, () => ({ settled: ZERO, count: 0 }));
    totals.count++;
    // Reserve lines move money into or out of the reserve; the settlement is what the others add to.
    if (tx.type === "RESERVE" || tx.settlementAmount === null) continue;
    const settled = dec(tx.settlementAmount);
    totals.settled = totals.settled.add(settled);
    const parts = sum([tx.revenueAmount, tx.shippingCostAmount, tx.feeTaxAmount, tx.adjustmentAmount]);
    if (differs(parts, settled, tx.currency)) {
      issues.push(
        issue({
          kind: "transaction_parts_mismatch",
          subject: `transaction ${tx.id}`,
          orderId: tx.orderId,
          statementId: tx.statementId,
          currency: tx.currency,
          ...diff(parts, settled, tx.currency),
          message: `Transaction ${tx.id} settles ${toAmount(settled, tx.currency)} ${tx.currency}, but its revenue, shipping, fees and adjustments add up to ${toAmount(parts, tx.currency)}.`,
        }),
      );
    }
  }

  let statementsChecked = 0;
  for (const statement of input.statements) {
    if (statement.transactionCount === null) continue;
    statementsChecked++;
    const totals = statementTotals.get(statement.id) ?? { settled: ZERO, count: 0 };
    const settledByLines = totals.settled;
    const settlement = dec(statement.settlementAmount);
    if (differs(settledByLines, settlement, statement.currency)) {
      issues.push(
        issue({
          kind: "statement_total_mismatch",
          subject: `statement ${statement.id}`,
          statementId: statement.id,
          paymentId: statement.paymentId,
          currency: statement.currency,
          ...diff(settledByLines, settlement, statement.currency),
          message: `Statement ${statement.id} settles ${toAmount(settlement, statement.currency)} ${statement.currency}, but its ${totals.count} transactions add up to ${toAmount(settledByLines, statement.currency)}.`,
        }),
      );
    }
    const reserve = statement.totalReserveAmount === null ? null : dec(statement.totalReserveAmount);
    if (reserve !== null && statement.payableAmount !== null) {
      const payable = dec(statement.payableAmount);
      const expected = settlement.add(reserve);
      if (differs(expected, payable, statement.currency)) {
        issues.push(
          issue({
            kind: "statement_payable_mismatch",
            subject: `statement ${statement.id}`,
            statementId: statement.id,
            paymentId: statement.paymentId,
            currency: statement.currency,
            ...diff(expected, payable, statement.currency),
            message: `Statement ${statement.id} is payable ${toAmount(payable, statement.currency)} ${statement.currency}, not its settlement plus reserve (${toAmount(expected, statement.currency)}).`,
          }),
        );
      }
    }
  }

  // --- payments: settlement + reserve, and the statements they pay -------------------------------
  const statementsByPayment = new Map<string, StatementRecord[]>();
  for (const statement of input.statements) {
    if (!statement.paymentId) continue;
    getOrAdd(statementsByPayment, statement.paymentId, () => []).push(statement);
  }
  let paymentsChecked = 0;
  for (const payment of input.payments) {
    paymentsChecked++;
    const currency = payment.settlementCurrency ?? payment.currency;
    const settlement = dec(payment.settlementAmount);
    const reserve = dec(payment.reserveAmount);
    // Before currency exchange the payment is in the settlement currency.
    const paid = dec(payment.amountBeforeExchange ?? payment.amount);
    const expected = settlement.add(reserve);
    if (differs(expected, paid, currency)) {
      issues.push(
        issue({
          kind: "payment_reserve_mismatch",
          subject: `payment ${payment.id}`,
          paymentId: payment.id,
          currency,
          ...diff(expected, paid, currency),
          message: `Payment ${payment.id} paid ${toAmount(paid, currency)} ${currency}, not its settlement ${toAmount(settlement, currency)} plus reserve ${toAmount(reserve, currency)} (${toAmount(expected, currency)}).`,
        }),
      );
    }
    if (payment.amountBeforeExchange !== null && payment.exchangeRate) {
      const converted = dec(payment.amountBeforeExchange).times(dec(payment.exchangeRate));
      const amount = dec(payment.amount);
      if (differs(converted, amount, payment.currency)) {
        issues.push(
          issue({
            kind: "payment_exchange_mismatch",
            subject: `payment ${payment.id}`,
            paymentId: payment.id,
            currency: payment.currency,
            ...diff(converted, amount, payment.currency),
            message: `Payment ${payment.id} paid ${toAmount(amount, payment.currency)} ${payment.currency}; ${payment.amountBeforeExchange} ${currency} at ${payment.exchangeRate} is ${toAmount(converted, payment.currency)}.`,
          }),
        );
      }
    }
    const paidStatements = statementsByPayment.get(payment.id);
    if (paidStatements && paidStatements.length > 0 && payment.settlementAmount !== null) {
      const statementsTotal = sum(paidStatements.map((s) => s.settlementAmount));
      if (differs(statementsTotal, settlement, currency)) {
        issues.push(
          issue({
            kind: "payment_statements_mismatch",
            subject: `payment ${payment.id}`,
            paymentId: payment.id,
            currency,
            ...diff(statementsTotal, settlement, currency),
            message: `Payment ${payment.id} settles ${toAmount(settlement, currency)} ${currency}, but the ${paidStatements.length} statements it pays settle ${toAmount(statementsTotal, currency)}.`,
          }),
        );
      }
    }
  }

  // --- orders: settled, unsettled or missing ------------------------------------------------------
  const pending = new Map<string, UnsettledRecord>();
  const lastEstimate = new Map<string, UnsettledRecord>();
  for (const line of input.unsettled) {
    if (!line.orderId) continue;
    lastEstimate.set(line.orderId, line);
    if (line.current) pending.set(line.orderId, line);
  }
  const orders: OrderAccount[] = [];
  let settledCount = 0;
  let unsettledCount = 0;
  let missingCount = 0;
  for (const order of input.orders) {
    if (!ACCOUNTABLE_STATUSES.has(order.status) || order.isSample) continue;
    const lines = orderLines.get(order.id);
    if (lines && lines.length > 0) {
      settledCount++;
      const currency = lines[0]!.currency;
      orders.push({
        orderId: order.id,
        status: order.status,
        deliveryTime: order.deliveryTime,
        state: "settled",
        currency,
        // Most orders settle in one line: its amount as TikTok wrote it, without re-summing.
        statementIds:
          lines.length === 1 ? [lines[0]!.statementId] : [...new Set(lines.map((l) => l.statementId))],
        amount:
          lines.length === 1 && lines[0]!.settlementAmount !== null
            ? lines[0]!.settlementAmount
            : toAmount(sum(lines.map((l) => l.settlementAmount)), currency),
        reason: null,
        estimatedSettlement: null,
      });
      continue;
    }
    const estimate = pending.get(order.id);
    const due = estimate ? settlementTime(estimate.estimatedSettlement) : null;
    const overdue = due !== null && input.latestStatementTime !== null && due <= input.latestStatementTime;
    if (estimate && !overdue) {
      unsettledCount++;
      orders.push({
        orderId: order.id,
        status: order.status,
        deliveryTime: order.deliveryTime,
        state: "unsettled",
        currency: estimate.currency,
        statementIds: [],
        amount: toAmount(dec(estimate.estSettlementAmount), estimate.currency),
        reason: estimate.unsettledReason,
        estimatedSettlement: estimate.estimatedSettlement,
      });
      continue;
    }
    missingCount++;
    const expected = estimate ? toAmount(dec(estimate.estSettlementAmount), estimate.currency) : null;
    orders.push({
      orderId: order.id,
      status: order.status,
      deliveryTime: order.deliveryTime,
      state: "missing",
      currency: estimate?.currency ?? order.currency,
      statementIds: [],
      amount: expected,
      reason: estimate
        ? `Expected in the statement of ${day(due!)}, which does not include it`
        : "In no statement and not listed as unsettled",
      estimatedSettlement: estimate?.estimatedSettlement ?? null,
    });
    issues.push(
      issue({
        kind: "order_missing",
        subject: `order ${order.id}`,
        orderId: order.id,
        currency: estimate?.currency ?? order.currency,
        expected,
        actual: null,
        difference: null,
        message: estimate
          ? `Order ${order.id} is ${order.status.toLowerCase()} and TikTok expected to settle it by ${day(due!)} (${expected} ${estimate.currency}), but no statement up to ${day(input.latestStatementTime!)} includes it.`
          : `Order ${order.id} is ${order.status.toLowerCase()} but is in no statement, and TikTok lists no pending settlement for it.`,
      }),
    );
  }

  // --- fees at the expected rates; shipping above the estimate -----------------------------------
  const rates = input.feeRates.map((r) => ({
    component: r.component,
    basis: r.basis,
    rate: dec(r.ratePercent).div(100),
  }));
  const shipping: ShippingLine[] = [];
  for (const [orderId, lines] of orderLines) {
    for (const tx of lines) {
      if (!inScope.has(tx.statementId)) continue;
      if (rates.length > 0 && tx.fees) {
        // Fees are rounded per SKU (and again for a refund's give-back): a minor unit each is rounding.
        const slack = tolerance(tx.currency).times(2 * Math.max(1, tx.skuCount));
        for (const { component, basis, rate } of rates) {
          const charged = tx.fees[component];
          if (charged === undefined || charged === "") continue;
          const base = dec(basis === "customer_payment" ? tx.customerPayment : tx.revenueAmount);
          // Fees are negative amounts; compare magnitudes.
          const actual = dec(charged).abs();
          const expected = base.times(rate).abs().round(currencyDigits(tx.currency), Big.roundHalfUp);
          if (actual.minus(expected).gt(slack)) {
            issues.push(
              issue({
                kind: "fee_overcharged",
                subject: `order ${orderId}`,
                orderId,
                statementId: tx.statementId,
                currency: tx.currency,
                ...diff(expected, actual, tx.currency),
                message: `Order ${orderId} was charged ${toAmount(actual, tx.currency)} ${tx.currency} of ${component.replace(/_amount$/, "").replaceAll("_", " ")}; at ${rateText(rate)} of ${toAmount(base, tx.currency)} (${basis === "customer_payment" ? "what the buyer paid" : "net sales"}) it should be ${toAmount(expected, tx.currency)}.`,
              }),
            );
          }
        }
      }
      const estimate = lastEstimate.get(orderId);
      if (estimate?.estShippingCostAmount && tx.shippingCostAmount !== null) {
        const estimated = dec(estimate.estShippingCostAmount);
        const charged = dec(tx.shippingCostAmount);
        // Costs are negative: charged below the estimate means more was taken.
        const over = estimated.minus(charged);
        if (over.gt(ZERO) && differs(estimated, charged, tx.currency)) {
          const line: ShippingLine = {
            orderId,
            statementId: tx.statementId,
            currency: tx.currency,
            estimated: toAmount(estimated, tx.currency),
            charged: toAmount(charged, tx.currency),
            overchargedBy: toAmount(over, tx.currency),
          };
          shipping.push(line);
          issues.push(
            issue({
              kind: "shipping_overcharged",
              subject: `order ${orderId}`,
              orderId,
              statementId: tx.statementId,
              currency: tx.currency,
              ...diff(estimated, charged, tx.currency),
              message: `Order ${orderId} was charged ${toAmount(charged.abs(), tx.currency)} ${tx.currency} for shipping, ${line.overchargedBy} more than TikTok's estimate of ${toAmount(estimated.abs(), tx.currency)}.`,
            }),
          );
        }
      }
    }
  }

  const counts = Object.fromEntries(ISSUE_KINDS.map((k) => [k, 0])) as Record<IssueKind, number>;
  for (const found of issues) counts[found.kind]++;
  return {
    orders,
    issues,
    shipping,
    summary: {
      ordersSettled: settledCount,
      ordersUnsettled: unsettledCount,
      ordersMissing: missingCount,
      statementsChecked,
      paymentsChecked,
      transactionsChecked: input.transactions.length,
      issues: counts,
    },
  };
}

export const ISSUE_KINDS: IssueKind[] = [
  "order_missing",
  "statement_total_mismatch",
  "statement_payable_mismatch",
  "transaction_parts_mismatch",
  "payment_reserve_mismatch",
  "payment_statements_mismatch",
  "payment_exchange_mismatch",
  "fee_overcharged",
  "shipping_overcharged",
];

/** An estimated settlement given as a Unix timestamp; prose ("7 days after delivery") gives null. */
export function settlementTime(estimate: string | null): number | null {
  return estimate && /^\d{9,11}$/.test(estimate.trim()) ? Number(estimate.trim()) : null;
}

function day(unix: number): string {
  return new Date(unix * 1000).toISOString().slice(0, 10);
}

function rateText(rate: Decimal): string {
  return `${rate.times(100).toString()}%`;
}
