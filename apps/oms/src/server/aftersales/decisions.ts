/**
 * Which decision Approve Return and Reject Return take for a return in its current state, and
 * what the inbox counts as waiting for the seller. TikTok decides for a seller who does not answer
 * in time (the dev shop: buyer cancellation requests after 24 h, return and refund requests after
 * 48 h, a returned parcel after 72 h), so these rows carry their deadline.
 */

export const CANCEL_PENDING = "CANCELLATION_REQUEST_PENDING";
export const RETURN_PENDING = "RETURN_OR_REFUND_REQUEST_PENDING";
export const RETURN_PARCEL_ARRIVED = "BUYER_SHIPPED_ITEM";

/** Return states the seller has to answer. */
export const RETURN_NEEDS_ACTION = [RETURN_PENDING, RETURN_PARCEL_ARRIVED];

export type ReturnDecision = {
  approve: "APPROVE_REFUND" | "APPROVE_RETURN" | "APPROVE_RECEIVED_PACKAGE" | "APPROVE_REPLACEMENT";
  reject: "REJECT_REFUND" | "REJECT_RETURN" | "REJECT_RECEIVED_PACKAGE" | "REJECT_REPLACEMENT";
  what: string;
} | null;

/** The decision pair for a return of `type` in `status`, or null when nothing is the seller's to decide. */
export function returnDecision(type: string, status: string): ReturnDecision {
  if (status === RETURN_PARCEL_ARRIVED) {
    return {
      approve: "APPROVE_RECEIVED_PACKAGE",
      reject: "REJECT_RECEIVED_PACKAGE",
      what: "the returned parcel",
    };
  }
  if (status !== RETURN_PENDING) return null;
  if (type === "REFUND")
    return { approve: "APPROVE_REFUND", reject: "REJECT_REFUND", what: "the refund request" };
  if (type === "RETURN_AND_REFUND") {
    return { approve: "APPROVE_RETURN", reject: "REJECT_RETURN", what: "the return request" };
  }
  if (type === "REPLACEMENT") {
    return { approve: "APPROVE_REPLACEMENT", reject: "REJECT_REPLACEMENT", what: "the replacement request" };
  }
  return null;
}
