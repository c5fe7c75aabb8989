import { afterAll, describe, expect, it } from "vitest";
import { BASE, testShop } from "./helpers.ts";

interface OrderView {
  shop_id: string;
  hold_until: number | null;
  tracking: Array<{ package_id: string; description: string; time: number }>;
  order: Record<string, unknown> & {
    id: string;
    status: string;
    create_time: number;
    paid_time?: number;
    rts_time?: number;
    rts_sla_time?: number;
    fulfillment_type: string;
    line_items: Array<{ tracking_number: string }>;
  };
}

/** The control routes that show orders as Get Order Detail would, and place orders in the past. */
describe("control API: orders", () => {
  const shop = testShop({ size: { productsPerShop: 6, ordersPerShop: 15 } });
  afterAll(() => shop.close());
  const call = async <T>(method: "GET" | "POST", path: string, body?: unknown) => {
    const res = await shop.fetch(
      new Request(`${BASE}/control${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      }),
    );
    return { status: res.status, body: (await res.json()) as T & { error?: string } };
  };
  const shopId = () => shop.control.shops()[0]!.id;
  const now = () => shop.clock.now();

  it("lists a shop's orders newest first, as Get Order Detail renders them", async () => {
    const { status, body } = await call<{ total: number; orders: OrderView[] }>(
      "GET",
      `/orders?shop_id=${shopId()}&limit=5`,
    );
    expect(status).toBe(200);
    const stored = Object.values(shop.store.commerce.shops[shopId()]!.orders);
    expect(body.total).toBe(stored.length);
    expect(body.orders).toHaveLength(5);
    const times = body.orders.map((o) => o.order.create_time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const first = stored.find((o) => o.id === body.orders[0]!.order.id)!;
    expect(body.orders[0]!.order).toMatchObject({ id: first.id, status: first.status });
    expect(body.orders[0]!.hold_until).toBe(first.holdUntil);
  });

  it("refuses an unknown shop or order with a message", async () => {
    expect((await call("GET", "/orders?shop_id=nope")).body.error).toMatch(/Unknown shop nope/);
    expect((await call("GET", "/orders/123")).body.error).toMatch(/Unknown order 123/);
  });

  it("places an order in the past and ships it after its deadline, consistently", async () => {
    const placedAt = now() - 5 * 86_400;
    const shippedAt = placedAt + 4 * 86_400;
    const placed = await call<{ order_id: string }>("POST", "/orders/history", {
      shop_id: shopId(),
      placed_at: placedAt,
      shipped_at: shippedAt,
      shipping_type: "SELLER",
    });
    expect(placed.status).toBe(200);
    const { body } = await call<OrderView>("GET", `/orders/${placed.body.order_id}`);
    expect(body.order.create_time).toBe(placedAt);
    expect(body.order.paid_time).toBe(placedAt);
    expect(body.order.rts_time).toBe(shippedAt);
    // Three days from the end of the hold: shipped a day late.
    expect(body.order.rts_sla_time).toBe(placedAt + 3600 + 3 * 86_400);
    expect(body.order.rts_time!).toBeGreaterThan(body.order.rts_sla_time!);
    expect(["AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED"]).toContain(body.order.status);
    expect(body.order.line_items.every((line) => line.tracking_number !== "")).toBe(true);
    expect(body.tracking.length).toBeGreaterThan(0);
    expect(body.tracking[0]!.time).toBe(shippedAt);
  });

  it("places an FBT order that TikTok dispatches on its own schedule", async () => {
    const placed = await call<{ order_id: string }>("POST", "/orders/history", {
      shop_id: shopId(),
      placed_at: now() - 2 * 86_400,
      fulfillment_type: "FULFILLMENT_BY_TIKTOK",
    });
    const { body } = await call<OrderView>("GET", `/orders/${placed.body.order_id}`);
    expect(body.order.fulfillment_type).toBe("FULFILLMENT_BY_TIKTOK");
    // Dispatched 6-18 h after the hold, two days ago: on its way.
    expect(body.order.rts_time).toBeDefined();
  });

  it("refuses impossible history and places nothing", async () => {
    const before = Object.keys(shop.store.commerce.shops[shopId()]!.orders).length;
    const cases = [
      { placed_at: now() + 60 },
      { placed_at: now() - 100 * 86_400 },
      { placed_at: now() - 86_400, shipped_at: now() - 86_400 + 600 },
      { placed_at: now() - 86_400, shipped_at: now() - 3600, fulfillment_type: "FULFILLMENT_BY_TIKTOK" },
    ];
    for (const body of cases) {
      const res = await call("POST", "/orders/history", { shop_id: shopId(), ...body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatch(/placed_at|shipped_at|hold|seller/);
    }
    expect(Object.keys(shop.store.commerce.shops[shopId()]!.orders)).toHaveLength(before);
  });
});
