import { describe, expect, it } from "vitest";
import type { DevShop } from "../../src/app.ts";
import { authorizedToken, BASE, testShop, webhookReceiver } from "./helpers.ts";

async function session(shop: DevShop, email: string) {
  const res = await shop.fetch(
    new Request(`${BASE}/seller-center/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: "devshop", next: "/seller-center/buyer" }),
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

describe("buyer simulation", () => {
  it("places an order from Seller Center and notifies the authorized app", async () => {
    const receiver = webhookReceiver();
    const shop = testShop({ fetch: receiver.fetch });
    const { shops } = await authorizedToken(shop);
    const target = shops[0]!;
    const s = await session(shop, "seller1@dev.shop");

    const page = await (await s.get(`/seller-center/buyer?shop_id=${target.id}`)).text();
    expect(page).toContain("Place an order");
    expect(page).toContain('<label for="payment">Payment</label>');

    const before = Object.keys(shop.store.commerce.shops[target.id]!.orders).length;
    const placed = await s.post("/seller-center/buyer/orders", {
      shop_id: target.id,
      payment: "paid",
      quantity: "1",
    });
    expect(placed.status).toBe(303);
    const location = new URL(placed.headers.get("location")!, BASE);
    expect(location.searchParams.get("done")).toMatch(/^Order \d+ placed\.$/);
    const orderId = /Order (\d+) placed/.exec(location.searchParams.get("done")!)![1]!;
    expect(Object.keys(shop.store.commerce.shops[target.id]!.orders)).toHaveLength(before + 1);
    expect(shop.store.commerce.shops[target.id]!.orders[orderId]!.status).toBe("AWAITING_SHIPMENT");

    await shop.control.webhooksIdle();
    const orderEvents = receiver.calls
      .map((c) => JSON.parse(c.body))
      .filter((b) => b.type === 1 && b.data.order_id === orderId);
    expect(orderEvents.length).toBeGreaterThan(0);
    expect(orderEvents[0].shop_id).toBe(target.id);

    const shown = await (await s.get(location.pathname + location.search)).text();
    expect(shown).toContain(orderId);
    expect(shown).toContain(`Order ${orderId} placed.`);

    // Cancel it as the buyer.
    const cancelled = await s.post(`/seller-center/buyer/orders/${orderId}/cancel`);
    expect(cancelled.status).toBe(303);
    expect(new URL(cancelled.headers.get("location")!, BASE).searchParams.get("done")).toMatch(
      /Cancellation \d+ requested/,
    );
  });

  it("keeps sellers to their own shops and orders", async () => {
    const shop = testShop();
    const [us] = shop.control.shops();
    const orderId = shop.control.buyer.placeOrder(us!.id);
    const other = await session(shop, "seller2@dev.shop");
    expect((await other.post("/seller-center/buyer/orders", { shop_id: us!.id })).status).toBe(404);
    expect((await other.post(`/seller-center/buyer/orders/${orderId}/cancel`)).status).toBe(404);
    const page = await (await other.get(`/seller-center/buyer?shop_id=${us!.id}`)).text();
    expect(page).not.toContain(orderId);
  });

  it("reports a refused action on the page", async () => {
    const shop = testShop();
    const [us] = shop.control.shops();
    const orderId = shop.control.buyer.placeOrder(us!.id, { onHold: false });
    const s = await session(shop, "seller1@dev.shop");
    const res = await s.post(`/seller-center/buyer/orders/${orderId}/pay`);
    expect(res.status).toBe(303);
    expect(new URL(res.headers.get("location")!, BASE).searchParams.get("error")).toMatch(/not UNPAID/);
  });

  it("is available on the control API", async () => {
    const receiver = webhookReceiver();
    const shop = testShop({ fetch: receiver.fetch });
    const { shops } = await authorizedToken(shop);
    const post = (path: string, body: unknown) =>
      shop.fetch(new Request(`${BASE}${path}`, { method: "POST", body: JSON.stringify(body) }));

    const placed = (await (
      await post("/control/buyer/orders", { shop_id: shops[0]!.id, unpaid: true })
    ).json()) as {
      order_id: string;
    };
    expect(shop.store.commerce.shops[shops[0]!.id]!.orders[placed.order_id]!.status).toBe("UNPAID");
    expect((await post(`/control/buyer/orders/${placed.order_id}/pay`, { on_hold: false })).status).toBe(200);
    expect(shop.store.commerce.shops[shops[0]!.id]!.orders[placed.order_id]!.status).toBe(
      "AWAITING_SHIPMENT",
    );

    const refused = await post(`/control/buyer/orders/${placed.order_id}/pay`, {});
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: string; code: number };
    expect(body.error).toMatch(/not UNPAID/);
    expect(typeof body.code).toBe("number");

    const unknownShop = await post("/control/buyer/orders", { shop_id: "123" });
    expect(unknownShop.status).toBe(400);
    await shop.control.webhooksIdle();
    expect(receiver.calls.some((c) => c.body.includes(placed.order_id))).toBe(true);
  });
});
