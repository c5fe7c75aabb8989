import { describe, expect, it } from "vitest";
import { buyer, renderLabelPdf, tickCommerce } from "../../src/commerce/index.ts";
import type { Shop } from "../../src/state/platform.ts";
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

/** Two live SKUs stocked in the same warehouse, for multi-unit orders. */
function twoSkus(store: DevShopStore, shop = usShop): string[] {
  const data = shopData(store, shop);
  const warehouse = data.warehouses[0]!.id;
  return Object.values(data.products)
    .filter((product) => product.status === "ACTIVATE")
    .flatMap((product) => product.skus)
    .filter((sku) => (sku.stock.find((row) => row.warehouseId === warehouse)?.available ?? 0) >= 3)
    .slice(0, 2)
    .map((sku) => sku.id);
}

function place(store: DevShopStore, shippingType: "TIKTOK" | "SELLER", shop = usShop, extra = {}) {
  const { emit } = recorder();
  const id = buyer.placeOrder(store, shop.id, NOW, emit, {
    onHold: false,
    shippingType,
    skuIds: twoSkus(store, shop),
    quantityPerSku: 1,
    ...extra,
  });
  return shopData(store, shop).orders[id]!;
}

function providerFor(store: DevShopStore, orderId: string, shop = usShop): string {
  const data = shopData(store, shop);
  const order = data.orders[orderId]!;
  return data.deliveryOptions.find((option) => option.id === order.deliveryOptionId)!.providerIds[0]!;
}

const SHIP = "POST /fulfillment/202309/packages/{package_id}/ship";
const MARK = "POST /fulfillment/202309/orders/{order_id}/packages";

describe("Ship Package", () => {
  it("assigns carrier and tracking for TikTok Shipping and moves the order to AWAITING_COLLECTION", async () => {
    const store = makeStore();
    const order = place(store, "TIKTOK");
    const packageId = order.lineItems[0]!.packageId!;
    const result = await call(store, SHIP, {
      params: { package_id: packageId },
      body: { handover_method: "DROP_OFF" },
    });
    expect(expectOk(result)).toEqual({});
    expect(order.status).toBe("AWAITING_COLLECTION");
    expect(result.events).toContainEqual({
      shopId: usShop.id,
      type: 1,
      data: {
        order_id: order.id,
        order_status: "AWAITING_COLLECTION",
        is_on_hold_order: false,
        update_time: NOW,
      },
    });
    const detail = expectOk(
      await call(store, "GET /fulfillment/202309/packages/{package_id}", {
        params: { package_id: packageId },
      }),
    );
    expect(detail).toMatchObject({
      package_id: packageId,
      package_status: "FULFILLING",
      handover_method: "DROP_OFF",
      shipping_type: "TIKTOK",
    });
    expect(detail.tracking_number).toMatch(/^(9400\d{18}|1Z[0-9A-Z]{16})$/);
    const again = await call(store, SHIP, { params: { package_id: packageId } });
    expect(again.code).toBe(21011001);
  });

  it("requires self_shipment with a carrier of the delivery option for seller shipping", async () => {
    const store = makeStore();
    const order = place(store, "SELLER");
    const packageId = order.lineItems[0]!.packageId!;
    expect((await call(store, SHIP, { params: { package_id: packageId } })).code).toBe(21011012);
    const gbCarrier = shopData(store, gbShop).shippingProviders[0]!.id;
    const wrong = await call(store, SHIP, {
      params: { package_id: packageId },
      body: { self_shipment: { tracking_number: "9400111122223333444455", shipping_provider_id: gbCarrier } },
    });
    expect(wrong.code).toBe(21011011);
    const ok = await call(store, SHIP, {
      params: { package_id: packageId },
      body: {
        self_shipment: {
          tracking_number: "9400111122223333444455",
          shipping_provider_id: providerFor(store, order.id),
        },
      },
    });
    expect(ok.code).toBe(0);
    expect(shopData(store).packages[packageId]!.trackingNumber).toBe("9400111122223333444455");
  });

  it("answers 21008111 for packages of other shops", async () => {
    const store = makeStore();
    const foreign = Object.keys(shopData(store, gbShop).packages)[0]!;
    expect((await call(store, SHIP, { params: { package_id: foreign } })).code).toBe(21008111);
  });

  it("ships a batch and reports failures per package", async () => {
    const store = makeStore();
    const good = place(store, "TIKTOK").lineItems[0]!.packageId!;
    const seller = place(store, "SELLER").lineItems[0]!.packageId!;
    const result = expectOk(
      await call(store, "POST /fulfillment/202309/packages/ship", {
        body: { packages: [{ id: good }, { id: seller }, { id: "1154000000000000000" }] },
      }),
    );
    const errors = arr(result.errors);
    expect(errors.map((e) => [e.code, (e.detail as Json).package_id])).toEqual([
      [21011012, seller],
      [21008111, "1154000000000000000"],
    ]);
    expect(shopData(store).packages[good]!.stage).toBe("AWAITING_COLLECTION");
    expect(shopData(store).packages[seller]!.stage).toBe("UNSHIPPED");
  });
});

describe("Mark Package As Shipped", () => {
  it("refuses ON_HOLD orders with 21011044", async () => {
    const store = makeStore();
    const { emit } = recorder();
    const id = buyer.placeOrder(store, usShop.id, NOW, emit, { shippingType: "SELLER" });
    const result = await call(store, MARK, {
      params: { order_id: id },
      body: { tracking_number: "9400111122223333444455", shipping_provider_id: providerFor(store, id) },
    });
    expect(result.code).toBe(21011044);
    expect(result.message).toMatch(/on hold/i);
  });

  it("ships part of an order as its own package, then the rest, and refuses shipped lines", async () => {
    const store = makeStore();
    const order = place(store, "SELLER");
    const [first, second] = order.lineItems;
    const provider = providerFor(store, order.id);
    const partial = expectOk(
      await call(store, MARK, {
        params: { order_id: order.id },
        body: {
          tracking_number: "9400111122223333444455",
          shipping_provider_id: provider,
          order_line_item_ids: [first!.id],
        },
      }),
    );
    expect(partial.order_line_item_ids).toEqual([first!.id]);
    expect(partial.warning).toBeUndefined();
    expect(order.status).toBe("PARTIALLY_SHIPPING");
    expect(first!.packageId).toBe(partial.package_id);
    expect(second!.packageId).not.toBe(partial.package_id);
    const repeat = await call(store, MARK, {
      params: { order_id: order.id },
      body: {
        tracking_number: "9400111122223333444456",
        shipping_provider_id: provider,
        order_line_item_ids: [first!.id],
      },
    });
    expect(repeat.code).toBe(21011020);
    const rest = expectOk(
      await call(store, MARK, {
        params: { order_id: order.id },
        body: { tracking_number: "not a tracking number", shipping_provider_id: provider },
      }),
    );
    expect(rest.order_line_item_ids).toEqual([second!.id]);
    expect((rest.warning as Json).message).toMatch(/does not look like/);
    expect(order.status).toBe("AWAITING_COLLECTION");
  });

  it("validates the carrier, the tracking number, the lines and the shipping type", async () => {
    const store = makeStore();
    const order = place(store, "SELLER");
    const provider = providerFor(store, order.id);
    const wrongCarrier = await call(store, MARK, {
      params: { order_id: order.id },
      body: { tracking_number: "X1", shipping_provider_id: "6617000000000000000" },
    });
    expect(wrongCarrier.code).toBe(21011011);
    const blank = await call(store, MARK, {
      params: { order_id: order.id },
      body: { tracking_number: "  ", shipping_provider_id: provider },
    });
    expect(blank.code).toBe(21011010);
    const foreignLine = await call(store, MARK, {
      params: { order_id: order.id },
      body: {
        tracking_number: "1Z999AA10123456784",
        shipping_provider_id: provider,
        order_line_item_ids: ["5765000000000000000"],
      },
    });
    expect(foreignLine.code).toBe(21011020);
    const tiktok = place(store, "TIKTOK");
    const mismatch = await call(store, MARK, {
      params: { order_id: tiktok.id },
      body: { tracking_number: "1Z999AA10123456784", shipping_provider_id: provider },
    });
    expect(mismatch.code).toBe(21011013);
  });
});

describe("Update Shipping Info", () => {
  async function shipped(store: DevShopStore) {
    const order = place(store, "SELLER");
    const provider = providerFor(store, order.id);
    const result = expectOk(
      await call(store, MARK, {
        params: { order_id: order.id },
        body: { tracking_number: "9400111122223333444455", shipping_provider_id: provider },
      }),
    );
    return { order, provider, packageId: result.package_id as string };
  }

  it("corrects tracking within 72 hours and refuses it afterwards with 21011049", async () => {
    const store = makeStore();
    const { provider, packageId } = await shipped(store);
    const path = "POST /fulfillment/202309/packages/{package_id}/shipping_info/update";
    const fixed = await call(store, path, {
      params: { package_id: packageId },
      body: { tracking_number: "9400999988887777666655", shipping_provider_id: provider },
      now: NOW + 71 * HOUR,
    });
    expect(fixed.code).toBe(0);
    expect(shopData(store).packages[packageId]!.trackingNumber).toBe("9400999988887777666655");
    const late = await call(store, path, {
      params: { package_id: packageId },
      body: { tracking_number: "9400999988887777666600", shipping_provider_id: provider },
      now: NOW + 72 * HOUR + 1,
    });
    expect(late.code).toBe(21011049);
    expect(late.message).toMatch(/72 hours/);
  });

  it("works by order, and only for seller-shipped, shipped packages", async () => {
    const store = makeStore();
    const { order, provider } = await shipped(store);
    const byOrder = await call(store, "POST /fulfillment/202309/orders/{order_id}/shipping_info/update", {
      params: { order_id: order.id },
      body: { tracking_number: "1Z999AA10123456784", shipping_provider_id: provider },
    });
    expect(byOrder.code).toBe(0);
    const unshipped = place(store, "SELLER");
    const notYet = await call(store, "POST /fulfillment/202309/packages/{package_id}/shipping_info/update", {
      params: { package_id: unshipped.lineItems[0]!.packageId! },
      body: { tracking_number: "1Z999AA10123456784", shipping_provider_id: provider },
    });
    expect(notYet.code).toBe(21011001);
    const tiktok = place(store, "TIKTOK");
    const pkg = tiktok.lineItems[0]!.packageId!;
    await call(store, SHIP, { params: { package_id: pkg } });
    const platform = await call(
      store,
      "POST /fulfillment/202309/packages/{package_id}/shipping_info/update",
      {
        params: { package_id: pkg },
        body: { tracking_number: "1Z999AA10123456784", shipping_provider_id: provider },
      },
    );
    expect(platform.code).toBe(21011013);
  });
});

describe("split, combine and uncombine", () => {
  it("splits an order into packages per group and announces it with webhook 4", async () => {
    const store = makeStore();
    const order = place(store, "TIKTOK");
    const attributes = expectOk(
      await call(store, "GET /fulfillment/202309/orders/split_attributes", {
        query: { order_ids: order.id },
      }),
    );
    expect(arr(attributes.split_attributes)[0]).toMatchObject({
      order_id: order.id,
      can_split: true,
      must_split: false,
    });
    const [a, b] = order.lineItems;
    const bad = await call(store, "POST /fulfillment/202309/orders/{order_id}/split", {
      params: { order_id: order.id },
      body: { splittable_groups: [{ id: "g1", order_line_item_ids: [a!.id] }] },
    });
    expect(bad.code).toBe(21011030);
    const foreign = await call(store, "POST /fulfillment/202309/orders/{order_id}/split", {
      params: { order_id: order.id },
      body: {
        splittable_groups: [
          { id: "g1", order_line_item_ids: [a!.id] },
          { id: "g2", order_line_item_ids: ["5765000000000000001"] },
        ],
      },
    });
    expect(foreign.code).toBe(21011020);
    const result = await call(store, "POST /fulfillment/202309/orders/{order_id}/split", {
      params: { order_id: order.id },
      body: {
        splittable_groups: [
          { id: "g1", order_line_item_ids: [a!.id] },
          { id: "g2", order_line_item_ids: [b!.id] },
        ],
      },
    });
    const packages = arr(expectOk(result).packages);
    expect(packages.map((p) => p.splittable_group_id)).toEqual(["g1", "g2"]);
    expect(a!.packageId).toBe(packages[0]!.id);
    expect(b!.packageId).toBe(packages[1]!.id);
    expect(order.splitOrCombineTag).toBe("SPLIT");
    const webhook = result.events.find((e) => e.type === 4)!;
    expect(webhook.data).toMatchObject({ sc_type: "SPLIT", role_type: "ROLE_USER" });
    expect(arr(webhook.data.package_list).map((p) => p.package_id)).toEqual(packages.map((p) => p.id));
  });

  it("finds, combines and uncombines orders of one buyer from one warehouse", async () => {
    const store = makeStore();
    const first = place(store, "TIKTOK");
    const second = place(store, "TIKTOK", usShop, {
      buyerUserId: first.userId,
      warehouseId: first.warehouseId,
    });
    const other = place(store, "TIKTOK");
    const search = expectOk(
      await call(store, "GET /fulfillment/202309/combinable_packages/search", { query: { page_size: 50 } }),
    );
    const group = arr(search.combinable_packages).find((g) => (g.order_ids as string[]).includes(first.id))!;
    expect(group.order_ids).toEqual(expect.arrayContaining([first.id, second.id]));
    const combined = await call(store, "POST /fulfillment/202309/packages/combine", {
      body: {
        combinable_packages: [
          { id: group.id, order_ids: [first.id, second.id] },
          { id: other.lineItems[0]!.packageId!, order_ids: [other.id, first.id] },
        ],
      },
    });
    const data = expectOk(combined);
    expect(arr(data.packages)).toEqual([
      { id: group.id, order_ids: expect.arrayContaining([first.id, second.id]) },
    ]);
    expect(arr(data.errors)[0]).toMatchObject({ code: 10007014 });
    const pkg = shopData(store).packages[group.id as string]!;
    expect(pkg.orderIds).toHaveLength(2);
    expect(pkg.splitAndCombineTag).toBe("COMBINE");
    expect(first.splitOrCombineTag).toBe("COMBINED");
    expect(combined.events.find((e) => e.type === 4)?.data).toMatchObject({ sc_type: "COMBINE" });
    const uncombined = await call(store, "POST /fulfillment/202309/packages/{package_id}/uncombine", {
      params: { package_id: group.id as string },
      body: { order_ids: [second.id] },
    });
    const split = arr(expectOk(uncombined).packages);
    expect(split).toHaveLength(2);
    expect(new Set(first.lineItems.map((l) => l.packageId)).size).toBe(1);
    expect(first.lineItems[0]!.packageId).not.toBe(second.lineItems[0]!.packageId);
    expect(uncombined.events.find((e) => e.type === 4)?.data).toMatchObject({ sc_type: "UNCOMBINE" });
  });
});

describe("documents, tracking and TikTok Shipping labels", () => {
  it("serves a shipping label as a real PDF for shipped TikTok packages only", async () => {
    const store = makeStore();
    const order = place(store, "TIKTOK");
    const packageId = order.lineItems[0]!.packageId!;
    const path = "GET /fulfillment/202309/packages/{package_id}/shipping_documents";
    const early = await call(store, path, {
      params: { package_id: packageId },
      query: { document_type: "SHIPPING_LABEL" },
    });
    expect(early.code).toBe(21011050);
    await call(store, SHIP, { params: { package_id: packageId } });
    const doc = expectOk(
      await call(store, path, {
        params: { package_id: packageId },
        query: { document_type: "SHIPPING_LABEL" },
      }),
    );
    expect(doc.doc_url).toMatch(new RegExp(`^http://dev-shop\\.test/static/labels/${packageId}\\.pdf`));
    const pkg = shopData(store).packages[packageId]!;
    expect(doc.tracking_number).toBe(pkg.trackingNumber);
    const bytes = renderLabelPdf(store, packageId, { documentType: "SHIPPING_LABEL_AND_PACKING_SLIP" })!;
    const text = Buffer.from(bytes).toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    expect(text.endsWith("%%EOF")).toBe(true);
    expect(text).toContain(`TRACKING # ${pkg.trackingNumber}`);
    expect(text).toContain(order.id);
    expect(text).toContain(order.address.postalCode);
    // The cross-reference table must point at each object.
    const startxref = Number(/startxref\n(\d+)\n%%EOF$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe("xref");
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, index) => {
      expect(text.slice(offset).startsWith(`${index + 1} 0 obj`)).toBe(true);
    });
    const length = Number(/\/Length (\d+) >>\nstream\n/.exec(text)![1]);
    const streamStart = text.indexOf("stream\n") + 7;
    expect(text.slice(streamStart + length, streamStart + length + 10)).toBe("\nendstream");
    expect(renderLabelPdf(store, "1154999999999999999")).toBeNull();
    const seller = place(store, "SELLER");
    const sellerDoc = await call(store, path, {
      params: { package_id: seller.lineItems[0]!.packageId! },
      query: { document_type: "SHIPPING_LABEL" },
    });
    expect(sellerDoc.code).toBe(21011050);
  });

  it("lists tracking events newest first in milliseconds", async () => {
    const store = makeStore();
    const order = place(store, "TIKTOK");
    await call(store, SHIP, { params: { package_id: order.lineItems[0]!.packageId! } });
    const { emit } = recorder();
    tickCommerce(store, NOW + 5 * DAY, emit);
    const tracking = arr(
      expectOk(
        await call(store, "GET /fulfillment/202309/orders/{order_id}/tracking", {
          params: { order_id: order.id },
        }),
      ).tracking,
    );
    expect(tracking[0]).toMatchObject({ description: "Delivered" });
    const times = tracking.map((event) => event.update_time_millis as number);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(times[0]! % 1000).toBe(0);
  });

  it("quotes shipping services and buys a label with Create Packages (US only)", async () => {
    const store = makeStore();
    const order = place(store, "TIKTOK");
    const query = expectOk(
      await call(store, "POST /fulfillment/202309/orders/{order_id}/shipping_services/query", {
        params: { order_id: order.id },
        body: { order_line_item_ids: [order.lineItems[0]!.id], weight: { value: "2.5", unit: "POUND" } },
      }),
    );
    const services = arr(query.shipping_services);
    expect(services.length).toBeGreaterThan(1);
    expect(services.filter((s) => s.is_default)).toHaveLength(1);
    expect(services.every((s) => /^\d+\.\d{2}$/.test(s.price as string) && s.currency === "USD")).toBe(true);
    const express = services.find((s) => (s.name as string).includes("Express"))!;
    const created = expectOk(
      await call(store, "POST /fulfillment/202309/packages", {
        body: {
          order_id: order.id,
          order_line_item_ids: [order.lineItems[0]!.id],
          shipping_service_id: express.id,
        },
      }),
    );
    expect(created.order_line_item_ids).toEqual([order.lineItems[0]!.id]);
    expect((created.shipping_service_info as Json).id).toBe(express.id);
    const pkg = shopData(store).packages[created.package_id as string]!;
    expect(pkg.shippingProviderId).toBe(express.shipping_provider_id);
    expect(order.status).toBe("PARTIALLY_SHIPPING");
    const gbOrder = place(store, "TIKTOK", gbShop);
    const gb = await call(store, "POST /fulfillment/202309/orders/{order_id}/shipping_services/query", {
      params: { order_id: gbOrder.id },
      shop: gbShop,
    });
    expect(gb.code).toBe(21008106);
  });

  it("offers handover slots in the future and searches packages by status", async () => {
    const store = makeStore();
    const order = place(store, "TIKTOK");
    const slots = expectOk(
      await call(store, "GET /fulfillment/202309/packages/{package_id}/handover_time_slots", {
        params: { package_id: order.lineItems[0]!.packageId! },
      }),
    );
    expect(slots.can_pickup).toBe(true);
    expect(
      arr(slots.pickup_slots).every((slot) => (slot.start_time as number) > NOW && slot.avaliable === true),
    ).toBe(true);
    const processing = Object.values(shopData(store).packages).filter((pkg) => pkg.stage === "UNSHIPPED");
    const found: string[] = [];
    let token = "";
    do {
      const page = expectOk(
        await call(store, "POST /fulfillment/202309/packages/search", {
          query: { page_size: 7, ...(token ? { page_token: token } : {}) },
          body: { package_status: "PROCESSING" },
        }),
      );
      expect(page.total_count).toBe(processing.length);
      found.push(...arr(page.packages).map((p) => p.id as string));
      token = page.next_page_token as string;
    } while (token);
    expect(found.sort()).toEqual(processing.map((pkg) => pkg.id).sort());
    const deliver = await call(store, "POST /fulfillment/202309/packages/deliver", {
      body: { packages: [{ id: order.lineItems[0]!.packageId!, delivery_type: "DELIVERY_SUCCESS" }] },
    });
    expect(deliver.code).toBe(21008106);
  });

  it("schedules a handover, which ships the chosen units with TikTok Shipping", async () => {
    const store = makeStore();
    const order = place(store, "TIKTOK");
    const slot = { start_time: NOW + DAY, end_time: NOW + DAY + 3 * HOUR };
    const scheduled = expectOk(
      await call(store, "POST /fulfillment/202309/packages/schedule", {
        body: {
          order_id: order.id,
          order_line_item_ids: [order.lineItems[1]!.id],
          handover_method: "PICKUP",
          pickup_slot: slot,
        },
      }),
    );
    expect(scheduled).toMatchObject({
      order_id: order.id,
      order_line_item_ids: [order.lineItems[1]!.id],
      handover_method: "PICKUP",
    });
    expect(scheduled.tracking_number).not.toBe("");
    const pkg = shopData(store).packages[scheduled.package_id as string]!;
    expect(pkg.pickupSlot).toEqual({ startTime: slot.start_time, endTime: slot.end_time });
    expect(order.status).toBe("PARTIALLY_SHIPPING");
  });

  it("bundles shipped cross-border orders for the first mile, seller-level", async () => {
    const cb: Shop = { ...gbShop, id: "7495000000000000003", sellerType: "CROSS_BORDER", cipher: "ROW_cb" };
    const store = makeStore({ shops: [usShop, cb], ordersPerShop: 60 });
    const awaiting = Object.values(shopData(store, cb).orders).find(
      (o) => o.status === "AWAITING_COLLECTION",
    )!;
    const open = Object.values(shopData(store, cb).orders).find((o) => o.status === "AWAITING_SHIPMENT")!;
    const result = expectOk(
      await call(store, "POST /fulfillment/202407/bundles", {
        shop: null,
        body: { order_ids: [awaiting.id, open.id] },
      }),
    );
    expect(result.first_mile_bundle_id).toMatch(/^6902\d{15}$/);
    expect(arr(result.errors).map((e) => (e.detail as Json).order_id)).toEqual([open.id]);
    const local = await call(makeStore(), "POST /fulfillment/202407/bundles", {
      shop: null,
      body: { order_ids: ["1"] },
    });
    expect(local.code).toBe(21008106);
  });
});
