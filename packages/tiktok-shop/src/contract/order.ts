import { z } from "zod";
import { amount, id, itemErrors, pageInfo, pageQuery, queryList, sortOrder, unixSeconds } from "./common.ts";
import { endpoint } from "./define.ts";
import { scopes } from "./scopes.ts";

const text = z.string().optional();
const flag = z.boolean().optional();
const time = unixSeconds.optional();
const cash = amount.optional();

/**
 * A list of IDs in the query string. The client passes an array (serialized comma-joined, as the
 * official SDK does); the dev shop validates the raw `1,2,3` form, so both are accepted.
 */
export function idListQuery(max?: number) {
  return queryList(id, max === undefined ? {} : { max });
}

// ---- enums ----------------------------------------------------------------------------------

export const orderStatus = z.enum([
  "UNPAID",
  "ON_HOLD",
  "AWAITING_SHIPMENT",
  "PARTIALLY_SHIPPING",
  "AWAITING_COLLECTION",
  "IN_TRANSIT",
  "DELIVERED",
  "COMPLETED",
  "CANCELLED",
]);
export type OrderStatus = z.infer<typeof orderStatus>;

/** `NORMAL` is not in the spec's list but is what live orders carry. */
export const orderType = z.enum(["NORMAL", "ZERO_LOTTERY", "PRE_ORDER", "MADE_TO_ORDER", "BACK_ORDER"]);
export const fulfillmentType = z.enum([
  "FULFILLMENT_BY_SELLER",
  "FULFILLMENT_BY_TIKTOK",
  "FULFILLMENT_BY_DILAYANI_TOKOPEDIA",
]);
export const deliveryType = z.enum(["HOME_DELIVERY", "COLLECTION_POINT"]);
export const shippingType = z.enum(["TIKTOK", "SELLER"]);
export const cancellationInitiator = z.enum(["SELLER", "BUYER", "SYSTEM"]);
export const splitOrCombineTag = z.enum(["COMBINED", "SPLIT"]);
export const needUploadInvoice = z.enum([
  "UNKNOWN",
  "NEED_INVOICE",
  "NO_NEED",
  "INVOICE_UPLOADED",
  "INVOICE_PROCESSING",
]);
export const commercePlatform = z.enum(["TIKTOK_SHOP", "TOKOPEDIA"]);
export const handlingDurationType = z.enum(["CALENDAR_DAY", "BUSINESS_DAY"]);

/** A line item's own status: the order statuses minus ON_HOLD and PARTIALLY_SHIPPING. */
export const lineItemStatus = z.enum([
  "UNPAID",
  "AWAITING_SHIPMENT",
  "AWAITING_COLLECTION",
  "IN_TRANSIT",
  "DELIVERED",
  "COMPLETED",
  "CANCELLED",
]);
export const lineItemPackageStatus = z.enum([
  "TO_FULFILL",
  "PROCESSING",
  "FULFILLING",
  "COMPLETED",
  "CANCELLED",
]);
export const cancelUser = z.enum(["BUYER", "SELLER", "OPERATOR", "SYSTEM"]);
/** Deprecated by TikTok in favour of the order-level `order_type`. */
export const skuType = z.enum(["NORMAL", "ZERO_LOTTERY", "SHOP_PARTNER", "PRE_ORDER", "MADE_TO_ORDER"]);

// ---- objects --------------------------------------------------------------------------------

/** Order totals. Every amount is a decimal string in `currency`. */
export const payment = z.looseObject({
  currency: text,
  sub_total: cash,
  shipping_fee: cash,
  seller_discount: cash,
  platform_discount: cash,
  total_amount: cash,
  original_total_product_price: cash,
  original_shipping_fee: cash,
  shipping_fee_seller_discount: cash,
  shipping_fee_platform_discount: cash,
  shipping_fee_cofunded_discount: cash,
  tax: cash,
  product_tax: cash,
  shipping_fee_tax: cash,
  retail_delivery_fee: cash,
  small_order_fee: cash,
  buyer_service_fee: cash,
  handling_fee: cash,
  shipping_insurance_fee: cash,
  item_insurance_fee: cash,
});

export const districtInfo = z.looseObject({
  /** `L0` (country) to `L4`. */
  address_level: text,
  address_level_name: text,
  address_name: text,
});

/** The buyer's address. `district_info` is withheld while the order is UNPAID or ON_HOLD. */
export const recipientAddress = z.looseObject({
  name: text,
  first_name: text,
  last_name: text,
  first_name_local_script: text,
  last_name_local_script: text,
  /** Masked, e.g. `(+1)213-***-1234`. */
  phone_number: text,
  full_address: text,
  address_detail: text,
  address_line1: text,
  address_line2: text,
  address_line3: text,
  address_line4: text,
  postal_code: text,
  region_code: text,
  post_town: text,
  district_info: z.array(districtInfo).default([]),
  delivery_preferences: z.looseObject({ drop_off_location: text }).optional(),
});

export const itemTax = z.looseObject({
  tax_type: z.enum(["SALES_TAX"]).or(z.string()).optional(),
  tax_amount: cash,
  tax_rate: text,
});

export const combinedListingSku = z.looseObject({
  sku_id: text,
  sku_count: z.number().int().optional(),
  product_id: text,
  seller_sku: text,
});

/** One unit of one SKU: there is no quantity field, two units are two line items. */
export const lineItem = z.looseObject({
  id,
  product_id: text,
  product_name: text,
  sku_id: text,
  sku_name: text,
  sku_image: text,
  seller_sku: text,
  sku_type: skuType.or(z.string()).optional(),
  currency: text,
  original_price: cash,
  sale_price: cash,
  platform_discount: cash,
  seller_discount: cash,
  retail_delivery_fee: cash,
  small_order_fee: cash,
  buyer_service_fee: cash,
  pfand_fee: cash,
  display_status: lineItemStatus.or(z.string()).optional(),
  package_id: text,
  package_status: lineItemPackageStatus.or(z.string()).optional(),
  shipping_provider_id: text,
  shipping_provider_name: text,
  tracking_number: text,
  rts_time: time,
  cancel_reason: text,
  cancel_user: cancelUser.or(z.string()).optional(),
  is_gift: flag,
  is_dangerous_good: flag,
  needs_prescription: flag,
  /** Deprecated: see the order's `handling_duration`. */
  handling_duration_days: text,
  item_tax: z.array(itemTax).default([]),
  combined_listing_skus: z.array(combinedListingSku).default([]),
});

/** An order as returned by Get Order List and Get Order Detail (detail adds the payment_* codes). */
export const orderSchema = z.looseObject({
  id,
  status: orderStatus.or(z.string()),
  order_type: orderType.or(z.string()).optional(),
  create_time: time,
  update_time: time,
  paid_time: time,
  payment: payment.optional(),
  payment_method_name: text,
  payment_method_code: text,
  payment_auth_code: text,
  payment_card_type: text,
  channel_entity_national_registry_id: text,
  user_id: text,
  /** An anonymized relay address, not the buyer's real one. */
  buyer_email: text,
  buyer_message: text,
  seller_note: text,
  line_items: z.array(lineItem).default([]),
  packages: z.array(z.looseObject({ id })).default([]),
  recipient_address: recipientAddress.optional(),
  has_updated_recipient_address: flag,
  shipping_provider: text,
  shipping_provider_id: text,
  shipping_type: shippingType.or(z.string()).optional(),
  tracking_number: text,
  fulfillment_type: fulfillmentType.or(z.string()).optional(),
  delivery_type: deliveryType.or(z.string()).optional(),
  delivery_option_id: text,
  /** Display name such as `Standard Shipping`. */
  delivery_option_name: text,
  warehouse_id: text,
  split_or_combine_tag: splitOrCombineTag.or(z.string()).optional(),
  is_cod: flag,
  is_sample_order: flag,
  is_on_hold_order: flag,
  is_replacement_order: flag,
  replaced_order_id: text,
  is_exchange_order: flag,
  exchange_source_order_id: text,
  is_buyer_request_cancel: flag,
  cancel_reason: text,
  cancellation_initiator: cancellationInitiator.or(z.string()).optional(),
  cancel_time: time,
  request_cancel_time: time,
  cancel_order_sla_time: time,
  rts_time: time,
  rts_sla_time: time,
  tts_sla_time: time,
  delivery_sla_time: time,
  shipping_due_time: time,
  collection_due_time: time,
  collection_time: time,
  delivery_due_time: time,
  delivery_time: time,
  delivery_option_required_delivery_time: time,
  pick_up_cut_off_time: time,
  fast_dispatch_sla_time: time,
  release_date: time,
  handling_duration: z
    .looseObject({ days: text, type: handlingDurationType.or(z.string()).optional() })
    .optional(),
  commerce_platform: commercePlatform.or(z.string()).optional(),
  need_upload_invoice: needUploadInvoice.or(z.string()).optional(),
  /** Brazil only. */
  cpf: text,
  cpf_name: text,
  auto_combine_group_id: text,
  consultation_id: text,
  /** e.g. `3_DAY_DELIVERY`. */
  fast_delivery_program: text,
  fulfillment_priority_level: z.number().optional(),
  recommended_shipping_time: time,
});
export type Order = z.infer<typeof orderSchema>;

const priceFields = {
  currency: text,
  total: cash,
  payment: cash,
  sku_list_price: cash,
  sku_sale_price: cash,
  subtotal: cash,
  subtotal_deduction_seller: cash,
  subtotal_deduction_platform: cash,
  subtotal_tax_amount: cash,
  voucher_deduction_seller: cash,
  voucher_deduction_platform: cash,
  shipping_list_price: cash,
  shipping_sale_price: cash,
  shipping_fee_deduction_seller: cash,
  shipping_fee_deduction_platform: cash,
  shipping_fee_deduction_platform_voucher: cash,
  tax_rate: text,
  tax_amount: cash,
  net_price_amount: cash,
  cod_fee: cash,
  cod_fee_net_amount: cash,
  sku_gift_original_price: cash,
  sku_gift_net_price: cash,
};

/** How the order's price was computed (all strings, although some SDKs model them as decimals). */
export const priceDetail = z.looseObject({
  ...priceFields,
  line_items: z.array(z.looseObject({ id, ...priceFields })).default([]),
});

/** An order's counterpart in the seller's own OMS. */
export const externalOrder = z.looseObject({
  id,
  /** The OMS, e.g. `SHOPIFY`; TikTok's list of accepted values is not in the reference. */
  platform: z.string(),
  line_items: z.array(z.looseObject({ id })).default([]),
});

// ---- requests -------------------------------------------------------------------------------

export const orderSearchFilter = z.object({
  order_status: orderStatus.optional(),
  /** Unix seconds, inclusive. With one bound only, the other is the shop's first order or now. */
  create_time_ge: unixSeconds.optional(),
  /** Unix seconds, exclusive. */
  create_time_lt: unixSeconds.optional(),
  update_time_ge: unixSeconds.optional(),
  update_time_lt: unixSeconds.optional(),
  shipping_type: shippingType.optional(),
  buyer_user_id: z.string().optional(),
  is_buyer_request_cancel: z.boolean().optional(),
  warehouse_ids: z.array(id).max(100).optional(),
});

const orderDetailQuery = z.object({ ids: idListQuery(50) });
const orderDetailResponse = z.looseObject({ orders: z.array(orderSchema).default([]) });

// ---- endpoints ------------------------------------------------------------------------------

export const order = {
  getOrderList: endpoint({
    name: "getOrderList",
    summary: "Searches the shop's orders by status, time window and other filters.",
    method: "POST",
    path: "/order/202309/orders/search",
    cipher: "required",
    scope: scopes.order,
    safety: "read",
    query: z.object({
      ...pageQuery({ max: 100, required: true }),
      sort_field: z.enum(["create_time", "update_time"]).optional(),
      sort_order: sortOrder.optional(),
    }),
    body: orderSearchFilter,
    response: z.looseObject({ orders: z.array(orderSchema).default([]), ...pageInfo }),
    pagination: { tokenIn: "query", items: "orders" },
  }),
  getOrderDetail: endpoint({
    name: "getOrderDetail",
    summary: "Full details of up to 50 orders by ID.",
    method: "GET",
    path: "/order/202309/orders",
    cipher: "required",
    scope: scopes.order,
    query: orderDetailQuery,
    response: orderDetailResponse,
  }),
  getOrderDetail202507: endpoint({
    name: "getOrderDetail202507",
    summary: "Full details of up to 50 orders by ID (version 202507, newer fields).",
    method: "GET",
    path: "/order/202507/orders",
    cipher: "required",
    scope: scopes.order,
    query: orderDetailQuery,
    response: orderDetailResponse,
  }),
  getPriceDetail: endpoint({
    name: "getPriceDetail",
    summary: "The price breakdown of an order and of each of its line items.",
    method: "GET",
    path: "/order/202407/orders/{order_id}/price_detail",
    cipher: "required",
    scope: scopes.order,
    params: z.object({ order_id: id }),
    response: priceDetail,
  }),
  addExternalOrderReferences: endpoint({
    name: "addExternalOrderReferences",
    summary: "Links orders to their IDs in the seller's own order management system.",
    method: "POST",
    path: "/order/202406/orders/external_orders",
    cipher: "required",
    scope: scopes.order,
    body: z.object({
      orders: z
        .array(
          z.object({
            id,
            // Field names below `external_order` are only loosely documented: pass extras through.
            external_order: z.looseObject({
              id,
              platform: z.string().min(1),
              line_items: z.array(z.looseObject({ id })).optional(),
            }),
          }),
        )
        .min(1),
    }),
    response: z.looseObject({ errors: itemErrors.default([]) }),
  }),
  getExternalOrderReferences: endpoint({
    name: "getExternalOrderReferences",
    summary: "The external order references stored for an order.",
    method: "GET",
    path: "/order/202406/orders/{order_id}/external_orders",
    cipher: "required",
    scope: scopes.order,
    params: z.object({ order_id: id }),
    query: z.object({ platform: z.string().min(1) }),
    response: z.looseObject({ external_orders: z.array(externalOrder).default([]) }),
  }),
  searchOrderByExternalOrderReference: endpoint({
    name: "searchOrderByExternalOrderReference",
    summary: "Finds the TikTok order linked to an external order ID.",
    method: "POST",
    path: "/order/202406/orders/external_order_search",
    cipher: "required",
    scope: scopes.order,
    safety: "read",
    query: z.object({ platform: z.string().min(1), external_order_id: z.string().min(1) }),
    response: z.looseObject({
      orders: z.array(z.looseObject({ id, external_order: externalOrder.optional() })).default([]),
    }),
  }),
};
