import { describe, expect, it } from "vitest";
import type { DevShop } from "../../src/app.ts";
import { authorizedToken, BASE, testShop, webhookReceiver } from "./helpers.ts";

async function session(shop: DevShop, email: string) {
  const res = await shop.fetch(
    new Request(`${BASE}/seller-center/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: "devshop", next: "/seller-center/orders" }),
    }),
  );
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return {
    get: (path: string) => shop.fetch(new Request(`${BASE}${path}`, { headers: { cookie } })),
    post: (path: string, fields: Record<string, string> = {}) =>
      shop.fetch(
        new Request(`${BASE}${path}`, {
          method: "POST",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(fields),
        }),
      ),
  };
}

const control = (shop: DevShop, method: string, path: string, body?: unknown) =>
  shop.fetch(
    new Request(`${BASE}/control${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    }),
  );

async function webhook4(receiver: ReturnType<typeof webhookReceiver>, shop: DevShop) {
  await shop.control.webhooksIdle();
  return receiver.calls.map((c) => JSON.parse(c.body)).filter((b) => b.type === 4);
}

describe("Seller Center orders (split and combine)", () => {
  it("splits an order into the packages the seller chose and sends webhook 4", async () => {
    const receiver = webhookReceiver();
    const shop = testShop({ fetch: receiver.fetch });
    const { shops } = await authorizedToken(shop);
    const target = shops[0]!;
    const orderId = shop.control.buyer.placeOrder(target.id, {
      quantityPerSku: 3,
      onHold: false,
      shippingType: "SELLER",
    });
    const s = await session(shop, "seller1@dev.shop");
    const list = await (await s.get(`/seller-center/orders?shop_id=${target.id}`)).text();
    expect(list).toContain(orderId);
    expect(list).toContain(`aria-label="Split order ${orderId}"`);

    const form = await (await s.get(`/seller-center/orders/${orderId}/split`)).text();
    const lineIds = [...form.matchAll(/name="line_(\d+)"/g)].map((m) => m[1]!);
    // One or two SKUs, three units each: one line item per unit.
    expect([3, 6]).toContain(lineIds.length);
    const [alone, ...rest] = lineIds;
    const res = await s.post(`/seller-center/orders/${orderId}/split`, {
      [`line_${alone}`]: "1",
      ...Object.fromEntries(rest.map((id) => [`line_${id}`, "2"])),
    });
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get("location")!, BASE).searchParams.get("done")).toMatch(
      /split into 2 packages/,
    );

    const state = (await (await control(shop, "GET", `/fulfillment/orders/${orderId}`)).json()) as {
      packages: Array<{ id: string; line_item_ids: string[]; split_and_combine_tag: string }>;
    };
    expect(state.packages.map((p) => p.line_item_ids.sort())).toEqual(
      expect.arrayContaining([[alone], rest.sort()]),
    );
    expect(state.packages.every((p) => p.split_and_combine_tag === "SPLIT")).toBe(true);
    const events = await webhook4(receiver, shop);
    expect(events.some((e) => e.data.sc_type === "SPLIT" && e.shop_id === target.id)).toBe(true);
  });

  it("combines one buyer's orders and uncombines them, with webhook 4 each time", async () => {
    const receiver = webhookReceiver();
    const shop = testShop({ fetch: receiver.fetch });
    const { shops } = await authorizedToken(shop);
    const target = shops[0]!;
    const first = shop.control.buyer.placeOrder(target.id, { onHold: false, shippingType: "SELLER" });
    const order = shop.store.commerce.shops[target.id]!.orders[first]!;
    const second = shop.control.buyer.placeOrder(target.id, {
      onHold: false,
      shippingType: "SELLER",
      buyerUserId: order.userId,
      warehouseId: order.warehouseId,
      // The first order's SKU was in stock in that warehouse; a random pick might not be.
      skuIds: [order.lineItems[0]!.skuId],
    });
    const s = await session(shop, "seller1@dev.shop");
    const list = await (await s.get(`/seller-center/orders?shop_id=${target.id}`)).text();
    expect(list).toContain("Combinable orders");
    const res = await s.post("/seller-center/orders/combine", { order_ids: `${first},${second}` });
    const done = new URL(res.headers.get("location")!, BASE).searchParams.get("done") ?? "";
    const packageId = /package (\d+)/.exec(done)?.[1];
    expect(packageId).toBeDefined();
    const state = (await (await control(shop, "GET", `/fulfillment/orders/${second}`)).json()) as {
      packages: Array<{ id: string; order_ids: string[] }>;
    };
    expect(state.packages).toHaveLength(1);
    expect(state.packages[0]!.order_ids.sort()).toEqual([first, second].sort());

    await s.post(`/seller-center/packages/${packageId}/uncombine`);
    const after = (await (await control(shop, "GET", `/fulfillment/orders/${second}`)).json()) as {
      packages: Array<{ order_ids: string[] }>;
    };
    expect(after.packages[0]!.order_ids).toEqual([second]);
    const events = await webhook4(receiver, shop);
    expect(events.map((e) => e.data.sc_type)).toEqual(expect.arrayContaining(["COMBINE", "UNCOMBINE"]));
  });

  it("refuses another seller's order and reports TikTok's refusal on the page", async () => {
    const shop = testShop();
    const { shops } = await authorizedToken(shop);
    const orderId = shop.control.buyer.placeOrder(shops[0]!.id, { onHold: true, quantityPerSku: 2 });
    const other = await session(shop, "seller2@dev.shop");
    expect((await other.get(`/seller-center/orders/${orderId}/split`)).status).toBe(404);
    expect((await other.post("/seller-center/orders/combine", { order_ids: orderId })).status).toBe(404);

    const own = await session(shop, "seller1@dev.shop");
    const form = await (await own.get(`/seller-center/orders/${orderId}/split`)).text();
    const lineIds = [...form.matchAll(/name="line_(\d+)"/g)].map((m) => m[1]!);
    const res = await own.post(`/seller-center/orders/${orderId}/split`, {
      [`line_${lineIds[0]}`]: "1",
      [`line_${lineIds[1]}`]: "2",
    });
    const error = new URL(res.headers.get("location")!, BASE).searchParams.get("error");
    expect(error).toMatch(/on hold.*\(21011044\)/);
  });

  it("control API: order state, FBT orders, default warehouse", async () => {
    const shop = testShop();
    const { shops } = await authorizedToken(shop);
    const target = shops[0]!;
    const placed = (await (
      await control(shop, "POST", "/fulfillment/fbt-orders", { shop_id: target.id })
    ).json()) as {
      order_id: string;
    };
    const state = (await (await control(shop, "GET", `/fulfillment/orders/${placed.order_id}`)).json()) as {
      order: { fulfillment_type: string; status: string };
    };
    expect(state.order).toMatchObject({
      fulfillment_type: "FULFILLMENT_BY_TIKTOK",
      status: "AWAITING_SHIPMENT",
    });

    const missing = await control(shop, "GET", "/fulfillment/orders/123");
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { code: number }).code).toBe(21008111);

    const res = await control(shop, "POST", "/fulfillment/default-warehouse", {
      shop_id: target.id,
      warehouse_id: null,
    });
    expect(res.status).toBe(200);
    expect(
      shop.store.commerce.shops[target.id]!.warehouses.filter(
        (w) => w.type === "SALES_WAREHOUSE" && w.isDefault,
      ),
    ).toHaveLength(0);
  });
});
