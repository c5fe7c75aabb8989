import { describe, expect, it } from "vitest";
import { buyer, tickCommerce } from "../../src/commerce/index.ts";
import { defaultParcel, eligibleServices } from "../../src/commerce/shipping-services.ts";
import type { DevShopStore } from "../../src/state/store.ts";
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
import { call, DAY, HOUR, type Json, NOW, recorder, shopData, usShop } from "./helpers.ts";

/**
 * Finance as the clock moves: the daily close at 00:00 UTC, payouts two days later, clock jumps,
 * and live orders from the buyer simulation settling with exactly the documented fees.
 */

const START = NOW + 12 * HOUR;
const midnight = (time: number) => Math.floor(time / DAY) * DAY + DAY;
/** Half-up percentage in hundredths of a percent, restated here so the test does not reuse the code under test. */
const pct = (minorUnits: number, bp: number) => Math.floor((minorUnits * bp + 5000) / 10000);

function tick(store: DevShopStore, at: number): void {
  tickCommerce(store, at, recorder().emit);
}

function ledgerCounts(store: DevShopStore) {
  return ALL_SHOPS.map((shop) => store.commerce.finance?.shops[shop.id]?.statements.length ?? 0);
}

function liveSku(store: DevShopStore, minimumPrice: number): string {
  const data = shopData(store);
  const warehouse = data.warehouses.find((w) => w.type === "SALES_WAREHOUSE")!.id;
  const sku = Object.values(data.products)
    .filter((p) => p.status === "ACTIVATE")
    .flatMap((p) => p.skus)
    .find(
      (s) =>
        s.status === "NORMAL" &&
        minor(s.price) >= minimumPrice &&
        (s.stock.find((row) => row.warehouseId === warehouse)?.available ?? 0) >= 3,
    );
  if (!sku) throw new Error("no SKU in stock");
  return sku.id;
}

/** A buyer order shipped at once with a TikTok label, delivered by the carrier, then left to complete. */
async function shippedOrder(
  store: DevShopStore,
  at: number,
  opts: { quantity?: number; minimumPrice?: number } = {},
) {
  const id = buyer.placeOrder(store, usShop.id, at, recorder().emit, {
    onHold: false,
    skuIds: [liveSku(store, opts.minimumPrice ?? 0)],
    quantityPerSku: opts.quantity ?? 1,
  });
  const order = shopData(store).orders[id]!;
  const ship = await call(store, "POST /fulfillment/202309/packages/{package_id}/ship", {
    params: { package_id: order.lineItems[0]!.packageId! },
    now: at + 10 * 60,
  });
  expect(ship.code).toBe(0);
  return order;
}

async function orderTransaction(
  store: DevShopStore,
  orderId: string,
): Promise<{ tx: Json; statement: Json } | null> {
  for (const statement of await statementsOf(store, usShop, NOW + 60 * DAY)) {
    const found = (await transactions202309(store, usShop, String(statement.id))).items.find(
      (tx) => tx.order_id === orderId,
    );
    if (found) return { tx: found, statement };
  }
  return null;
}

describe("finance over time", () => {
  it("closes the day at 00:00 UTC: nothing before midnight, a statement stamped at midnight after", async () => {
    const store = financeStore({ now: START, ordersPerShop: 200 });
    const before = ledgerCounts(store);
    tick(store, NOW + DAY - 1);
    expect(ledgerCounts(store)).toEqual(before);
    tick(store, NOW + DAY);
    const after = ledgerCounts(store);
    expect(after.some((count, i) => count > before[i]!)).toBe(true);
    for (const [i, shop] of ALL_SHOPS.entries()) {
      const statements = await statementsOf(store, shop, NOW + DAY);
      for (const statement of statements.slice(before[i])) {
        expect(statement.statement_time).toBe(NOW + DAY);
        // Every order on it completed during the day the statement covers.
        for (const tx of (await transactions202501(store, shop, String(statement.id))).items) {
          if (tx.type !== "ORDER") continue;
          const order = shopData(store, shop).orders[String(tx.order_id)]!;
          expect(order.completedTime).toBeGreaterThanOrEqual(NOW - 40 * DAY);
          expect(midnight(order.completedTime!)).toBeLessThanOrEqual(NOW + DAY);
        }
      }
    }
  });

  it("gives the same ledger after one 8-day jump as after hourly ticks", () => {
    const jumped = financeStore({ now: START, ordersPerShop: 120 });
    const hourly = financeStore({ now: START, ordersPerShop: 120 });
    tick(jumped, START + 8 * DAY);
    for (let at = START + HOUR; at <= START + 8 * DAY; at += HOUR) tick(hourly, at);
    const ledger = JSON.stringify(jumped.commerce.finance);
    expect(ledger).toBe(JSON.stringify(hourly.commerce.finance));
    const created = ALL_SHOPS.flatMap((shop) =>
      (jumped.commerce.finance?.shops[shop.id]?.statements ?? []).filter((s) => s.time > START),
    );
    expect(new Set(created.map((s) => s.time)).size).toBeGreaterThanOrEqual(6);
    for (const statement of created) expect(statement.time % DAY).toBe(0);
  });

  it("moves a payment from PROCESSING to PAID two days after it was created", async () => {
    const store = financeStore({ now: START, ordersPerShop: 160 });
    const { items } = await allPages(store, "GET /finance/202309/payments", "payments", {
      shop: usShop,
      query: { sort_field: "create_time" },
      now: START,
    });
    const processing = items.find((p) => p.status === "PROCESSING");
    expect(processing).toBeDefined();
    const created = Number(processing!.create_time);
    tick(store, created + 2 * DAY - 1);
    const still = await financeCall(store, "GET /finance/202309/payments", {
      shop: usShop,
      query: { sort_field: "create_time", create_time_ge: created, create_time_lt: created + 1 },
      now: created + 2 * DAY - 1,
    });
    expect(obj((still.payments as Json[])[0]).status).toBe("PROCESSING");
    tick(store, created + 2 * DAY);
    const paid = await financeCall(store, "GET /finance/202309/payments", {
      shop: usShop,
      query: { sort_field: "create_time", create_time_ge: created, create_time_lt: created + 1 },
      now: created + 2 * DAY,
    });
    const payment = obj((paid.payments as Json[])[0]);
    expect(payment.status).toBe("PAID");
    expect(payment.paid_time).toBe(created + 2 * DAY);
    const statements = await financeCall(store, "GET /finance/202309/statements", {
      shop: usShop,
      query: {
        sort_field: "statement_time",
        payment_status: "PAID",
        statement_time_ge: created,
        statement_time_lt: created + 1,
      },
      now: created + 2 * DAY,
    });
    expect((statements.statements as Json[]).map((s) => s.payment_id)).toEqual([payment.id]);
  });

  it("settles a live order after completion with the documented fees, and lists it unsettled until then", async () => {
    const store = financeStore({ now: START, ordersPerShop: 60 });
    const order = await shippedOrder(store, START, { minimumPrice: 1500 });
    const unsettled = async (at: number) =>
      (
        await allPages(store, "GET /finance/202507/orders/unsettled", "transactions", {
          shop: usShop,
          query: { sort_field: "order_create_time" },
          now: at,
        })
      ).items.find((tx) => tx.order_id === order.id);
    expect(obj(await unsettled(START + HOUR)).unsettled_reason).toBe("Waiting for delivery");
    tick(store, START + 7 * DAY);
    expect(order.status).toBe("DELIVERED");
    const delivered = obj(await unsettled(START + 7 * DAY));
    expect(delivered.order_delivery_time).toBe(order.deliveryTime);
    expect(delivered.estimated_settlement).toBe(String(midnight(order.deliveryTime! + 15 * DAY)));
    tick(store, order.deliveryTime! + 15 * DAY);
    expect(order.status).toBe("COMPLETED");
    expect(await orderTransaction(store, order.id)).toBeNull();
    tick(store, midnight(order.completedTime!));
    expect(await unsettled(midnight(order.completedTime!))).toBeUndefined();
    const settled = await orderTransaction(store, order.id);
    expect(settled?.statement.statement_time).toBe(midnight(order.completedTime!));
    const tx = settled!.tx;
    const line = order.lineItems[0]!;
    const original = minor(line.originalPrice);
    const tax = line.itemTax.reduce((t, item) => t + minor(item.taxAmount), 0);
    const shipping = minor(order.payment.shippingFee);
    const subsidy = minor(order.payment.shippingFeePlatformDiscount);
    const data = shopData(store);
    const pkg = data.packages[line.packageId!]!;
    const quote = eligibleServices(
      data,
      order,
      pkg.weight && pkg.dimension
        ? { dimension: pkg.dimension, weight: pkg.weight }
        : defaultParcel(data, [line]),
    ).find((s) => s.providerId === pkg.shippingProviderId && s.isDefault);
    expect(minor(tx.gross_sales_amount)).toBe(original);
    expect(minor(tx.referral_fee_amount)).toBe(-pct(original, 600));
    expect(minor(tx.transaction_fee_amount)).toBe(-pct(original + tax + shipping, 290));
    expect(minor(tx.customer_paid_shipping_fee_amount)).toBe(shipping);
    expect(minor(tx.shipping_fee_subsidy_amount)).toBe(subsidy);
    // The label is charged at the price TikTok Shipping quotes for the package.
    expect(quote).toBeDefined();
    expect(minor(tx.fbm_shipping_cost_amount)).toBe(-minor(quote!.price));
    const affiliate = -minor(tx.affiliate_commission_amount);
    expect([0, 500, 1000, 1500, 2000].map((bp) => pct(original, bp))).toContain(affiliate);
    expect(minor(tx.settlement_amount)).toBe(
      original + shipping + subsidy + minor(tx.fbm_shipping_cost_amount) + minor(tx.fee_amount),
    );
    expect(minor(tx.sales_tax_payment_amount)).toBe(tax);
    // The reserve: 5 % of the order's net sales, released 14 days later.
    const lines = (await transactions202501(store, usShop, String(settled!.statement.id))).items;
    const reserve = lines.find((l) => l.type === "RESERVE" && l.associated_order_id === order.id)!;
    expect(minor(reserve.reserve_amount)).toBe(-pct(original, 500));
    expect(reserve.estimated_release_time).toBe(String(Number(settled!.statement.statement_time) + 14 * DAY));
  });

  it("charges the refund administration fee and the return label on a returned unit", async () => {
    const store = financeStore({ now: START, ordersPerShop: 60 });
    const order = await shippedOrder(store, START, { quantity: 2, minimumPrice: 1000 });
    tick(store, START + 7 * DAY);
    expect(order.status).toBe("DELIVERED");
    const returned = order.lineItems[0]!;
    const returnId = buyer.requestReturn(store, order.id, START + 7 * DAY, recorder().emit, {
      type: "RETURN_AND_REFUND",
      lineItemIds: [returned.id],
    });
    // Not answered by the seller: approved after 48 h; shipped back; not inspected: refunded after 72 h.
    tick(store, START + 9 * DAY + HOUR);
    buyer.shipReturn(store, returnId, START + 9 * DAY + 2 * HOUR, recorder().emit);
    tick(store, START + 13 * DAY);
    expect(shopData(store).returns[returnId]!.status).toBe("RETURN_OR_REFUND_REQUEST_COMPLETE");
    tick(store, midnight(order.deliveryTime! + 15 * DAY));
    const tx = (await orderTransaction(store, order.id))!.tx;
    const original = minor(returned.originalPrice);
    const tax = returned.itemTax.reduce((t, item) => t + minor(item.taxAmount), 0);
    expect(minor(tx.gross_sales_amount)).toBe(2 * original);
    expect(minor(tx.gross_sales_refund_amount)).toBe(-original);
    expect(minor(tx.customer_order_refund_amount)).toBe(-(original + tax));
    expect(minor(tx.sales_tax_refund_amount)).toBe(tax);
    // Referral fee charged on both units, given back on the returned one, 20 % of that kept.
    const charged = pct(2 * original, 600);
    const givenBack = pct(original, 600);
    expect(minor(tx.referral_fee_amount)).toBe(-charged + givenBack);
    expect(minor(tx.refund_administration_fee_amount)).toBe(-Math.min(pct(givenBack, 2000), 500));
    // The return label at TikTok Shipping's STANDARD tariff: 5.95 + 0.85 per started pound.
    const product = shopData(store).products[returned.productId]!;
    const grams =
      product.packageWeight.unit === "KILOGRAM"
        ? Number(product.packageWeight.value) * 1000
        : Number(product.packageWeight.value) * 453.592;
    const pounds = Math.max(1, Math.ceil(grams / 453.5924));
    expect(minor(tx.return_shipping_fee_amount)).toBe(-(595 + 85 * pounds));
  });

  it("settles nothing for an order cancelled before shipment", async () => {
    const store = financeStore({ now: START, ordersPerShop: 60 });
    const id = buyer.placeOrder(store, usShop.id, START, recorder().emit, { skuIds: [liveSku(store, 0)] });
    buyer.requestCancellation(store, id, START + 10 * 60, recorder().emit);
    expect(shopData(store).orders[id]!.status).toBe("CANCELLED");
    tick(store, START + 40 * DAY);
    expect(await orderTransaction(store, id)).toBeNull();
    const { items } = await allPages(store, "GET /finance/202507/orders/unsettled", "transactions", {
      shop: usShop,
      query: { sort_field: "order_create_time" },
      now: START + 40 * DAY,
    });
    expect(items.some((tx) => tx.order_id === id || tx.adjustment_order_id === id)).toBe(false);
    const byOrder = await financeCall(store, "GET /finance/202501/orders/{order_id}/statement_transactions", {
      shop: usShop,
      params: { order_id: id },
      now: START + 40 * DAY,
    });
    expect(byOrder.sku_transactions).toEqual([]);
    expect(byOrder.settlement_amount).toBe("0.00");
  });

  it("charges a sample order's label as a SAMPLE_SHIPPING_FEE adjustment on the next statement", async () => {
    const store = financeStore({ now: START, ordersPerShop: 60 });
    const id = buyer.placeOrder(store, usShop.id, START, recorder().emit, {
      onHold: false,
      isSample: true,
      skuIds: [liveSku(store, 0)],
    });
    const order = shopData(store).orders[id]!;
    await call(store, "POST /fulfillment/202309/packages/{package_id}/ship", {
      params: { package_id: order.lineItems[0]!.packageId! },
      now: START + HOUR,
    });
    const pending = (
      await allPages(store, "GET /finance/202507/orders/unsettled", "transactions", {
        shop: usShop,
        query: { sort_field: "order_create_time" },
        now: START + 2 * HOUR,
      })
    ).items.filter((tx) => tx.adjustment_order_id === id);
    expect(pending.map((tx) => tx.type)).toEqual(["SAMPLE_SHIPPING_FEE"]);
    expect(pending[0]!.estimated_settlement).toBe(String(NOW + DAY));
    tick(store, NOW + DAY);
    const statement = (await statementsOf(store, usShop, NOW + DAY)).at(-1)!;
    expect(statement.statement_time).toBe(NOW + DAY);
    const lines = (await transactions202309(store, usShop, String(statement.id))).items;
    const fee = lines.find((tx) => tx.adjustment_order_id === id)!;
    expect(fee.type).toBe("SAMPLE_SHIPPING_FEE");
    expect(fee.order_id).toBe("0");
    expect(minor(fee.adjustment_amount)).toBe(minor(pending[0]!.est_adjustment_amount));
    expect(minor(fee.settlement_amount)).toBeLessThan(0);
    expect(sumOf(lines, "settlement_amount")).toBe(minor(statement.settlement_amount));
  });
});
