import type { DevShopStore } from "../state/store.ts";
import {
  advanceReturn,
  approveCancellation,
  completeCancellationRefund,
  systemCancelUnpaidOrder,
} from "./aftersale-ops.ts";
import { finishAudits } from "./catalog.ts";
import { advanceFinance } from "./finance-ledger.ts";
import {
  addDueScans,
  collectionDueAt,
  collectPackage,
  deliverPackage,
  deliveryDueAt,
  releaseHold,
  shipPackage,
} from "./fulfillment-ops.ts";
import { unpaidDeadline } from "./order-factory.ts";
import { activeLines, COMPLETE_AFTER_DELIVERY_SECONDS, orderPackages, refreshOrder } from "./order-model.ts";
import { hashInt } from "./rng.ts";
import type { Scope } from "./scope.ts";
import type { Cancellation, Order, Package } from "./state.ts";

/**
 * Time-driven transitions. Every rule compares a stored time with `now` and applies the change
 * at the time it was due (so a tick after a long pause replays the missed steps with their real
 * timestamps), and every rule is guarded by the state it moves out of, so ticking twice with the
 * same clock changes nothing the second time.
 */

export type ShopEventEmitter = (shopId: string, type: number, data: Record<string, unknown>) => void;

/** TikTok's own warehouse dispatches FBT orders 6-18 hours after they become shippable. */
export function fbtDispatchAt(order: Order): number | null {
  const shippable = order.holdUntil ?? order.paidTime;
  return shippable === null ? null : shippable + hashInt(`${order.id}:fbt`, 6 * 3600, 18 * 3600);
}

export function advancePackage(scope: Scope, pkg: Package, now: number): void {
  const collectAt = collectionDueAt(pkg);
  if (pkg.stage === "AWAITING_COLLECTION" && collectAt !== null && collectAt <= now) {
    collectPackage(scope, pkg, collectAt);
  }
  if (pkg.stage === "IN_TRANSIT") {
    addDueScans(pkg, now);
    const deliverAt = deliveryDueAt(pkg);
    if (deliverAt !== null && deliverAt <= now) deliverPackage(scope, pkg, deliverAt);
  }
}

export function advanceOrder(scope: Scope, order: Order, now: number): void {
  if (order.status === "UNPAID" && unpaidDeadline(order) <= now) {
    systemCancelUnpaidOrder(scope, order, unpaidDeadline(order));
    return;
  }
  if (order.status === "ON_HOLD" && order.holdUntil !== null && order.holdUntil <= now) {
    releaseHold(scope, order, order.holdUntil);
  }
  if (
    order.fulfillmentType === "FULFILLMENT_BY_TIKTOK" &&
    order.status === "AWAITING_SHIPMENT" &&
    !order.isBuyerRequestCancel
  ) {
    const dispatchAt = fbtDispatchAt(order);
    if (dispatchAt !== null && dispatchAt <= now) {
      for (const pkg of orderPackages(scope.shop, order)) {
        if (pkg.stage === "UNSHIPPED") shipPackage(scope, pkg, dispatchAt, { byPlatform: true });
      }
    }
  }
  for (const pkg of orderPackages(scope.shop, order)) advancePackage(scope, pkg, now);
  if (order.status === "DELIVERED" && order.deliveryTime !== null) {
    const completeAt = order.deliveryTime + COMPLETE_AFTER_DELIVERY_SECONDS;
    if (completeAt <= now && activeLines(order).length > 0) {
      order.completedTime = completeAt;
      refreshOrder(scope, order, completeAt);
    }
  }
}

export function advanceCancellation(scope: Scope, cancellation: Cancellation, now: number): void {
  if (
    cancellation.status === "CANCELLATION_REQUEST_PENDING" &&
    cancellation.slaTime !== null &&
    cancellation.slaTime <= now
  ) {
    // The seller did not answer within 24 hours: the platform approves on the buyer's behalf.
    approveCancellation(scope, cancellation, cancellation.slaTime);
  }
  if (
    cancellation.status === "CANCELLATION_REQUEST_SUCCESS" &&
    cancellation.refundDueAt !== null &&
    cancellation.refundDueAt <= now
  ) {
    completeCancellationRefund(scope, cancellation, cancellation.refundDueAt);
  }
}

export function tickShop(scope: Scope, now: number): void {
  finishAudits(scope.shop, now, scope.emit);
  for (const order of Object.values(scope.shop.orders)) {
    if (order.status === "CANCELLED" || order.status === "COMPLETED") continue;
    advanceOrder(scope, order, now);
  }
  for (const cancellation of Object.values(scope.shop.cancellations))
    advanceCancellation(scope, cancellation, now);
  for (const ret of Object.values(scope.shop.returns)) {
    while (advanceReturn(scope, ret, now)) {
      // Each call applies one due step; loop until the return is current.
    }
  }
}

export function tickCommerce(store: DevShopStore, now: number, emit: ShopEventEmitter): void {
  for (const shop of Object.values(store.commerce.shops)) {
    const scope: Scope = { state: store.commerce, shop, emit: (type, data) => emit(shop.shopId, type, data) };
    tickShop(scope, now);
    // After the orders have moved: the daily finance close sees every transition that was due.
    advanceFinance(store.commerce, shop, now);
  }
}
