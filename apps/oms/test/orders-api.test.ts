import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderDetailView } from "../src/server/orders/detail.ts";
import type { LateDispatch } from "../src/server/orders/sla.ts";
import { type OrdersFixture, ordersFixture } from "./orders-fixture.ts";

interface Row {
  id: string;
  status: string;
  createTime: number;
  updateTime: number;
  shipBy: number | null;
  onHoldUntil: number | null;
  fulfilledByTikTok: boolean;
  isSample: boolean;
  buyerUserId: string | null;
  itemCount: number;
  totalAmount: string | null;
  shipByState: string | null;
  trackingNumber: string | null;
}
interface List {
  orders: Row[];
  total: number;
}
interface WireOrder {
  id: string;
  status: string;
  user_id: string;
  buyer_email: string;
  tracking_number: string;
  rts_sla_time?: number;
  rts_time?: number;
  fulfillment_type: string;
  is_sample_order: boolean;
  payment: { total_amount: string; currency: string; product_tax: string };
  line_items: Array<{
    id: string;
    sku_id: string;
    seller_sku: string;
    sale_price: string;
    is_gift: boolean;
    item_tax: Array<{ tax_type: string; tax_amount: string; tax_rate: string }>;
  }>;
}

/**
 * The orders workspace API over the mirror: saved views and their counts, search (order id, buyer,
 * SKU, tracking number), sorting and paging on the server, the order detail (lines, taxes, sample
 * and gift lines, FBT read-only), cached tracking, and the ship-by SLA with the late dispatch rate.
 */
describe("orders API", () => {
  let f: OrdersFixture;
  let shopId: string;
  const late: string[] = [];
  let fbtId: string;
  let sampleId: string;
  let giftId: string;
  let lateAwaitingId: string;
  const control = async <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> => {
    const res = await f.devShop.fetch(
      new Request(`http://dev-shop.test/control${path}`, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      }),
    );
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`${path}: ${json.error}`);
    return json;
  };
  const wire = async (orderId: string) =>
    (await control<{ order: WireOrder }>("GET", `/orders/${orderId}`)).order;
  const list = async (query: string) => {
    const res = await f.get<List>(`/orders/${shopId}?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    f = await ordersFixture({ ordersPerShop: 70, seed: 5 });
    shopId = f.shopIds[0]!;
    const now = f.devShop.clock.now();
    const day = 86_400;
    // History the seed does not have: three orders shipped a day after their deadline, one still
    // waiting four days after payment, an FBT order, a sample and an order with a gift.
    for (const age of [10, 12, 14]) {
      const placedAt = now - age * day;
      const { order_id } = await control<{ order_id: string }>("POST", "/orders/history", {
        shop_id: shopId,
        placed_at: placedAt,
        shipped_at: placedAt + 4 * day + 3600,
      });
      late.push(order_id);
    }
    lateAwaitingId = (
      await control<{ order_id: string }>("POST", "/orders/history", {
        shop_id: shopId,
        placed_at: now - 4 * day,
      })
    ).order_id;
    fbtId = (
      await control<{ order_id: string }>("POST", "/orders/history", {
        shop_id: shopId,
        placed_at: now - 3 * day,
        fulfillment_type: "FULFILLMENT_BY_TIKTOK",
      })
    ).order_id;
    sampleId = f.devShop.control.buyer.placeOrder(shopId, { isSample: true, onHold: false });
    const sku = (
      await control<{ products: Array<{ status: string; skus: Array<{ id: string }> }> }>(
        "GET",
        `/catalog/products?shop_id=${shopId}`,
      )
    ).products.find((p) => p.status === "ACTIVATE")!.skus[0]!.id;
    giftId = f.devShop.control.buyer.placeOrder(shopId, { onHold: false, giftSkuId: sku });
    await f.firstImport(shopId);
  });
  afterAll(() => f?.close());

  it("counts every saved view on the server, with an explicit On hold view", async () => {
    const { body } = await f.get<{ views: Array<{ id: string; label: string; count: number }> }>(
      `/orders/${shopId}/views`,
    );
    const count = (id: string) => body.views.find((v) => v.id === id)!.count;
    const orders = Object.values(f.devShop.store.commerce.shops[shopId]!.orders);
    const now = f.devShop.clock.now();
    const fbs = orders.filter((o) => o.fulfillmentType !== "FULFILLMENT_BY_TIKTOK");
    const toShip = fbs.filter((o) => o.status === "AWAITING_SHIPMENT" || o.status === "PARTIALLY_SHIPPING");
    expect(count("all")).toBe(orders.length);
    expect(count("on_hold")).toBe(orders.filter((o) => o.status === "ON_HOLD").length);
    expect(count("on_hold")).toBeGreaterThan(0);
    expect(count("to_ship")).toBe(toShip.length);
    expect(count("late")).toBe(toShip.filter((o) => o.rtsSlaTime !== null && o.rtsSlaTime < now).length);
    expect(count("late")).toBeGreaterThanOrEqual(1);
    expect(count("cancelled")).toBe(orders.filter((o) => o.status === "CANCELLED").length);
    expect(count("fbt")).toBe(orders.length - fbs.length);
    expect(body.views.find((v) => v.id === "on_hold")!.label).toBe("On hold");
    for (const view of body.views) expect((await list(`view=${view.id}&page_size=1`)).total).toBe(view.count);
  });

  it("On hold rows carry the end of the hold; late rows are flagged", async () => {
    const onHold = await list("view=on_hold&page_size=100");
    for (const row of onHold.orders) {
      const { order, hold_until } = await control<{ order: WireOrder; hold_until: number }>(
        "GET",
        `/orders/${row.id}`,
      );
      expect(order.status).toBe("ON_HOLD");
      expect(row.onHoldUntil).toBe(hold_until);
    }
    const lateRows = await list("view=late&page_size=100");
    expect(lateRows.orders.map((r) => r.id)).toContain(lateAwaitingId);
    expect(lateRows.orders.every((r) => r.shipByState === "late")).toBe(true);
    const row = lateRows.orders.find((r) => r.id === lateAwaitingId)!;
    expect(row.shipBy).toBe((await wire(lateAwaitingId)).rts_sla_time);
  });

  it("searches by order id, buyer, SKU and tracking number, combined with a view", async () => {
    const order = await wire(late[0]!);
    expect((await list(`q=${order.id}`)).orders.map((r) => r.id)).toEqual([order.id]);
    // A prefix of the id is enough (what a seller pastes is often cut).
    expect((await list(`q=${order.id.slice(0, 12)}`)).orders.map((r) => r.id)).toContain(order.id);
    const byBuyer = await list(`q=${order.user_id}&page_size=200`);
    expect(byBuyer.orders.map((r) => r.id)).toContain(order.id);
    expect(byBuyer.orders.every((r) => r.buyerUserId === order.user_id)).toBe(true);
    expect(
      (await list(`q=${encodeURIComponent(order.buyer_email.toUpperCase())}`)).orders.map((r) => r.id),
    ).toContain(order.id);
    const bySku = await list(`q=${order.line_items[0]!.seller_sku}&page_size=200`);
    expect(bySku.orders.map((r) => r.id)).toContain(order.id);
    expect((await list(`q=${order.line_items[0]!.sku_id}&page_size=200`)).orders.map((r) => r.id)).toContain(
      order.id,
    );
    const byTracking = await list(`q=${order.tracking_number}`);
    expect(byTracking.orders.map((r) => r.id)).toEqual([order.id]);
    expect(byTracking.orders[0]!.trackingNumber).toBe(order.tracking_number);
    // Combined: the order is shipped, so the Awaiting shipment view does not have it.
    expect((await list(`q=${order.id}&view=to_ship`)).total).toBe(0);
    // Two words must both match.
    expect((await list(`q=${order.id}+${order.line_items[0]!.seller_sku}`)).total).toBe(1);
    expect((await list(`q=${order.id}+nothing-like-this`)).total).toBe(0);
    // LIKE wildcards are searched for literally.
    expect((await list("q=%25")).total).toBe(0);
  });

  it("sorts by created, updated or ship-by time and pages on the server", async () => {
    const all = await list("page_size=500&sort=created");
    const times = all.orders.map((r) => r.createTime);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const asc = await list("page_size=500&sort=updated&order=asc");
    expect(asc.orders.map((r) => r.updateTime)).toEqual(
      asc.orders.map((r) => r.updateTime).sort((a, b) => a - b),
    );
    const urgent = await list("view=to_ship&sort=ship_by&page_size=500");
    const deadlines = urgent.orders.map((r) => r.shipBy ?? Number.POSITIVE_INFINITY);
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    const pages = [await list("page_size=20&page=1"), await list("page_size=20&page=2")];
    expect(pages[1]!.orders.map((r) => r.id)).toEqual(all.orders.slice(20, 40).map((r) => r.id));
    expect(pages[0]!.total).toBe(all.total);
  });

  it("refuses a malformed list query with the field named, and a foreign shop as unknown", async () => {
    for (const query of ["view=nope", "page=0", "page_size=5000", "sort=price", `q=${"x".repeat(201)}`]) {
      const res = await f.get<{ error: { code: string; message: string } }>(`/orders/${shopId}?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("invalid_input");
      expect(res.body.error.message).toMatch(/view|page|page_size|sort|q/);
    }
    const foreign = f.devShop.control.shops().find((s) => !f.shopIds.includes(s.id))!;
    for (const path of [`/orders/${foreign.id}`, `/orders/${foreign.id}/views`, `/orders/${foreign.id}/x1`]) {
      expect((await f.get(path)).status, path).toBe(404);
    }
    const missing = await f.get<{ error: { message: string } }>(`/orders/${shopId}/576000000000000042`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/576000000000000042 is not in this shop's orders/);
  });

  it("shows an order's lines with quantities, prices, taxes per line and summed", async () => {
    // A shipped order of several units from a buyer in a state with sales tax.
    const taxed = Object.values(f.devShop.store.commerce.shops[shopId]!.orders).find(
      (o) =>
        ["AWAITING_COLLECTION", "IN_TRANSIT"].includes(o.status) &&
        o.fulfillmentType === "FULFILLMENT_BY_SELLER" &&
        o.lineItems.length >= 2 &&
        o.lineItems.every((l) => l.itemTax.some((t) => Number(t.taxAmount) > 0)),
    )!;
    const order = await wire(taxed.id);
    const { body } = await f.get<{ order: OrderDetailView }>(`/orders/${shopId}/${order.id}`);
    const detail = body.order;
    expect(detail.units).toBe(order.line_items.length);
    expect(detail.lines.reduce((n, line) => n + line.quantity, 0)).toBe(order.line_items.length);
    for (const line of detail.lines) {
      const units = order.line_items.filter((l) => line.lineItemIds.includes(l.id));
      expect(units.every((u) => u.sku_id === line.skuId && u.sale_price === line.unitPrice)).toBe(true);
      const tax = units
        .flatMap((u) => u.item_tax)
        .reduce((t, x) => t + Math.round(Number(x.tax_amount) * 100), 0);
      expect(Math.round(Number(line.taxTotal) * 100)).toBe(tax);
      expect(line.taxes[0]!.rate).toBe(units[0]!.item_tax[0]!.tax_rate);
    }
    // A US shop charges sales tax per line; their sum is the order's product tax.
    expect(order.payment.currency).toBe("USD");
    expect(order.line_items.every((line) => line.item_tax.length > 0)).toBe(true);
    expect(detail.tax.fromLines).toBe(order.payment.product_tax);
    expect(detail.priceDetailAvailable).toBe(true);
    expect(detail.payment.total_amount).toBe(order.payment.total_amount);
    expect(detail.address.withheld).toBe(false);
    expect(detail.packages.length).toBeGreaterThan(0);
    expect(detail.packages[0]!.trackingNumber).toBe(order.tracking_number);
    // Shipped: tracking can still be corrected (Fulfil), but the order can no longer be cancelled.
    expect(detail.actions).toEqual({ fulfil: true, cancel: false });
  });

  it("a sample order has zero value, is marked and can be fulfilled; a gift line ships at zero price", async () => {
    const sample = (await f.get<{ order: OrderDetailView }>(`/orders/${shopId}/${sampleId}`)).body.order;
    expect(sample.isSample).toBe(true);
    expect(Number(sample.lines[0]!.unitPrice)).toBe(0);
    expect(sample.actions.fulfil).toBe(true);
    const sampleRow = (await list(`q=${sampleId}`)).orders[0]!;
    expect(sampleRow.isSample).toBe(true);
    expect(Number((await wire(sampleId)).payment.total_amount)).toBe(Number(sampleRow.totalAmount ?? "NaN"));

    const gift = (await f.get<{ order: OrderDetailView }>(`/orders/${shopId}/${giftId}`)).body.order;
    const giftLine = gift.lines.find((line) => line.isGift)!;
    expect(giftLine).toBeDefined();
    expect(Number(giftLine.unitPrice)).toBe(0);
    expect(giftLine.quantity).toBe(1);
    // Part of what ships: in the order's package like the paid lines.
    expect(giftLine.packageId).not.toBe("");
    expect(
      gift.lines.filter((line) => !line.isGift).every((line) => line.packageId === giftLine.packageId),
    ).toBe(true);
  });

  it("an FBT order is marked and read-only", async () => {
    const detail = (await f.get<{ order: OrderDetailView }>(`/orders/${shopId}/${fbtId}`)).body.order;
    expect(detail.fulfilledByTikTok).toBe(true);
    expect(detail.actions).toEqual({ fulfil: false, cancel: false });
    expect((await list("view=fbt&page_size=200")).orders.map((r) => r.id)).toContain(fbtId);
    expect((await list("view=to_ship&page_size=500")).orders.map((r) => r.id)).not.toContain(fbtId);
  });

  it("fetches tracking on demand and serves it from the cache until asked to refresh", async () => {
    const orderId = late[2]!;
    const first = await f.get<{ events: Array<{ description: string; time: number }>; cached: boolean }>(
      `/orders/${shopId}/${orderId}/tracking`,
    );
    expect(first.status).toBe(200);
    expect(first.body.cached).toBe(false);
    const shop = f.devShop.store.commerce.shops[shopId]!;
    const pkgIds = new Set(shop.orders[orderId]!.lineItems.map((l) => l.packageId));
    const expected = [...pkgIds].flatMap((id) => shop.packages[id ?? ""]?.tracking ?? []);
    expect(first.body.events.map((e) => e.description).sort()).toEqual(
      expected.map((e) => e.description).sort(),
    );
    const second = await f.get<{ cached: boolean }>(`/orders/${shopId}/${orderId}/tracking`);
    expect(second.body.cached).toBe(true);
    const refreshed = await f.get<{ cached: boolean }>(`/orders/${shopId}/${orderId}/tracking?refresh=1`);
    expect(refreshed.body.cached).toBe(false);
    const unshipped = await f.get<{ shipped: boolean; events: unknown[] }>(
      `/orders/${shopId}/${lateAwaitingId}/tracking`,
    );
    expect(unshipped.body).toMatchObject({ shipped: false, events: [] });
  });

  it("gets the price detail from TikTok once per version of the order", async () => {
    const orderId = late[0]!;
    type Answer = { priceDetail: { tax_amount: string; line_items: Array<{ id: string }> }; cached: boolean };
    const first = await f.get<Answer>(`/orders/${shopId}/${orderId}/price-detail`);
    expect(first.status).toBe(200);
    expect(first.body.cached).toBe(false);
    const order = await wire(orderId);
    expect(first.body.priceDetail.line_items.map((l) => l.id).sort()).toEqual(
      order.line_items.map((l) => l.id).sort(),
    );
    expect((await f.get<Answer>(`/orders/${shopId}/${orderId}/price-detail`)).body.cached).toBe(true);
  });

  it("reports the late dispatch rate of the last 30 days against the 4% line", async () => {
    const { body } = await f.get<{ lateDispatch: LateDispatch; orders: number; fulfilledByTikTok: number }>(
      `/orders/${shopId}/summary`,
    );
    const now = f.devShop.clock.now();
    const shipped = Object.values(f.devShop.store.commerce.shops[shopId]!.orders).filter(
      (o) =>
        o.fulfillmentType !== "FULFILLMENT_BY_TIKTOK" &&
        o.rtsTime !== null &&
        o.rtsTime >= now - 30 * 86_400 &&
        o.rtsSlaTime !== null,
    );
    const lateCount = shipped.filter((o) => o.rtsTime! > o.rtsSlaTime!).length;
    expect(body.lateDispatch.shipped).toBe(shipped.length);
    expect(body.lateDispatch.late).toBe(lateCount);
    expect(lateCount).toBeGreaterThanOrEqual(3);
    expect(body.lateDispatch.rate).toBeCloseTo((lateCount / shipped.length) * 100, 1);
    expect(body.lateDispatch.breached).toBe(lateCount / shipped.length >= 0.04);
    // FBT orders count in the reporting, not in the late dispatch rate.
    expect(body.fulfilledByTikTok).toBeGreaterThanOrEqual(1);
  });
});
