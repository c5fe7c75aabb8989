import { isTikTokShopError } from "@tts-kit/tiktok-shop";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../src/server/db/schema.ts";
import { mapTikTokRefusal } from "../src/server/fulfillment/errors.ts";
import {
  devOrder,
  type FulfillmentFixture,
  fulfillmentFixture,
  mapCarrier,
  placeOrder,
} from "./fulfillment-fixture.ts";

interface ApiError {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
interface Notification {
  orderId: string;
  packageId: string | null;
  status: string | null;
  trackingNumber: string | null;
  carrier: { id: string; name: string } | null;
  service: string | null;
  items: Array<{ sellerSku: string; quantity: number }>;
  warning: string | null;
  operation: string;
}

const USPS = "9400111899223100012345";

/**
 * The fulfilment API against the dev shop in-process: each test acts through OMS's HTTP API and
 * checks what the dev shop holds afterwards (and, for refusals, that nothing changed there).
 */
describe("fulfilment: seller shipping (3PL)", () => {
  let f: FulfillmentFixture;
  beforeAll(async () => {
    f = await fulfillmentFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it("ORD-3PL-FULFILL: ships a US order with Mark Package As Shipped and the mapped carrier", async () => {
    const orderId = placeOrder(f, f.us);
    const usps = await mapCarrier(f, f.us, orderId, "USPS");
    const view = await f.call<{ plan: { carrier: { name: string; source: string } } }>(
      "GET",
      `/fulfillment/${f.us}/orders/${orderId}`,
    );
    expect(view.status).toBe(200);
    expect(view.body.plan.carrier).toMatchObject({ name: "USPS", source: "mapping" });

    f.tiktokCalls.length = 0;
    const shipped = await f.call<{ notification: Notification }>(
      "POST",
      `/fulfillment/${f.us}/orders/${orderId}/ship`,
      {
        trackingNumber: ` ${USPS} `,
      },
    );
    expect(shipped.status).toBe(200);
    expect(f.tiktokCalls).toContain(`POST /fulfillment/202309/orders/${orderId}/packages`);
    const { order, packages } = devOrder(f, f.us, orderId);
    expect(order.status).toBe("AWAITING_COLLECTION");
    expect(packages.map((p) => [p.trackingNumber, p.shippingProviderId])).toEqual([[USPS, usps.id]]);
    // OMS-R2: what was sent, as the seller sees it.
    const n = shipped.body.notification;
    expect(n).toMatchObject({
      status: "AWAITING_COLLECTION",
      trackingNumber: USPS,
      carrier: { id: usps.id, name: "USPS" },
      service: "Shipped by seller",
      operation: "Mark Package As Shipped",
      warning: null,
    });
    expect(n.items.reduce((sum, i) => sum + i.quantity, 0)).toBe(order.lineItems.length);
    const history = await f.call<{ history: Notification[] }>(
      "GET",
      `/fulfillment/${f.us}/orders/${orderId}`,
    );
    expect(history.body.history.map((h) => h.trackingNumber)).toEqual([USPS]);
    // The mirror reflects TikTok at once (refreshOrders after the action).
    const [row] = await f.oms.database.db
      .select({ status: schema.orders.status })
      .from(schema.orders)
      .where(and(eq(schema.orders.shopId, f.us), eq(schema.orders.id, orderId)));
    expect(row?.status).toBe("AWAITING_COLLECTION");
  });

  it("ORD-3PL-FULFILL: an unusual tracking number needs confirming; TikTok's warning is shown", async () => {
    const orderId = placeOrder(f, f.us);
    await mapCarrier(f, f.us, orderId, "USPS");
    const refused = await f.call<ApiError>("POST", `/fulfillment/${f.us}/orders/${orderId}/ship`, {
      trackingNumber: "ABC123456",
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("tracking_unusual");
    expect(refused.body.error.message).toMatch(/does not look like a USPS tracking number/);
    expect(devOrder(f, f.us, orderId).order.status).toBe("AWAITING_SHIPMENT");

    const confirmed = await f.call<{ notification: Notification }>(
      "POST",
      `/fulfillment/${f.us}/orders/${orderId}/ship`,
      {
        trackingNumber: "ABC123456",
        confirmUnusualTracking: true,
      },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.notification.warning).toMatch(/does not look like a USPS tracking number/);
    expect(devOrder(f, f.us, orderId).packages[0]?.trackingNumber).toBe("ABC123456");
  });

  it("bad input: malformed tracking, carrier not mapped, no default warehouse: refused, nothing changes", async () => {
    const orderId = placeOrder(f, f.us);
    await f.oms.auth.connections.setCarrierMappings(f.sellerId, f.us, []);
    f.tiktokCalls.length = 0;
    const unmapped = await f.call<ApiError>("POST", `/fulfillment/${f.us}/orders/${orderId}/ship`, {
      trackingNumber: USPS,
    });
    expect(unmapped.status).toBe(409);
    expect(unmapped.body.error.code).toBe("carrier_not_mapped");
    expect(unmapped.body.error.message).toMatch(
      /No carrier is mapped for "Shipped by seller" from .+ Fulfilment Centre/,
    );
    expect(unmapped.body.error.details?.link).toBe("/connections");

    await mapCarrier(f, f.us, orderId, "USPS");
    for (const [trackingNumber, code, pattern] of [
      ["", "tracking_missing", /Enter the tracking number/],
      ["94001118 992231<0001>", "tracking_invalid", /only letters, digits and hyphens/],
      ["12345", "tracking_invalid", /6 to 40/],
    ] as const) {
      const res = await f.call<ApiError>("POST", `/fulfillment/${f.us}/orders/${orderId}/ship`, {
        trackingNumber,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(pattern);
    }

    const shop = f.devShop.store.commerce.shops[f.us]!;
    const defaults = shop.warehouses.filter((w) => w.isDefault && w.type === "SALES_WAREHOUSE");
    for (const w of defaults) w.isDefault = false;
    const noDefault = await f.call<ApiError>("POST", `/fulfillment/${f.us}/orders/${orderId}/ship`, {
      trackingNumber: USPS,
    });
    for (const w of defaults) w.isDefault = true;
    expect(noDefault.status).toBe(409);
    expect(noDefault.body.error.code).toBe("no_default_warehouse");
    expect(noDefault.body.error.message).toMatch(/Settings → Warehouses/);

    expect(f.tiktokCalls.filter((c) => c.includes("/packages") && c.startsWith("POST"))).toEqual([]);
    expect(devOrder(f, f.us, orderId).order.status).toBe("AWAITING_SHIPMENT");
  });

  it("ORD-SYNC-ONHOLD: refuses an ON_HOLD order before calling TikTok, and maps TikTok's 21011044 the same way", async () => {
    const orderId = placeOrder(f, f.us, { onHold: true });
    await mapCarrier(f, f.us, orderId, "USPS");
    f.tiktokCalls.length = 0;
    const refused = await f.call<ApiError>("POST", `/fulfillment/${f.us}/orders/${orderId}/ship`, {
      trackingNumber: USPS,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("order_on_hold");
    expect(refused.body.error.message).toMatch(/on hold until .* UTC/);
    const holdUntil = devOrder(f, f.us, orderId).order.holdUntil;
    expect(refused.body.error.details?.holdUntil).toBe(holdUntil);
    expect(f.tiktokCalls.some((c) => c.endsWith(`/orders/${orderId}/packages`))).toBe(false);

    // TikTok's own refusal, raised by the dev shop, reads the same once mapped.
    const client = await f.oms.auth.backgroundShopClient(f.us);
    const tiktok = await client.fulfillment
      .markPackageAsShipped({
        params: { order_id: orderId },
        body: {
          tracking_number: USPS,
          shipping_provider_id: devOrder(f, f.us, orderId).shop.shippingProviders[0]!.id,
        },
      })
      .catch((error: unknown) => error);
    expect(isTikTokShopError(tiktok) && tiktok.code).toBe(21011044);
    expect((mapTikTokRefusal(tiktok, { holdUntil }) as Error).message).toBe(refused.body.error.message);

    // Once the hold is over the same request ships.
    f.devShop.control.advanceClock(3601);
    const shipped = await f.call<{ notification: Notification }>(
      "POST",
      `/fulfillment/${f.us}/orders/${orderId}/ship`,
      {
        trackingNumber: USPS,
      },
    );
    expect(shipped.status).toBe(200);
    expect(devOrder(f, f.us, orderId).order.status).toBe("AWAITING_COLLECTION");
  });

  it("ORD-3PL-UPDATE: corrects tracking and carrier; after 72 hours refuses before calling TikTok", async () => {
    const orderId = placeOrder(f, f.us);
    await mapCarrier(f, f.us, orderId, "USPS");
    await f.call("POST", `/fulfillment/${f.us}/orders/${orderId}/ship`, { trackingNumber: USPS });
    const { packages, shop } = devOrder(f, f.us, orderId);
    const packageId = packages[0]!.id;
    const ups = shop.shippingProviders.find((p) => p.name === "UPS")!;
    const corrected = await f.call<{ notification: Notification }>(
      "POST",
      `/fulfillment/${f.us}/orders/${orderId}/packages/${packageId}/tracking`,
      { trackingNumber: "1Z999AA10123456784", shippingProviderId: ups.id },
    );
    expect(corrected.status).toBe(200);
    expect(corrected.body.notification.operation).toBe("Update Shipping Info");
    expect(devOrder(f, f.us, orderId).packages[0]).toMatchObject({
      trackingNumber: "1Z999AA10123456784",
      shippingProviderId: ups.id,
    });

    f.skewOms(73 * 3600);
    f.tiktokCalls.length = 0;
    const late = await f.call<ApiError>(
      "POST",
      `/fulfillment/${f.us}/orders/${orderId}/packages/${packageId}/tracking`,
      {
        trackingNumber: "1Z999AA10123456785",
        shippingProviderId: ups.id,
      },
    );
    f.skewOms(0);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("update_window_closed");
    expect(late.body.error.message).toMatch(/within 72 hours of shipping/);
    expect(f.tiktokCalls.some((c) => c.includes("shipping_info"))).toBe(false);
    expect(devOrder(f, f.us, orderId).packages[0]?.trackingNumber).toBe("1Z999AA10123456784");
  });

  it("ORD-3PL-UPDATE: TikTok's 21011049 (its clock past 72 hours) gets the same message", async () => {
    const orderId = placeOrder(f, f.us);
    await mapCarrier(f, f.us, orderId, "USPS");
    await f.call("POST", `/fulfillment/${f.us}/orders/${orderId}/ship`, { trackingNumber: USPS });
    const packageId = devOrder(f, f.us, orderId).packages[0]!.id;
    const providerId = devOrder(f, f.us, orderId).packages[0]!.shippingProviderId!;
    f.devShop.control.advanceClock(73 * 3600);
    // OMS's own clock has not moved, so only TikTok can refuse.
    f.skewOms(-73 * 3600);
    const late = await f.call<ApiError>(
      "POST",
      `/fulfillment/${f.us}/orders/${orderId}/packages/${packageId}/tracking`,
      {
        trackingNumber: "9400111899223100099999",
        shippingProviderId: providerId,
      },
    );
    f.skewOms(0);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("update_window_closed");
    expect(late.body.error.message).toMatch(/within 72 hours of shipping/);
  });

  it("ORD-SPLIT-API: ships two lines of one order in two packages with two tracking numbers", async () => {
    const orderId = placeOrder(f, f.us, { quantity: 2 });
    await mapCarrier(f, f.us, orderId, "USPS");
    const lines = devOrder(f, f.us, orderId).order.lineItems.map((l) => l.id);
    const first = await f.call<{ notification: Notification }>(
      "POST",
      `/fulfillment/${f.us}/orders/${orderId}/ship`,
      {
        trackingNumber: "9400111899223100000001",
        lineItemIds: [lines[0]],
      },
    );
    expect(first.status).toBe(200);
    expect(first.body.notification.status).toBe("PARTIALLY_SHIPPING");
    expect(devOrder(f, f.us, orderId).order.status).toBe("PARTIALLY_SHIPPING");
    const second = await f.call<{ notification: Notification }>(
      "POST",
      `/fulfillment/${f.us}/orders/${orderId}/ship`,
      {
        trackingNumber: "9400111899223100000002",
        lineItemIds: lines.slice(1),
      },
    );
    expect(second.status).toBe(200);
    const { order, packages } = devOrder(f, f.us, orderId);
    expect(order.status).toBe("AWAITING_COLLECTION");
    expect(packages.map((p) => p.trackingNumber).sort()).toEqual([
      "9400111899223100000001",
      "9400111899223100000002",
    ]);
    // Shipping an already shipped line again is refused with the reason.
    const again = await f.call<ApiError>("POST", `/fulfillment/${f.us}/orders/${orderId}/ship`, {
      trackingNumber: "9400111899223100000003",
      lineItemIds: [lines[0]],
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_shipped");
  });

  it("non-US: ships with Ship Package + self_shipment, splitting first when only some units go", async () => {
    const orderId = placeOrder(f, f.gb, { quantity: 2 });
    await mapCarrier(f, f.gb, orderId, "Royal Mail");
    const lines = devOrder(f, f.gb, orderId).order.lineItems.map((l) => l.id);
    f.tiktokCalls.length = 0;
    const first = await f.call<{ notification: Notification }>(
      "POST",
      `/fulfillment/${f.gb}/orders/${orderId}/ship`,
      {
        trackingNumber: "AB123456789GB",
        lineItemIds: [lines[0]],
      },
    );
    expect(first.status).toBe(200);
    expect(first.body.notification.operation).toBe("Ship Package");
    expect(f.tiktokCalls).toContain(`POST /fulfillment/202309/orders/${orderId}/split`);
    expect(f.tiktokCalls.some((c) => c.endsWith(`/orders/${orderId}/packages`))).toBe(false);
    const rest = await f.call<{ notification: Notification }>(
      "POST",
      `/fulfillment/${f.gb}/orders/${orderId}/ship`,
      {
        trackingNumber: "AB123456780GB",
      },
    );
    expect(rest.status).toBe(200);
    const { order, packages } = devOrder(f, f.gb, orderId);
    expect(order.status).toBe("AWAITING_COLLECTION");
    expect(packages.map((p) => p.trackingNumber).sort()).toEqual(["AB123456780GB", "AB123456789GB"]);
  });

  it("OMS-R5: FBT orders are read-only: the view says so and shipping is refused", async () => {
    const orderId = f.devShop.control.buyer.placeOrder(f.us, { onHold: false });
    f.devShop.store.commerce.shops[f.us]!.orders[orderId]!.fulfillmentType = "FULFILLMENT_BY_TIKTOK";
    const view = await f.call<{ blocker: { code: string; message: string }; plan: unknown }>(
      "GET",
      `/fulfillment/${f.us}/orders/${orderId}`,
    );
    expect(view.body.blocker.code).toBe("fulfilled_by_tiktok");
    expect(view.body.plan).toBeNull();
    const refused = await f.call<ApiError>("POST", `/fulfillment/${f.us}/orders/${orderId}/ship`, {
      trackingNumber: USPS,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/TikTok fulfils this order/);
    expect(devOrder(f, f.us, orderId).order.status).toBe("AWAITING_SHIPMENT");
  });

  it("a cancelled order and another seller's shop are refused", async () => {
    const orderId = placeOrder(f, f.us);
    await mapCarrier(f, f.us, orderId, "USPS");
    f.devShop.control.buyer.requestCancellation(orderId);
    const pending = await f.call<ApiError>("POST", `/fulfillment/${f.us}/orders/${orderId}/ship`, {
      trackingNumber: USPS,
    });
    expect(pending.status).toBe(409);
    expect(pending.body.error.code).toBe("cancellation_pending");
    const foreign = f.devShop.control
      .shops()
      .find((s) => s.sellerId !== f.devShop.control.shops().find((x) => x.id === f.us)!.sellerId)!;
    const res = await f.call<ApiError>("GET", `/fulfillment/${foreign.id}/orders/${orderId}`);
    expect(res.status).toBe(404);
  });
});
