import { describe, expect, it } from "vitest";
import { isReturnOpen } from "../../src/commerce/aftersale-ops.ts";
import { applyRate } from "../../src/commerce/money.ts";
import type { Order, ShopCommerce } from "../../src/commerce/state.ts";
import {
  ALL_SHOPS,
  allPages,
  financeCall,
  financeStore,
  minor,
  obj,
  statementsOf,
  sumOf,
  transactions202309,
  transactions202501,
} from "./finance-helpers.ts";
import { DAY, type Json, NOW, shopData } from "./helpers.ts";

/**
 * The ledger's invariants over ~90 days of seeded history in a US, a UK and a cross-border shop,
 * read through the finance endpoints exactly as a client would see them.
 */

const store = financeStore();
const midnight = (time: number) => Math.floor(time / DAY) * DAY + DAY;

/** The documented settlement rule, restated independently: COMPLETED and every return closed. */
function expectedSettleTime(shop: ShopCommerce, order: Order): number | null {
  if (order.status !== "COMPLETED" || order.completedTime === null || order.isSampleOrder) return null;
  let at = order.completedTime;
  for (const ret of Object.values(shop.returns)) {
    if (ret.orderId !== order.id) continue;
    if (isReturnOpen(ret)) return null;
    at = Math.max(at, ret.updateTime);
  }
  return at;
}

describe("finance ledger invariants (seeded history)", () => {
  it("generates statements at 00:00 UTC for past days, in the shop's currency", async () => {
    for (const shop of ALL_SHOPS) {
      const statements = await statementsOf(store, shop);
      expect(statements.length).toBeGreaterThan(40);
      for (const statement of statements) {
        expect(Number(statement.statement_time) % DAY).toBe(0);
        expect(Number(statement.statement_time)).toBeLessThanOrEqual(NOW);
        expect(statement.currency).toBe(shop.currency);
      }
      const times = statements.map((s) => Number(s.statement_time));
      expect(new Set(times).size).toBe(times.length);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it("states totals equal to the sum of their transactions (202309 and 202501)", async () => {
    for (const shop of ALL_SHOPS) {
      for (const statement of await statementsOf(store, shop)) {
        const id = String(statement.id);
        const { items, first } = await transactions202501(store, shop, id);
        const lines = items.filter((tx) => tx.type !== "RESERVE");
        expect(first.total_count).toBe(items.length);
        expect(minor(first.total_settlement_amount)).toBe(sumOf(lines, "settlement_amount"));
        expect(minor(first.total_reserve_amount)).toBe(sumOf(items, "reserve_amount"));
        expect(minor(first.payable_amount)).toBe(
          minor(first.total_settlement_amount) + minor(first.total_reserve_amount),
        );
        const breakdown = obj(first.total_settlement_breakdown);
        expect(minor(breakdown.total_revenue_amount)).toBe(sumOf(lines, "revenue_amount"));
        expect(minor(breakdown.total_shipping_cost_amount)).toBe(sumOf(lines, "shipping_cost_amount"));
        expect(minor(breakdown.total_fee_tax_amount)).toBe(sumOf(lines, "fee_tax_amount"));
        expect(minor(breakdown.total_adjustment_amount)).toBe(sumOf(lines, "adjustment_amount"));
        expect(minor(statement.settlement_amount)).toBe(minor(first.total_settlement_amount));
        expect(minor(statement.adjustment_amount)).toBe(sumOf(lines, "adjustment_amount"));
        if (shop.sellerType === "CROSS_BORDER") {
          // The non-UK/US formula: settlement = revenue + fee + adjustment, shipping inside the fee.
          expect(statement.net_sales_amount).toBe("");
          expect(statement.shipping_cost_amount).toBe("");
          expect(minor(statement.revenue_amount)).toBe(sumOf(lines, "revenue_amount"));
          expect(minor(statement.fee_amount)).toBe(
            sumOf(lines, "fee_tax_amount") + sumOf(lines, "shipping_cost_amount"),
          );
          expect(minor(statement.settlement_amount)).toBe(
            minor(statement.revenue_amount) +
              minor(statement.fee_amount) +
              minor(statement.adjustment_amount),
          );
          continue;
        }
        const v1 = await transactions202309(store, shop, id);
        expect(v1.items).toHaveLength(lines.length);
        for (const key of [
          "settlement_amount",
          "revenue_amount",
          "net_sales_amount",
          "fee_amount",
          "shipping_cost_amount",
          "adjustment_amount",
        ]) {
          expect(minor(statement[key]), key).toBe(sumOf(v1.items, key));
          expect(minor(v1.first[key]), key).toBe(sumOf(v1.items, key));
        }
        expect(minor(statement.settlement_amount)).toBe(
          minor(statement.net_sales_amount) +
            minor(statement.shipping_cost_amount) +
            minor(statement.fee_amount) +
            minor(statement.adjustment_amount),
        );
      }
    }
  });

  it("follows the documented formulas on every 202309 transaction", async () => {
    let checked = 0;
    for (const shop of ALL_SHOPS.filter((s) => s.sellerType === "LOCAL")) {
      for (const statement of (await statementsOf(store, shop)).slice(0, 30)) {
        for (const tx of (await transactions202309(store, shop, String(statement.id))).items) {
          const m = (key: string) => minor(tx[key]);
          expect(m("net_sales_amount")).toBe(
            m("gross_sales_amount") +
              m("gross_sales_refund_amount") +
              m("seller_discount_amount") +
              m("seller_discount_refund_amount"),
          );
          expect(m("customer_payment_amount")).toBe(
            m("after_seller_discounts_subtotal_amount") +
              m("customer_shipping_fee_amount") -
              m("platform_discount_amount") +
              m("sales_tax_payment_amount"),
          );
          expect(m("revenue_amount")).toBe(
            m("customer_payment_amount") +
              m("platform_discount_amount") +
              m("platform_discount_refund_amount") +
              m("customer_order_refund_amount") +
              m("shipping_fee_subsidy_amount"),
          );
          expect(m("shipping_cost_amount")).toBe(
            [
              "fbm_shipping_cost_amount",
              "fbt_shipping_cost_amount",
              "signature_confirmation_fee_amount",
              "customer_paid_shipping_fee_amount",
              "customer_paid_shipping_fee_refund_amount",
              "shipping_cost_discount_amount",
              "refund_shipping_cost_discount_amount",
              "shipping_fee_subsidy_amount",
              "return_shipping_fee_amount",
              "shipping_insurance_fee_amount",
              "customer_shipping_fee_offset_amount",
              "fbt_fulfillment_fee_amount",
              "promo_shipping_incentive_amount",
            ].reduce((total, key) => total + m(key), 0),
          );
          expect(m("fee_amount")).toBe(
            m("platform_commission_amount") +
              m("referral_fee_amount") +
              m("transaction_fee_amount") +
              m("refund_administration_fee_amount") +
              m("affiliate_commission_amount"),
          );
          expect(m("sales_tax_amount")).toBe(m("sales_tax_payment_amount") - m("sales_tax_refund_amount"));
          expect(m("settlement_amount")).toBe(
            m("net_sales_amount") + m("shipping_cost_amount") + m("fee_amount") + m("adjustment_amount"),
          );
          // Exactly one of order_id / adjustment_id is non-zero.
          expect([tx.order_id, tx.adjustment_id].filter((id) => id !== "0")).toHaveLength(1);
          // The US charges a referral fee, the UK a platform commission.
          const keptBase =
            m("after_seller_discounts_subtotal_amount") +
            m("gross_sales_refund_amount") +
            m("seller_discount_refund_amount");
          if (tx.type === "ORDER" && keptBase >= 100) {
            expect(
              m(shop.region === "US" ? "referral_fee_amount" : "platform_commission_amount"),
            ).toBeLessThan(0);
            expect(m(shop.region === "US" ? "platform_commission_amount" : "referral_fee_amount")).toBe(0);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("breaks every 202501 transaction down into parts that sum to its totals", async () => {
    const sum = (o: unknown) =>
      Object.values(obj(o)).reduce<number>(
        (t, value) => t + (typeof value === "string" ? minor(value) : 0),
        0,
      );
    const types = new Set<string>();
    for (const shop of ALL_SHOPS) {
      for (const statement of (await statementsOf(store, shop)).slice(0, 40)) {
        for (const tx of (await transactions202501(store, shop, String(statement.id))).items) {
          types.add(String(tx.type));
          const m = (key: string) => minor(tx[key]);
          expect(m("settlement_amount")).toBe(
            m("revenue_amount") + m("shipping_cost_amount") + m("fee_tax_amount") + m("adjustment_amount"),
          );
          expect(sum(tx.revenue_breakdown)).toBe(m("revenue_amount"));
          const feeTax = obj(tx.fee_tax_breakdown);
          expect(sum(feeTax.fee) + sum(feeTax.tax)).toBe(m("fee_tax_amount"));
          const { supplementary_component: _informational, ...shipping } = obj(tx.shipping_cost_breakdown);
          expect(sum(shipping)).toBe(m("shipping_cost_amount"));
          // Every fee member of the contract is present, so the whole fee model is visible.
          expect(Object.keys(obj(feeTax.fee))).toEqual(
            expect.arrayContaining([
              "referral_fee_amount",
              "platform_commission_amount",
              "transaction_fee_amount",
              "refund_administration_fee_amount",
              "affiliate_commission_amount",
            ]),
          );
        }
      }
    }
    expect([...types]).toEqual(expect.arrayContaining(["ORDER", "RESERVE", "SAMPLE_SHIPPING_FEE"]));
    expect([...types].length).toBeGreaterThan(6);
  });

  it("settles every order exactly once, on the first statement after it completed with its returns closed", async () => {
    for (const shop of ALL_SHOPS) {
      const data = shopData(store, shop);
      const seen = new Map<string, number>();
      for (const statement of await statementsOf(store, shop)) {
        for (const tx of (await transactions202501(store, shop, String(statement.id))).items) {
          if (tx.type !== "ORDER") continue;
          const id = String(tx.order_id);
          expect(seen.has(id), `order ${id} settled twice`).toBe(false);
          seen.set(id, Number(statement.statement_time));
        }
      }
      let expected = 0;
      for (const order of Object.values(data.orders)) {
        const at = expectedSettleTime(data, order);
        const due = at !== null && midnight(at) <= NOW;
        if (due) expected++;
        expect(seen.get(order.id), `order ${order.id} (${order.status})`).toBe(
          due ? midnight(at!) : undefined,
        );
      }
      expect(seen.size).toBe(expected);
      expect(expected).toBeGreaterThan(50);
    }
  });

  it("lists exactly the shipped orders not settled yet as unsettled", async () => {
    for (const shop of ALL_SHOPS) {
      const data = shopData(store, shop);
      const { items, first } = await allPages(store, "GET /finance/202507/orders/unsettled", "transactions", {
        shop,
        query: { sort_field: "order_create_time" },
      });
      const settled = new Set<string>();
      for (const statement of await statementsOf(store, shop)) {
        for (const tx of (await transactions202501(store, shop, String(statement.id))).items) {
          if (tx.type === "ORDER") settled.add(String(tx.order_id));
        }
      }
      const orders = items.filter((tx) => tx.type === "ORDER");
      const expected = Object.values(data.orders)
        .filter(
          (o) => o.rtsTime !== null && o.status !== "CANCELLED" && !o.isSampleOrder && !settled.has(o.id),
        )
        .map((o) => o.id)
        .sort();
      expect(orders.map((tx) => String(tx.order_id)).sort()).toEqual(expected);
      expect(first.total_count).toBe(items.length);
      for (const tx of orders) {
        const order = data.orders[String(tx.order_id)]!;
        expect(tx.status).toBe("UNSETTLED");
        expect(tx.order_delivery_time).toBe(order.deliveryTime ?? undefined);
        if (order.deliveryTime === null) {
          expect(tx.unsettled_reason).toBe("Waiting for delivery");
          expect(tx.estimated_settlement).toBe("15 days after delivery");
        } else if (/^\d+$/.test(String(tx.estimated_settlement))) {
          // The first midnight after the return window closes (or now, once it has).
          expect(Number(tx.estimated_settlement) % DAY).toBe(0);
          expect(Number(tx.estimated_settlement)).toBeGreaterThan(NOW);
        } else {
          expect(tx.unsettled_reason).toBe("Waiting for the return or refund to finish");
        }
      }
      expect(minor(first.sum_est_settlement_amount)).toBe(sumOf(items, "est_settlement_amount"));
      expect(minor(first.sum_est_revenue_amount)).toBe(sumOf(items, "est_revenue_amount"));
      expect(minor(first.sum_est_fee_amount)).toBe(sumOf(items, "est_fee_tax_amount"));
      expect(minor(first.sum_est_adjustment_amount)).toBe(sumOf(items, "est_adjustment_amount"));
    }
  });

  it("holds reserves on the order's statement and releases them on the statement at the end of the hold", async () => {
    const holdDays = { US: 14, GB: 14, XB: 30 };
    for (const shop of ALL_SHOPS) {
      const days = shop.sellerType === "CROSS_BORDER" ? holdDays.XB : holdDays.US;
      const collected = new Map<
        string,
        { amount: number; release: number; statement: number; orderId: string }
      >();
      const released = new Map<string, { amount: number; statement: number }>();
      const orderNet = new Map<string, number>();
      for (const statement of await statementsOf(store, shop)) {
        for (const tx of (await transactions202501(store, shop, String(statement.id))).items) {
          if (tx.type === "ORDER") orderNet.set(String(tx.order_id), minor(tx.revenue_amount));
          if (tx.type !== "RESERVE") continue;
          expect(minor(tx.settlement_amount)).toBe(0);
          const reserveId = String(tx.reserve_id);
          if (tx.reserve_status === "COLLECTED") {
            collected.set(reserveId, {
              amount: minor(tx.reserve_amount),
              release: Number(statement.statement_time) + days * DAY,
              statement: Number(statement.statement_time),
              orderId: String(tx.associated_order_id),
            });
          } else {
            expect(tx.reserve_status).toBe("RELEASED");
            expect(tx.estimated_release_time).toBe("");
            released.set(reserveId, {
              amount: minor(tx.reserve_amount),
              statement: Number(statement.statement_time),
            });
          }
        }
      }
      expect(collected.size).toBeGreaterThan(20);
      expect(released.size).toBeGreaterThan(5);
      const rate = shop.sellerType === "CROSS_BORDER" ? 1000 : 500;
      for (const [reserveId, held] of collected) {
        expect(held.amount).toBeLessThan(0);
        expect(-held.amount).toBe(applyRate(orderNet.get(held.orderId)!, rate));
        const release = released.get(reserveId);
        if (held.release <= NOW) {
          expect(release, `reserve ${reserveId} not released`).toEqual({
            amount: -held.amount,
            statement: held.release,
          });
        } else {
          expect(release).toBeUndefined();
        }
      }
    }
  });

  it("pays settlement + reserve of the statements each payment covers, merging small amounts", async () => {
    for (const shop of ALL_SHOPS) {
      const statements = await statementsOf(store, shop);
      const payable = new Map<string, number>();
      for (const statement of statements) {
        const header = (await transactions202501(store, shop, String(statement.id))).first;
        payable.set(String(statement.id), minor(header.payable_amount));
      }
      const { items: payments } = await allPages(store, "GET /finance/202309/payments", "payments", {
        shop,
        query: { sort_field: "create_time" },
      });
      for (const payment of payments) {
        const covered = statements.filter((s) => s.payment_id === payment.id);
        expect(covered.length).toBeGreaterThan(0);
        const settlement = covered.reduce((t, s) => t + minor(s.settlement_amount), 0);
        const reserve = covered.reduce(
          (t, s) => t + payable.get(String(s.id))! - minor(s.settlement_amount),
          0,
        );
        expect(minor(obj(payment.settlement_amount).value)).toBe(settlement);
        expect(minor(obj(payment.reserve_amount).value)).toBe(reserve);
        const before = minor(obj(payment.payment_amount_before_exchange).value);
        expect(before).toBe(settlement + reserve);
        expect(before).toBeGreaterThanOrEqual(1000);
        const amount = minor(obj(payment.amount).value);
        if (shop.sellerType === "CROSS_BORDER") {
          expect(obj(payment.amount).currency).toBe("USD");
          expect(obj(payment.settlement_amount).currency).toBe("GBP");
          const rate = Math.round(Number(payment.exchange_rate) * 1_000_000);
          expect(amount).toBe(Math.floor((before * rate + 500_000) / 1_000_000));
        } else {
          expect(payment.exchange_rate).toBe("1.000000");
          expect(amount).toBe(before);
          expect(obj(payment.amount).currency).toBe(shop.currency);
        }
        expect(String(payment.bank_account)).toMatch(/^\*{11}\d{4}$/);
        // Paid out with the last statement it covers, PAID two days later.
        const last = covered.at(-1)!;
        expect(payment.create_time).toBe(last.statement_time);
        const paid = Number(payment.create_time) + 2 * DAY <= NOW;
        expect(payment.status).toBe(paid ? "PAID" : "PROCESSING");
        expect(payment.paid_time).toBe(paid ? Number(payment.create_time) + 2 * DAY : undefined);
        for (const s of covered) {
          expect(s.payment_status).toBe(payment.status);
          expect(s.payment_time).toBe(payment.paid_time);
        }
        if (covered.length > 1) {
          // Every statement but the last waited because the running total was below the minimum.
          let running = 0;
          for (const s of covered.slice(0, -1)) {
            running += payable.get(String(s.id))!;
            expect(running).toBeLessThan(1000);
          }
        }
      }
      const unpaid = statements.filter((s) => s.payment_id === "");
      expect(unpaid.reduce((t, s) => t + payable.get(String(s.id))!, 0)).toBeLessThan(1000);
      for (const s of unpaid) expect(s.payment_status).toBe("PROCESSING");
      expect(payments.length + unpaid.length).toBeGreaterThan(0);
    }
    const mergedAnywhere = (
      await Promise.all(
        ALL_SHOPS.map(async (shop) => {
          const statements = await statementsOf(store, shop);
          const ids = statements.map((s) => s.payment_id).filter((id) => id !== "");
          return ids.length - new Set(ids).size;
        }),
      )
    ).reduce((a, b) => a + b, 0);
    expect(mergedAnywhere).toBeGreaterThan(0);
  });

  it("records a SETTLE withdrawal per statement and a WITHDRAW per payment", async () => {
    for (const shop of ALL_SHOPS) {
      const statements = await statementsOf(store, shop);
      const { items: payments } = await allPages(store, "GET /finance/202309/payments", "payments", {
        shop,
        query: { sort_field: "create_time" },
      });
      const { items, first } = await allPages(store, "GET /finance/202309/withdrawals", "withdrawals", {
        shop,
        query: { types: "SETTLE,WITHDRAW,TRANSFER,REVERSE" },
      });
      expect(first.total_count).toBe(statements.length + payments.length);
      const withdrawals = items.filter((w) => w.type === "WITHDRAW");
      expect(withdrawals).toHaveLength(payments.length);
      for (const w of withdrawals) {
        const payment = payments.find((p) => p.create_time === w.create_time)!;
        expect(w.amount).toBe(obj(payment.amount).value);
        expect(w.currency).toBe(obj(payment.amount).currency);
        expect(w.status).toBe(payment.status === "PAID" ? "SUCCESS" : "PROCESSING");
      }
      expect(items.filter((w) => w.type === "SETTLE")).toHaveLength(statements.length);
      const times = items.map((w) => Number(w.create_time));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
  });

  it("is deterministic for a given seed and time, and differs for another seed", () => {
    const again = financeStore();
    expect(JSON.stringify(again.commerce.finance)).toBe(JSON.stringify(store.commerce.finance));
    const other = financeStore({ seed: 7 });
    expect(JSON.stringify(other.commerce.finance)).not.toBe(JSON.stringify(store.commerce.finance));
  });

  it("shows a settled order per statement and SKU in both by-order shapes", async () => {
    const shop = ALL_SHOPS[0]!;
    const data = shopData(store, shop);
    const statements = await statementsOf(store, shop);
    const withOrders = statements.at(-1)!;
    const tx = (await transactions202501(store, shop, String(withOrders.id))).items.find(
      (t) => t.type === "ORDER",
    );
    const anyOrder =
      tx ??
      (await transactions202501(store, shop, String(statements.at(-5)!.id))).items.find(
        (t) => t.type === "ORDER",
      )!;
    const orderId = String(anyOrder.order_id);
    const v2 = await financeCall(store, "GET /finance/202501/orders/{order_id}/statement_transactions", {
      shop,
      params: { order_id: orderId },
    });
    const skus = v2.sku_transactions as Json[];
    expect(v2.total_count).toBe(skus.length);
    expect(minor(v2.settlement_amount)).toBe(minor(anyOrder.settlement_amount));
    expect(minor(v2.fee_and_tax_amount)).toBe(sumOf(skus, "fee_tax_amount"));
    expect(sumOf(skus, "settlement_amount")).toBe(minor(anyOrder.settlement_amount));
    const units = data.orders[orderId]!.lineItems.filter((l) => !l.cancelled).length;
    expect(skus.reduce((t, s) => t + Number(s.quantity), 0)).toBe(units);
    const v1 = await financeCall(store, "GET /finance/202309/orders/{order_id}/statement_transactions", {
      shop,
      params: { order_id: orderId },
    });
    const shares = v1.statement_transactions as Json[];
    expect(shares).toHaveLength(1);
    expect(shares[0]!.status).toBe("SETTLED");
    expect(minor(shares[0]!.settlement_amount)).toBe(minor(anyOrder.settlement_amount));
    const skuShares = shares[0]!.sku_statement_transactions as Json[];
    for (const key of [
      "settlement_amount",
      "referral_fee_amount",
      "gross_sales_amount",
      "shipping_cost_amount",
    ]) {
      expect(sumOf(skuShares, key), key).toBe(minor(shares[0]![key]));
    }
  });
});
