import { nextId } from "./ids.ts";
import type { Scope } from "./scope.ts";
import type { LineItem, Order, OrderStatus, Package, PackageStage, ShopCommerce, Sku } from "./state.ts";

/**
 * The order state machine. UNPAID, ON_HOLD and CANCELLED are set explicitly by payment, hold
 * release and cancellation; every other status is derived from where the order's packages are,
 * so shipping, splitting, carrier scans and cancellations of single units all land on the status
 * TikTok would show without each operation re-implementing the rules.
 */

export const HOLD_SECONDS = 3600;
export const UNPAID_TIMEOUT_SECONDS = 24 * 3600;
/** TikTok's default handling time: ship within three days of the order becoming shippable. */
export const SHIP_WITHIN_SECONDS = 3 * 24 * 3600;
/** After delivery, the order completes when the return window closes. */
export const COMPLETE_AFTER_DELIVERY_SECONDS = 15 * 24 * 3600;

export function activeLines(order: Order): LineItem[] {
  return order.lineItems.filter((line) => !line.cancelled);
}

export function packageOf(shop: ShopCommerce, line: LineItem): Package | undefined {
  return line.packageId ? shop.packages[line.packageId] : undefined;
}

export function lineStage(shop: ShopCommerce, line: LineItem): PackageStage {
  if (line.cancelled) return "CANCELLED";
  return packageOf(shop, line)?.stage ?? "UNSHIPPED";
}

export function isShipped(stage: PackageStage): boolean {
  return stage === "AWAITING_COLLECTION" || stage === "IN_TRANSIT" || stage === "DELIVERED";
}

export function orderPackages(shop: ShopCommerce, order: Order): Package[] {
  const ids = new Set(order.lineItems.flatMap((line) => (line.packageId ? [line.packageId] : [])));
  return [...ids].flatMap((id) => {
    const pkg = shop.packages[id];
    return pkg ? [pkg] : [];
  });
}

export function deriveStatus(shop: ShopCommerce, order: Order): OrderStatus {
  if (order.status === "UNPAID" || order.status === "ON_HOLD" || order.status === "CANCELLED")
    return order.status;
  const stages = activeLines(order).map((line) => lineStage(shop, line));
  if (stages.length === 0) return "CANCELLED";
  const unshipped = stages.filter((stage) => stage === "UNSHIPPED").length;
  if (unshipped === stages.length) return "AWAITING_SHIPMENT";
  if (unshipped > 0) return "PARTIALLY_SHIPPING";
  if (stages.includes("AWAITING_COLLECTION")) return "AWAITING_COLLECTION";
  if (stages.includes("IN_TRANSIT")) return "IN_TRANSIT";
  return order.completedTime !== null ? "COMPLETED" : "DELIVERED";
}

export function emitOrderStatus(scope: Scope, order: Order): void {
  scope.emit(1, {
    order_id: order.id,
    order_status: order.status,
    is_on_hold_order: order.isOnHoldOrder,
    update_time: order.updateTime,
  });
}

/** Sets an explicit status (payment, hold, cancellation) and notifies. */
export function setStatus(scope: Scope, order: Order, status: OrderStatus, at: number): void {
  if (order.status === status) return;
  order.status = status;
  order.updateTime = Math.max(order.updateTime, at);
  emitOrderStatus(scope, order);
}

/**
 * Recomputes a shipped-side status after packages moved, fills the order's milestone times and
 * notifies when the status changed. Returns whether it did.
 */
export function refreshOrder(scope: Scope, order: Order, at: number): boolean {
  const packages = orderPackages(scope.shop, order).filter((pkg) => pkg.stage !== "CANCELLED");
  const shippedTimes = packages.flatMap((pkg) => (pkg.shippedTime !== null ? [pkg.shippedTime] : []));
  const collectedTimes = packages.flatMap((pkg) => (pkg.collectedTime !== null ? [pkg.collectedTime] : []));
  order.rtsTime = shippedTimes.length > 0 ? Math.min(...shippedTimes) : null;
  order.collectionTime = collectedTimes.length > 0 ? Math.min(...collectedTimes) : null;
  const status = deriveStatus(scope.shop, order);
  if (status === "DELIVERED" || status === "COMPLETED") {
    order.deliveryTime = Math.max(...packages.map((pkg) => pkg.deliveredTime ?? 0));
  }
  if (status === order.status) return false;
  order.status = status;
  order.updateTime = Math.max(order.updateTime, at);
  emitOrderStatus(scope, order);
  return true;
}

// ---- packages ---------------------------------------------------------------------------------

/** A new, unshipped package for some units of one order. */
export function createPackage(
  scope: Scope,
  order: Order,
  lines: LineItem[],
  at: number,
  tag: Package["splitAndCombineTag"] = "DEFAULT",
): Package {
  const pkg: Package = {
    id: nextId(scope.state, "package"),
    orderIds: [order.id],
    lineItemIds: lines.map((line) => line.id),
    stage: "UNSHIPPED",
    createTime: at,
    updateTime: at,
    shippingType: order.shippingType,
    deliveryOptionId: order.deliveryOptionId,
    warehouseId: order.warehouseId,
    shippingProviderId: null,
    trackingNumber: null,
    handoverMethod: "PICKUP",
    pickupSlot: null,
    shippedTime: null,
    collectedTime: null,
    deliveredTime: null,
    splitAndCombineTag: tag,
    shippingServiceId: null,
    dimension: null,
    weight: null,
    tracking: [],
  };
  scope.shop.packages[pkg.id] = pkg;
  for (const line of lines) line.packageId = pkg.id;
  return pkg;
}

/** Removes units of one order from their packages; an emptied unshipped package disappears. */
export function detachLines(scope: Scope, order: Order, lines: LineItem[], at: number): void {
  const orderLineIds = new Set(order.lineItems.map((line) => line.id));
  for (const line of lines) {
    const pkg = packageOf(scope.shop, line);
    line.packageId = null;
    if (!pkg) continue;
    pkg.lineItemIds = pkg.lineItemIds.filter((id) => id !== line.id);
    pkg.updateTime = at;
    if (!pkg.lineItemIds.some((id) => orderLineIds.has(id))) {
      pkg.orderIds = pkg.orderIds.filter((id) => id !== order.id);
      // A combined package left with one order is an ordinary package again.
      if (pkg.splitAndCombineTag === "COMBINE" && pkg.orderIds.length === 1) {
        pkg.splitAndCombineTag = "DEFAULT";
        const remaining = scope.shop.orders[pkg.orderIds[0]!];
        if (remaining) remaining.splitOrCombineTag = null;
      }
    }
    if (pkg.lineItemIds.length === 0) delete scope.shop.packages[pkg.id];
  }
}

// ---- inventory --------------------------------------------------------------------------------

export function findSku(shop: ShopCommerce, skuId: string): { productId: string; sku: Sku } | undefined {
  for (const product of Object.values(shop.products)) {
    const sku = product.skus.find((candidate) => candidate.id === skuId);
    if (sku) return { productId: product.id, sku };
  }
  return undefined;
}

function stockRow(shop: ShopCommerce, skuId: string, warehouseId: string) {
  return findSku(shop, skuId)?.sku.stock.find((row) => row.warehouseId === warehouseId);
}

/** Tracks stock only for seller-fulfilled orders: FBT units sit in TikTok's warehouses. */
function tracksStock(order: Order): boolean {
  return order.fulfillmentType === "FULFILLMENT_BY_SELLER";
}

/** Placing an order moves units from available to committed. */
export function reserveStock(shop: ShopCommerce, order: Order, lines: LineItem[]): void {
  if (!tracksStock(order)) return;
  for (const line of lines) {
    const row = stockRow(shop, line.skuId, order.warehouseId);
    if (!row) continue;
    row.available = Math.max(0, row.available - 1);
    row.committed += 1;
  }
}

/** A cancelled unit goes back on sale. */
export function releaseStock(shop: ShopCommerce, order: Order, lines: LineItem[]): void {
  if (!tracksStock(order)) return;
  for (const line of lines) {
    const row = stockRow(shop, line.skuId, order.warehouseId);
    if (!row) continue;
    row.committed = Math.max(0, row.committed - 1);
    row.available += 1;
  }
}

/** A shipped unit has left the warehouse. */
export function consumeStock(shop: ShopCommerce, order: Order, lines: LineItem[]): void {
  if (!tracksStock(order)) return;
  for (const line of lines) {
    const row = stockRow(shop, line.skuId, order.warehouseId);
    if (row) row.committed = Math.max(0, row.committed - 1);
  }
}
