import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handlePackageUpdate } from "../src/server/fulfillment/index.ts";
import {
  devOrder,
  type FulfillmentFixture,
  fulfillmentFixture,
  mapCarrier,
  mapSellerShipping,
  placeOrder,
} from "./fulfillment-fixture.ts";

interface ApiError {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
interface Notification {
  packageId: string | null;
  status: string | null;
  trackingNumber: string | null;
  carrier: { id: string; name: string } | null;
  service: string | null;
  operation: string;
}
interface Service {
  id: string;
  name: string;
  price: string | null;
  isDefault: boolean;
}

/** The text strings drawn in a PDF made by the dev shop (uncompressed), for assertions. */
function pdfText(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("latin1");
}

describe("fulfilment: TikTok Shipping, packages, batches, rules, paperwork", () => {
  let f: FulfillmentFixture;
  beforeAll(async () => {
    f = await fulfillmentFixture();
  });
  afterAll(async () => {
    await f?.close();
  });

  it("ORD-4PL-FULFILL: eligible services, a label bought with the chosen one, its PDF and the package detail", async () => {
    const orderId = placeOrder(f, f.us, { shipping: "TIKTOK" });
    const services = await f.call<{ services: Service[] }>(
      "POST",
      `/fulfillment/${f.us}/orders/${orderId}/services`,
      {},
    );
    expect(services.status).toBe(200);
    expect(services.body.services.length).toBeGreaterThan(1);
    const chosen = services.body.services.find((s) => !s.isDefault) ?? services.body.services[0]!;
    const bought = await f.call<{ notification: Notification }>(
      "POST",
      `/fulfillment/${f.us}/orders/${orderId}/labels`,
      {
        shippingServiceId: chosen.id,
      },
    );
    expect(bought.status).toBe(200);
    const { order, packages } = devOrder(f, f.us, orderId);
    expect(order.status).toBe("AWAITING_COLLECTION");
    expect(packages[0]?.shippingServiceId).toBe(chosen.id);
    expect(bought.body.notification).toMatchObject({
      operation: "Create Packages",
      service: chosen.name,
      trackingNumber: packages[0]!.trackingNumber,
    });
    const label = await f.call("GET", `/fulfillment/${f.us}/packages/${packages[0]!.id}/label`);
    expect(label.status).toBe(200);
    expect(label.headers.get("content-type")).toBe("application/pdf");
    expect(pdfText(label.bytes).startsWith("%PDF-")).toBe(true);
    expect(pdfText(label.bytes)).toContain(packages[0]!.trackingNumber!);

    const view = await f.call<{ packages: Array<{ id: string; status: string; trackingNumber: string }> }>(
      "GET",
      `/fulfillment/${f.us}/orders/${orderId}`,
    );
    expect(view.body.packages).toEqual([
      expect.objectContaining({
        id: packages[0]!.id,
        status: "FULFILLING",
        trackingNumber: packages[0]!.trackingNumber,
      }),
    ]);
    // A seller-shipped order has no TikTok label to buy.
    const wrong = await f.call<ApiError>(
      "POST",
      `/fulfillment/${f.us}/orders/${placeOrder(f, f.us)}/services`,
      {},
    );
    expect(wrong.body.error.code).toBe("wrong_shipping_type");
  });

  it("ORD-SPLIT-3PL2 / ORD-SPLIT-4PL2: webhook 4 after a Seller Center split; each package is fulfilled", async () => {
    const sellerOrder = placeOrder(f, f.us, { quantity: 2 });
    await mapCarrier(f, f.us, sellerOrder, "USPS");
    const lines = devOrder(f, f.us, sellerOrder).order.lineItems.map((l) => l.id);
    const split = { package_ids: await splitInDevShop(f, sellerOrder, [[lines[0]!], lines.slice(1)]) };
    expect(split.package_ids).toHaveLength(2);
    await f.devShop.control.webhooksIdle();
    await handlePackageUpdate(
      { db: f.oms.database.db, auth: f.oms.auth, now: () => f.devShop.clock.now() },
      { shopId: f.us, data: { package_list: [{ order_id_list: [sellerOrder] }] } },
    );
    const view = await f.call<{ packages: Array<{ id: string; splitOrCombine: string }> }>(
      "GET",
      `/fulfillment/${f.us}/orders/${sellerOrder}`,
    );
    expect(view.body.packages.map((p) => p.id).sort()).toEqual([...split.package_ids].sort());
    for (const [index, packageId] of split.package_ids.entries()) {
      const res = await f.call<{ notification: Notification }>(
        "POST",
        `/fulfillment/${f.us}/packages/${packageId}/ship`,
        {
          trackingNumber: `940011189922310000010${index}`,
        },
      );
      expect(res.status).toBe(200);
    }
    const shipped = devOrder(f, f.us, sellerOrder);
    expect(shipped.order.status).toBe("AWAITING_COLLECTION");
    expect(shipped.packages.map((p) => p.trackingNumber).sort()).toEqual([
      "9400111899223100000100",
      "9400111899223100000101",
    ]);

    // 4PL: split, then a label per package with Create Packages.
    const tiktokOrder = placeOrder(f, f.us, { shipping: "TIKTOK", quantity: 2 });
    const tLines = devOrder(f, f.us, tiktokOrder).order.lineItems.map((l) => l.id);
    const packageIds = await splitInDevShop(f, tiktokOrder, [[tLines[0]!], tLines.slice(1)]);
    for (const packageId of packageIds) {
      const lineIds = devOrder(f, f.us, tiktokOrder).packages.find((p) => p.id === packageId)!.lineItemIds;
      const services = await f.call<{ services: Service[] }>(
        "POST",
        `/fulfillment/${f.us}/orders/${tiktokOrder}/services`,
        {
          lineItemIds: lineIds,
        },
      );
      const label = await f.call<{ notification: Notification }>(
        "POST",
        `/fulfillment/${f.us}/orders/${tiktokOrder}/labels`,
        {
          lineItemIds: lineIds,
          shippingServiceId: services.body.services[0]!.id,
        },
      );
      expect(label.status).toBe(200);
      expect(label.body.notification.packageId).toBe(packageId);
    }
    expect(
      devOrder(f, f.us, tiktokOrder).packages.every((p) => p.trackingNumber && p.shippingServiceId),
    ).toBe(true);
  });

  it("ORD-COMBINE-3PL1: combines from the app, ships the combined package once, and uncombines", async () => {
    const first = placeOrder(f, f.us);
    const { order } = devOrder(f, f.us, first);
    // The first order's SKU is in stock in that warehouse; a random pick might not be.
    const second = placeOrder(f, f.us, {
      buyerUserId: order.userId,
      warehouseId: order.warehouseId,
      skuIds: [order.lineItems[0]!.skuId],
    });
    await mapCarrier(f, f.us, first, "USPS");
    const groups = await f.call<{ groups: Array<{ packageId: string; orderIds: string[] }> }>(
      "GET",
      `/fulfillment/${f.us}/combinable`,
    );
    const group = groups.body.groups.find((g) => g.orderIds.includes(first) && g.orderIds.includes(second))!;
    expect(group).toBeDefined();
    const combined = await f.call<{ package: { packageId: string; orderIds: string[] } }>(
      "POST",
      `/fulfillment/${f.us}/combine`,
      {
        // The group may hold more of this buyer's orders, and its id can be one of theirs: combine
        // the two into the first one's package.
        packageId: devOrder(f, f.us, first).packages[0]!.id,
        orderIds: [first, second],
      },
    );
    expect(combined.status).toBe(200);
    const packageId = combined.body.package.packageId;
    expect(devOrder(f, f.us, second).packages.map((p) => p.id)).toEqual([packageId]);

    // Shipping one order's lines alone is refused while they share the box.
    const partial = await f.call<ApiError>("POST", `/fulfillment/${f.us}/orders/${first}/ship`, {
      trackingNumber: "9400111899223100000200",
    });
    expect(partial.body.error.code).toBe("package_combined");

    const undone = await f.call<{ packages: Array<{ orderIds: string[] }> }>(
      "POST",
      `/fulfillment/${f.us}/packages/${packageId}/uncombine`,
      { orderIds: [second] },
    );
    expect(undone.status).toBe(200);
    expect(devOrder(f, f.us, second).packages[0]!.orderIds).toEqual([second]);

    const again = await f.call<{ package: { packageId: string } }>("POST", `/fulfillment/${f.us}/combine`, {
      packageId: devOrder(f, f.us, first).packages[0]!.id,
      orderIds: [first, second],
    });
    const shipped = await f.call<{ notification: Notification }>(
      "POST",
      `/fulfillment/${f.us}/packages/${again.body.package.packageId}/ship`,
      { trackingNumber: "9400111899223100000201" },
    );
    expect(shipped.status).toBe(200);
    expect(shipped.body.notification.operation).toBe("Ship Package");
    for (const id of [first, second]) {
      const state = devOrder(f, f.us, id);
      expect(state.order.status).toBe("AWAITING_COLLECTION");
      expect(state.packages[0]!.trackingNumber).toBe("9400111899223100000201");
    }
  });

  it("ORD-COMBINE-4PL2: a combined TikTok Shipping package is handed over and its label printed", async () => {
    const first = placeOrder(f, f.us, { shipping: "TIKTOK" });
    const { order } = devOrder(f, f.us, first);
    const second = placeOrder(f, f.us, {
      shipping: "TIKTOK",
      buyerUserId: order.userId,
      warehouseId: order.warehouseId,
      skuIds: [order.lineItems[0]!.skuId],
    });
    const packageId = await combineInDevShop(f, [first, second]);
    const shipped = await f.call<{ notification: Notification }>(
      "POST",
      `/fulfillment/${f.us}/packages/${packageId}/ship`,
      {
        handoverMethod: "DROP_OFF",
      },
    );
    expect(shipped.status).toBe(200);
    const tracking = devOrder(f, f.us, first).packages[0]!.trackingNumber!;
    expect(shipped.body.notification.trackingNumber).toBe(tracking);
    const label = await f.call("GET", `/fulfillment/${f.us}/packages/${packageId}/label`);
    expect(pdfText(label.bytes)).toContain(tracking);
  });

  it("OMS-LABELS: merges labels into one PDF and lists packages without one", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const orderId = placeOrder(f, f.us, { shipping: "TIKTOK" });
      const services = await f.call<{ services: Service[] }>(
        "POST",
        `/fulfillment/${f.us}/orders/${orderId}/services`,
        {},
      );
      await f.call("POST", `/fulfillment/${f.us}/orders/${orderId}/labels`, {
        shippingServiceId: services.body.services[0]!.id,
      });
      ids.push(devOrder(f, f.us, orderId).packages[0]!.id);
    }
    const unshipped = devOrder(f, f.us, placeOrder(f, f.us, { shipping: "TIKTOK" })).packages[0]!.id;
    const merged = await f.call("POST", `/fulfillment/${f.us}/documents/labels`, {
      packageIds: [...ids, unshipped],
    });
    expect(merged.status).toBe(200);
    const doc = await PDFDocument.load(merged.bytes);
    expect(doc.getPageCount()).toBe(2);
    for (const id of ids) {
      expect(pdfText(merged.bytes)).toContain(devOrder(f, f.us, orderOf(f, id)).packages[0]!.trackingNumber!);
    }
    const skipped = JSON.parse(decodeURIComponent(merged.headers.get("x-labels-skipped") ?? "[]"));
    expect(skipped).toEqual([expect.objectContaining({ packageId: unshipped })]);
  });

  it("OMS-PICK: pick list summed per SKU and warehouse, packing slips one page per order", async () => {
    const a = placeOrder(f, f.us, { quantity: 2 });
    const b = placeOrder(f, f.us, { quantity: 1 });
    const pick = await f.call("POST", `/fulfillment/${f.us}/documents/pick-list`, { orderIds: [a, b] });
    expect(pick.status).toBe(200);
    expect((await PDFDocument.load(pick.bytes)).getPageCount()).toBeGreaterThan(0);
    const slips = await f.call("POST", `/fulfillment/${f.us}/documents/packing-slips`, { orderIds: [a, b] });
    expect((await PDFDocument.load(slips.bytes)).getPageCount()).toBe(2);
  });

  it("OMS-BATCH: ships many orders in a background job with a per-order result", async () => {
    const good = [placeOrder(f, f.us), placeOrder(f, f.us)];
    await mapSellerShipping(f, f.us, "USPS");
    const onHold = placeOrder(f, f.us, { onHold: true });
    const malformed = placeOrder(f, f.us);
    const created = await f.call<{ batch: { id: string; total: number } }>(
      "POST",
      `/fulfillment/${f.us}/batches`,
      {
        items: [
          { orderId: good[0], trackingNumber: "9400111899223100000300" },
          { orderId: good[1], trackingNumber: "9400111899223100000301" },
          { orderId: onHold, trackingNumber: "9400111899223100000302" },
          { orderId: malformed, trackingNumber: "bad!" },
        ],
      },
    );
    expect(created.status).toBe(202);
    let batch:
      | { status: string; items: Array<{ orderId: string; status: string; message: string | null }> }
      | undefined;
    for (let i = 0; i < 100; i++) {
      batch = (
        await f.call<{ batch: NonNullable<typeof batch> }>(
          "GET",
          `/fulfillment/${f.us}/batches/${created.body.batch.id}`,
        )
      ).body.batch;
      if (batch.status === "done") break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(batch?.status).toBe("done");
    const byOrder = Object.fromEntries(batch!.items.map((i) => [i.orderId, i]));
    expect(byOrder[good[0]!]?.status).toBe("shipped");
    expect(byOrder[good[1]!]?.status).toBe("shipped");
    expect(byOrder[onHold]).toMatchObject({ status: "failed", message: expect.stringMatching(/on hold/) });
    expect(byOrder[malformed]).toMatchObject({
      status: "failed",
      message: expect.stringMatching(/letters, digits/),
    });
    expect(devOrder(f, f.us, good[0]!).packages[0]!.trackingNumber).toBe("9400111899223100000300");
    expect(devOrder(f, f.us, onHold).order.status).toBe("ON_HOLD");
    expect(devOrder(f, f.us, malformed).order.status).toBe("AWAITING_SHIPMENT");

    const tooMany = await f.call<ApiError>("POST", `/fulfillment/${f.us}/batches`, {
      items: Array.from({ length: 201 }, (_, i) => ({
        orderId: String(i + 1),
        trackingNumber: "9400111899223100000000",
      })),
    });
    expect(tooMany.status).toBe(400);
  });

  it("OMS-RULES: the first matching rule picks the carrier; rules are checked against TikTok's logistics", async () => {
    const orderId = placeOrder(f, f.us);
    const { order, shop } = devOrder(f, f.us, orderId);
    await mapCarrier(f, f.us, orderId, "USPS");
    const fedex = shop.shippingProviders.find((p) => p.name === "FedEx")!;
    const saved = await f.call<{ rules: Array<{ id: string }> }>("PUT", `/fulfillment/${f.us}/rules`, {
      rules: [
        {
          name: "Big baskets",
          conditions: { minItems: 50 },
          actions: { shippingProviderId: shop.shippingProviders[1]!.id },
        },
        {
          name: "From this warehouse",
          conditions: { warehouseIds: [order.warehouseId], regions: ["US"] },
          actions: { shippingProviderId: fedex.id },
        },
      ],
    });
    expect(saved.status).toBe(200);
    const match = await f.call<{
      plan: { rule: { name: string }; carrier: { name: string; source: string } };
    }>("GET", `/fulfillment/${f.us}/rules/match/${orderId}`);
    expect(match.body.plan.rule.name).toBe("From this warehouse");
    expect(match.body.plan.carrier).toMatchObject({ name: "FedEx", source: "rule" });
    const shipped = await f.call<{ notification: Notification }>(
      "POST",
      `/fulfillment/${f.us}/orders/${orderId}/ship`,
      {
        trackingNumber: "123456789012",
      },
    );
    expect(shipped.body.notification.carrier?.name).toBe("FedEx");
    expect(devOrder(f, f.us, orderId).packages[0]!.shippingProviderId).toBe(fedex.id);

    const invalid = await f.call<ApiError>("PUT", `/fulfillment/${f.us}/rules`, {
      rules: [{ name: "Nowhere", conditions: {}, actions: { warehouseId: "123" } }],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/warehouse 123 is not a sales warehouse/);
    expect((await f.call<{ rules: unknown[] }>("GET", `/fulfillment/${f.us}/rules`)).body.rules).toHaveLength(
      2,
    );
    await f.call("PUT", `/fulfillment/${f.us}/rules`, { rules: [] });
  });
});

function orderOf(f: FulfillmentFixture, packageId: string): string {
  return f.devShop.store.commerce.shops[f.us]!.packages[packageId]!.orderIds[0]!;
}

async function splitInDevShop(f: FulfillmentFixture, orderId: string, groups: string[][]): Promise<string[]> {
  const res = await f.devShop.fetch(
    new Request(`http://dev-shop.test/control/fulfillment/orders/${orderId}/split`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ groups }),
    }),
  );
  return ((await res.json()) as { package_ids: string[] }).package_ids;
}

async function combineInDevShop(f: FulfillmentFixture, orderIds: string[]): Promise<string> {
  const res = await f.devShop.fetch(
    new Request("http://dev-shop.test/control/fulfillment/combine", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ order_ids: orderIds }),
    }),
  );
  return ((await res.json()) as { package_id: string }).package_id;
}
