import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../src/server/db/schema.ts";
import { shipByOf } from "../src/server/orders/mirror.ts";
import { type Order, upsertOrders } from "../src/server/orders/sync.ts";
import { orderStatusWebhook } from "../src/server/orders/webhooks.ts";
import { type OrdersFixture, ordersFixture } from "./orders-fixture.ts";

/**
 * ORD-SYNC-IMPORT and the order webhooks against the dev shop in-process: the scheduler's first
 * import brings in every order of the shop (not just the last day), the mirror's columns agree
 * with TikTok's order, webhooks 1 and 3 refresh an order, and a webhook for a shop the app does
 * not serve writes nothing.
 */
describe("order sync", () => {
  let f: OrdersFixture;
  let shopId: string;
  const mirror = (orderId: string) =>
    f.oms.database.db
      .select()
      .from(schema.orders)
      .where(and(eq(schema.orders.shopId, shopId), eq(schema.orders.id, orderId)))
      .then((rows) => rows[0]);

  beforeAll(async () => {
    f = await ordersFixture({ ordersPerShop: 80 });
    shopId = f.shopIds[0]!;
    await f.firstImport(shopId);
  });
  afterAll(() => f?.close());

  it("imports every existing order of the shop on connection, however old", async () => {
    const inDevShop = Object.values(f.devShop.store.commerce.shops[shopId]!.orders);
    const now = f.devShop.clock.now();
    // The seed spans 90 days: most orders are older than the scheduler's default first window.
    expect(inDevShop.filter((o) => o.updateTime < now - 86_400).length).toBeGreaterThan(20);
    const rows = await f.oms.database.db.select().from(schema.orders).where(eq(schema.orders.shopId, shopId));
    expect(rows.map((r) => r.id).sort()).toEqual(inDevShop.map((o) => o.id).sort());
  });

  it("mirrors the columns the workspace filters on from the order as TikTok sends it", async () => {
    const client = await f.oms.auth.backgroundShopClient(shopId);
    const ids = Object.keys(f.devShop.store.commerce.shops[shopId]!.orders).slice(0, 50);
    const { orders } = await client.order.getOrderDetail({ query: { ids } });
    for (const order of orders) {
      const row = (await mirror(order.id))!;
      expect(row.status).toBe(order.status);
      expect(row.shipBy).toBe(shipByOf(order));
      expect(row.shipBy).toBe(order.rts_sla_time ?? null);
      expect(row.paidTime).toBe(order.paid_time ?? null);
      expect(row.shippedAt).toBe(order.rts_time ?? null);
      expect(row.fulfillmentType).toBe(order.fulfillment_type);
      expect(row.isSample).toBe(order.is_sample_order);
      expect(row.isOnHoldOrder).toBe(order.is_on_hold_order);
      expect(row.itemCount).toBe(order.line_items.length);
      expect(row.totalAmount).toBe(order.payment?.total_amount);
      expect(row.onHoldUntil).toBe(order.status === "ON_HOLD" ? order.paid_time! + 3600 : null);
      expect(row.buyerName).toBe(order.recipient_address?.name || null);
    }
  });

  it("indexes an order's search terms and rewrites them with the order", async () => {
    const order = (await mirror(Object.keys(f.devShop.store.commerce.shops[shopId]!.orders)[0]!))!;
    const raw = order.raw as Order;
    const terms = async () =>
      (
        await f.oms.database.db
          .select({ term: schema.orderSearchTerms.term })
          .from(schema.orderSearchTerms)
          .where(
            and(eq(schema.orderSearchTerms.shopId, shopId), eq(schema.orderSearchTerms.orderId, order.id)),
          )
      ).map((t) => t.term);
    expect(await terms()).toEqual(
      expect.arrayContaining([order.id, raw.user_id!, raw.line_items[0]!.seller_sku!.toLowerCase()]),
    );
    const changed = {
      ...raw,
      update_time: order.updateTime + 1,
      line_items: raw.line_items.map((line) => ({ ...line, seller_sku: "RENAMED-SKU-1" })),
    };
    await upsertOrders(f.oms.database.db, shopId, [changed], 1);
    expect(await terms()).toContain("renamed-sku-1");
    expect(await terms()).not.toContain(raw.line_items[0]!.seller_sku!.toLowerCase());
    // An older copy changes neither the order nor its terms.
    await upsertOrders(f.oms.database.db, shopId, [{ ...raw, update_time: order.updateTime - 10 }], 2);
    expect(await terms()).toContain("renamed-sku-1");
    expect((await mirror(order.id))!.updateTime).toBe(order.updateTime + 1);
    await upsertOrders(f.oms.database.db, shopId, [{ ...raw, update_time: order.updateTime + 2 }], 3);
  });

  it("webhook 1 brings in a new order; webhook 3 refreshes its address", async () => {
    const orderId = f.devShop.control.buyer.placeOrder(shopId, { onHold: false });
    await expect
      .poll(async () => (await mirror(orderId))?.status, { timeout: 15_000 })
      .toBe("AWAITING_SHIPMENT");
    const before = (await mirror(orderId))!.raw as Order;
    f.devShop.control.buyer.updateAddress(orderId, { addressLine1: "1 Changed Street", city: "Springfield" });
    await expect
      .poll(async () => ((await mirror(orderId))!.raw as Order).recipient_address?.full_address, {
        timeout: 15_000,
      })
      .toContain("1 Changed Street");
    expect(before.recipient_address?.full_address).not.toContain("1 Changed Street");
    const deliveries = f.devShop.control.webhookLog({ shopId, type: 3 });
    expect(deliveries.some((d) => d.state === "delivered")).toBe(true);
  });

  it("a webhook for an unknown or disconnected shop writes nothing", async () => {
    const handler = orderStatusWebhook(f.oms.database.db, f.oms.auth, () => f.devShop.clock.now());
    const count = async () => (await f.oms.database.db.select().from(schema.orders)).length;
    const before = await count();
    const event = (shop: string, orderId: string) =>
      ({
        type: 1,
        name: "ORDER_STATUS_CHANGE",
        shopId: shop,
        notificationId: undefined,
        timestamp: f.devShop.clock.now(),
        data: { order_id: orderId, order_status: "AWAITING_SHIPMENT", update_time: f.devShop.clock.now() },
      }) as const;
    // A shop that does not exist, and a real shop of another seller that never installed the app.
    const foreign = f.devShop.control.shops().find((s) => !f.shopIds.includes(s.id))!;
    const foreignOrder = Object.keys(f.devShop.store.commerce.shops[foreign.id]!.orders)[0]!;
    await handler(event("7000000000000000001", "576000000000000001"));
    await handler(event(foreign.id, foreignOrder));
    expect(await count()).toBe(before);

    // Seller disconnects the second shop: its data goes, and later webhooks for it write nothing.
    const second = f.shopIds[1]!;
    await f.oms.auth.connections.disconnect(f.sellerId, second);
    const orderId = f.devShop.control.buyer.placeOrder(second, { onHold: false });
    await handler(event(second, orderId));
    const rows = await f.oms.database.db.select().from(schema.orders).where(eq(schema.orders.shopId, second));
    expect(rows).toHaveLength(0);
  });
});
