import { describe, expect, it } from "vitest";
import { shipPackage } from "../../src/commerce/fulfillment-ops.ts";
import { buyer, tickCommerce } from "../../src/commerce/index.ts";
import { DAY, HOUR, makeStore, NOW, recorder, shopData, usShop } from "./helpers.ts";

describe("tickCommerce", () => {
  it("releases ON_HOLD orders after one hour, once", () => {
    const store = makeStore();
    const { events, emit } = recorder();
    const id = buyer.placeOrder(store, usShop.id, NOW, emit);
    const order = shopData(store).orders[id]!;
    expect(order.status).toBe("ON_HOLD");
    expect(events.map((e) => [e.type, e.data.order_status])).toEqual([
      [1, "UNPAID"],
      [1, "ON_HOLD"],
    ]);
    events.length = 0;
    tickCommerce(store, NOW + HOUR - 1, emit);
    expect(order.status).toBe("ON_HOLD");
    tickCommerce(store, NOW + HOUR, emit);
    expect(order.status).toBe("AWAITING_SHIPMENT");
    expect(order.lineItems.every((line) => line.packageId !== null)).toBe(true);
    const mine = events.filter((e) => e.data.order_id === id);
    expect(mine).toEqual([
      {
        shopId: usShop.id,
        type: 1,
        data: {
          order_id: id,
          order_status: "AWAITING_SHIPMENT",
          is_on_hold_order: true,
          update_time: NOW + HOUR,
        },
      },
    ]);
    const before = events.length;
    tickCommerce(store, NOW + HOUR, emit);
    expect(events.length).toBe(before);
  });

  it("cancels orders left unpaid for 24 hours as SYSTEM and puts the stock back", () => {
    const store = makeStore();
    const { events, emit } = recorder();
    const id = buyer.placeOrder(store, usShop.id, NOW, emit, { unpaid: true });
    const order = shopData(store).orders[id]!;
    const skuId = order.lineItems[0]!.skuId;
    const row = Object.values(shopData(store).products)
      .flatMap((p) => p.skus)
      .find((sku) => sku.id === skuId)!
      .stock.find((r) => r.warehouseId === order.warehouseId)!;
    const reserved = { available: row.available, committed: row.committed };
    tickCommerce(store, NOW + 24 * HOUR, emit);
    expect(order.status).toBe("CANCELLED");
    expect(order.cancellationInitiator).toBe("SYSTEM");
    expect(row.available).toBe(reserved.available + order.lineItems.filter((l) => l.skuId === skuId).length);
    expect(row.committed).toBe(reserved.committed - order.lineItems.filter((l) => l.skuId === skuId).length);
    const cancelEvents = events.filter((e) => e.type === 11 && e.data.order_id === id);
    expect(cancelEvents.at(-1)?.data).toMatchObject({
      cancellations_role: "SYSTEM",
      cancel_status: "CANCELLATION_REQUEST_COMPLETE",
    });
  });

  it("moves a shipped package through collection, transit and delivery to completion with tracking", () => {
    const store = makeStore();
    const { events, emit } = recorder();
    const id = buyer.placeOrder(store, usShop.id, NOW, emit, { onHold: false });
    const data = shopData(store);
    const order = data.orders[id]!;
    const pkg = data.packages[order.lineItems[0]!.packageId!]!;
    // Ship through the operation behind Ship Package.
    shipPackage(
      { state: store.commerce, shop: data, emit: (t, d) => emit(usShop.id, t, d) },
      pkg,
      NOW + HOUR,
    );
    expect(order.status).toBe("AWAITING_COLLECTION");
    tickCommerce(store, NOW + 2 * DAY, emit);
    expect(order.status).toBe("IN_TRANSIT");
    expect(pkg.tracking.map((e) => e.description)).toContain("Arrived at the carrier's sorting facility");
    tickCommerce(store, NOW + 6 * DAY, emit);
    expect(order.status).toBe("DELIVERED");
    expect(order.deliveryTime).toBe(pkg.deliveredTime);
    tickCommerce(store, NOW + 22 * DAY, emit);
    expect(order.status).toBe("COMPLETED");
    const statuses = events
      .filter((e) => e.type === 1 && e.data.order_id === id)
      .map((e) => e.data.order_status);
    expect(statuses).toEqual([
      "UNPAID",
      "AWAITING_SHIPMENT",
      "AWAITING_COLLECTION",
      "IN_TRANSIT",
      "DELIVERED",
      "COMPLETED",
    ]);
    const times = pkg.tracking.map((e) => e.time);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(pkg.tracking.at(-1)?.description).toBe("Delivered");
    // Collection within a day, delivery three days after that, completion 15 days after delivery.
    expect(pkg.collectedTime! - pkg.shippedTime!).toBeLessThanOrEqual(DAY);
    expect(pkg.deliveredTime! - pkg.collectedTime!).toBeGreaterThanOrEqual(3 * DAY);
    expect(order.completedTime! - order.deliveryTime!).toBe(15 * DAY);
  });

  it("approves a pending buyer cancellation at its 24-hour SLA", () => {
    const store = makeStore();
    const { events, emit } = recorder();
    const id = buyer.placeOrder(store, usShop.id, NOW, emit, { onHold: false });
    const cancelId = buyer.requestCancellation(store, id, NOW + HOUR, emit);
    const order = shopData(store).orders[id]!;
    expect(order.isBuyerRequestCancel).toBe(true);
    expect(order.cancelOrderSlaTime).toBe(NOW + 25 * HOUR);
    tickCommerce(store, NOW + 25 * HOUR, emit);
    expect(order.status).toBe("CANCELLED");
    expect(order.cancellationInitiator).toBe("BUYER");
    expect(shopData(store).cancellations[cancelId]!.status).toBe("CANCELLATION_REQUEST_SUCCESS");
    tickCommerce(store, NOW + 28 * HOUR, emit);
    expect(shopData(store).cancellations[cancelId]!.status).toBe("CANCELLATION_REQUEST_COMPLETE");
    const statuses = events
      .filter((e) => e.type === 11 && e.data.cancel_id === cancelId)
      .map((e) => e.data.cancel_status);
    expect(statuses).toEqual([
      "CANCELLATION_REQUEST_PENDING",
      "CANCELLATION_REQUEST_SUCCESS",
      "CANCELLATION_REQUEST_COMPLETE",
    ]);
  });

  it("lets TikTok dispatch FBT orders by itself", () => {
    const store = makeStore();
    const data = shopData(store);
    const { emit } = recorder();
    const fbt = Object.values(data.orders).filter((o) => o.fulfillmentType === "FULFILLMENT_BY_TIKTOK");
    expect(fbt.length).toBeGreaterThan(0);
    tickCommerce(store, NOW + 40 * DAY, emit);
    expect(fbt.every((o) => o.status === "COMPLETED" || o.status === "CANCELLED")).toBe(true);
  });

  it("replays a long pause in one tick with the real timestamps and is idempotent", () => {
    const store = makeStore();
    const { events, emit } = recorder();
    tickCommerce(store, NOW + 30 * DAY, emit);
    expect(events.length).toBeGreaterThan(0);
    expect(
      events.every(
        (e) => typeof e.data.update_time !== "number" || (e.data.update_time as number) <= NOW + 30 * DAY,
      ),
    ).toBe(true);
    const snapshot = JSON.stringify(store.commerce);
    const count = events.length;
    tickCommerce(store, NOW + 30 * DAY, emit);
    expect(events.length).toBe(count);
    expect(JSON.stringify(store.commerce)).toBe(snapshot);
  });

  it("pays an UNPAID order into the hold, flagged as an on-hold order from the start", () => {
    const store = makeStore();
    const { events, emit } = recorder();
    const id = buyer.placeOrder(store, usShop.id, NOW, emit, { unpaid: true });
    expect(events.at(-1)?.data).toEqual({
      order_id: id,
      order_status: "UNPAID",
      is_on_hold_order: true,
      update_time: NOW,
    });
    buyer.payForOrder(store, id, NOW + 600, emit);
    const order = shopData(store).orders[id]!;
    expect(order.status).toBe("ON_HOLD");
    expect(order.holdUntil).toBe(NOW + 600 + HOUR);
    expect(() => buyer.payForOrder(store, id, NOW + 700, emit)).toThrow(/not UNPAID/);
  });
});
