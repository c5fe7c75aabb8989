import { mintTrackingNumber } from "./carriers.ts";
import { codes, raise } from "./errors.ts";
import { nextId } from "./ids.ts";
import { fromMinor, parseMinor, toMinor } from "./money.ts";
import {
  activeLines,
  detachLines,
  emitOrderStatus,
  isShipped,
  lineStage,
  refreshOrder,
  releaseStock,
} from "./order-model.ts";
import {
  buyerCancelReasons,
  type Reason,
  refundReasons,
  rejectCancellationReasons,
  rejectReceiveReasons,
  rejectRefundReasons,
  rejectReturnReasons,
  returnReasons,
  sellerCancelPaidReasons,
  sellerCancelPaidReasonsGb,
  sellerCancelUnpaidReasons,
  systemCancelUnpaid,
} from "./reasons.ts";
import type { Scope } from "./scope.ts";
import type {
  Actor,
  Cancellation,
  CancelStatus,
  LineItem,
  Order,
  RefundAmount,
  ReturnOrder,
  ReturnStatus,
  ShopCommerce,
} from "./state.ts";

/**
 * Cancellations and returns: the after-sale state machines of §5.5 and the webhooks they emit
 * (11 for cancellations, 12 for returns, 1 whenever the order's own status moves).
 */

/** A buyer's cancellation request must be answered within 24 hours or it is approved. */
export const CANCEL_SLA_SECONDS = 24 * 3600;
/** The seller has 48 hours to answer a return or refund request, 72 to inspect a returned parcel. */
export const RETURN_SLA_SECONDS = 48 * 3600;
export const RECEIVE_SLA_SECONDS = 72 * 3600;
/** A buyer who does not ship an approved return within 7 days loses it. */
export const BUYER_SHIP_SECONDS = 7 * 24 * 3600;
/** Time for an approved refund to be paid out (SUCCESS -> COMPLETE). */
export const REFUND_SECONDS = 2 * 3600;

// ---- money ----------------------------------------------------------------------------------

/** What refunding `lines` gives back; the shipping fee only when the whole order is refunded. */
export function refundFor(order: Order, lines: LineItem[], includeShipping: boolean): RefundAmount {
  const currency = order.payment.currency;
  const subtotal = lines.reduce((sum, line) => sum + toMinor(line.salePrice, currency), 0);
  const tax = lines.reduce(
    (sum, line) => sum + line.itemTax.reduce((inner, tax) => inner + toMinor(tax.taxAmount, currency), 0),
    0,
  );
  const shipping = includeShipping
    ? toMinor(order.payment.shippingFee, currency) + toMinor(order.payment.shippingFeeTax, currency)
    : 0;
  const delivery = includeShipping ? toMinor(order.payment.retailDeliveryFee, currency) : 0;
  return {
    currency,
    refundTotal: fromMinor(subtotal + tax + shipping + delivery, currency),
    refundSubtotal: fromMinor(subtotal, currency),
    refundShippingFee: fromMinor(shipping, currency),
    refundTax: fromMinor(tax, currency),
    retailDeliveryFee: fromMinor(delivery, currency),
  };
}

function coversWholeOrder(order: Order, lines: LineItem[]): boolean {
  const ids = new Set(lines.map((line) => line.id));
  return activeLines(order).every((line) => ids.has(line.id));
}

// ---- cancellations --------------------------------------------------------------------------

export function emitCancellation(scope: Scope, cancellation: Cancellation): void {
  scope.emit(11, {
    order_id: cancellation.orderId,
    cancel_id: cancellation.id,
    cancellations_role: cancellation.role,
    cancel_status: cancellation.status,
    create_time: cancellation.createTime,
    update_time: cancellation.updateTime,
  });
}

function setCancelStatus(scope: Scope, cancellation: Cancellation, status: CancelStatus, at: number): void {
  cancellation.status = status;
  cancellation.updateTime = Math.max(cancellation.updateTime, at);
  cancellation.refundDueAt = status === "CANCELLATION_REQUEST_SUCCESS" ? at + REFUND_SECONDS : null;
  emitCancellation(scope, cancellation);
}

interface NewCancellation {
  type: Cancellation["type"];
  role: Cancellation["role"];
  reason: Reason;
  lines: LineItem[];
  at: number;
}

function openCancellation(scope: Scope, order: Order, input: NewCancellation): Cancellation {
  const cancellation: Cancellation = {
    id: nextId(scope.state, "cancellation"),
    orderId: order.id,
    type: input.type,
    status: "CANCELLATION_REQUEST_PENDING",
    role: input.role,
    reason: input.reason.name,
    reasonText: input.reason.text,
    lineItemIds: input.lines.map((line) => line.id),
    cancelLineIds: input.lines.map(() => nextId(scope.state, "returnLineItem")),
    refund:
      order.paidTime === null
        ? zeroRefund(order)
        : refundFor(order, input.lines, coversWholeOrder(order, input.lines)),
    createTime: input.at,
    updateTime: input.at,
    slaTime: null,
    refundDueAt: null,
    rejectReason: "",
    rejectComment: "",
  };
  scope.shop.cancellations[cancellation.id] = cancellation;
  return cancellation;
}

function zeroRefund(order: Order): RefundAmount {
  const zero = fromMinor(0, order.payment.currency);
  return {
    currency: order.payment.currency,
    refundTotal: zero,
    refundSubtotal: zero,
    refundShippingFee: zero,
    refundTax: zero,
    retailDeliveryFee: zero,
  };
}

/**
 * Cancels units: they go back on sale, leave their (unshipped) package, and the order becomes
 * CANCELLED when nothing live is left, or settles on the status its remaining units give it.
 */
export function cancelLines(
  scope: Scope,
  order: Order,
  lines: LineItem[],
  at: number,
  actor: "BUYER" | "SELLER" | "SYSTEM",
  reason: Reason,
): void {
  releaseStock(scope.shop, order, lines);
  detachLines(scope, order, lines, at);
  for (const line of lines) {
    line.cancelled = true;
    line.cancelReason = reason.text;
    line.cancelUser = actor;
  }
  order.updateTime = Math.max(order.updateTime, at);
  if (activeLines(order).length === 0) {
    order.status = "CANCELLED";
    order.cancelTime = at;
    order.cancelReason = reason.text;
    order.cancellationInitiator = actor;
    order.isBuyerRequestCancel = false;
    order.updateTime = at;
    emitOrderStatus(scope, order);
  } else {
    refreshOrder(scope, order, at);
  }
}

function sellerCancelReasons(shop: ShopCommerce, order: Order): Reason[] {
  if (order.status === "UNPAID") return sellerCancelUnpaidReasons;
  return shop.region === "GB" ? sellerCancelPaidReasonsGb : sellerCancelPaidReasons;
}

/** Cancel Order: the seller cancels a whole order or (US, GB) some unshipped units of it. */
export function sellerCancel(
  scope: Scope,
  order: Order,
  reasonName: string,
  lineIds: string[] | undefined,
  at: number,
): Cancellation {
  if (!["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"].includes(order.status)) {
    raise(codes.notCancellable, `The order cannot be cancelled in its current status (${order.status}).`);
  }
  if (order.isBuyerRequestCancel) {
    raise(codes.reverseInProgress, "there are processing reverse order exists");
  }
  const allowed = sellerCancelReasons(scope.shop, order);
  const reason = allowed.find((candidate) => candidate.name === reasonName);
  if (!reason) {
    raise(
      codes.cancelReasonInvalid,
      `Invalid cancel_reason for a${order.status === "UNPAID" ? "n unpaid" : " paid"} order. Allowed: ${allowed.map((r) => r.name).join(", ")}.`,
    );
  }
  const unshipped = activeLines(order).filter((line) => lineStage(scope.shop, line) === "UNSHIPPED");
  let lines = unshipped;
  if (lineIds !== undefined && lineIds.length > 0) {
    lines = lineIds.map((id) => {
      const line = order.lineItems.find((candidate) => candidate.id === id);
      if (!line)
        raise(codes.lineItemInvalid, `The order line item ${id} does not belong to order ${order.id}.`);
      if (line.cancelled)
        raise(codes.lineItemInvalid, `The order line item ${id} has already been cancelled.`);
      if (isShipped(lineStage(scope.shop, line))) {
        raise(codes.lineItemInvalid, `The order line item ${id} has been shipped and cannot be cancelled.`);
      }
      return line;
    });
    const partial = lines.length < activeLines(order).length;
    if (partial && scope.shop.region !== "US" && scope.shop.region !== "GB") {
      raise(
        codes.regionUnsupported,
        "This interface cannot be used in this region or this business type. Please don't use the api.",
      );
    }
  }
  if (lines.length === 0) raise(codes.notCancellable, "The order has no unshipped line items to cancel.");
  const cancellation = openCancellation(scope, order, { type: "CANCEL", role: "SELLER", reason, lines, at });
  cancelLines(scope, order, lines, at, "SELLER", reason);
  setCancelStatus(
    scope,
    cancellation,
    order.paidTime === null ? "CANCELLATION_REQUEST_COMPLETE" : "CANCELLATION_REQUEST_SUCCESS",
    at,
  );
  return cancellation;
}

/** The platform cancels an order the buyer never paid. */
export function systemCancelUnpaidOrder(scope: Scope, order: Order, at: number): Cancellation {
  const lines = activeLines(order);
  const cancellation = openCancellation(scope, order, {
    type: "CANCEL",
    role: "SYSTEM",
    reason: systemCancelUnpaid,
    lines,
    at,
  });
  cancelLines(scope, order, lines, at, "SYSTEM", systemCancelUnpaid);
  setCancelStatus(scope, cancellation, "CANCELLATION_REQUEST_COMPLETE", at);
  return cancellation;
}

/**
 * A buyer's cancellation. Before the hold ends (or before payment) it takes effect at once;
 * afterwards it becomes a request the seller must answer within 24 hours.
 */
export function buyerCancel(scope: Scope, order: Order, at: number, reasonName?: string): Cancellation {
  const reason =
    buyerCancelReasons.find((candidate) => candidate.name === reasonName) ?? buyerCancelReasons[0]!;
  if (order.isBuyerRequestCancel) raise(codes.reverseInProgress, "there are processing reverse order exists");
  const lines = activeLines(order);
  if (order.status === "UNPAID" || order.status === "ON_HOLD") {
    const cancellation = openCancellation(scope, order, {
      type: "BUYER_CANCEL",
      role: "BUYER",
      reason,
      lines,
      at,
    });
    cancelLines(scope, order, lines, at, "BUYER", reason);
    setCancelStatus(
      scope,
      cancellation,
      order.paidTime === null ? "CANCELLATION_REQUEST_COMPLETE" : "CANCELLATION_REQUEST_SUCCESS",
      at,
    );
    return cancellation;
  }
  if (order.status !== "AWAITING_SHIPMENT") {
    raise(
      codes.aftersaleIneligible,
      `An order in status ${order.status} can no longer be cancelled; request a refund or return instead.`,
    );
  }
  const cancellation = openCancellation(scope, order, {
    type: "BUYER_CANCEL",
    role: "BUYER",
    reason,
    lines,
    at,
  });
  cancellation.slaTime = at + CANCEL_SLA_SECONDS;
  order.isBuyerRequestCancel = true;
  order.requestCancelTime = at;
  order.cancelOrderSlaTime = cancellation.slaTime;
  order.updateTime = at;
  emitCancellation(scope, cancellation);
  return cancellation;
}

export function requireCancellation(shop: ShopCommerce, cancelId: string): Cancellation {
  const cancellation = shop.cancellations[cancelId];
  if (!cancellation)
    raise(codes.aftersaleNotFound, `The cancellation ${cancelId} does not exist in this shop.`);
  return cancellation;
}

function assertPending(cancellation: Cancellation): void {
  if (cancellation.status !== "CANCELLATION_REQUEST_PENDING") {
    raise(
      codes.aftersaleStatus,
      `The cancellation is ${cancellation.status}; only a pending request can be approved or rejected.`,
    );
  }
}

/** Approves a pending buyer request (the seller, or the platform once the 24 hours are up). */
export function approveCancellation(scope: Scope, cancellation: Cancellation, at: number): void {
  assertPending(cancellation);
  const order = scope.shop.orders[cancellation.orderId];
  if (!order) raise(codes.notBelong, "The order or package does not belong to the current seller.");
  order.isBuyerRequestCancel = false;
  const wanted = new Set(cancellation.lineItemIds);
  const lines = activeLines(order).filter((line) => wanted.has(line.id));
  const reason = { name: cancellation.reason, text: cancellation.reasonText };
  cancelLines(scope, order, lines, at, "BUYER", reason);
  cancellation.slaTime = null;
  setCancelStatus(scope, cancellation, "CANCELLATION_REQUEST_SUCCESS", at);
}

export function rejectCancellation(
  scope: Scope,
  cancellation: Cancellation,
  reasonName: string | undefined,
  comment: string,
  at: number,
): void {
  assertPending(cancellation);
  requireRejectReason(rejectCancellationReasons, reasonName);
  const order = scope.shop.orders[cancellation.orderId];
  if (order) {
    order.isBuyerRequestCancel = false;
    order.cancelOrderSlaTime = null;
    order.updateTime = Math.max(order.updateTime, at);
  }
  cancellation.rejectReason = reasonName ?? "";
  cancellation.rejectComment = comment;
  cancellation.slaTime = null;
  setCancelStatus(scope, cancellation, "CANCELLATION_REQUEST_CANCEL", at);
}

/** The refund of an approved cancellation has been paid out. */
export function completeCancellationRefund(scope: Scope, cancellation: Cancellation, at: number): void {
  if (cancellation.status !== "CANCELLATION_REQUEST_SUCCESS") return;
  setCancelStatus(scope, cancellation, "CANCELLATION_REQUEST_COMPLETE", at);
}

function requireRejectReason(list: Reason[], name: string | undefined): Reason {
  const reason = list.find((candidate) => candidate.name === name);
  if (!reason) {
    raise(
      codes.rejectReasonInvalid,
      `reject_reason is required and must be one of the names returned by Get Reject Reasons: ${list.map((r) => r.name).join(", ")}.`,
    );
  }
  return reason;
}

// ---- returns --------------------------------------------------------------------------------

const finalReturnStatuses: ReturnStatus[] = [
  "REFUND_OR_RETURN_REQUEST_REJECT",
  "RETURN_OR_REFUND_REQUEST_CANCEL",
  "RETURN_OR_REFUND_REQUEST_COMPLETE",
  "REJECT_RECEIVE_PACKAGE",
];

export function isReturnOpen(ret: ReturnOrder): boolean {
  return !finalReturnStatuses.includes(ret.status);
}

/** Lines already covered by a return that is open or has refunded them. */
export function linesUnderReturn(shop: ShopCommerce, orderId: string): Set<string> {
  const ids = new Set<string>();
  for (const ret of Object.values(shop.returns)) {
    if (ret.orderId !== orderId) continue;
    const refunded =
      ret.status === "RETURN_OR_REFUND_REQUEST_COMPLETE" || ret.status === "RETURN_OR_REFUND_REQUEST_SUCCESS";
    if (isReturnOpen(ret) || refunded) for (const id of ret.lineItemIds) ids.add(id);
  }
  return ids;
}

export function emitReturn(scope: Scope, ret: ReturnOrder): void {
  scope.emit(12, {
    order_id: ret.orderId,
    return_id: ret.id,
    return_role: ret.role,
    return_type: ret.type,
    return_status: ret.status,
    create_time: ret.createTime,
    update_time: ret.updateTime,
  });
}

function record(
  ret: ReturnOrder,
  role: Actor,
  description: string,
  at: number,
  note = "",
  reason = "",
): void {
  ret.records.push({ event: "ORDER_RETURN", role, description, note, reasonText: reason, createTime: at });
}

function setReturnStatus(scope: Scope, ret: ReturnOrder, status: ReturnStatus, at: number): void {
  ret.status = status;
  ret.updateTime = Math.max(ret.updateTime, at);
  ret.refundDueAt = status === "RETURN_OR_REFUND_REQUEST_SUCCESS" ? at + REFUND_SECONDS : null;
  ret.sellerDeadline =
    status === "RETURN_OR_REFUND_REQUEST_PENDING"
      ? at + RETURN_SLA_SECONDS
      : status === "BUYER_SHIPPED_ITEM"
        ? at + RECEIVE_SLA_SECONDS
        : null;
  emitReturn(scope, ret);
}

export interface ReturnRequest {
  type: "REFUND" | "RETURN_AND_REFUND";
  lineIds?: string[];
  reasonName?: string;
  role?: "BUYER" | "SELLER";
  /** Seller-created returns may refund less than the full amount. */
  refundTotal?: string;
  shipmentType?: "PLATFORM" | "BUYER_ARRANGE";
  handoverMethod?: "DROP_OFF" | "PICKUP";
}

/**
 * Which units of an order a new return may cover: refund-only once shipped, return-and-refund
 * once delivered, never after completion (the return window is closed), and never free units
 * (gifts, samples), which have nothing to refund.
 */
export function returnableLines(shop: ShopCommerce, order: Order, type: ReturnRequest["type"]): LineItem[] {
  if (order.status === "COMPLETED" || order.status === "CANCELLED") return [];
  const taken = linesUnderReturn(shop, order.id);
  return activeLines(order).filter((line) => {
    if (taken.has(line.id) || toMinor(line.salePrice, order.payment.currency) === 0) return false;
    const stage = lineStage(shop, line);
    return type === "REFUND" ? isShipped(stage) : stage === "DELIVERED";
  });
}

export function openReturn(scope: Scope, order: Order, request: ReturnRequest, at: number): ReturnOrder {
  const { shop } = scope;
  const eligible = returnableLines(shop, order, request.type);
  let lines = eligible;
  if (request.lineIds && request.lineIds.length > 0) {
    const taken = linesUnderReturn(shop, order.id);
    lines = request.lineIds.map((id) => {
      const line = order.lineItems.find((candidate) => candidate.id === id);
      if (!line)
        raise(codes.lineItemInvalid, `The order line item ${id} does not belong to order ${order.id}.`);
      if (taken.has(id)) raise(codes.reverseInProgress, "there are processing reverse order exists");
      if (!eligible.includes(line)) {
        raise(codes.aftersaleIneligible, `The order line item ${id} is not eligible for ${request.type}.`);
      }
      return line;
    });
  }
  if (lines.length === 0) {
    const open = Object.values(shop.returns).some((ret) => ret.orderId === order.id && isReturnOpen(ret));
    if (open) raise(codes.reverseInProgress, "there are processing reverse order exists");
    raise(
      codes.aftersaleIneligible,
      `The order (${order.status}) is not eligible for a ${request.type} request.`,
    );
  }
  const catalogue = request.type === "REFUND" ? refundReasons : returnReasons;
  const reason = catalogue.find((candidate) => candidate.name === request.reasonName) ?? catalogue[0]!;
  let refund = refundFor(order, lines, coversWholeOrder(order, lines) && request.type === "REFUND");
  if (request.refundTotal !== undefined) {
    const cap = toMinor(refund.refundTotal, refund.currency);
    const wanted = parseMinor(request.refundTotal, refund.currency);
    if (wanted === null || wanted <= 0 || wanted > cap) {
      raise(
        codes.partialRefundInvalid,
        `refund_total must be greater than 0 and at most ${refund.refundTotal}.`,
      );
    }
    refund = { ...refund, refundTotal: fromMinor(wanted, refund.currency) };
  }
  const returnWarehouse = shop.warehouses.find((w) => w.type === "RETURN_WAREHOUSE") ?? shop.warehouses[0];
  const role = request.role ?? "BUYER";
  const ret: ReturnOrder = {
    id: nextId(scope.state, "returnOrder"),
    orderId: order.id,
    type: request.type,
    status: "RETURN_OR_REFUND_REQUEST_PENDING",
    arbitrationStatus: null,
    role,
    reason: reason.name,
    reasonText: reason.text,
    lineItemIds: lines.map((line) => line.id),
    returnLineIds: lines.map(() => nextId(scope.state, "returnLineItem")),
    refund,
    shipmentType: request.shipmentType ?? "PLATFORM",
    handoverMethod: request.handoverMethod ?? "DROP_OFF",
    trackingNumber: null,
    providerId: null,
    providerName: null,
    partialRefund: null,
    sellerProposedReturnType: null,
    buyerRejectedPartialRefund: false,
    canBuyerKeepItem: false,
    returnWarehouseId: returnWarehouse?.id ?? "",
    createTime: at,
    updateTime: at,
    sellerDeadline: null,
    refundDueAt: null,
    records: [],
  };
  shop.returns[ret.id] = ret;
  record(
    ret,
    role,
    role === "BUYER"
      ? `Buyer requested ${request.type === "REFUND" ? "a refund" : "a return and refund"}`
      : `Seller created ${request.type === "REFUND" ? "a refund" : "a return and refund"} for the buyer`,
    at,
    "",
    reason.text,
  );
  if (role === "SELLER") {
    // The seller opening the request has already agreed to it.
    if (request.type === "REFUND") setReturnStatus(scope, ret, "RETURN_OR_REFUND_REQUEST_SUCCESS", at);
    else setReturnStatus(scope, ret, "AWAITING_BUYER_SHIP", at);
  } else {
    setReturnStatus(scope, ret, "RETURN_OR_REFUND_REQUEST_PENDING", at);
  }
  return ret;
}

export function requireReturn(shop: ShopCommerce, returnId: string): ReturnOrder {
  const ret = shop.returns[returnId];
  if (!ret) raise(codes.aftersaleNotFound, `The return ${returnId} does not exist in this shop.`);
  return ret;
}

function wrongStatus(ret: ReturnOrder, decision: string): never {
  raise(codes.aftersaleStatus, `The decision ${decision} is not allowed while the return is ${ret.status}.`);
}

function notApplicable(ret: ReturnOrder, decision: string): never {
  raise(codes.decisionNotApplicable, `The decision ${decision} does not apply to a ${ret.type} request.`);
}

export interface ApproveInput {
  decision: string;
  buyerKeepItem?: boolean;
  partialRefund?: { amount: string; currency: string };
}

export function approveReturn(
  scope: Scope,
  ret: ReturnOrder,
  input: ApproveInput,
  at: number,
  actor: Actor = "SELLER",
) {
  const { decision } = input;
  switch (decision) {
    case "APPROVE_REFUND": {
      if (ret.type !== "REFUND") notApplicable(ret, decision);
      if (ret.status !== "RETURN_OR_REFUND_REQUEST_PENDING") wrongStatus(ret, decision);
      record(ret, actor, "Seller approved the refund request", at);
      setReturnStatus(scope, ret, "RETURN_OR_REFUND_REQUEST_SUCCESS", at);
      return;
    }
    case "APPROVE_RETURN": {
      if (ret.type !== "RETURN_AND_REFUND") notApplicable(ret, decision);
      if (ret.status !== "RETURN_OR_REFUND_REQUEST_PENDING") wrongStatus(ret, decision);
      if (input.buyerKeepItem) {
        ret.canBuyerKeepItem = true;
        record(ret, actor, "Seller approved a refund; the buyer keeps the item", at);
        setReturnStatus(scope, ret, "RETURN_OR_REFUND_REQUEST_SUCCESS", at);
      } else {
        record(ret, actor, "Seller approved the return; waiting for the buyer to ship the item", at);
        setReturnStatus(scope, ret, "AWAITING_BUYER_SHIP", at);
      }
      return;
    }
    case "APPROVE_RECEIVED_PACKAGE": {
      if (ret.type !== "RETURN_AND_REFUND") notApplicable(ret, decision);
      if (ret.status !== "BUYER_SHIPPED_ITEM") wrongStatus(ret, decision);
      record(ret, actor, "Seller confirmed receipt of the returned item", at);
      setReturnStatus(scope, ret, "RETURN_OR_REFUND_REQUEST_SUCCESS", at);
      return;
    }
    case "OFFER_PARTIAL_REFUND": {
      if (ret.status !== "RETURN_OR_REFUND_REQUEST_PENDING") wrongStatus(ret, decision);
      const offer = input.partialRefund;
      if (!offer) raise(codes.partialRefundInvalid, "partial_refund is required with OFFER_PARTIAL_REFUND.");
      if (offer.currency !== ret.refund.currency) {
        raise(codes.partialRefundInvalid, `partial_refund.currency must be ${ret.refund.currency}.`);
      }
      const amount = parseMinor(offer.amount, offer.currency);
      if (amount === null || amount <= 0 || amount >= toMinor(ret.refund.refundTotal, ret.refund.currency)) {
        raise(
          codes.partialRefundInvalid,
          `partial_refund.amount must be greater than 0 and less than the refund total ${ret.refund.refundTotal}.`,
        );
      }
      ret.partialRefund = { amount: fromMinor(amount, offer.currency), currency: offer.currency };
      ret.sellerProposedReturnType = "PARTIAL_REFUND";
      record(
        ret,
        actor,
        `Seller offered a partial refund of ${ret.partialRefund.amount} ${offer.currency}`,
        at,
      );
      setReturnStatus(scope, ret, "AWAITING_BUYER_RESPONSE", at);
      return;
    }
    default:
      // Replacement decisions need a REPLACEMENT request, which the dev shop's buyers never open.
      notApplicable(ret, decision);
  }
}

export function rejectReturn(
  scope: Scope,
  ret: ReturnOrder,
  decision: string,
  reasonName: string | undefined,
  comment: string,
  at: number,
): void {
  switch (decision) {
    case "REJECT_REFUND":
    case "REJECT_RETURN": {
      const expected = decision === "REJECT_REFUND" ? "REFUND" : "RETURN_AND_REFUND";
      if (ret.type !== expected) notApplicable(ret, decision);
      if (ret.status !== "RETURN_OR_REFUND_REQUEST_PENDING") wrongStatus(ret, decision);
      const reason = requireRejectReason(
        expected === "REFUND" ? rejectRefundReasons : rejectReturnReasons,
        reasonName,
      );
      record(ret, "SELLER", "Seller rejected the request", at, comment, reason.text);
      setReturnStatus(scope, ret, "REFUND_OR_RETURN_REQUEST_REJECT", at);
      return;
    }
    case "REJECT_RECEIVED_PACKAGE": {
      if (ret.status !== "BUYER_SHIPPED_ITEM")
        raise(codes.cannotRejectReceive, "status can't reject receive");
      const reason = requireRejectReason(rejectReceiveReasons, reasonName);
      record(ret, "SELLER", "Seller rejected the returned package", at, comment, reason.text);
      setReturnStatus(scope, ret, "REJECT_RECEIVE_PACKAGE", at);
      return;
    }
    default:
      notApplicable(ret, decision);
  }
}

/** The buyer hands the approved return to the carrier. */
export function buyerShipsReturn(scope: Scope, ret: ReturnOrder, at: number): void {
  if (ret.status !== "AWAITING_BUYER_SHIP") {
    raise(
      codes.aftersaleStatus,
      `The return is ${ret.status}; only an approved return awaiting shipment can be shipped.`,
    );
  }
  const provider = scope.shop.shippingProviders[0];
  ret.providerId = provider?.id ?? null;
  ret.providerName = provider?.name ?? null;
  ret.trackingNumber = mintTrackingNumber(provider?.trackingFormat ?? "GENERIC", `${ret.id}:return`);
  record(ret, "BUYER", `Buyer shipped the item back with ${provider?.name ?? "the carrier"}`, at);
  setReturnStatus(scope, ret, "BUYER_SHIPPED_ITEM", at);
}

export function buyerAnswersPartialRefund(scope: Scope, ret: ReturnOrder, accept: boolean, at: number): void {
  if (ret.status !== "AWAITING_BUYER_RESPONSE" || !ret.partialRefund) {
    raise(codes.aftersaleStatus, "There is no partial refund offer waiting for the buyer.");
  }
  if (accept) {
    ret.refund = { ...ret.refund, refundTotal: ret.partialRefund.amount };
    ret.canBuyerKeepItem = true;
    record(ret, "BUYER", "Buyer accepted the partial refund", at);
    setReturnStatus(scope, ret, "RETURN_OR_REFUND_REQUEST_SUCCESS", at);
  } else {
    ret.buyerRejectedPartialRefund = true;
    record(ret, "BUYER", "Buyer declined the partial refund", at);
    setReturnStatus(scope, ret, "RETURN_OR_REFUND_REQUEST_PENDING", at);
  }
}

export function buyerWithdrawsReturn(scope: Scope, ret: ReturnOrder, at: number): void {
  if (
    !["RETURN_OR_REFUND_REQUEST_PENDING", "AWAITING_BUYER_SHIP", "AWAITING_BUYER_RESPONSE"].includes(
      ret.status,
    )
  ) {
    raise(codes.aftersaleStatus, `The return is ${ret.status} and can no longer be withdrawn.`);
  }
  record(ret, "BUYER", "Buyer cancelled the request", at);
  setReturnStatus(scope, ret, "RETURN_OR_REFUND_REQUEST_CANCEL", at);
}

/** Time-driven return transitions; returns whether anything changed. */
export function advanceReturn(scope: Scope, ret: ReturnOrder, now: number): boolean {
  if (
    ret.status === "RETURN_OR_REFUND_REQUEST_PENDING" &&
    ret.sellerDeadline !== null &&
    now >= ret.sellerDeadline
  ) {
    const at = ret.sellerDeadline;
    record(ret, "SYSTEM", "The seller did not respond in time; the request was approved automatically", at);
    if (ret.type === "REFUND") setReturnStatus(scope, ret, "RETURN_OR_REFUND_REQUEST_SUCCESS", at);
    else setReturnStatus(scope, ret, "AWAITING_BUYER_SHIP", at);
    return true;
  }
  if (ret.status === "BUYER_SHIPPED_ITEM" && ret.sellerDeadline !== null && now >= ret.sellerDeadline) {
    const at = ret.sellerDeadline;
    record(
      ret,
      "SYSTEM",
      "The seller did not inspect the returned item in time; the refund was approved",
      at,
    );
    setReturnStatus(scope, ret, "RETURN_OR_REFUND_REQUEST_SUCCESS", at);
    return true;
  }
  if (ret.status === "AWAITING_BUYER_SHIP" && now >= ret.updateTime + BUYER_SHIP_SECONDS) {
    const at = ret.updateTime + BUYER_SHIP_SECONDS;
    record(ret, "SYSTEM", "The buyer did not ship the item within 7 days; the request was closed", at);
    setReturnStatus(scope, ret, "RETURN_OR_REFUND_REQUEST_CANCEL", at);
    return true;
  }
  if (ret.status === "AWAITING_BUYER_RESPONSE" && now >= ret.updateTime + RETURN_SLA_SECONDS) {
    // No answer from the buyer counts as acceptance of the seller's offer.
    buyerAnswersPartialRefund(scope, ret, true, ret.updateTime + RETURN_SLA_SECONDS);
    return true;
  }
  if (
    ret.status === "RETURN_OR_REFUND_REQUEST_SUCCESS" &&
    ret.refundDueAt !== null &&
    now >= ret.refundDueAt
  ) {
    const at = ret.refundDueAt;
    record(ret, "SYSTEM", `Refund of ${ret.refund.refundTotal} ${ret.refund.currency} completed`, at);
    setReturnStatus(scope, ret, "RETURN_OR_REFUND_REQUEST_COMPLETE", at);
    return true;
  }
  return false;
}
