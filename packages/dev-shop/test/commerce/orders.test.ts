import { describe, expect, it } from "vitest";
import { buyer, tickCommerce } from "../../src/commerce/index.ts";
import {
  arr,
  call,
  DAY,
  expectOk,
  gbShop,
  type Json,
  makeStore,
  NOW,
  recorder,
  shopData,
  usShop,
} from "./helpers.ts";

const SEARCH = "POST /order/202309/orders/search";
const DETAIL = "GET /order/202309/orders";

async function walk(store: ReturnType<typeof makeStore>, body: Json, query: Json = {}, pageSize = 17) {
  const ids: string[] = [];
  let token: string | undefined;
  let total = -1;
  let pages = 0;
  do {
    const data = expectOk(
      await call(store, SEARCH, {
        body,
        query: { page_size: pageSize, ...query, ...(token ? { page_token: token } : {}) },
      }),
    );
    total = data.total_count as number;
    ids.push(...arr(data.orders).map((order) => order.id as string));
    token = data.next_page_token as string;
    pages++;
    expect(pages).toBeLessThan(200);
  } while (token !== "");
  return { ids, total, pages };
}

describe("Get Order List", () => {
  const store = makeStore();
  const orders = Object.values(shopData(store).orders);

  it("walks every page without duplicates or gaps, newest first by default", async () => {
    const { ids, total, pages } = await walk(store, {});
    expect(total).toBe(orders.length);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 17));
    const times = ids.map((id) => shopData(store).orders[id]!.createTime);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("sorts by update_time ascending on request", async () => {
    const { ids } = await walk(store, {}, { sort_field: "update_time", sort_order: "ASC" }, 50);
    const times = ids.map((id) => shopData(store).orders[id]!.updateTime);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("ends with an empty next_page_token and serves the last page", async () => {
    const data = expectOk(
      await call(store, SEARCH, { query: { page_size: 100 }, body: { order_status: "ON_HOLD" } }),
    );
    expect(data.next_page_token).toBe("");
    expect(arr(data.orders).length).toBe(data.total_count);
  });

  it("filters by status, time windows (ge inclusive, lt exclusive), shipping type, buyer, warehouse and cancel requests", async () => {
    for (const status of ["AWAITING_SHIPMENT", "CANCELLED", "ON_HOLD"]) {
      const { ids } = await walk(store, { order_status: status }, {}, 100);
      expect(ids.length).toBe(orders.filter((order) => order.status === status).length);
    }
    const pivot = orders[10]!;
    const from = await walk(store, { create_time_ge: pivot.createTime }, {}, 100);
    expect(from.ids).toContain(pivot.id);
    expect(from.ids.length).toBe(orders.filter((order) => order.createTime >= pivot.createTime).length);
    const before = await walk(store, { create_time_lt: pivot.createTime }, {}, 100);
    expect(before.ids).not.toContain(pivot.id);
    expect(before.ids.length + from.ids.length).toBe(orders.length);
    const updated = await walk(store, { update_time_ge: NOW - 2 * DAY, update_time_lt: NOW }, {}, 100);
    expect(updated.ids.length).toBe(
      orders.filter((o) => o.updateTime >= NOW - 2 * DAY && o.updateTime < NOW).length,
    );
    const seller = await walk(store, { shipping_type: "SELLER" }, {}, 100);
    expect(seller.ids.length).toBe(orders.filter((order) => order.shippingType === "SELLER").length);
    const buyerId = pivot.userId;
    const byBuyer = await walk(store, { buyer_user_id: buyerId }, {}, 100);
    expect(byBuyer.ids.sort()).toEqual(
      orders
        .filter((o) => o.userId === buyerId)
        .map((o) => o.id)
        .sort(),
    );
    const warehouse = pivot.warehouseId;
    const byWarehouse = await walk(store, { warehouse_ids: [warehouse] }, {}, 100);
    expect(byWarehouse.ids.length).toBe(orders.filter((o) => o.warehouseId === warehouse).length);
    const requested = await walk(store, { is_buyer_request_cancel: true }, {}, 100);
    expect(requested.ids.length).toBeGreaterThan(0);
    expect(requested.ids.every((id) => shopData(store).orders[id]!.isBuyerRequestCancel)).toBe(true);
  });

  it("keeps a walk stable when new orders arrive between pages", async () => {
    const fresh = makeStore();
    const first = expectOk(await call(fresh, SEARCH, { query: { page_size: 20 } }));
    const seen = arr(first.orders).map((order) => order.id as string);
    const { emit } = recorder();
    buyer.placeOrder(fresh, usShop.id, NOW + 10, emit);
    let token = first.next_page_token as string;
    while (token) {
      const page = expectOk(
        await call(fresh, SEARCH, { query: { page_size: 20, page_token: token }, now: NOW + 20 }),
      );
      seen.push(...arr(page.orders).map((order) => order.id as string));
      token = page.next_page_token as string;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(Object.keys(shopData(store).orders).length);
  });

  it("refuses a page token from another query", async () => {
    const page = expectOk(await call(store, SEARCH, { query: { page_size: 5 } }));
    const other = await call(store, SEARCH, {
      query: { page_size: 5, page_token: page.next_page_token },
      body: { order_status: "COMPLETED" },
    });
    expect(other.code).toBe(36009004);
    expect((await call(store, SEARCH, { query: { page_size: 5, page_token: "garbage" } })).code).toBe(
      36009004,
    );
  });
});

describe("Get Order Detail", () => {
  const store = makeStore();
  const data = shopData(store);

  it("withholds the recipient address while ON_HOLD and releases it after the hold", async () => {
    const held = Object.values(data.orders).find((order) => order.status === "ON_HOLD")!;
    const before = arr(expectOk(await call(store, DETAIL, { query: { ids: held.id } })).orders)[0]!;
    const address = before.recipient_address as Json;
    expect(before.is_on_hold_order).toBe(true);
    expect(address.full_address).toBe("");
    expect(address.name).toBe("");
    expect(address.phone_number).toBe("");
    expect(address.district_info).toEqual([]);
    expect(address.region_code).toBe("US");
    const { events, emit } = recorder();
    tickCommerce(store, held.holdUntil!, emit);
    const after = arr(
      expectOk(await call(store, DETAIL, { query: { ids: held.id }, now: held.holdUntil! })).orders,
    )[0]!;
    expect(after.status).toBe("AWAITING_SHIPMENT");
    const released = after.recipient_address as Json;
    expect(released.full_address).not.toBe("");
    expect(released.phone_number).toMatch(/^\(\+1\)\d{3}-\*\*\*-\d{4}$/);
    expect(arr(released.district_info).length).toBeGreaterThan(0);
    expect(events).toContainEqual({
      shopId: usShop.id,
      type: 1,
      data: {
        order_id: held.id,
        order_status: "AWAITING_SHIPMENT",
        is_on_hold_order: true,
        update_time: held.holdUntil,
      },
    });
  });

  it("withholds the address of UNPAID orders too", async () => {
    const unpaid = Object.values(data.orders).find((order) => order.status === "UNPAID")!;
    const order = arr(expectOk(await call(store, DETAIL, { query: { ids: [unpaid.id] } })).orders)[0]!;
    expect((order.recipient_address as Json).full_address).toBe("");
  });

  it("returns line items with per-unit detail, packages and US item tax", async () => {
    const shipped = Object.values(data.orders).find(
      (order) =>
        order.status === "IN_TRANSIT" && order.lineItems.length > 1 && order.lineItems[0]!.itemTax.length > 0,
    )!;
    const order = arr(expectOk(await call(store, DETAIL, { query: { ids: shipped.id } })).orders)[0]!;
    const lines = arr(order.line_items);
    expect(lines).toHaveLength(shipped.lineItems.length);
    expect(lines[0]).toMatchObject({
      display_status: "IN_TRANSIT",
      package_status: "FULFILLING",
      currency: "USD",
    });
    expect(lines[0]!.tracking_number).not.toBe("");
    expect(arr(lines[0]!.item_tax)[0]).toMatchObject({ tax_type: "SALES_TAX" });
    expect(arr(order.packages).length).toBeGreaterThan(0);
    expect(order.tracking_number).not.toBe("");
  });

  it("skips unknown ids, refuses another seller's order and more than 50 ids", async () => {
    const ids = Object.keys(data.orders).slice(0, 3);
    const result = expectOk(
      await call(store, DETAIL, { query: { ids: [...ids, "576400000000099999"].join(",") } }),
    );
    expect(arr(result.orders).map((order) => order.id)).toEqual(ids);
    const foreign = Object.keys(shopData(store, gbShop).orders)[0]!;
    const denied = await call(store, DETAIL, { query: { ids: [ids[0], foreign] } });
    expect(denied.code).toBe(21008111);
    const tooMany = await call(store, DETAIL, { query: { ids: Object.keys(data.orders).slice(0, 51) } });
    expect(tooMany.code).toBe(36009004);
  });

  it("serves the same orders on the 202507 version", async () => {
    const id = Object.keys(data.orders)[0]!;
    const a = expectOk(await call(store, DETAIL, { query: { ids: id } }));
    const b = expectOk(await call(store, "GET /order/202507/orders", { query: { ids: id } }));
    expect(b).toEqual(a);
  });
});

describe("Get Price Detail", () => {
  it("breaks the price down per order and per line", async () => {
    const store = makeStore();
    const order = Object.values(shopData(store).orders).find(
      (o) => o.lineItems.length > 1 && o.status === "COMPLETED",
    )!;
    const data = expectOk(
      await call(store, "GET /order/202407/orders/{order_id}/price_detail", {
        params: { order_id: order.id },
      }),
    );
    expect(data.currency).toBe("USD");
    expect(data.total).toBe(order.payment.totalAmount);
    expect(data.subtotal).toBe(order.payment.subTotal);
    expect(arr(data.line_items)).toHaveLength(order.lineItems.length);
    const unknown = await call(store, "GET /order/202407/orders/{order_id}/price_detail", {
      params: { order_id: "1" },
    });
    expect(unknown.code).toBe(21008111);
  });
});

describe("external order references", () => {
  it("stores, reads back and searches references", async () => {
    const store = makeStore();
    const id = Object.keys(shopData(store).orders)[0]!;
    const added = expectOk(
      await call(store, "POST /order/202406/orders/external_orders", {
        body: {
          orders: [
            { id, external_order: { id: "SHOP-1001", platform: "SHOPIFY", line_items: [{ id: "L1" }] } },
            { id: "nope", external_order: { id: "X", platform: "SHOPIFY" } },
          ],
        },
      }),
    );
    expect(arr(added.errors)).toHaveLength(1);
    const read = expectOk(
      await call(store, "GET /order/202406/orders/{order_id}/external_orders", {
        params: { order_id: id },
        query: { platform: "SHOPIFY" },
      }),
    );
    expect(arr(read.external_orders)[0]).toMatchObject({ id: "SHOP-1001", platform: "SHOPIFY" });
    const found = expectOk(
      await call(store, "POST /order/202406/orders/external_order_search", {
        query: { platform: "SHOPIFY", external_order_id: "SHOP-1001" },
      }),
    );
    expect(arr(found.orders)[0]?.id).toBe(id);
  });
});
