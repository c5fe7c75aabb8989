import { fullAddress } from "./address-view.ts";
import { fromMinor, toMinor } from "./money.ts";
import type { Cancellation, LineItem, Order, RefundAmount, ReturnOrder, ShopCommerce } from "./state.ts";

/** Return and cancellation objects as the Return & Refund search endpoints return them (§5.5). */

export function renderRefund(refund: RefundAmount): Record<string, string> {
  return {
    currency: refund.currency,
    refund_total: refund.refundTotal,
    refund_subtotal: refund.refundSubtotal,
    refund_shipping_fee: refund.refundShippingFee,
    refund_tax: refund.refundTax,
    retail_delivery_fee: refund.retailDeliveryFee,
    buyer_service_fee: fromMinor(0, refund.currency),
  };
}

function lineRefund(order: Order, line: LineItem): Record<string, string> {
  const currency = order.payment.currency;
  const tax = line.itemTax.reduce((sum, t) => sum + toMinor(t.taxAmount, currency), 0);
  const zero = fromMinor(0, currency);
  return renderRefund({
    currency,
    refundTotal: fromMinor(toMinor(line.salePrice, currency) + tax, currency),
    refundSubtotal: line.salePrice,
    refundShippingFee: zero,
    refundTax: fromMinor(tax, currency),
    retailDeliveryFee: zero,
  });
}

function aftersaleLine(order: Order, lineId: string, key: string, ownId: string): Record<string, unknown> {
  const line = order.lineItems.find((candidate) => candidate.id === lineId);
  if (!line) return { [key]: ownId, order_line_item_id: lineId };
  return {
    [key]: ownId,
    order_line_item_id: line.id,
    sku_id: line.skuId,
    sku_name: line.skuName,
    seller_sku: line.sellerSku,
    product_name: line.productName,
    product_image: { url: line.skuImage, width: 600, height: 600 },
    refund_amount: lineRefund(order, line),
  };
}

function nextReturnAction(ret: ReturnOrder): Array<{ action: string; deadline: number }> {
  if (ret.sellerDeadline === null) return [];
  if (ret.status === "RETURN_OR_REFUND_REQUEST_PENDING") {
    return [
      {
        action: ret.type === "REFUND" ? "SELLER_RESPOND_REFUND" : "SELLER_RESPOND_RETURN",
        deadline: ret.sellerDeadline,
      },
    ];
  }
  if (ret.status === "BUYER_SHIPPED_ITEM")
    return [{ action: "SELLER_RESPOND_RECEIVE_PACKAGE", deadline: ret.sellerDeadline }];
  return [];
}

export function renderReturn(shop: ShopCommerce, ret: ReturnOrder): Record<string, unknown> {
  const order = shop.orders[ret.orderId];
  const currency = ret.refund.currency;
  const zero = fromMinor(0, currency);
  const lines = order
    ? ret.lineItemIds.flatMap((id) => order.lineItems.filter((line) => line.id === id))
    : [];
  const sum = (pick: (line: LineItem) => string) =>
    fromMinor(
      lines.reduce((total, line) => total + toMinor(pick(line), currency), 0),
      currency,
    );
  const warehouse = shop.warehouses.find((w) => w.id === ret.returnWarehouseId);
  // Returns for the seller's fault (damaged, wrong item, not as described) ship back at the seller's cost.
  const sellerFault = !ret.reason.endsWith("no_longer_needed");
  const returnShipping =
    ret.type === "RETURN_AND_REFUND" ? fromMinor(currency === "GBP" ? 349 : 599, currency) : zero;
  return {
    return_id: ret.id,
    order_id: ret.orderId,
    return_type: ret.type,
    return_status: ret.status,
    ...(ret.arbitrationStatus ? { arbitration_status: ret.arbitrationStatus } : {}),
    role: ret.role,
    return_reason: ret.reason,
    return_reason_text: ret.reasonText,
    return_method:
      ret.type === "REFUND" ? "" : ret.shipmentType === "PLATFORM" ? "PLATFORM_SHIPPED" : "BUYER_SHIPPED",
    shipment_type: ret.shipmentType,
    handover_method: ret.handoverMethod,
    return_tracking_number: ret.trackingNumber ?? "",
    return_provider_id: ret.providerId ?? "",
    return_provider_name: ret.providerName ?? "",
    ...(ret.type === "RETURN_AND_REFUND" ? { return_shipping_document_type: "SHIPPING_LABEL" } : {}),
    refund_amount: renderRefund(ret.refund),
    discount_amount: [
      {
        currency,
        product_platform_discount: sum((line) => line.platformDiscount),
        product_seller_discount: sum((line) => line.sellerDiscount),
        shipping_fee_platform_discount: zero,
        shipping_fee_seller_discount: zero,
      },
    ],
    shipping_fee_amount: [
      {
        currency,
        buyer_paid_return_shipping_fee: sellerFault ? zero : returnShipping,
        seller_paid_return_shipping_fee: sellerFault ? returnShipping : zero,
        platform_paid_return_shipping_fee: zero,
      },
    ],
    ...(ret.partialRefund ? { partial_refund: { ...ret.partialRefund } } : {}),
    ...(ret.sellerProposedReturnType ? { seller_proposed_return_type: ret.sellerProposedReturnType } : {}),
    buyer_rejected_partial_refund: ret.buyerRejectedPartialRefund,
    can_buyer_keep_item: ret.canBuyerKeepItem,
    is_combined_return: false,
    return_warehouse_address: { full_address: warehouse ? fullAddress(warehouse.address) : "" },
    seller_next_action_response: nextReturnAction(ret),
    return_line_items: order
      ? ret.lineItemIds.map((id, index) =>
          aftersaleLine(order, id, "return_line_item_id", ret.returnLineIds[index] ?? ""),
        )
      : [],
    create_time: ret.createTime,
    update_time: ret.updateTime,
  };
}

/** Search Cancellations spells the withdrawn/rejected state CANCELLED (the spec and webhooks say CANCEL). */
export function wireCancelStatus(status: Cancellation["status"]): string {
  return status === "CANCELLATION_REQUEST_CANCEL" ? "CANCELLATION_REQUEST_CANCELLED" : status;
}

export function renderCancellation(shop: ShopCommerce, cancellation: Cancellation): Record<string, unknown> {
  const order = shop.orders[cancellation.orderId];
  return {
    cancel_id: cancellation.id,
    order_id: cancellation.orderId,
    cancel_type: cancellation.type,
    cancel_status: wireCancelStatus(cancellation.status),
    cancel_reason: cancellation.reason,
    cancel_reason_text: cancellation.reasonText,
    role: cancellation.role,
    refund_amount: renderRefund(cancellation.refund),
    cancel_line_items: order
      ? cancellation.lineItemIds.map((id, index) =>
          aftersaleLine(order, id, "cancel_line_item_id", cancellation.cancelLineIds[index] ?? ""),
        )
      : [],
    seller_next_action_response:
      cancellation.status === "CANCELLATION_REQUEST_PENDING" && cancellation.slaTime !== null
        ? [{ action: "SELLER_RESPOND_CANCEL", deadline: cancellation.slaTime }]
        : [],
    should_replenish_stock: true,
    create_time: cancellation.createTime,
    update_time: cancellation.updateTime,
  };
}

export function renderRecords(ret: ReturnOrder): Record<string, unknown>[] {
  return ret.records.map((record) => ({
    event: record.event,
    role: record.role,
    description: record.description,
    note: record.note,
    reason_text: record.reasonText,
    create_time: record.createTime,
    images: [],
    videos: [],
  }));
}
