import { z } from "zod";
import { amount, empty, id, itemErrors, pageInfo, pageQuery, sortOrder, unixSeconds } from "./common.ts";
import { endpoint } from "./define.ts";
import { idListQuery, recipientAddress, shippingType } from "./order.ts";
import { scopes } from "./scopes.ts";

const text = z.string().optional();
const flag = z.boolean().optional();
const time = unixSeconds.optional();
const ids = z.array(z.string()).default([]);

// ---- enums ----------------------------------------------------------------------------------

/** The documented four plus `TO_FULFILL`, which live packages show before they are processed. */
export const packageStatus = z.enum(["TO_FULFILL", "PROCESSING", "FULFILLING", "COMPLETED", "CANCELLED"]);
export type PackageStatus = z.infer<typeof packageStatus>;
export const handoverMethod = z.enum(["PICKUP", "DROP_OFF"]);
export const packageDimensionUnit = z.enum(["CM", "INCH"]);
export const packageWeightUnit = z.enum(["GRAM", "POUND"]);
export const noteTag = z.enum(["BUYER_UNNOTED", "BUYER_NOTED"]);
export const splitAndCombineTag = z.enum(["DEFAULT", "COMBINE", "SPLIT"]);
export const shippingDocumentType = z.enum([
  "SHIPPING_LABEL",
  "PACKING_SLIP",
  "SHIPPING_LABEL_AND_PACKING_SLIP",
  "SHIPPING_LABEL_PICTURE",
  "HAZMAT_LABEL",
  "INVOICE_LABEL",
]);
export const deliveryStatusUpdate = z.enum(["DELIVERY_SUCCESS", "DELIVERY_FAILED", "UPDATE_POD"]);
/** Known values only; the documented list ends with "...". */
export const failDeliveryReason = z.enum([
  "INVALID_ADDRESS",
  "UNABLE_RECEIVE",
  "UNABLE_CONTACT_BUYER",
  "BUYER_REFUSED",
  "DELAY_DELIVERY",
  "PACKAGE_LOST",
]);
export const mustSplitReasonType = z.enum(["CATEGORY_ITEM_LIMITATION", "TOTAL_COUNT_LIMITATION"]);

// ---- shared objects -------------------------------------------------------------------------

/** Package size; the numbers travel as strings. */
export const dimension = z.object({
  length: z.string().optional(),
  width: z.string().optional(),
  height: z.string().optional(),
  unit: packageDimensionUnit.optional(),
});
export const weight = z.object({ value: z.string().optional(), unit: packageWeightUnit.optional() });
const dimensionOut = z.looseObject({
  length: text,
  width: text,
  height: text,
  unit: packageDimensionUnit.or(z.string()).optional(),
});
const weightOut = z.looseObject({ value: text, unit: packageWeightUnit.or(z.string()).optional() });

export const pickupSlot = z.object({ start_time: unixSeconds, end_time: unixSeconds });
const pickupSlotOut = z.looseObject({ start_time: time, end_time: time });

/** Tracking details for a package the seller ships with its own carrier (SEND_BY_SELLER). */
export const selfShipment = z.object({ tracking_number: z.string().min(1), shipping_provider_id: id });

export const packageOrder = z.looseObject({
  id,
  skus: z
    .array(
      z.looseObject({
        id,
        name: text,
        image_url: text,
        quantity: z.number().int().optional(),
      }),
    )
    .default([]),
});

/** A package as listed by Search Package. */
export const packageSummary = z.looseObject({
  id,
  status: packageStatus.or(z.string()).optional(),
  create_time: time,
  update_time: time,
  order_line_item_ids: ids,
  orders: z.array(packageOrder).default([]),
  shipping_provider_id: text,
  shipping_provider_name: text,
  tracking_number: text,
});

/** Get Package Detail's `data`. */
export const packageDetail = z.looseObject({
  package_id: id,
  package_status: packageStatus.or(z.string()).optional(),
  /** LIVE only, e.g. `STOCKING`. */
  package_sub_status: text,
  create_time: time,
  update_time: time,
  orders: z.array(packageOrder).default([]),
  order_line_item_ids: ids,
  handover_method: handoverMethod.or(z.string()).optional(),
  pickup_slot: pickupSlotOut.optional(),
  shipping_type: shippingType.or(z.string()).optional(),
  shipping_provider_id: text,
  shipping_provider_name: text,
  tracking_number: text,
  last_mile_tracking_number: text,
  delivery_option_id: text,
  delivery_option_name: text,
  dimension: dimensionOut.optional(),
  weight: weightOut.optional(),
  has_multi_skus: flag,
  note_tag: noteTag.or(z.string()).optional(),
  split_and_combine_tag: splitAndCombineTag.or(z.string()).optional(),
  recipient_address: recipientAddress.optional(),
  sender_address: recipientAddress.optional(),
  insurance: z
    .looseObject({
      is_purchased: flag,
      coverage_amount: amount.optional(),
      claim_status: text,
      is_claim_eligible: flag,
    })
    .optional(),
});

export const handoverTimeSlots = z.looseObject({
  can_pickup: flag,
  can_drop_off: flag,
  /** UK only. */
  can_van_collection: flag,
  drop_off_point_url: text,
  // `avaliable` is misspelled in TikTok's own spec; the wire uses the misspelling.
  pickup_slots: z.array(z.looseObject({ start_time: time, end_time: time, avaliable: flag })).default([]),
});

export const shippingService = z.looseObject({
  id,
  name: text,
  price: amount.optional(),
  currency: text,
  earliest_delivery_days: z.number().optional(),
  latest_delivery_days: z.number().optional(),
  is_default: flag,
  shipping_provider_id: text,
  shipping_provider_name: text,
});

const packageOrders = z.array(z.looseObject({ id, order_ids: ids })).default([]);
const errors = itemErrors.default([]);
const lineItemIds = z.array(id).min(1);

/** 10 MB, the documented limit for delivery proof files. */
const maxFileBytes = 10 * 1024 * 1024;

// ---- endpoints ------------------------------------------------------------------------------

const base = { cipher: "required", scope: scopes.fulfillment } as const;
const packageParams = z.object({ package_id: id });
const orderParams = z.object({ order_id: id });

export const fulfillment = {
  searchPackage: endpoint({
    ...base,
    name: "searchPackage",
    summary: "Searches the shop's packages by status and time window.",
    method: "POST",
    path: "/fulfillment/202309/packages/search",
    safety: "read",
    query: z.object({
      ...pageQuery({ max: 50, required: true }),
      sort_field: z.enum(["create_time", "update_time", "order_pay_time"]).optional(),
      sort_order: sortOrder.optional(),
    }),
    body: z.object({
      package_status: packageStatus.exclude(["TO_FULFILL"]).optional(),
      create_time_ge: unixSeconds.optional(),
      create_time_lt: unixSeconds.optional(),
      update_time_ge: unixSeconds.optional(),
      update_time_lt: unixSeconds.optional(),
    }),
    response: z.looseObject({ packages: z.array(packageSummary).default([]), ...pageInfo }),
    pagination: { tokenIn: "query", items: "packages" },
  }),
  getPackageDetail: endpoint({
    ...base,
    name: "getPackageDetail",
    summary: "One package: status, contents, carrier, handover and addresses.",
    method: "GET",
    path: "/fulfillment/202309/packages/{package_id}",
    params: packageParams,
    response: packageDetail,
  }),
  shipPackage: endpoint({
    ...base,
    name: "shipPackage",
    summary: "Arranges shipment of one package (an empty body uses the defaults).",
    method: "POST",
    path: "/fulfillment/202309/packages/{package_id}/ship",
    params: packageParams,
    body: z.object({
      handover_method: handoverMethod.optional(),
      pickup_slot: pickupSlot.optional(),
      self_shipment: selfShipment.optional(),
    }),
    response: empty,
  }),
  batchShipPackages: endpoint({
    ...base,
    name: "batchShipPackages",
    summary: "Arranges shipment of several packages; failures are reported per package.",
    method: "POST",
    path: "/fulfillment/202309/packages/ship",
    body: z.object({
      packages: z
        .array(
          z.object({
            id,
            handover_method: handoverMethod.optional(),
            pickup_slot: pickupSlot.optional(),
            self_shipment: selfShipment.optional(),
          }),
        )
        .min(1),
    }),
    response: z.looseObject({ errors }),
  }),
  getPackageShippingDocument: endpoint({
    ...base,
    name: "getPackageShippingDocument",
    summary: "A URL (valid 24 hours) for a shipped package's label or packing slip.",
    method: "GET",
    path: "/fulfillment/202309/packages/{package_id}/shipping_documents",
    params: packageParams,
    query: z.object({
      document_type: shippingDocumentType,
      document_size: z.enum(["A6", "A5"]).optional(),
      /** ZPL is Brazil only. */
      document_format: z.enum(["PDF", "ZPL"]).optional(),
    }),
    response: z.looseObject({ doc_url: text, tracking_number: text }),
  }),
  getPackageHandoverTimeSlots: endpoint({
    ...base,
    name: "getPackageHandoverTimeSlots",
    summary: "Pickup and drop-off options for a package.",
    method: "GET",
    path: "/fulfillment/202309/packages/{package_id}/handover_time_slots",
    params: packageParams,
    response: handoverTimeSlots,
  }),
  getHandoverTimeSlots: endpoint({
    ...base,
    name: "getHandoverTimeSlots",
    summary: "Pickup and drop-off options for an order, optionally for some of its line items.",
    method: "GET",
    path: "/fulfillment/202309/orders/{order_id}/handover_time_slots",
    params: orderParams,
    query: z.object({ order_line_item_ids: idListQuery().optional() }),
    response: handoverTimeSlots,
  }),
  updatePackageShippingInfo: endpoint({
    ...base,
    name: "updatePackageShippingInfo",
    summary: "Corrects the tracking number or carrier of a seller-shipped package.",
    method: "POST",
    path: "/fulfillment/202309/packages/{package_id}/shipping_info/update",
    params: packageParams,
    body: z.object({ tracking_number: z.string().min(1), shipping_provider_id: id }),
    response: empty,
  }),
  updateShippingInfo: endpoint({
    ...base,
    name: "updateShippingInfo",
    summary: "Corrects the tracking number or carrier of a seller-shipped order.",
    method: "POST",
    path: "/fulfillment/202309/orders/{order_id}/shipping_info/update",
    params: orderParams,
    body: z.object({ tracking_number: z.string().min(1), shipping_provider_id: id }),
    response: empty,
  }),
  markPackageAsShipped: endpoint({
    ...base,
    name: "markPackageAsShipped",
    summary: "Records that the seller shipped (some of) an order's items with its own carrier.",
    method: "POST",
    path: "/fulfillment/202309/orders/{order_id}/packages",
    params: orderParams,
    body: z.object({
      tracking_number: z.string().min(1),
      shipping_provider_id: id,
      order_line_item_ids: lineItemIds.optional(),
    }),
    response: z.looseObject({
      order_id: text,
      package_id: text,
      order_line_item_ids: ids,
      warning: z.looseObject({ message: text }).optional(),
    }),
  }),
  getTracking: endpoint({
    ...base,
    name: "getTracking",
    summary: "The carrier's tracking events for an order.",
    method: "GET",
    path: "/fulfillment/202309/orders/{order_id}/tracking",
    params: orderParams,
    response: z.looseObject({
      tracking: z
        .array(
          z.looseObject({
            description: text,
            /** Milliseconds, unlike nearly every other time in the API. */
            update_time_millis: z.number().optional(),
          }),
        )
        .default([]),
    }),
  }),
  updatePackageDeliveryStatus: endpoint({
    ...base,
    name: "updatePackageDeliveryStatus",
    summary: "Reports delivery outcomes for packages carried by the seller's own fleet.",
    method: "POST",
    path: "/fulfillment/202309/packages/deliver",
    body: z.object({
      packages: z
        .array(
          z.object({
            id,
            delivery_type: deliveryStatusUpdate,
            fail_delivery_reason: failDeliveryReason.or(z.string().min(1)).optional(),
            file_type: z.enum(["IMG", "PDF"]).optional(),
            file_url: z.string().optional(),
          }),
        )
        .min(1),
    }),
    response: z.looseObject({ errors }),
  }),
  fulfillmentUploadDeliveryImage: endpoint({
    ...base,
    name: "fulfillmentUploadDeliveryImage",
    summary: "Uploads a proof-of-delivery image.",
    method: "POST",
    path: "/fulfillment/202309/images/upload",
    multipart: true,
    body: z.object({ data: z.instanceof(Blob) }),
    response: z.looseObject({ url: text, width: z.number().optional(), height: z.number().optional() }),
  }),
  fulfillmentUploadDeliveryFile: endpoint({
    ...base,
    name: "fulfillmentUploadDeliveryFile",
    summary: "Uploads a proof-of-delivery PDF (at most 10 MB).",
    method: "POST",
    path: "/fulfillment/202309/files/upload",
    multipart: true,
    body: z.object({
      data: z.instanceof(Blob).refine((file) => file.size <= maxFileBytes, "the file exceeds 10 MB"),
      name: z.string().optional(),
    }),
    response: z.looseObject({ url: text, name: text }),
  }),
  getOrderSplitAttributes: endpoint({
    ...base,
    name: "getOrderSplitAttributes",
    summary: "Whether each order can, or must, be split into several packages.",
    method: "GET",
    path: "/fulfillment/202309/orders/split_attributes",
    query: z.object({ order_ids: idListQuery() }),
    response: z.looseObject({
      split_attributes: z
        .array(
          z.looseObject({
            order_id: id,
            can_split: flag,
            must_split: flag,
            must_split_reasons: z
              .array(
                z.looseObject({
                  type: mustSplitReasonType.or(z.string()).optional(),
                  category_id: text,
                  max_count: z.number().optional(),
                }),
              )
              .default([]),
            /** Free text, e.g. "split same sku in Multi Package not allow". */
            reason: text,
          }),
        )
        .default([]),
    }),
  }),
  splitOrders: endpoint({
    ...base,
    name: "splitOrders",
    summary: "Splits an order into several packages, one per group of line items.",
    method: "POST",
    path: "/fulfillment/202309/orders/{order_id}/split",
    params: orderParams,
    body: z.object({
      splittable_groups: z
        .array(
          z.object({
            /** The caller's own label, echoed back as `splittable_group_id`. */
            id: z.string().min(1),
            order_line_item_ids: lineItemIds,
          }),
        )
        .min(1),
    }),
    response: z.looseObject({
      packages: z.array(z.looseObject({ id, splittable_group_id: text })).default([]),
    }),
  }),
  searchCombinablePackages: endpoint({
    ...base,
    name: "searchCombinablePackages",
    summary: "Packages that could be shipped together, with the orders in each.",
    method: "GET",
    path: "/fulfillment/202309/combinable_packages/search",
    query: z.object(pageQuery({ max: 50, required: true })),
    response: z.looseObject({
      combinable_packages: z.array(z.looseObject({ id, order_ids: ids })).default([]),
      ...pageInfo,
    }),
    pagination: { tokenIn: "query", items: "combinable_packages" },
  }),
  combinePackage: endpoint({
    ...base,
    name: "combinePackage",
    summary: "Combines the orders of combinable packages into single packages.",
    method: "POST",
    path: "/fulfillment/202309/packages/combine",
    body: z.object({
      combinable_packages: z.array(z.object({ id, order_ids: z.array(id).min(1) })).min(1),
    }),
    response: z.looseObject({ packages: packageOrders, errors }),
  }),
  uncombinePackages: endpoint({
    ...base,
    name: "uncombinePackages",
    summary: "Takes orders out of a combined package.",
    method: "POST",
    path: "/fulfillment/202309/packages/{package_id}/uncombine",
    params: packageParams,
    body: z.object({ order_ids: z.array(id).min(1) }),
    response: z.looseObject({ packages: packageOrders }),
  }),
  getEligibleShippingService: endpoint({
    ...base,
    name: "getEligibleShippingService",
    summary: "Shipping services (and prices) TikTok can offer for a parcel of an order (US).",
    method: "POST",
    path: "/fulfillment/202309/orders/{order_id}/shipping_services/query",
    params: orderParams,
    safety: "read",
    body: z.object({
      order_line_item_ids: lineItemIds.optional(),
      dimension: dimension.optional(),
      weight: weight.optional(),
    }),
    response: z.looseObject({
      order_id: text,
      // Named `order_line_id` (not `order_line_item_ids`) in the spec.
      order_line_id: ids,
      shipping_services: z.array(shippingService).default([]),
      dimension: dimensionOut.optional(),
      weight: weightOut.optional(),
    }),
  }),
  createPackages: endpoint({
    ...base,
    name: "createPackages",
    summary: "Creates a package and buys its label with a chosen shipping service (US).",
    method: "POST",
    path: "/fulfillment/202309/packages",
    body: z.object({
      order_id: id,
      order_line_item_ids: lineItemIds.optional(),
      shipping_service_id: id.optional(),
      dimension: dimension.optional(),
      weight: weight.optional(),
    }),
    response: z.looseObject({
      package_id: id,
      order_id: text,
      order_line_item_ids: ids,
      create_time: time,
      shipping_service_info: shippingService.partial().optional(),
      dimension: dimensionOut.optional(),
      weight: weightOut.optional(),
    }),
  }),
  schedulePackageHandover: endpoint({
    ...base,
    name: "schedulePackageHandover",
    summary: "Creates a package for some line items and books its pickup or drop-off.",
    method: "POST",
    path: "/fulfillment/202309/packages/schedule",
    body: z.object({
      order_id: id,
      order_line_item_ids: lineItemIds.optional(),
      handover_method: handoverMethod.optional(),
      pickup_slot: pickupSlot.optional(),
    }),
    response: z.looseObject({
      package_id: text,
      order_id: text,
      order_line_item_ids: ids,
      handover_method: handoverMethod.or(z.string()).optional(),
      tracking_number: text,
      shipping_provider_id: text,
      shipping_provider_name: text,
      create_time: time,
      update_time: time,
      dimension: dimensionOut.optional(),
      weight: weightOut.optional(),
    }),
  }),
  createFirstMileBundle: endpoint({
    name: "createFirstMileBundle",
    summary: "Groups orders into one first-mile bundle for handover to the consolidation warehouse.",
    method: "POST",
    path: "/fulfillment/202407/bundles",
    // Seller-level: TikTok rejects a shop_cipher here (36009004).
    cipher: "refused",
    scope: scopes.fulfillment,
    body: z.object({
      order_ids: z.array(id).min(1),
      handover_method: handoverMethod.optional(),
      shipping_provider_id: id.optional(),
      tracking_number: z.string().optional(),
      phone_tail_number: z.string().optional(),
    }),
    response: z.looseObject({ first_mile_bundle_id: text, url: text, errors }),
  }),
  uploadInvoice: endpoint({
    ...base,
    name: "uploadInvoice",
    summary: "Uploads NF-e invoices (XML, base64) for orders (Brazil).",
    method: "POST",
    path: "/fulfillment/202502/invoice/upload",
    body: z.object({
      invoices: z
        .array(
          z.object({
            order_ids: z.array(id).min(1),
            package_id: id.optional(),
            /** The XML document, base64-encoded. */
            file: z.string().min(1),
            file_type: z.enum(["XML"]),
          }),
        )
        .min(1),
    }),
    response: z.looseObject({ errors }),
  }),
};
