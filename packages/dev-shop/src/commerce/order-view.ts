import { renderRecipientAddress } from "./address-view.ts";
import { deliveryOptionOf, providerOf } from "./fulfillment-ops.ts";
import { fromMinor } from "./money.ts";
import { lineStage, orderPackages, packageOf } from "./order-model.ts";
import type { LineItem, Order, Package, PackageStage, ShopCommerce } from "./state.ts";

/** Order objects as Get Order List / Get Order Detail return them (reference §5.2). */

/** A package's wire status: unshipped PROCESSING, on its way FULFILLING, delivered COMPLETED. */
export function packageStatus(stage: PackageStage): string {
  switch (stage) {
    case "UNSHIPPED":
      return "PROCESSING";
    case "AWAITING_COLLECTION":
    case "IN_TRANSIT":
      return "FULFILLING";
    case "DELIVERED":
      return "COMPLETED";
    case "CANCELLED":
      return "CANCELLED";
  }
}

function lineDisplayStatus(shop: ShopCommerce, order: Order, line: LineItem): string {
  if (line.cancelled) return "CANCELLED";
  if (order.status === "UNPAID") return "UNPAID";
  const stage = lineStage(shop, line);
  switch (stage) {
    case "AWAITING_COLLECTION":
    case "IN_TRANSIT":
      return stage;
    case "DELIVERED":
      return order.status === "COMPLETED" ? "COMPLETED" : "DELIVERED";
    default:
      // ON_HOLD has no line-level counterpart: the unit is waiting to be shipped.
      return "AWAITING_SHIPMENT";
  }
}

function renderLine(shop: ShopCommerce, order: Order, line: LineItem): Record<string, unknown> {
  const pkg = packageOf(shop, line);
  const provider = providerOf(shop, pkg?.shippingProviderId ?? null);
  const zero = zeroOf(order.payment.currency);
  return {
    id: line.id,
    product_id: line.productId,
    product_name: line.productName,
    sku_id: line.skuId,
    sku_name: line.skuName,
    sku_image: line.skuImage,
    seller_sku: line.sellerSku,
    sku_type: "NORMAL",
    currency: order.payment.currency,
    original_price: line.originalPrice,
    sale_price: line.salePrice,
    platform_discount: line.platformDiscount,
    seller_discount: line.sellerDiscount,
    retail_delivery_fee: zero,
    small_order_fee: zero,
    buyer_service_fee: zero,
    display_status: lineDisplayStatus(shop, order, line),
    package_id: pkg?.id ?? "",
    package_status: line.cancelled ? "CANCELLED" : pkg ? packageStatus(pkg.stage) : "TO_FULFILL",
    shipping_provider_id: provider?.id ?? "",
    shipping_provider_name: provider?.name ?? "",
    tracking_number: pkg?.trackingNumber ?? "",
    ...(pkg?.shippedTime ? { rts_time: pkg.shippedTime } : {}),
    cancel_reason: line.cancelReason,
    cancel_user: line.cancelUser ?? "",
    is_gift: line.isGift,
    is_dangerous_good: false,
    needs_prescription: false,
    item_tax: line.itemTax.map((tax) => ({
      tax_type: tax.taxType,
      tax_amount: tax.taxAmount,
      tax_rate: tax.taxRate,
    })),
    combined_listing_skus: [],
  };
}

function firstShipped(packages: Package[]): Package | undefined {
  return packages
    .filter((pkg) => pkg.shippedTime !== null)
    .sort((a, b) => (a.shippedTime ?? 0) - (b.shippedTime ?? 0))[0];
}

const optional = (key: string, value: number | null): Record<string, number> =>
  value === null ? {} : { [key]: value };

export function renderOrder(shop: ShopCommerce, order: Order, detail: boolean): Record<string, unknown> {
  const packages = orderPackages(shop, order);
  const shipped = firstShipped(packages);
  const provider = providerOf(shop, shipped?.shippingProviderId ?? null);
  const option = deliveryOptionOf(shop, order.deliveryOptionId);
  const p = order.payment;
  const withheld = order.status === "UNPAID" || order.status === "ON_HOLD";
  return {
    id: order.id,
    status: order.status,
    order_type: "NORMAL",
    create_time: order.createTime,
    update_time: order.updateTime,
    ...optional("paid_time", order.paidTime),
    payment: {
      currency: p.currency,
      sub_total: p.subTotal,
      shipping_fee: p.shippingFee,
      seller_discount: p.sellerDiscount,
      platform_discount: p.platformDiscount,
      total_amount: p.totalAmount,
      original_total_product_price: p.originalTotalProductPrice,
      original_shipping_fee: p.originalShippingFee,
      shipping_fee_seller_discount: p.shippingFeeSellerDiscount,
      shipping_fee_platform_discount: p.shippingFeePlatformDiscount,
      shipping_fee_cofunded_discount: zeroOf(p.currency),
      tax: p.tax,
      product_tax: p.productTax,
      shipping_fee_tax: p.shippingFeeTax,
      retail_delivery_fee: p.retailDeliveryFee,
      small_order_fee: zeroOf(p.currency),
      buyer_service_fee: zeroOf(p.currency),
      handling_fee: zeroOf(p.currency),
      shipping_insurance_fee: zeroOf(p.currency),
      item_insurance_fee: zeroOf(p.currency),
    },
    payment_method_name: order.paymentMethodName,
    ...(detail
      ? {
          payment_method_code: paymentCode(order.paymentMethodName),
          payment_auth_code: "",
          payment_card_type: "",
        }
      : {}),
    user_id: order.userId,
    buyer_email: order.buyerEmail,
    buyer_message: order.buyerMessage,
    seller_note: order.sellerNote,
    line_items: order.lineItems.map((line) => renderLine(shop, order, line)),
    packages: packages.map((pkg) => ({ id: pkg.id })),
    recipient_address: renderRecipientAddress(order.address, withheld),
    has_updated_recipient_address: order.hasUpdatedRecipientAddress,
    shipping_provider: provider?.name ?? "",
    shipping_provider_id: provider?.id ?? "",
    shipping_type: order.shippingType,
    tracking_number: shipped?.trackingNumber ?? "",
    fulfillment_type: order.fulfillmentType,
    delivery_type: "HOME_DELIVERY",
    delivery_option_id: order.deliveryOptionId,
    delivery_option_name: option?.name ?? "",
    warehouse_id: order.warehouseId,
    ...(order.splitOrCombineTag ? { split_or_combine_tag: order.splitOrCombineTag } : {}),
    is_cod: false,
    is_sample_order: order.isSampleOrder,
    is_on_hold_order: order.isOnHoldOrder,
    is_replacement_order: false,
    is_exchange_order: false,
    is_buyer_request_cancel: order.isBuyerRequestCancel,
    cancel_reason: order.cancelReason,
    ...(order.cancellationInitiator ? { cancellation_initiator: order.cancellationInitiator } : {}),
    ...optional("cancel_time", order.cancelTime),
    ...optional("request_cancel_time", order.requestCancelTime),
    ...optional("cancel_order_sla_time", order.cancelOrderSlaTime),
    ...optional("rts_time", order.rtsTime),
    ...optional("rts_sla_time", order.rtsSlaTime),
    ...optional("tts_sla_time", order.rtsSlaTime === null ? null : order.rtsSlaTime + 2 * 86400),
    ...optional("shipping_due_time", order.rtsSlaTime),
    ...optional("collection_due_time", order.rtsSlaTime === null ? null : order.rtsSlaTime + 86400),
    ...optional("collection_time", order.collectionTime),
    ...deliveryDeadlines(shop, order),
    ...optional("delivery_time", order.deliveryTime),
    commerce_platform: "TIKTOK_SHOP",
    need_upload_invoice: "NO_NEED",
    handling_duration: { days: "3", type: "BUSINESS_DAY" },
    fulfillment_priority_level: 0,
  };
}

function deliveryDeadlines(shop: ShopCommerce, order: Order): Record<string, number> {
  const option = deliveryOptionOf(shop, order.deliveryOptionId);
  if (order.rtsSlaTime === null || !option) return {};
  const due = order.rtsSlaTime + option.transitDays.max * 86400;
  return { delivery_sla_time: due, delivery_due_time: due };
}

function zeroOf(currency: string): string {
  return fromMinor(0, currency);
}

function paymentCode(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}
