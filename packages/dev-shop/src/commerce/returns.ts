import { type Handler, type HandlerContext, type HandlerResult, ok } from "../handler.ts";
import {
  approveCancellation,
  approveReturn,
  openReturn,
  refundFor,
  rejectCancellation,
  rejectReturn,
  requireCancellation,
  requireReturn,
  returnableLines,
  sellerCancel,
} from "./aftersale-ops.ts";
import { attempt, codes, raise } from "./errors.ts";
import { activeLines, isShipped, lineStage } from "./order-model.ts";
import { pageSize, paginate, sortByKey } from "./paging.ts";
import { asObj, idList, num, type Obj, objList, str } from "./params.ts";
import {
  type Reason,
  rejectCancellationReasons,
  rejectReceiveReasons,
  rejectRefundReasons,
  rejectReturnReasons,
} from "./reasons.ts";
import { renderCancellation, renderRecords, renderRefund, renderReturn } from "./returns-view.ts";
import type { Scope } from "./scope.ts";
import { requireOrder, shopOf } from "./shop-data.ts";
import type { Cancellation, LineItem, Order, ReturnOrder, ShopCommerce } from "./state.ts";

/** Return & Refund endpoints (reference §5.5). */

function scopeOf(ctx: HandlerContext): Scope {
  return { state: ctx.store.commerce, shop: shopOf(ctx), emit: ctx.emit };
}

/**
 * Runs a write once per idempotency key: a retry with the same key (and target) gets the first
 * answer back without acting again, which is what TikTok's idempotency_key promises.
 */
function once(ctx: HandlerContext, operation: string, run: () => Record<string, unknown>): HandlerResult {
  return attempt(() => {
    const shop = shopOf(ctx);
    const key = str(ctx.query.idempotency_key);
    const slot = key ? `${operation}:${key}` : undefined;
    const previous = slot ? shop.idempotency[slot] : undefined;
    if (previous) return ok(previous.data);
    const data = run();
    if (slot) shop.idempotency[slot] = { at: ctx.now, data };
    return ok(data);
  });
}

function inWindow(value: number, filter: Obj, field: "create_time" | "update_time"): boolean {
  const ge = num(filter[`${field}_ge`]);
  const lt = num(filter[`${field}_lt`]);
  return (ge === undefined || value >= ge) && (lt === undefined || value < lt);
}

function listFilter(filter: Obj, field: string): string[] | undefined {
  const list = idList(filter[field]);
  return list && list.length > 0 ? list : undefined;
}

/** Both search endpoints sort ascending by default, unlike orders and packages. */
function searchPage<T extends { id: string; createTime: number; updateTime: number }>(
  ctx: HandlerContext,
  items: T[],
  filter: Obj,
  defaultSize: number,
) {
  const field = str(ctx.query.sort_field) === "update_time" ? "update_time" : "create_time";
  const descending = str(ctx.query.sort_order) === "DESC";
  const key = (item: T) => ({
    value: field === "update_time" ? item.updateTime : item.createTime,
    id: item.id,
  });
  return paginate(sortByKey(items, key, descending), {
    pageSize: pageSize(ctx.query.page_size, defaultSize, 50),
    token: str(ctx.query.page_token),
    descending,
    key,
    query: { filter, field, descending },
  });
}

// ---- returns --------------------------------------------------------------------------------

const searchReturns: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const filter = asObj(ctx.body);
    const ids = listFilter(filter, "return_ids");
    const orderIds = listFilter(filter, "order_ids");
    const buyers = listFilter(filter, "buyer_user_ids");
    const types = listFilter(filter, "return_types");
    const statuses = listFilter(filter, "return_status");
    const arbitration = listFilter(filter, "arbitration_status");
    const proposed = listFilter(filter, "seller_proposed_return_type");
    const matching = Object.values(shop.returns).filter((ret) => {
      const order = shop.orders[ret.orderId];
      return (
        (!ids || ids.includes(ret.id)) &&
        (!orderIds || orderIds.includes(ret.orderId)) &&
        (!buyers || (order !== undefined && buyers.includes(order.userId))) &&
        (!types || types.includes(ret.type)) &&
        (!statuses || statuses.includes(ret.status)) &&
        (!arbitration || (ret.arbitrationStatus !== null && arbitration.includes(ret.arbitrationStatus))) &&
        (!proposed ||
          (ret.sellerProposedReturnType !== null && proposed.includes(ret.sellerProposedReturnType))) &&
        inWindow(ret.createTime, filter, "create_time") &&
        inWindow(ret.updateTime, filter, "update_time")
      );
    });
    const page = searchPage(ctx, matching, filter, 10);
    return ok({
      return_orders: page.items.map((ret) => renderReturn(shop, ret)),
      next_page_token: page.nextPageToken,
      total_count: page.totalCount,
    });
  });

const getReturnRecords: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    return ok({ records: renderRecords(requireReturn(shop, String(ctx.params.return_id))) });
  });

const approveReturnHandler: Handler = (ctx) =>
  once(ctx, `approve-return:${ctx.params.return_id}`, () => {
    const scope = scopeOf(ctx);
    const body = asObj(ctx.body);
    const partial = body.partial_refund === undefined ? undefined : asObj(body.partial_refund);
    approveReturn(
      scope,
      requireReturn(scope.shop, String(ctx.params.return_id)),
      {
        decision: str(body.decision) ?? "",
        buyerKeepItem: body.buyer_keep_item === true,
        ...(partial
          ? { partialRefund: { amount: str(partial.amount) ?? "", currency: str(partial.currency) ?? "" } }
          : {}),
      },
      ctx.now,
    );
    return {};
  });

const rejectReturnHandler: Handler = (ctx) =>
  once(ctx, `reject-return:${ctx.params.return_id}`, () => {
    const scope = scopeOf(ctx);
    const body = asObj(ctx.body);
    rejectReturn(
      scope,
      requireReturn(scope.shop, String(ctx.params.return_id)),
      str(body.decision) ?? "",
      str(body.reject_reason),
      str(body.comment) ?? "",
      ctx.now,
    );
    return {};
  });

/** Resolves `order_line_item_ids`, or `skus[]{sku_id, quantity}` against the candidate lines. */
function selectLines(order: Order, body: Obj, candidates: LineItem[]): string[] | undefined {
  const ids = idList(body.order_line_item_ids);
  if (ids && ids.length > 0) return ids;
  const skus = objList(body.skus);
  if (skus.length === 0) return undefined;
  const chosen: string[] = [];
  for (const entry of skus) {
    const skuId = str(entry.sku_id) ?? "";
    const quantity = num(entry.quantity) ?? 1;
    const matching = candidates.filter((line) => line.skuId === skuId && !chosen.includes(line.id));
    if (matching.length < quantity) {
      raise(
        codes.lineItemInvalid,
        `Order ${order.id} has only ${matching.length} eligible unit(s) of SKU ${skuId}.`,
      );
    }
    chosen.push(...matching.slice(0, quantity).map((line) => line.id));
  }
  return chosen;
}

const createReturnHandler: Handler = (ctx) =>
  once(ctx, "create-return", () => {
    const scope = scopeOf(ctx);
    const body = asObj(ctx.body);
    const order = requireOrder(scope.shop, str(body.order_id) ?? "");
    const type = str(body.return_type) === "RETURN_AND_REFUND" ? "RETURN_AND_REFUND" : "REFUND";
    const currency = str(body.currency);
    if (currency !== undefined && currency !== order.payment.currency) {
      raise(codes.partialRefundInvalid, `currency must be the order's currency ${order.payment.currency}.`);
    }
    const lineIds = selectLines(order, body, returnableLines(scope.shop, order, type));
    const shipment = str(body.shipment_type);
    const handover = str(body.handover_method);
    const reasonName = str(body.return_reason);
    const refundTotal = str(body.refund_total);
    const ret = openReturn(
      scope,
      order,
      {
        type,
        role: "SELLER",
        ...(lineIds ? { lineIds } : {}),
        ...(reasonName ? { reasonName } : {}),
        ...(refundTotal ? { refundTotal } : {}),
        ...(shipment === "PLATFORM" || shipment === "BUYER_ARRANGE" ? { shipmentType: shipment } : {}),
        ...(handover === "PICKUP" || handover === "DROP_OFF" ? { handoverMethod: handover } : {}),
      },
      ctx.now,
    );
    return { return_id: ret.id, return_status: ret.status };
  });

// ---- cancellations --------------------------------------------------------------------------

const searchCancellations: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const filter = asObj(ctx.body);
    const ids = listFilter(filter, "cancel_ids");
    const orderIds = listFilter(filter, "order_ids");
    const buyers = listFilter(filter, "buyer_user_ids");
    const types = listFilter(filter, "cancel_types");
    // Both spellings of the withdrawn state are accepted.
    const statuses = listFilter(filter, "cancel_status")?.map((status) =>
      status === "CANCELLATION_REQUEST_CANCELLED" ? "CANCELLATION_REQUEST_CANCEL" : status,
    );
    const matching = Object.values(shop.cancellations).filter((cancellation) => {
      const order = shop.orders[cancellation.orderId];
      return (
        (!ids || ids.includes(cancellation.id)) &&
        (!orderIds || orderIds.includes(cancellation.orderId)) &&
        (!buyers || (order !== undefined && buyers.includes(order.userId))) &&
        (!types || types.includes(cancellation.type)) &&
        (!statuses || statuses.includes(cancellation.status)) &&
        inWindow(cancellation.createTime, filter, "create_time") &&
        inWindow(cancellation.updateTime, filter, "update_time")
      );
    });
    const page = searchPage(ctx, matching, filter, 10);
    return ok({
      cancellations: page.items.map((cancellation) => renderCancellation(shop, cancellation)),
      next_page_token: page.nextPageToken,
      total_count: page.totalCount,
    });
  });

const approveCancellationHandler: Handler = (ctx) =>
  once(ctx, `approve-cancel:${ctx.params.cancel_id}`, () => {
    const scope = scopeOf(ctx);
    approveCancellation(scope, requireCancellation(scope.shop, String(ctx.params.cancel_id)), ctx.now);
    return {};
  });

const rejectCancellationHandler: Handler = (ctx) =>
  once(ctx, `reject-cancel:${ctx.params.cancel_id}`, () => {
    const scope = scopeOf(ctx);
    const body = asObj(ctx.body);
    rejectCancellation(
      scope,
      requireCancellation(scope.shop, String(ctx.params.cancel_id)),
      str(body.reject_reason),
      str(body.comment) ?? "",
      ctx.now,
    );
    return {};
  });

const cancelOrder: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    const body = asObj(ctx.body);
    const order = requireOrder(scope.shop, str(body.order_id) ?? "");
    const unshipped = activeLines(order).filter((line) => lineStage(scope.shop, line) === "UNSHIPPED");
    const lineIds = selectLines(order, body, unshipped);
    const cancellation = sellerCancel(scope, order, str(body.cancel_reason) ?? "", lineIds, ctx.now);
    return ok({ cancel_id: cancellation.id, cancel_status: cancellation.status });
  });

// ---- reasons, eligibility, refunds ----------------------------------------------------------

function rejectReasonsFor(shop: ShopCommerce, id: string): Reason[] {
  const cancellation: Cancellation | undefined = shop.cancellations[id];
  if (cancellation)
    return cancellation.status === "CANCELLATION_REQUEST_PENDING" ? rejectCancellationReasons : [];
  const ret: ReturnOrder | undefined = shop.returns[id];
  if (!ret) raise(codes.aftersaleNotFound, `The return or cancellation ${id} does not exist in this shop.`);
  if (ret.status === "RETURN_OR_REFUND_REQUEST_PENDING") {
    return ret.type === "REFUND" ? rejectRefundReasons : rejectReturnReasons;
  }
  if (ret.status === "BUYER_SHIPPED_ITEM") return rejectReceiveReasons;
  return [];
}

const getRejectReasons: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const reasons = rejectReasonsFor(shop, str(ctx.query.return_or_cancel_id) ?? "");
    return ok({ reasons: reasons.map((reason) => ({ name: reason.name, text: reason.text })) });
  });

/** Units a cancellation may still cover: live, unshipped, and not under a pending request. */
function cancellableLines(shop: ShopCommerce, order: Order): LineItem[] {
  if (order.status === "CANCELLED" || order.status === "COMPLETED" || order.isBuyerRequestCancel) return [];
  return activeLines(order).filter((line) => !isShipped(lineStage(shop, line)));
}

const ineligible: Record<string, { code: number; reason: string }> = {
  CANCEL: {
    code: codes.notCancellable,
    reason: "The item has shipped or the order can no longer be cancelled.",
  },
  RETURN: {
    code: codes.aftersaleIneligible,
    reason: "The item has not shipped yet, or is already refunded or in a request.",
  },
  RETURN_AND_REFUND: {
    code: codes.aftersaleIneligible,
    reason: "The item is not delivered, the return window has closed, or it is already in a request.",
  },
};

const getAftersaleEligibility: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const order = requireOrder(shop, String(ctx.params.order_id));
    const eligibleBy: Record<string, Set<string>> = {
      CANCEL: new Set(cancellableLines(shop, order).map((line) => line.id)),
      RETURN: new Set(returnableLines(shop, order, "REFUND").map((line) => line.id)),
      RETURN_AND_REFUND: new Set(returnableLines(shop, order, "RETURN_AND_REFUND").map((line) => line.id)),
    };
    const skus = [...new Set(order.lineItems.map((line) => line.skuId))];
    return ok({
      sku_eligibility: skus.map((skuId) => {
        const lines = order.lineItems.filter((line) => line.skuId === skuId);
        return {
          sku_id: skuId,
          line_item_eligibility: Object.entries(eligibleBy).map(([type, eligible]) => {
            const ids = lines.filter((line) => eligible.has(line.id)).map((line) => line.id);
            const why = ineligible[type]!;
            return ids.length > 0
              ? { request_type: type, eligible: true, order_line_items_ids: ids }
              : {
                  request_type: type,
                  eligible: false,
                  ineligible_code: why.code,
                  ineligible_reason: why.reason,
                  order_line_items_ids: [],
                };
          }),
        };
      }),
    });
  });

const calculateRefund: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const body = asObj(ctx.body);
    const order = requireOrder(shop, str(body.order_id) ?? "");
    const type = str(body.request_type) ?? "CANCEL";
    const candidates =
      type === "CANCEL"
        ? cancellableLines(shop, order)
        : returnableLines(shop, order, type === "RETURN_AND_REFUND" ? "RETURN_AND_REFUND" : "REFUND");
    const wanted = selectLines(order, body, candidates);
    const lines = wanted
      ? wanted.map((id) => {
          const line = candidates.find((candidate) => candidate.id === id);
          if (!line)
            raise(codes.aftersaleIneligible, `The order line item ${id} is not eligible for ${type}.`);
          return line;
        })
      : candidates;
    if (lines.length === 0) raise(codes.aftersaleIneligible, `The order is not eligible for ${type}.`);
    const whole = lines.length === activeLines(order).length && type !== "RETURN_AND_REFUND";
    const refund = order.paidTime === null ? refundFor(order, [], false) : refundFor(order, lines, whole);
    return ok({ order_refund_amount: renderRefund(refund) });
  });

export const returnHandlers: Record<string, Handler> = {
  "POST /return_refund/202309/returns/search": searchReturns,
  "GET /return_refund/202309/returns/{return_id}/records": getReturnRecords,
  "POST /return_refund/202309/returns/{return_id}/approve": approveReturnHandler,
  "POST /return_refund/202309/returns/{return_id}/reject": rejectReturnHandler,
  "POST /return_refund/202309/returns": createReturnHandler,
  "POST /return_refund/202309/cancellations/search": searchCancellations,
  "POST /return_refund/202309/cancellations/{cancel_id}/approve": approveCancellationHandler,
  "POST /return_refund/202309/cancellations/{cancel_id}/reject": rejectCancellationHandler,
  "POST /return_refund/202309/cancellations": cancelOrder,
  "GET /return_refund/202309/reject_reasons": getRejectReasons,
  "GET /return_refund/202309/orders/{order_id}/aftersale_eligibility": getAftersaleEligibility,
  "POST /return_refund/202309/refunds/calculate": calculateRefund,
};
