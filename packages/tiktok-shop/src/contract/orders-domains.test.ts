import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AnyEndpoint, EndpointInput } from "./define.ts";
import { fulfillment, packageDetail } from "./fulfillment.ts";
import { logistics, warehouse } from "./logistics.ts";
import { order, orderSchema, orderStatus } from "./order.ts";
import { cancellation, cancelStatus, returnOrder, returnRefund } from "./return-refund.ts";
import { scopes } from "./scopes.ts";

const domains = { order, fulfillment, logistics, returnRefund } as const;
const domainScope = {
  order: scopes.order,
  fulfillment: scopes.fulfillment,
  logistics: scopes.logistics,
  returnRefund: scopes.returnRefund,
};

const all = Object.entries(domains).flatMap(([domain, endpoints]) =>
  Object.entries(endpoints as Record<string, AnyEndpoint>).map(([key, spec]) => ({
    domain: domain as keyof typeof domains,
    key,
    spec,
  })),
);

function shapeKeys(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

describe("endpoint table", () => {
  it("covers every endpoint of the reference", () => {
    const names = (endpoints: object) => Object.keys(endpoints).sort();
    expect(names(order)).toEqual(
      [
        "getOrderList",
        "getOrderDetail",
        "getOrderDetail202507",
        "getPriceDetail",
        "addExternalOrderReferences",
        "getExternalOrderReferences",
        "searchOrderByExternalOrderReference",
      ].sort(),
    );
    expect(names(fulfillment)).toEqual(
      [
        "searchPackage",
        "getPackageDetail",
        "shipPackage",
        "batchShipPackages",
        "getPackageShippingDocument",
        "getPackageHandoverTimeSlots",
        "getHandoverTimeSlots",
        "updatePackageShippingInfo",
        "updateShippingInfo",
        "markPackageAsShipped",
        "getTracking",
        "updatePackageDeliveryStatus",
        "fulfillmentUploadDeliveryImage",
        "fulfillmentUploadDeliveryFile",
        "getOrderSplitAttributes",
        "splitOrders",
        "searchCombinablePackages",
        "combinePackage",
        "uncombinePackages",
        "getEligibleShippingService",
        "createPackages",
        "schedulePackageHandover",
        "createFirstMileBundle",
        "uploadInvoice",
      ].sort(),
    );
    expect(names(logistics)).toEqual(
      [
        "getWarehouseList",
        "getWarehouseDeliveryOptions",
        "getShippingProviders",
        "getGlobalSellerWarehouse",
      ].sort(),
    );
    expect(names(returnRefund)).toEqual(
      [
        "searchReturns",
        "getReturnRecords",
        "approveReturn",
        "rejectReturn",
        "createReturn",
        "searchCancellations",
        "approveCancellation",
        "rejectCancellation",
        "cancelOrder",
        "getRejectReasons",
        "getAftersaleEligibility",
        "calculateRefund",
      ].sort(),
    );
  });

  it.each(all)("$domain.$key: path, params, name, scope", ({ domain, key, spec }) => {
    expect(spec.name).toBe(key);
    expect(spec.path).toMatch(/^\/(order|fulfillment|logistics|return_refund)\/\d{6}\//);
    const placeholders = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    expect(shapeKeys(spec.params)).toEqual(placeholders);
    expect(spec.scope).toBe(domainScope[domain]);
    expect(spec.summary.length).toBeGreaterThan(0);
    expect(spec.summary).not.toContain("\n");
  });

  it("has unique names and unique method+path pairs", () => {
    const names = all.map((e) => e.spec.name);
    expect(new Set(names).size).toBe(names.length);
    const routes = all.map((e) => `${e.spec.method} ${e.spec.path}`);
    expect(new Set(routes).size).toBe(routes.length);
  });

  it("refuses shop_cipher only on the seller-level endpoints", () => {
    const refused = all.filter((e) => e.spec.cipher === "refused").map((e) => e.spec.path);
    expect(refused.sort()).toEqual(["/fulfillment/202407/bundles", "/logistics/202309/global_warehouses"]);
    for (const { spec } of all) {
      if (!refused.includes(spec.path)) expect(spec.cipher).toBe("required");
    }
  });

  it("marks GETs and POST searches as reads, idempotency-keyed writes as idempotent", () => {
    const postReads = all
      .filter((e) => e.spec.method === "POST" && e.spec.safety === "read")
      .map((e) => e.spec.name)
      .sort();
    expect(postReads).toEqual(
      [
        "calculateRefund",
        "getEligibleShippingService",
        "getOrderList",
        "searchCancellations",
        "searchOrderByExternalOrderReference",
        "searchPackage",
        "searchReturns",
      ].sort(),
    );
    for (const { spec } of all) {
      if (spec.method === "GET") expect(spec.safety).toBe("read");
      const keyed = shapeKeys(spec.query).includes("idempotency_key");
      expect(spec.safety === "idempotent-write").toBe(keyed);
    }
    const idempotent = all.filter((e) => e.spec.safety === "idempotent-write").map((e) => e.spec.name);
    expect(idempotent.sort()).toEqual(
      ["approveCancellation", "approveReturn", "createReturn", "rejectCancellation", "rejectReturn"].sort(),
    );
  });

  it("declares pagination exactly where the query carries page_token, with a matching items array", () => {
    for (const { spec } of all) {
      const paged = shapeKeys(spec.query).includes("page_token");
      expect(spec.pagination !== undefined).toBe(paged);
      if (spec.pagination) {
        expect(spec.pagination.tokenIn).toBe("query");
        expect(shapeKeys(spec.response)).toContain(spec.pagination.items);
        expect(shapeKeys(spec.response)).toContain("next_page_token");
      }
    }
  });

  it("flags the two delivery-proof uploads as multipart", () => {
    const multipart = all.filter((e) => e.spec.multipart).map((e) => e.spec.name);
    expect(multipart.sort()).toEqual(["fulfillmentUploadDeliveryFile", "fulfillmentUploadDeliveryImage"]);
  });
});

describe("query parameters", () => {
  const ids = order.getOrderDetail.query;

  it("accepts the ids list as an array or as the comma-joined wire form", () => {
    expect(ids.parse({ ids: ["1", "2", "3"] })).toEqual({ ids: ["1", "2", "3"] });
    expect(ids.parse({ ids: "1,2,3" })).toEqual({ ids: ["1", "2", "3"] });
    expect(order.getOrderDetail202507.query.parse({ ids: "576461413038785752" })).toEqual({
      ids: ["576461413038785752"],
    });
  });

  it("rejects more than 50 ids, an empty list and a missing list", () => {
    const fiftyOne = Array.from({ length: 51 }, (_, i) => String(i + 1));
    expect(ids.safeParse({ ids: fiftyOne }).success).toBe(false);
    expect(ids.safeParse({ ids: fiftyOne.join(",") }).success).toBe(false);
    expect(ids.safeParse({ ids: fiftyOne.slice(0, 50) }).success).toBe(true);
    expect(ids.safeParse({ ids: [] }).success).toBe(false);
    expect(ids.safeParse({ ids: "" }).success).toBe(false);
    expect(ids.safeParse({}).success).toBe(false);
  });

  it("accepts comma lists on the fulfillment queries too", () => {
    expect(fulfillment.getOrderSplitAttributes.query.parse({ order_ids: "1,2" })).toEqual({
      order_ids: ["1", "2"],
    });
    expect(fulfillment.getHandoverTimeSlots.query.parse({})).toEqual({});
    expect(fulfillment.getHandoverTimeSlots.query.parse({ order_line_item_ids: "7,8" })).toEqual({
      order_line_item_ids: ["7", "8"],
    });
  });

  it("enforces page_size bounds per endpoint and coerces the wire string", () => {
    const orders = order.getOrderList.query;
    expect(orders.safeParse({ page_size: 0 }).success).toBe(false);
    expect(orders.safeParse({ page_size: 101 }).success).toBe(false);
    expect(orders.safeParse({ page_size: "101" }).success).toBe(false);
    expect(orders.safeParse({}).success).toBe(false);
    expect(orders.parse({ page_size: "100", sort_field: "update_time", sort_order: "ASC" })).toEqual({
      page_size: 100,
      sort_field: "update_time",
      sort_order: "ASC",
    });
    expect(orders.safeParse({ page_size: 20, sort_field: "paid_time" }).success).toBe(false);

    const packages = fulfillment.searchPackage.query;
    expect(packages.safeParse({ page_size: 51 }).success).toBe(false);
    expect(packages.safeParse({ page_size: "50", sort_field: "order_pay_time" }).success).toBe(true);
    expect(fulfillment.searchCombinablePackages.query.safeParse({ page_size: 51 }).success).toBe(false);

    const returns = returnRefund.searchReturns.query;
    expect(returns.safeParse({}).success).toBe(true);
    expect(returns.safeParse({ page_size: "9" }).success).toBe(false);
    expect(returns.safeParse({ page_size: "51" }).success).toBe(false);
    expect(returnRefund.searchCancellations.query.safeParse({ page_size: "1" }).success).toBe(true);
    expect(returnRefund.searchCancellations.query.safeParse({ page_size: "51" }).success).toBe(false);
  });

  it("bounds the idempotency key at 255 characters", () => {
    const query = returnRefund.approveReturn.query;
    expect(query.safeParse({}).success).toBe(true);
    expect(query.safeParse({ idempotency_key: "k".repeat(255) }).success).toBe(true);
    expect(query.safeParse({ idempotency_key: "k".repeat(256) }).success).toBe(false);
  });

  it("checks enum query params", () => {
    const docs = fulfillment.getPackageShippingDocument.query;
    expect(docs.safeParse({ document_type: "SHIPPING_LABEL", document_size: "A5" }).success).toBe(true);
    expect(docs.safeParse({ document_type: "LABEL" }).success).toBe(false);
    expect(docs.safeParse({}).success).toBe(false);
    expect(logistics.getWarehouseDeliveryOptions.query.safeParse({ scope: "SHOP" }).success).toBe(false);
  });
});

describe("request bodies", () => {
  it("validates order search filters", () => {
    const body = order.getOrderList.body;
    expect(body.safeParse({}).success).toBe(true);
    expect(
      body.safeParse({
        order_status: "AWAITING_SHIPMENT",
        create_time_ge: 1_700_000_000,
        shipping_type: "SELLER",
      }).success,
    ).toBe(true);
    expect(body.safeParse({ order_status: "SHIPPED" }).success).toBe(false);
    expect(body.safeParse({ warehouse_ids: Array.from({ length: 101 }, (_, i) => `${i}`) }).success).toBe(
      false,
    );
  });

  it("accepts the empty ship body that worked live, and a full one", () => {
    expect(fulfillment.shipPackage.body.safeParse({}).success).toBe(true);
    expect(
      fulfillment.shipPackage.body.safeParse({
        handover_method: "PICKUP",
        pickup_slot: { start_time: 1_700_000_000, end_time: 1_700_003_600 },
      }).success,
    ).toBe(true);
    expect(fulfillment.shipPackage.body.safeParse({ handover_method: "COURIER" }).success).toBe(false);
  });

  it("requires a decision on return approval and positive quantities", () => {
    expect(returnRefund.approveReturn.body.safeParse({}).success).toBe(false);
    expect(
      returnRefund.approveReturn.body.safeParse({
        decision: "OFFER_PARTIAL_REFUND",
        partial_refund: { amount: "5.50", currency: "USD" },
      }).success,
    ).toBe(true);
    expect(
      returnRefund.approveReturn.body.safeParse({
        decision: "OFFER_PARTIAL_REFUND",
        partial_refund: { amount: "5,50", currency: "USD" },
      }).success,
    ).toBe(false);
    const cancel = returnRefund.cancelOrder.body;
    expect(
      cancel.safeParse({ order_id: "1", cancel_reason: "seller_cancel_reason_out_of_stock" }).success,
    ).toBe(true);
    expect(
      cancel.safeParse({ order_id: "1", cancel_reason: "x", skus: [{ sku_id: "2", quantity: 0 }] }).success,
    ).toBe(false);
  });

  it("limits the delivery proof file to 10 MB", () => {
    const body = fulfillment.fulfillmentUploadDeliveryFile.body;
    expect(body.safeParse({ data: new Blob(["%PDF-1.4"]), name: "pod.pdf" }).success).toBe(true);
    expect(body.safeParse({ data: new Blob([new Uint8Array(10 * 1024 * 1024 + 1)]) }).success).toBe(false);
    expect(body.safeParse({ data: "not a file" }).success).toBe(false);
  });
});

describe("responses", () => {
  it("parses the LIVE order fragment and defaults absent arrays to empty", () => {
    const data = order.getOrderList.response.parse({
      orders: [
        {
          id: "579366744254776425",
          status: "AWAITING_SHIPMENT",
          order_type: "NORMAL",
          payment: { currency: "VND", total_amount: "657000" },
          payment_method_name: "Cash on delivery",
        },
      ],
      total_count: 17472,
      next_page_token: "b2Zmc2V0PTAK",
    });
    expect(data.total_count).toBe(17472);
    const first = data.orders[0]!;
    expect(first.payment?.total_amount).toBe("657000");
    expect(first.line_items).toEqual([]);
    expect(first.packages).toEqual([]);
    expect(order.getOrderList.response.parse({}).orders).toEqual([]);
  });

  it("keeps unknown fields at every level", () => {
    const parsed = orderSchema.parse({
      id: "1",
      status: "DELIVERED",
      shiny_new_field: { nested: true },
      line_items: [{ id: "10", sale_price: "9.99", future_flag: 1 }],
      recipient_address: { full_address: "1 Main St", geo_hash: "u4pruyd" },
    });
    expect(parsed).toMatchObject({ shiny_new_field: { nested: true } });
    expect(parsed.line_items[0]).toMatchObject({ future_flag: 1 });
    expect(parsed.recipient_address).toMatchObject({ geo_hash: "u4pruyd" });
    const envelope = order.getOrderDetail.response.parse({ orders: [], extra_top_level: "x" });
    expect(envelope).toMatchObject({ extra_top_level: "x" });
  });

  it("tolerates statuses TikTok adds later but types money and ids as strings", () => {
    expect(orderSchema.safeParse({ id: "1", status: "SOME_NEW_STATUS" }).success).toBe(true);
    expect(orderSchema.safeParse({ id: 1, status: "DELIVERED" }).success).toBe(false);
    expect(
      orderSchema.safeParse({ id: "1", status: "DELIVERED", payment: { total_amount: 12.5 } }).success,
    ).toBe(false);
    expect(orderStatus.options).toContain("ON_HOLD");
  });

  it("parses the warehouse doc sample", () => {
    const sample = {
      id: "7000714532876273410",
      entity_id: "7395366865142499073",
      name: "Guangzhou",
      effect_status: "ENABLED",
      type: "SALES_WAREHOUSE",
      sub_type: "DOMESTIC_WAREHOUSE",
      is_default: true,
      address: {
        city: "Guangzhou",
        distict: "Tianhe",
        geolocation: { latitude: "23.1", longitude: "113.3" },
      },
    };
    expect(warehouse.parse(sample)).toMatchObject(sample);
    const list = logistics.getWarehouseList.response.parse({ warehouses: [sample] });
    expect(list.warehouses[0]?.address?.distict).toBe("Tianhe");
  });

  it("parses the shipping provider sample and global warehouses", () => {
    const providers = logistics.getShippingProviders.response.parse({
      shipping_providers: [{ id: "6617675021119438849", name: "TT Virtual express" }],
    });
    expect(providers.shipping_providers[0]?.name).toBe("TT Virtual express");
    const global = logistics.getGlobalSellerWarehouse.response.parse({
      global_warehouses: [{ id: "1", name: "Shenzhen", ownership: "PLATFORM_COOPERATION" }],
    });
    expect(global.global_warehouses).toHaveLength(1);
  });

  it("parses a LIVE package detail with TO_FULFILL and a sub-status", () => {
    const detail = packageDetail.parse({
      package_id: "1152921504606846976",
      package_status: "TO_FULFILL",
      package_sub_status: "STOCKING",
      orders: [{ id: "576461413038785752", skus: [{ id: "1729", name: "Red", quantity: 1 }] }],
      dimension: { length: "10", width: "5", height: "2", unit: "CM" },
      weight: { value: "500", unit: "GRAM" },
    });
    expect(detail.package_status).toBe("TO_FULFILL");
    expect(detail.order_line_item_ids).toEqual([]);
  });

  it("keeps the misspelled avaliable flag on handover slots", () => {
    const slots = fulfillment.getPackageHandoverTimeSlots.response.parse({
      can_pickup: true,
      pickup_slots: [{ start_time: 1_700_000_000, end_time: 1_700_003_600, avaliable: true }],
    });
    expect(slots.pickup_slots[0]?.avaliable).toBe(true);
  });

  it("parses the LIVE split-attributes reason and batch errors", () => {
    const split = fulfillment.getOrderSplitAttributes.response.parse({
      split_attributes: [
        {
          order_id: "1",
          can_split: false,
          must_split: false,
          reason: "split same sku in Multi Package not allow",
        },
      ],
    });
    expect(split.split_attributes[0]?.must_split_reasons).toEqual([]);
    const batch = fulfillment.batchShipPackages.response.parse({
      errors: [{ code: 21011001, message: "package not found", detail: { package_id: "9" } }],
    });
    expect(batch.errors).toHaveLength(1);
    expect(fulfillment.batchShipPackages.response.parse({}).errors).toEqual([]);
  });

  it("parses a return order in the documented shape", () => {
    const sample = {
      return_id: "4035318504086044",
      order_id: "576461413038785752",
      return_type: "RETURN_AND_REFUND",
      return_status: "AWAITING_BUYER_SHIP",
      arbitration_status: "IN_PROGRESS",
      role: "BUYER",
      return_reason: "ecom_order_delivered_refund_and_return_reason_damaged",
      return_reason_text: "Damaged item",
      return_method: "BUYER_SHIPPED",
      shipment_type: "PLATFORM",
      handover_method: "DROP_OFF",
      return_shipping_document_type: "QR_CODE",
      refund_amount: {
        currency: "USD",
        refund_total: "10.99",
        refund_subtotal: "9.99",
        refund_shipping_fee: "1.00",
      },
      discount_amount: [{ currency: "USD", product_seller_discount: "1.00" }],
      shipping_fee_amount: [{ currency: "USD", seller_paid_return_shipping_fee: "3.20" }],
      seller_next_action_response: [{ action: "SELLER_RESPOND_RECEIVE_PACKAGE", deadline: 1_700_600_000 }],
      return_line_items: [
        {
          return_line_item_id: "1",
          order_line_item_id: "576461413038850001",
          sku_id: "1729",
          product_image: { url: "https://example.invalid/a.jpg", width: 200, height: 200 },
          refund_amount: { currency: "USD", refund_total: "10.99" },
        },
      ],
      create_time: 1_700_000_000,
      update_time: 1_700_100_000,
    };
    expect(returnOrder.parse(sample)).toMatchObject(sample);
    const page = returnRefund.searchReturns.response.parse({ return_orders: [sample], total_count: 1 });
    expect(page.return_orders[0]?.return_line_items[0]?.refund_amount?.refund_total).toBe("10.99");
  });

  it("parses a cancellation, including the CANCELLED spelling and should_replenish_stock", () => {
    const sample = {
      cancel_id: "4035222045400000000",
      order_id: "576461413038785752",
      cancel_type: "BUYER_CANCEL",
      cancel_status: "CANCELLATION_REQUEST_CANCELLED",
      cancel_reason: "seller_cancel_reason_out_of_stock",
      role: "BUYER",
      refund_amount: { currency: "GBP", refund_total: "12.00" },
      cancel_line_items: [{ cancel_line_item_id: "1", order_line_item_id: "2", sku_id: "3" }],
      seller_next_action_response: [{ action: "SELLER_RESPOND_CANCEL", deadline: 1_700_600_000 }],
      should_replenish_stock: true,
      create_time: 1_700_000_000,
      update_time: 1_700_000_100,
    };
    expect(cancellation.parse(sample)).toMatchObject(sample);
    expect(cancelStatus.safeParse("CANCELLATION_REQUEST_CANCELLED").success).toBe(true);
    expect(cancelStatus.safeParse("CANCELLATION_REQUEST_CANCEL").success).toBe(true);
    expect(
      returnRefund.searchCancellations.body.safeParse({ cancel_status: ["CANCELLATION_REQUEST_CANCELLED"] })
        .success,
    ).toBe(true);
  });

  it("parses reject reasons, eligibility and refund calculation", () => {
    const reasons = returnRefund.getRejectReasons.response.parse({
      reasons: [{ name: "reverse_reject_request_reason_4", text: "Product delivery is on schedule" }],
    });
    expect(reasons.reasons[0]?.name).toBe("reverse_reject_request_reason_4");
    const eligibility = returnRefund.getAftersaleEligibility.response.parse({
      sku_eligibility: [{ sku_id: "1", line_item_eligibility: [{ request_type: "RETURN", eligible: true }] }],
    });
    expect(eligibility.sku_eligibility[0]?.line_item_eligibility[0]?.order_line_items_ids).toEqual([]);
    const refund = returnRefund.calculateRefund.response.parse({
      order_refund_amount: { currency: "USD", refund_total: "5.00", refund_tax: "0.40" },
    });
    expect(refund.order_refund_amount?.refund_tax).toBe("0.40");
  });
});

describe("types", () => {
  it("types the ids query for callers", () => {
    const asArray: EndpointInput<typeof order.getOrderDetail> = { query: { ids: ["1", "2"] } };
    const asString: EndpointInput<typeof order.getOrderDetail> = { query: { ids: "1,2" } };
    // @ts-expect-error the query (with ids) is required
    const missing: EndpointInput<typeof order.getOrderDetail> = {};
    expect([asArray, asString, missing]).toHaveLength(3);
  });
});
