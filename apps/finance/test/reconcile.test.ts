import { describe, expect, it } from "vitest";
import { type ReconciliationInput, reconcile } from "../src/server/reconcile/engine.ts";
import { syntheticShop } from "./support/synthetic.ts";

const DAY = 86_400;
const T0 = 1_767_225_600; // 2026-01-01

function base(): ReconciliationInput {
  return {
    orders: [
      { id: "A", status: "COMPLETED", deliveryTime: 100, currency: "USD" },
      { id: "B", status: "DELIVERED", deliveryTime: 200, currency: "USD" },
      { id: "C", status: "COMPLETED", deliveryTime: 300, currency: "USD" },
      { id: "D", status: "AWAITING_SHIPMENT", deliveryTime: null, currency: "USD" },
    ],
    statements: [
      {
        id: "S1",
        statementTime: 10 * DAY,
        currency: "USD",
        settlementAmount: "86.10",
        paymentId: "P1",
        paymentStatus: "PAID",
        totalReserveAmount: "-4.31",
        payableAmount: "81.79",
        transactionCount: 1,
      },
    ],
    transactions: [
      {
        statementId: "S1",
        id: "T1",
        type: "ORDER",
        orderId: "A",
        currency: "USD",
        revenueAmount: "100.00",
        shippingCostAmount: "-5.00",
        feeTaxAmount: "-8.90",
        adjustmentAmount: "0",
        settlementAmount: "86.10",
        fees: { referral_fee_amount: "-6.00", transaction_fee_amount: "-2.90" },
        actualShippingFee: "-5.00",
        customerPayment: "100.00",
        skuCount: 1,
      },
    ],
    payments: [
      {
        id: "P1",
        status: "PAID",
        amount: "81.79",
        currency: "USD",
        settlementAmount: "86.10",
        reserveAmount: "-4.31",
        amountBeforeExchange: "81.79",
        settlementCurrency: "USD",
        exchangeRate: "1.000000",
      },
    ],
    unsettled: [
      {
        orderId: "B",
        currency: "USD",
        estSettlementAmount: "12.00",
        estShippingCostAmount: "-3.00",
        unsettledReason: "Waiting for the return window to close",
        estimatedSettlement: String(T0 + 30 * DAY),
        current: true,
      },
    ],
    feeRates: [
      { component: "referral_fee_amount", ratePercent: "6", basis: "net_sales" },
      { component: "transaction_fee_amount", ratePercent: "2.9", basis: "customer_payment" },
    ],
    latestStatementTime: 10 * DAY,
  };
}

describe("reconciliation engine", () => {
  it("accounts for every delivered or completed order: settled, unsettled or missing", () => {
    const result = reconcile(base());
    const states = Object.fromEntries(result.orders.map((o) => [o.orderId, o]));
    expect(states.A).toMatchObject({ state: "settled", statementIds: ["S1"], amount: "86.10" });
    expect(states.B).toMatchObject({
      state: "unsettled",
      amount: "12.00",
      reason: "Waiting for the return window to close",
    });
    expect(states.C).toMatchObject({ state: "missing" });
    expect(states.D).toBeUndefined();
    expect(result.issues.map((i) => i.kind)).toEqual(["order_missing"]);
    expect(result.summary).toMatchObject({ ordersSettled: 1, ordersUnsettled: 1, ordersMissing: 1 });
  });

  it("flags an unsettled order whose estimated settlement date a statement has passed", () => {
    const input = base();
    input.latestStatementTime = T0 + 31 * DAY;
    const b = reconcile(input).orders.find((o) => o.orderId === "B");
    expect(b?.state).toBe("missing");
    expect(reconcile(input).issues.find((i) => i.orderId === "B")?.message).toMatch(
      /expected to settle it by 2026-01-31/,
    );
  });

  it("flags a statement whose transactions do not add up, and a transaction whose parts do not", () => {
    const input = base();
    input.statements[0]!.settlementAmount = "96.10";
    input.transactions[0]!.feeTaxAmount = "-9.90";
    const kinds = reconcile(input).issues.map((i) => `${i.kind} ${i.difference}`);
    expect(kinds).toContain("statement_total_mismatch 10.00");
    expect(kinds).toContain("transaction_parts_mismatch 1.00");
  });

  it("flags a payment that is not settlement plus reserve, and one paid at the wrong exchange rate", () => {
    const input = base();
    input.payments[0]!.amountBeforeExchange = "80.00";
    input.payments[0]!.amount = "100.00";
    input.payments[0]!.currency = "EUR";
    input.payments[0]!.exchangeRate = "1.250000";
    const issues = reconcile(input).issues;
    expect(issues.find((i) => i.kind === "payment_reserve_mismatch")).toMatchObject({
      expected: "81.79",
      actual: "80.00",
      difference: "-1.79",
    });
    // 80.00 at 1.25 is 100.00: the exchange itself is right.
    expect(issues.some((i) => i.kind === "payment_exchange_mismatch")).toBe(false);
    input.payments[0]!.amount = "100.05";
    expect(reconcile(input).issues.some((i) => i.kind === "payment_exchange_mismatch")).toBe(true);
  });

  it("flags fees above the expected rate on their basis, but not per-SKU rounding", () => {
    const input = base();
    expect(reconcile(input).issues.filter((i) => i.kind === "fee_overcharged")).toEqual([]);
    input.transactions[0]!.fees = { referral_fee_amount: "-6.02", transaction_fee_amount: "-2.90" };
    expect(reconcile(input).issues.filter((i) => i.kind === "fee_overcharged")).toEqual([]);
    input.transactions[0]!.fees = { referral_fee_amount: "-11.00", transaction_fee_amount: "-2.90" };
    const [overcharge] = reconcile(input).issues.filter((i) => i.kind === "fee_overcharged");
    expect(overcharge).toMatchObject({ orderId: "A", expected: "6.00", actual: "11.00", difference: "5.00" });
    expect(overcharge?.message).toContain("at 6% of 100.00 (net sales)");
  });

  it("reports shipping settled above TikTok's own earlier estimate", () => {
    const input = base();
    input.unsettled.push({
      orderId: "A",
      currency: "USD",
      estSettlementAmount: "88.10",
      estShippingCostAmount: "-3.00",
      unsettledReason: null,
      estimatedSettlement: null,
      current: false,
    });
    const result = reconcile(input);
    expect(result.shipping).toEqual([
      {
        orderId: "A",
        statementId: "S1",
        currency: "USD",
        estimated: "-3.00",
        charged: "-5.00",
        overchargedBy: "2.00",
      },
    ]);
  });

  it("finds exactly the planted discrepancies in a large synthetic shop", () => {
    const result = reconcile(syntheticShop({ transactions: 20_000, statements: 200, planted: 5 }));
    expect(result.summary.issues).toMatchObject({
      order_missing: 5,
      statement_total_mismatch: 5,
      statement_payable_mismatch: 5,
      payment_reserve_mismatch: 5,
      payment_statements_mismatch: 5,
      fee_overcharged: 5,
      transaction_parts_mismatch: 0,
      shipping_overcharged: 0,
    });
    expect(result.summary.ordersSettled).toBe(20_000);
    expect(result.summary.ordersUnsettled).toBe(1000);
  });
});
