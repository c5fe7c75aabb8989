/**
 * After-sale reason catalogues. The seller cancel and reject codes are the ones seen in TikTok's
 * traffic (reference §5.5); TikTok's full lists come from Get Reject Reasons and an appendix the
 * reference could not retrieve. Buyer-side reason codes and the texts of reasons whose wording
 * is not public are the dev shop's own, written in TikTok's naming style.
 */

export interface Reason {
  name: string;
  text: string;
}

export const sellerCancelPaidReasons: Reason[] = [
  { name: "seller_cancel_reason_out_of_stock", text: "Out of stock" },
  { name: "seller_cancel_reason_wrong_price", text: "Pricing error" },
  { name: "seller_cancel_paid_reason_address_not_deliver", text: "Unable to deliver to buyer's address" },
  { name: "seller_cancel_paid_reason_buyer_requested_cancellation", text: "Buyer requested cancellation" },
];

/** GB sellers may also give the UK variant of "out of stock". */
export const sellerCancelPaidReasonsGb: Reason[] = [
  ...sellerCancelPaidReasons,
  { name: "seller_cancel_reason_out_of_stock_uk", text: "Out of stock" },
];

export const sellerCancelUnpaidReasons: Reason[] = [
  { name: "seller_cancel_unpaid_reason_out_of_stock", text: "Out of stock" },
  { name: "seller_cancel_unpaid_reason_wrong_price", text: "Pricing error" },
  {
    name: "seller_cancel_unpaid_reason_buyer_hasnt_paid_within_time_allowed",
    text: "Buyer hasn't paid within the time allowed",
  },
  { name: "seller_cancel_unpaid_reason_buyer_requested_cancellation", text: "Buyer requested cancellation" },
];

export const buyerCancelReasons: Reason[] = [
  { name: "buyer_cancel_reason_change_of_mind", text: "No longer needed" },
  { name: "buyer_cancel_reason_better_price", text: "Found a better price elsewhere" },
  { name: "buyer_cancel_reason_wrong_address", text: "Need to change the delivery address" },
  { name: "buyer_cancel_reason_delivery_too_long", text: "Delivery takes too long" },
];

export const systemCancelUnpaid: Reason = {
  name: "system_cancel_reason_payment_overdue",
  text: "The buyer did not complete payment within 24 hours",
};

export const rejectCancellationReasons: Reason[] = [
  { name: "seller_reject_apply_product_has_been_packed", text: "Product has been packed" },
  {
    name: "seller_reject_apply_you_have_reached_an_agreement_with_the_buyer",
    text: "You have reached an agreement with the buyer",
  },
  { name: "seller_reject_apply_unable_to_change_address", text: "Unable to change the address" },
  {
    name: "order_manage_list_action_respond_popup_reject_reason_delivered",
    text: "The order has been delivered",
  },
];

const rejectRequestReasons: Reason[] = [
  { name: "reverse_reject_request_reason_1", text: "The buyer's claim does not match the product sold" },
  { name: "reverse_reject_request_reason_2", text: "The request is outside the return window" },
  {
    name: "reverse_reject_request_reason_3",
    text: "Product already used, damaged or removed from original packaging",
  },
  { name: "reverse_reject_request_reason_4", text: "Product delivery is on schedule" },
  { name: "reverse_reject_request_reason_5", text: "The buyer and seller agreed on another solution" },
];

export const rejectRefundReasons: Reason[] = [
  ...rejectRequestReasons,
  {
    name: "seller_reject_apply_package_has_not_exceeded_estimated_delivery_time",
    text: "The package has not exceeded its estimated delivery time",
  },
];

export const rejectReturnReasons: Reason[] = rejectRequestReasons;

export const rejectReceiveReasons: Reason[] = [
  { name: "reverse_reject_receive_reason_wrong_item", text: "The returned item is not the item sold" },
  { name: "reverse_reject_receive_reason_damaged", text: "The returned item is damaged or used" },
  {
    name: "reverse_reject_receive_reason_missing_parts",
    text: "The returned package is missing items or parts",
  },
];

export const returnReasons: Reason[] = [
  { name: "ecom_order_delivered_refund_and_return_reason_damaged", text: "Damaged product" },
  { name: "ecom_order_delivered_refund_and_return_reason_wrong_item", text: "Received the wrong item" },
  {
    name: "ecom_order_delivered_refund_and_return_reason_not_as_described",
    text: "Product not as described",
  },
  { name: "ecom_order_delivered_refund_and_return_reason_no_longer_needed", text: "No longer needed" },
];

export const refundReasons: Reason[] = [
  { name: "ecom_order_shipped_refund_reason_package_not_received", text: "Package not received" },
  { name: "ecom_order_delivered_refund_reason_missing_item", text: "Missing items in the package" },
  { name: "ecom_order_delivered_refund_reason_damaged", text: "Damaged product" },
];

export function reasonText(list: Reason[], name: string): string | undefined {
  return list.find((reason) => reason.name === name)?.text;
}
