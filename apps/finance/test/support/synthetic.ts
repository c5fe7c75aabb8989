import type {
  OrderRecord,
  PaymentRecord,
  ReconciliationInput,
  StatementRecord,
  TransactionRecord,
  UnsettledRecord,
} from "../../src/server/reconcile/engine.ts";

/**
 * A deterministic synthetic shop for the engine's tests and benchmark: statements whose
 * transactions add up, payments equal to settlement + reserve, fees at 6% referral, and `planted`
 * discrepancies of each kind the engine looks for.
 */
export function syntheticShop(options: { transactions: number; statements: number; planted: number }) {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const cents = (value: number) => {
    const sign = value < 0 ? "-" : "";
    const abs = Math.abs(value);
    return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
  };
  const currency = "USD";
  const statements: StatementRecord[] = [];
  const transactions: TransactionRecord[] = [];
  const payments: PaymentRecord[] = [];
  const orders: OrderRecord[] = [];
  const unsettled: UnsettledRecord[] = [];
  const perStatement = Math.ceil(options.transactions / options.statements);
  let orderSeq = 0;
  for (let s = 0; s < options.statements; s++) {
    const statementId = `7${String(s).padStart(18, "0")}`;
    let settlementCents = 0;
    const count = Math.min(perStatement, options.transactions - s * perStatement);
    for (let i = 0; i < count; i++) {
      const orderId = `5${String(orderSeq++).padStart(17, "0")}`;
      const revenue = 1000 + Math.floor(random() * 19_000);
      const referral = -Math.round(revenue * 0.06);
      const transactionFee = -Math.round(revenue * 0.02);
      const shippingCost = -(400 + Math.floor(random() * 600));
      const settlement = revenue + referral + transactionFee + shippingCost;
      settlementCents += settlement;
      transactions.push({
        statementId,
        id: `9${statementId.slice(1)}${String(i).padStart(4, "0")}`,
        type: "ORDER",
        orderId,
        currency,
        revenueAmount: cents(revenue),
        shippingCostAmount: cents(shippingCost),
        feeTaxAmount: cents(referral + transactionFee),
        adjustmentAmount: "0.00",
        settlementAmount: cents(settlement),
        fees: { referral_fee_amount: cents(referral), transaction_fee_amount: cents(transactionFee) },
        actualShippingFee: cents(shippingCost),
        customerPayment: cents(revenue + 700),
        skuCount: 1,
      });
      orders.push({ id: orderId, status: "COMPLETED", deliveryTime: 1_760_000_000, currency });
      // Some settled orders were estimated before settlement, at the same shipping cost.
      if (i % 10 === 0) {
        unsettled.push({
          orderId,
          currency,
          estSettlementAmount: cents(settlement),
          estShippingCostAmount: cents(shippingCost),
          unsettledReason: null,
          estimatedSettlement: null,
          current: false,
        });
      }
    }
    const reserve = -Math.round(settlementCents * 0.1);
    const paymentId = `P${statementId}`;
    statements.push({
      id: statementId,
      statementTime: 1_760_000_000 + s * 86_400,
      currency,
      settlementAmount: cents(settlementCents),
      paymentId,
      paymentStatus: "PAID",
      totalReserveAmount: cents(reserve),
      payableAmount: cents(settlementCents + reserve),
      transactionCount: count,
    });
    payments.push({
      id: paymentId,
      status: "PAID",
      amount: cents(settlementCents + reserve),
      currency,
      settlementAmount: cents(settlementCents),
      reserveAmount: cents(reserve),
      amountBeforeExchange: cents(settlementCents + reserve),
      settlementCurrency: currency,
      exchangeRate: "1.000000",
    });
  }
  // Orders delivered but not settled yet, with TikTok's estimate.
  for (let i = 0; i < 1000; i++) {
    const orderId = `6${String(i).padStart(17, "0")}`;
    orders.push({ id: orderId, status: "DELIVERED", deliveryTime: 1_760_500_000, currency });
    unsettled.push({
      orderId,
      currency,
      estSettlementAmount: "12.34",
      estShippingCostAmount: "-4.00",
      unsettledReason: "Waiting for the delivery confirmation period to end",
      estimatedSettlement: "7 days after delivery",
      current: true,
    });
  }

  // Planted discrepancies, `planted` of each.
  for (let k = 0; k < options.planted; k++) {
    orders.push({ id: `8${String(k).padStart(17, "0")}`, status: "DELIVERED", deliveryTime: 1, currency });
    const statement = statements[k * 3]!;
    statement.settlementAmount = cents(Math.round(Number(statement.settlementAmount) * 100) + 100);
    const payment = payments[k * 3 + 1]!;
    payment.amount = cents(Math.round(Number(payment.amount) * 100) - 500);
    payment.amountBeforeExchange = payment.amount;
    const tx = transactions[k * 97 + 5]!;
    tx.fees = { ...tx.fees, referral_fee_amount: cents(Math.round(Number(tx.revenueAmount) * 100 * -0.1)) };
  }

  const input: ReconciliationInput = {
    orders,
    statements,
    transactions,
    payments,
    unsettled,
    feeRates: [{ component: "referral_fee_amount", ratePercent: "6", basis: "net_sales" }],
    latestStatementTime: statements.at(-1)?.statementTime ?? null,
  };
  return input;
}
