/**
 * The reasons a seller may give when cancelling an order (Cancel Order's `cancel_reason`). The
 * contract has no endpoint listing them (Get Reject Reasons covers rejections only); these are the
 * codes TikTok documents, by order state: the `unpaid` family before payment, the paid family after,
 * plus the UK variant of "out of stock" for GB shops.
 */

export interface CancelReason {
  name: string;
  text: string;
}

const unpaid: CancelReason[] = [
  { name: "seller_cancel_unpaid_reason_out_of_stock", text: "Out of stock" },
  { name: "seller_cancel_unpaid_reason_wrong_price", text: "Pricing error" },
  {
    name: "seller_cancel_unpaid_reason_buyer_hasnt_paid_within_time_allowed",
    text: "The buyer hasn't paid in time",
  },
  { name: "seller_cancel_unpaid_reason_buyer_requested_cancellation", text: "The buyer asked to cancel" },
];

const paid: CancelReason[] = [
  { name: "seller_cancel_reason_out_of_stock", text: "Out of stock" },
  { name: "seller_cancel_reason_wrong_price", text: "Pricing error" },
  { name: "seller_cancel_paid_reason_address_not_deliver", text: "Cannot deliver to the buyer's address" },
  { name: "seller_cancel_paid_reason_buyer_requested_cancellation", text: "The buyer asked to cancel" },
];

/** Order states in which a seller may still cancel (the unshipped units, when partly shipped). */
export const SELLER_CANCELLABLE = new Set(["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"]);

export function sellerCancelReasons(orderStatus: string, region: string): CancelReason[] {
  if (orderStatus === "UNPAID") return unpaid;
  if (region === "GB")
    return [...paid, { name: "seller_cancel_reason_out_of_stock_uk", text: "Out of stock (UK)" }];
  return paid;
}

const shippedStates = new Set(["AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED"]);

/** Why an order in this state cannot be cancelled by the seller, or null when it can. */
export function whyNotCancellable(order: { status: string; isBuyerRequestCancel: boolean }): string | null {
  if (order.status === "CANCELLED") return "This order is already cancelled.";
  if (shippedStates.has(order.status)) {
    return "This order has already shipped, so it can no longer be cancelled. Once it is delivered, the buyer can ask for a return or refund.";
  }
  if (!SELLER_CANCELLABLE.has(order.status)) {
    return `An order in status ${order.status} cannot be cancelled.`;
  }
  if (order.isBuyerRequestCancel) {
    return "The buyer has asked to cancel this order. Approve or reject their request in Returns & cancellations instead.";
  }
  return null;
}
