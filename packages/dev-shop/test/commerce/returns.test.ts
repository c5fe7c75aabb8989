import { describe, expect, it } from "vitest";
import { buyer, tickCommerce } from "../../src/commerce/index.ts";
import { toMinor } from "../../src/commerce/money.ts";
import type { DevShopStore } from "../../src/state/store.ts";
import {
  arr,
  call,
  DAY,
  expectOk,
  gbShop,
  HOUR,
  type Json,
  makeStore,
  NOW,
  recorder,
  shopData,
  usShop,
} from "./helpers.ts";

function twoSkus(store: DevShopStore): string[] {
  const data = shopData(store);
  const warehouse = data.warehouses[0]!.id;
  return Object.values(data.products)
    .filter((p) => p.status === "ACTIVATE")
    .flatMap((p) => p.skus)
    .filter((sku) => (sku.stock.find((row) => row.warehouseId === warehouse)?.available ?? 0) >= 3)
    .slice(0, 2)
    .map((sku) => sku.id);
}

function placePaid(store: DevShopStore, extra = {}) {
  const { emit } = recorder();
  const id = buyer.placeOrder(store, usShop.id, NOW, emit, {
    onHold: false,
    skuIds: twoSkus(store),
    ...extra,
  });
  return shopData(store).orders[id]!;
}

/** An order shipped right away and delivered by the carrier six days later. */
async function delivered(store: DevShopStore) {
  const order = placePaid(store);
  await call(store, "POST /fulfillment/202309/packages/{package_id}/ship", {
    params: { package_id: order.lineItems[0]!.packageId! },
  });
  tickCommerce(store, NOW + 6 * DAY, recorder().emit);
  expect(order.status).toBe("DELIVERED");
  return order;
}

const T = NOW + 6 * DAY;

describe("cancellations", () => {
  it("lets the seller reject a buyer's request only with a listed reason", async () => {
    const store = makeStore();
    const order = placePaid(store);
    const { events, emit } = recorder();
    const cancelId = buyer.requestCancellation(store, order.id, NOW + HOUR, emit);
    expect(events.find((e) => e.type === 11)?.data).toEqual({
      order_id: order.id,
      cancel_id: cancelId,
      cancellations_role: "BUYER",
      cancel_status: "CANCELLATION_REQUEST_PENDING",
      create_time: NOW + HOUR,
      update_time: NOW + HOUR,
    });
    const found = expectOk(
      await call(store, "POST /return_refund/202309/cancellations/search", {
        body: { order_ids: [order.id] },
      }),
    );
    const pending = arr(found.cancellations)[0]!;
    expect(pending).toMatchObject({
      cancel_id: cancelId,
      cancel_type: "BUYER_CANCEL",
      cancel_status: "CANCELLATION_REQUEST_PENDING",
    });
    expect(arr(pending.seller_next_action_response)[0]).toEqual({
      action: "SELLER_RESPOND_CANCEL",
      deadline: NOW + 25 * HOUR,
    });
    const reasons = arr(
      expectOk(
        await call(store, "GET /return_refund/202309/reject_reasons", {
          query: { return_or_cancel_id: cancelId },
        }),
      ).reasons,
    );
    expect(reasons.map((r) => r.name)).toContain("seller_reject_apply_product_has_been_packed");
    const path = "POST /return_refund/202309/cancellations/{cancel_id}/reject";
    expect((await call(store, path, { params: { cancel_id: cancelId }, body: {} })).code).toBe(25011003);
    expect(
      (await call(store, path, { params: { cancel_id: cancelId }, body: { reject_reason: "because" } })).code,
    ).toBe(25011003);
    const rejected = await call(store, path, {
      params: { cancel_id: cancelId },
      body: { reject_reason: reasons[0]!.name, comment: "Packed already" },
      now: NOW + 2 * HOUR,
    });
    expect(expectOk(rejected)).toEqual({});
    expect(rejected.events[0]?.data).toMatchObject({ cancel_status: "CANCELLATION_REQUEST_CANCEL" });
    expect(order.isBuyerRequestCancel).toBe(false);
    const after = expectOk(
      await call(store, "POST /return_refund/202309/cancellations/search", {
        body: { cancel_status: ["CANCELLATION_REQUEST_CANCELLED"], order_ids: [order.id] },
      }),
    );
    expect(arr(after.cancellations)[0]?.cancel_status).toBe("CANCELLATION_REQUEST_CANCELLED");
  });

  it("approves a request once per idempotency key, cancels the order and restocks", async () => {
    const store = makeStore();
    const order = placePaid(store);
    const cancelId = buyer.requestCancellation(store, order.id, NOW + HOUR, recorder().emit);
    const sku = Object.values(shopData(store).products)
      .flatMap((p) => p.skus)
      .find((s) => s.id === order.lineItems[0]!.skuId)!;
    const row = sku.stock.find((r) => r.warehouseId === order.warehouseId)!;
    const before = row.available;
    const path = "POST /return_refund/202309/cancellations/{cancel_id}/approve";
    const approved = await call(store, path, {
      params: { cancel_id: cancelId },
      query: { idempotency_key: "k1" },
      now: NOW + 2 * HOUR,
    });
    expect(expectOk(approved)).toEqual({});
    expect(approved.events.map((e) => [e.type, e.data.cancel_status ?? e.data.order_status])).toEqual([
      [1, "CANCELLED"],
      [11, "CANCELLATION_REQUEST_SUCCESS"],
    ]);
    expect(order.status).toBe("CANCELLED");
    expect(row.available).toBe(before + order.lineItems.filter((l) => l.skuId === sku.id).length);
    const retried = await call(store, path, {
      params: { cancel_id: cancelId },
      query: { idempotency_key: "k1" },
    });
    expect(retried.code).toBe(0);
    expect(retried.events).toEqual([]);
    expect(
      (await call(store, path, { params: { cancel_id: cancelId }, query: { idempotency_key: "k2" } })).code,
    ).toBe(25011001);
  });

  it("lets the seller cancel with reason codes that match payment, in part in the US", async () => {
    const store = makeStore();
    const path = "POST /return_refund/202309/cancellations";
    const paid = placePaid(store);
    const wrong = await call(store, path, {
      body: { order_id: paid.id, cancel_reason: "seller_cancel_unpaid_reason_out_of_stock" },
    });
    expect(wrong.code).toBe(25011004);
    const partial = expectOk(
      await call(store, path, {
        body: {
          order_id: paid.id,
          cancel_reason: "seller_cancel_reason_out_of_stock",
          order_line_item_ids: [paid.lineItems[0]!.id],
        },
      }),
    );
    expect(partial.cancel_status).toBe("CANCELLATION_REQUEST_SUCCESS");
    expect(paid.status).toBe("AWAITING_SHIPMENT");
    expect(paid.lineItems[0]!.cancelled).toBe(true);
    expect(paid.lineItems[0]!.packageId).toBeNull();
    const { emit } = recorder();
    const unpaidId = buyer.placeOrder(store, usShop.id, NOW, emit, { unpaid: true, skuIds: twoSkus(store) });
    const paidReason = await call(store, path, {
      body: { order_id: unpaidId, cancel_reason: "seller_cancel_reason_out_of_stock" },
    });
    expect(paidReason.code).toBe(25011004);
    const unpaid = expectOk(
      await call(store, path, {
        body: {
          order_id: unpaidId,
          cancel_reason: "seller_cancel_unpaid_reason_buyer_hasnt_paid_within_time_allowed",
        },
      }),
    );
    expect(unpaid.cancel_status).toBe("CANCELLATION_REQUEST_COMPLETE");
    expect(shopData(store).orders[unpaidId]!.cancellationInitiator).toBe("SELLER");
    const shipped = await delivered(store);
    const late = await call(store, path, {
      body: { order_id: shipped.id, cancel_reason: "seller_cancel_reason_out_of_stock" },
      now: T,
    });
    expect(late.code).toBe(25011005);
  });

  it("cancels at once when the buyer cancels during the hold", () => {
    const store = makeStore();
    const { events, emit } = recorder();
    const id = buyer.placeOrder(store, usShop.id, NOW, emit);
    buyer.requestCancellation(store, id, NOW + 600, emit);
    expect(shopData(store).orders[id]!.status).toBe("CANCELLED");
    expect(events.filter((e) => e.type === 1).map((e) => e.data.order_status)).toEqual([
      "UNPAID",
      "ON_HOLD",
      "CANCELLED",
    ]);
  });
});

describe("returns and refunds", () => {
  it("takes a refund request from PENDING to SUCCESS to COMPLETE, with records and webhook 12", async () => {
    const store = makeStore();
    const order = await delivered(store);
    const { events, emit } = recorder();
    const returnId = buyer.requestReturn(store, order.id, T, emit, {
      type: "REFUND",
      lineItemIds: [order.lineItems[0]!.id],
    });
    expect(events[0]).toEqual({
      shopId: usShop.id,
      type: 12,
      data: {
        order_id: order.id,
        return_id: returnId,
        return_role: "BUYER",
        return_type: "REFUND",
        return_status: "RETURN_OR_REFUND_REQUEST_PENDING",
        create_time: T,
        update_time: T,
      },
    });
    const approve = "POST /return_refund/202309/returns/{return_id}/approve";
    const notApplicable = await call(store, approve, {
      params: { return_id: returnId },
      body: { decision: "APPROVE_RETURN" },
      now: T,
    });
    expect(notApplicable.code).toBe(25011002);
    const approved = await call(store, approve, {
      params: { return_id: returnId },
      body: { decision: "APPROVE_REFUND" },
      now: T + HOUR,
    });
    expect(approved.events.map((e) => e.data.return_status)).toEqual(["RETURN_OR_REFUND_REQUEST_SUCCESS"]);
    tickCommerce(store, T + 3 * HOUR, emit);
    const found = expectOk(
      await call(store, "POST /return_refund/202309/returns/search", { body: { return_ids: [returnId] } }),
    );
    const ret = arr(found.return_orders)[0]!;
    expect(ret.return_status).toBe("RETURN_OR_REFUND_REQUEST_COMPLETE");
    const line = order.lineItems[0]!;
    const expected = toMinor(line.salePrice, "USD") + toMinor(line.itemTax[0]?.taxAmount ?? "0", "USD");
    expect(toMinor((ret.refund_amount as Json).refund_total as string, "USD")).toBe(expected);
    expect(arr(ret.return_line_items)[0]).toMatchObject({ order_line_item_id: line.id, sku_id: line.skuId });
    const records = arr(
      expectOk(
        await call(store, "GET /return_refund/202309/returns/{return_id}/records", {
          params: { return_id: returnId },
        }),
      ).records,
    );
    expect(records.map((r) => r.role)).toEqual(["BUYER", "SELLER", "SYSTEM"]);
    const again = () =>
      buyer.requestReturn(store, order.id, T + 4 * HOUR, emit, { type: "REFUND", lineItemIds: [line.id] });
    expect(again).toThrow(/processing reverse order/);
  });

  it("runs a return and refund through buyer shipment and receipt", async () => {
    const store = makeStore();
    const order = await delivered(store);
    const { emit } = recorder();
    const returnId = buyer.requestReturn(store, order.id, T, emit);
    const approve = "POST /return_refund/202309/returns/{return_id}/approve";
    const reject = "POST /return_refund/202309/returns/{return_id}/reject";
    expectOk(
      await call(store, approve, {
        params: { return_id: returnId },
        body: { decision: "APPROVE_RETURN" },
        now: T + HOUR,
      }),
    );
    const ret = shopData(store).returns[returnId]!;
    expect(ret.status).toBe("AWAITING_BUYER_SHIP");
    const early = await call(store, reject, {
      params: { return_id: returnId },
      body: { decision: "REJECT_RECEIVED_PACKAGE", reject_reason: "reverse_reject_receive_reason_damaged" },
    });
    expect(early.code).toBe(25011014);
    buyer.shipReturn(store, returnId, T + 5 * HOUR, emit);
    expect(ret.status).toBe("BUYER_SHIPPED_ITEM");
    expect(ret.trackingNumber).toMatch(/^9400\d{18}$/);
    const reasons = arr(
      expectOk(
        await call(store, "GET /return_refund/202309/reject_reasons", {
          query: { return_or_cancel_id: returnId },
        }),
      ).reasons,
    );
    expect(reasons.map((r) => r.name)).toContain("reverse_reject_receive_reason_damaged");
    const received = await call(store, approve, {
      params: { return_id: returnId },
      body: { decision: "APPROVE_RECEIVED_PACKAGE" },
      now: T + 2 * DAY,
    });
    expect(received.events.map((e) => e.data.return_status)).toEqual(["RETURN_OR_REFUND_REQUEST_SUCCESS"]);
  });

  it("rejects with a reason, offers partial refunds and refuses ineligible requests", async () => {
    const store = makeStore();
    const order = await delivered(store);
    const { emit } = recorder();
    const [a, b] = order.lineItems;
    const first = buyer.requestReturn(store, order.id, T, emit, { lineItemIds: [a!.id] });
    const reject = "POST /return_refund/202309/returns/{return_id}/reject";
    const missing = await call(store, reject, {
      params: { return_id: first },
      body: { decision: "REJECT_RETURN" },
    });
    expect(missing.code).toBe(25011003);
    const rejected = await call(store, reject, {
      params: { return_id: first },
      body: { decision: "REJECT_RETURN", reject_reason: "reverse_reject_request_reason_3", comment: "Used" },
      now: T + HOUR,
    });
    expect(rejected.events[0]?.data.return_status).toBe("REFUND_OR_RETURN_REQUEST_REJECT");
    const second = buyer.requestReturn(store, order.id, T + 2 * HOUR, emit, { lineItemIds: [b!.id] });
    const ret = shopData(store).returns[second]!;
    const approve = "POST /return_refund/202309/returns/{return_id}/approve";
    const tooMuch = await call(store, approve, {
      params: { return_id: second },
      body: {
        decision: "OFFER_PARTIAL_REFUND",
        partial_refund: { amount: ret.refund.refundTotal, currency: "USD" },
      },
    });
    expect(tooMuch.code).toBe(25011006);
    const wrongCurrency = await call(store, approve, {
      params: { return_id: second },
      body: { decision: "OFFER_PARTIAL_REFUND", partial_refund: { amount: "0.50", currency: "GBP" } },
    });
    expect(wrongCurrency.code).toBe(25011006);
    expectOk(
      await call(store, approve, {
        params: { return_id: second },
        body: { decision: "OFFER_PARTIAL_REFUND", partial_refund: { amount: "0.50", currency: "USD" } },
        now: T + 3 * HOUR,
      }),
    );
    expect(ret.status).toBe("AWAITING_BUYER_RESPONSE");
    const proposed = expectOk(
      await call(store, "POST /return_refund/202309/returns/search", {
        body: { seller_proposed_return_type: ["PARTIAL_REFUND"] },
      }),
    );
    expect(arr(proposed.return_orders).map((r) => r.return_id)).toContain(second);
    buyer.answerPartialRefund(store, second, true, T + 4 * HOUR, emit);
    expect(ret.status).toBe("RETURN_OR_REFUND_REQUEST_SUCCESS");
    expect(ret.refund.refundTotal).toBe("0.50");
    tickCommerce(store, T + 20 * DAY, emit);
    expect(order.status).toBe("COMPLETED");
    expect(() => buyer.requestReturn(store, order.id, T + 20 * DAY, emit)).toThrow(/not eligible/);
  });

  it("lets the seller open a refund, searches ascending by default and answers eligibility and refund previews", async () => {
    const store = makeStore();
    const order = await delivered(store);
    const created = expectOk(
      await call(store, "POST /return_refund/202309/returns", {
        query: { idempotency_key: "create-1" },
        body: {
          order_id: order.id,
          return_type: "REFUND",
          order_line_item_ids: [order.lineItems[0]!.id],
          return_reason: "ecom_order_delivered_refund_reason_damaged",
        },
        now: T,
      }),
    );
    expect(created.return_status).toBe("RETURN_OR_REFUND_REQUEST_SUCCESS");
    const repeated = expectOk(
      await call(store, "POST /return_refund/202309/returns", {
        query: { idempotency_key: "create-1" },
        body: { order_id: order.id, return_type: "REFUND", order_line_item_ids: [order.lineItems[0]!.id] },
        now: T + 1,
      }),
    );
    expect(repeated.return_id).toBe(created.return_id);
    const page = expectOk(
      await call(store, "POST /return_refund/202309/returns/search", { query: { page_size: 10 } }),
    );
    const times = arr(page.return_orders).map((r) => r.create_time as number);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(page.total_count).toBe(Object.keys(shopData(store).returns).length);
    const eligibility = expectOk(
      await call(store, "GET /return_refund/202309/orders/{order_id}/aftersale_eligibility", {
        params: { order_id: order.id },
      }),
    );
    const second = order.lineItems[1]!;
    const entry = arr(eligibility.sku_eligibility).find((s) => s.sku_id === second.skuId)!;
    const byType = Object.fromEntries(arr(entry.line_item_eligibility).map((e) => [e.request_type, e]));
    expect(byType.CANCEL).toMatchObject({ eligible: false });
    expect(byType.RETURN_AND_REFUND).toMatchObject({ eligible: true });
    const open = placePaid(store);
    const preview = expectOk(
      await call(store, "POST /return_refund/202309/refunds/calculate", {
        body: { order_id: open.id, request_type: "CANCEL" },
      }),
    );
    expect((preview.order_refund_amount as Json).refund_total).toBe(open.payment.totalAmount);
    const ineligible = await call(store, "POST /return_refund/202309/refunds/calculate", {
      body: { order_id: open.id, request_type: "RETURN_AND_REFUND" },
    });
    expect(ineligible.code).toBe(25011008);
    const foreign = Object.keys(shopData(store, gbShop).returns)[0]!;
    expect(
      (
        await call(store, "GET /return_refund/202309/returns/{return_id}/records", {
          params: { return_id: foreign },
        })
      ).code,
    ).toBe(25001003);
  });
});
