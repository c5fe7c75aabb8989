import { z } from "zod";
import { amount, decimal, empty, id, pageInfo, pageQuery, sortOrder, unixSeconds } from "./common.ts";
import { endpoint } from "./define.ts";
import { handoverMethod } from "./fulfillment.ts";
import { scopes } from "./scopes.ts";

const text = z.string().optional();
const flag = z.boolean().optional();
const time = unixSeconds.optional();
const cash = amount.optional();

// ---- enums ----------------------------------------------------------------------------------

export const returnType = z.enum(["REFUND", "RETURN_AND_REFUND", "REPLACEMENT"]);
export const returnStatus = z.enum([
  "RETURN_OR_REFUND_REQUEST_PENDING",
  "REFUND_OR_RETURN_REQUEST_REJECT",
  "AWAITING_BUYER_SHIP",
  "BUYER_SHIPPED_ITEM",
  "REJECT_RECEIVE_PACKAGE",
  "RETURN_OR_REFUND_REQUEST_SUCCESS",
  "RETURN_OR_REFUND_REQUEST_CANCEL",
  "RETURN_OR_REFUND_REQUEST_COMPLETE",
  "AWAITING_BUYER_RESPONSE",
]);
export type ReturnStatus = z.infer<typeof returnStatus>;
export const arbitrationStatus = z.enum(["IN_PROGRESS", "SUPPORT_BUYER", "SUPPORT_SELLER", "CLOSED"]);
export const aftersaleRole = z.enum(["BUYER", "SELLER", "OPERATOR", "SYSTEM"]);
export const returnMethod = z.enum(["SELLER_SHIPPED", "BUYER_SHIPPED", "PLATFORM_SHIPPED"]);
export const shipmentType = z.enum(["PLATFORM", "BUYER_ARRANGE"]);
export const returnShippingDocumentType = z.enum(["SHIPPING_LABEL", "QR_CODE"]);
export const sellerProposedReturnType = z.enum(["PARTIAL_REFUND"]);
export const returnSellerAction = z.enum([
  "SELLER_RESPOND_REFUND",
  "SELLER_RESPOND_RETURN",
  "SELLER_RESPOND_RECEIVE_PACKAGE",
  "SELLER_RESPOND_REPLACEMENT",
]);
export const approveReturnDecision = z.enum([
  "APPROVE_REFUND",
  "APPROVE_RETURN",
  "APPROVE_RECEIVED_PACKAGE",
  "APPROVE_REPLACEMENT",
  "ISSUE_REPLACEMENT_REFUND",
  "OFFER_PARTIAL_REFUND",
]);
export const rejectReturnDecision = z.enum([
  "REJECT_REFUND",
  "REJECT_RETURN",
  "REJECT_RECEIVED_PACKAGE",
  "REJECT_REPLACEMENT",
]);

export const cancelType = z.enum(["CANCEL", "BUYER_CANCEL"]);
/**
 * The spec lists `CANCELLATION_REQUEST_CANCEL`, but Search Cancellations answers with
 * `CANCELLATION_REQUEST_CANCELLED`; both spellings are accepted.
 */
export const cancelStatus = z.enum([
  "CANCELLATION_REQUEST_PENDING",
  "CANCELLATION_REQUEST_SUCCESS",
  "CANCELLATION_REQUEST_CANCEL",
  "CANCELLATION_REQUEST_CANCELLED",
  "CANCELLATION_REQUEST_COMPLETE",
]);
export type CancelStatus = z.infer<typeof cancelStatus>;
export const cancelRole = z.enum(["BUYER", "SELLER", "SYSTEM"]);

export const aftersaleRequestType = z.enum(["CANCEL", "RETURN", "RETURN_AND_REFUND"]);
export const refundRequestType = z.enum(["CANCEL", "REFUND", "RETURN_AND_REFUND"]);

// ---- objects --------------------------------------------------------------------------------

/** What the buyer gets back. Every amount is a decimal string in `currency`. */
export const refundAmount = z.looseObject({
  currency: text,
  refund_total: cash,
  refund_subtotal: cash,
  refund_shipping_fee: cash,
  refund_tax: cash,
  retail_delivery_fee: cash,
  buyer_service_fee: cash,
});

export const aftersaleImage = z.looseObject({
  url: text,
  width: z.number().optional(),
  height: z.number().optional(),
});

const sellerNextAction = <T extends z.ZodType>(action: T) =>
  z.array(z.looseObject({ action: action.or(z.string()).optional(), deadline: time })).default([]);

const aftersaleLineItem = {
  order_line_item_id: text,
  sku_id: text,
  sku_name: text,
  seller_sku: text,
  product_name: text,
  product_image: aftersaleImage.optional(),
  refund_amount: refundAmount.optional(),
};

export const returnLineItem = z.looseObject({ return_line_item_id: text, ...aftersaleLineItem });
export const cancelLineItem = z.looseObject({ cancel_line_item_id: text, ...aftersaleLineItem });

/** A return or refund request, as listed by Search Returns. */
export const returnOrder = z.looseObject({
  return_id: id,
  order_id: id,
  return_type: returnType.or(z.string()).optional(),
  return_status: returnStatus.or(z.string()).optional(),
  arbitration_status: arbitrationStatus.or(z.string()).optional(),
  role: aftersaleRole.or(z.string()).optional(),
  /** A reason code such as `ecom_order_delivered_refund_and_return_reason_damaged`. */
  return_reason: text,
  return_reason_text: text,
  return_method: returnMethod.or(z.string()).optional(),
  shipment_type: shipmentType.or(z.string()).optional(),
  handover_method: handoverMethod.or(z.string()).optional(),
  return_tracking_number: text,
  return_provider_id: text,
  return_provider_name: text,
  return_shipping_document_type: returnShippingDocumentType.or(z.string()).optional(),
  refund_amount: refundAmount.optional(),
  discount_amount: z
    .array(
      z.looseObject({
        currency: text,
        product_platform_discount: cash,
        product_seller_discount: cash,
        shipping_fee_platform_discount: cash,
        shipping_fee_seller_discount: cash,
      }),
    )
    .default([]),
  shipping_fee_amount: z
    .array(
      z.looseObject({
        currency: text,
        buyer_paid_return_shipping_fee: cash,
        seller_paid_return_shipping_fee: cash,
        platform_paid_return_shipping_fee: cash,
      }),
    )
    .default([]),
  partial_refund: z.looseObject({ amount: cash, currency: text }).optional(),
  seller_proposed_return_type: sellerProposedReturnType.or(z.string()).optional(),
  buyer_rejected_partial_refund: flag,
  can_buyer_keep_item: flag,
  is_combined_return: flag,
  combined_return_id: text,
  pre_return_id: text,
  next_return_id: text,
  return_warehouse_address: z.looseObject({ full_address: text }).optional(),
  seller_next_action_response: sellerNextAction(returnSellerAction),
  return_line_items: z.array(returnLineItem).default([]),
  create_time: time,
  update_time: time,
});
export type ReturnOrder = z.infer<typeof returnOrder>;

/** A cancellation request, as listed by Search Cancellations. */
export const cancellation = z.looseObject({
  cancel_id: id,
  order_id: id,
  cancel_type: cancelType.or(z.string()).optional(),
  cancel_status: cancelStatus.or(z.string()).optional(),
  /** A reason code such as `seller_cancel_reason_out_of_stock`. */
  cancel_reason: text,
  cancel_reason_text: text,
  role: cancelRole.or(z.string()).optional(),
  refund_amount: refundAmount.optional(),
  cancel_line_items: z.array(cancelLineItem).default([]),
  seller_next_action_response: sellerNextAction(z.enum(["SELLER_RESPOND_CANCEL"])),
  /** Seen on live data only. */
  should_replenish_stock: flag,
  create_time: time,
  update_time: time,
});
export type Cancellation = z.infer<typeof cancellation>;

export const returnRecord = z.looseObject({
  /** e.g. `ORDER_RETURN`. */
  event: text,
  role: aftersaleRole.or(z.string()).optional(),
  description: text,
  note: text,
  reason_text: text,
  create_time: time,
  images: z.array(aftersaleImage).default([]),
  videos: z
    .array(
      z.looseObject({
        url: text,
        cover: text,
        duration_millis: z.number().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
      }),
    )
    .default([]),
});

// ---- requests -------------------------------------------------------------------------------

const idempotencyQuery = z.object({ idempotency_key: z.string().max(255).optional() });

/** Evidence images: `image_id` is the URI returned by an image upload. */
const evidenceImages = z
  .array(
    z.object({
      image_id: z.string().min(1),
      mime_type: z.string().optional(),
      width: z.number().int().positive().optional(),
      height: z.number().int().positive().optional(),
    }),
  )
  .optional();

const skuQuantities = z
  .array(z.object({ sku_id: id, quantity: z.number().int().positive() }))
  .min(1)
  .optional();

const searchSort = {
  sort_field: z.enum(["create_time", "update_time"]).optional(),
  /** Defaults to ASC here, unlike orders and packages. */
  sort_order: sortOrder.optional(),
};

const timeWindow = {
  create_time_ge: unixSeconds.optional(),
  create_time_lt: unixSeconds.optional(),
  update_time_ge: unixSeconds.optional(),
  update_time_lt: unixSeconds.optional(),
};

const idArray = z.array(id).optional();

// ---- endpoints ------------------------------------------------------------------------------

const base = { cipher: "required", scope: scopes.returnRefund } as const;
const returnParams = z.object({ return_id: id });
const cancelParams = z.object({ cancel_id: id });

export const returnRefund = {
  searchReturns: endpoint({
    ...base,
    name: "searchReturns",
    summary: "Searches return and refund requests.",
    method: "POST",
    path: "/return_refund/202309/returns/search",
    safety: "read",
    // The documented page_size range for returns is 10-50 (default 10).
    query: z.object({ ...pageQuery({ min: 10, max: 50, required: false }), ...searchSort }),
    body: z.object({
      return_ids: idArray,
      order_ids: idArray,
      buyer_user_ids: idArray,
      return_types: z.array(returnType).optional(),
      return_status: z.array(returnStatus).optional(),
      arbitration_status: z.array(arbitrationStatus).optional(),
      seller_proposed_return_type: z.array(sellerProposedReturnType).optional(),
      ...timeWindow,
      locale: z.string().optional(),
    }),
    response: z.looseObject({ return_orders: z.array(returnOrder).default([]), ...pageInfo }),
    pagination: { tokenIn: "query", items: "return_orders" },
  }),
  getReturnRecords: endpoint({
    ...base,
    name: "getReturnRecords",
    summary: "The history of a return request: who did what, with evidence.",
    method: "GET",
    path: "/return_refund/202309/returns/{return_id}/records",
    params: returnParams,
    query: z.object({ locale: z.string().optional() }),
    response: z.looseObject({ records: z.array(returnRecord).default([]) }),
  }),
  approveReturn: endpoint({
    ...base,
    name: "approveReturn",
    summary: "Approves a return, refund or replacement request, or offers a partial refund.",
    method: "POST",
    path: "/return_refund/202309/returns/{return_id}/approve",
    safety: "idempotent-write",
    params: returnParams,
    query: idempotencyQuery,
    body: z.object({
      decision: approveReturnDecision,
      buyer_keep_item: z.boolean().optional(),
      partial_refund: z.object({ amount: decimal, currency: z.string().min(1) }).optional(),
    }),
    response: empty,
  }),
  rejectReturn: endpoint({
    ...base,
    name: "rejectReturn",
    summary: "Rejects a return, refund or replacement request with a reason and evidence.",
    method: "POST",
    path: "/return_refund/202309/returns/{return_id}/reject",
    safety: "idempotent-write",
    params: returnParams,
    query: idempotencyQuery,
    body: z.object({
      decision: rejectReturnDecision,
      /** A `name` from Get Reject Reasons. */
      reject_reason: z.string().optional(),
      comment: z.string().optional(),
      images: evidenceImages,
    }),
    response: empty,
  }),
  createReturn: endpoint({
    ...base,
    name: "createReturn",
    summary: "Opens a refund or return on the buyer's behalf.",
    method: "POST",
    path: "/return_refund/202309/returns",
    safety: "idempotent-write",
    query: idempotencyQuery,
    body: z.object({
      order_id: id,
      order_line_item_ids: idArray,
      skus: skuQuantities,
      return_type: z.enum(["REFUND", "RETURN_AND_REFUND"]).optional(),
      return_reason: z.string().optional(),
      refund_total: decimal.optional(),
      currency: z.string().optional(),
      shipment_type: shipmentType.optional(),
      handover_method: handoverMethod.optional(),
    }),
    response: z.looseObject({ return_id: id, return_status: returnStatus.or(z.string()).optional() }),
  }),
  searchCancellations: endpoint({
    ...base,
    name: "searchCancellations",
    summary: "Searches cancellation requests.",
    method: "POST",
    path: "/return_refund/202309/cancellations/search",
    safety: "read",
    query: z.object({ ...pageQuery({ max: 50, required: false }), ...searchSort }),
    body: z.object({
      cancel_ids: idArray,
      order_ids: idArray,
      buyer_user_ids: idArray,
      cancel_types: z.array(cancelType).optional(),
      cancel_status: z.array(cancelStatus).optional(),
      ...timeWindow,
      locale: z.string().optional(),
    }),
    response: z.looseObject({ cancellations: z.array(cancellation).default([]), ...pageInfo }),
    pagination: { tokenIn: "query", items: "cancellations" },
  }),
  approveCancellation: endpoint({
    ...base,
    name: "approveCancellation",
    summary: "Accepts a buyer's cancellation request.",
    method: "POST",
    path: "/return_refund/202309/cancellations/{cancel_id}/approve",
    safety: "idempotent-write",
    params: cancelParams,
    query: idempotencyQuery,
    response: empty,
  }),
  rejectCancellation: endpoint({
    ...base,
    name: "rejectCancellation",
    summary: "Refuses a buyer's cancellation request with a reason and evidence.",
    method: "POST",
    path: "/return_refund/202309/cancellations/{cancel_id}/reject",
    safety: "idempotent-write",
    params: cancelParams,
    query: idempotencyQuery,
    body: z.object({
      /** A `name` from Get Reject Reasons. */
      reject_reason: z.string().optional(),
      comment: z.string().optional(),
      images: evidenceImages,
    }),
    response: empty,
  }),
  cancelOrder: endpoint({
    ...base,
    name: "cancelOrder",
    summary: "The seller cancels an order, or some of its items where partial cancels are allowed.",
    method: "POST",
    path: "/return_refund/202309/cancellations",
    body: z.object({
      order_id: id,
      /** A seller cancel reason code, e.g. `seller_cancel_reason_out_of_stock`. */
      cancel_reason: z.string().min(1),
      /** Partial cancellation (US and UK). */
      order_line_item_ids: idArray,
      skus: skuQuantities,
    }),
    response: z.looseObject({ cancel_id: id, cancel_status: cancelStatus.or(z.string()).optional() }),
  }),
  getRejectReasons: endpoint({
    ...base,
    name: "getRejectReasons",
    summary: "The reasons a seller may give when rejecting a given return or cancellation.",
    method: "GET",
    path: "/return_refund/202309/reject_reasons",
    query: z.object({ return_or_cancel_id: id, locale: z.string().optional() }),
    response: z.looseObject({
      reasons: z.array(z.looseObject({ name: z.string(), text })).default([]),
    }),
  }),
  getAftersaleEligibility: endpoint({
    ...base,
    name: "getAftersaleEligibility",
    summary: "Which after-sale requests each SKU of an order is eligible for.",
    method: "GET",
    path: "/return_refund/202309/orders/{order_id}/aftersale_eligibility",
    params: z.object({ order_id: id }),
    query: z.object({ initiate_aftersale_user: z.enum(["SELLER", "BUYER"]).optional() }),
    response: z.looseObject({
      sku_eligibility: z
        .array(
          z.looseObject({
            sku_id: text,
            line_item_eligibility: z
              .array(
                z.looseObject({
                  request_type: aftersaleRequestType.or(z.string()).optional(),
                  eligible: flag,
                  ineligible_code: z.number().or(z.string()).optional(),
                  ineligible_reason: text,
                  // `order_line_items_ids` (sic), unlike everywhere else.
                  order_line_items_ids: z.array(z.string()).default([]),
                }),
              )
              .default([]),
          }),
        )
        .default([]),
    }),
  }),
  calculateRefund: endpoint({
    ...base,
    name: "calculateRefund",
    summary: "Previews the refund a cancel, refund or return would give.",
    method: "POST",
    path: "/return_refund/202309/refunds/calculate",
    safety: "read",
    body: z.object({
      order_id: id,
      order_line_item_ids: idArray,
      skus: skuQuantities,
      request_type: refundRequestType,
      reason_name: z.string().optional(),
      shipment_type: shipmentType.optional(),
      handover_method: handoverMethod.optional(),
    }),
    response: z.looseObject({
      order_refund_amount: refundAmount.optional(),
    }),
  }),
};
