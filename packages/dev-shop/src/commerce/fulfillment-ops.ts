import { mintTrackingNumber } from "./carriers.ts";
import { codes, raise } from "./errors.ts";
import {
  activeLines,
  consumeStock,
  createPackage,
  detachLines,
  HOLD_SECONDS,
  lineStage,
  refreshOrder,
  SHIP_WITHIN_SECONDS,
  setStatus,
} from "./order-model.ts";
import { hashInt } from "./rng.ts";
import type { Scope } from "./scope.ts";
import type { DeliveryOption, LineItem, Order, Package, ShippingProvider, ShopCommerce } from "./state.ts";

/**
 * Fulfillment transitions shared by the API handlers, the buyer simulation, the tick and the
 * seeder: payment and hold release, shipping, carrier scans, splitting and combining.
 */

// ---- payment and hold -----------------------------------------------------------------------

/**
 * Payment moves an order to ON_HOLD for one hour (the buyer may still cancel freely), or straight
 * to AWAITING_SHIPMENT on the legacy flow.
 */
export function payOrder(scope: Scope, order: Order, at: number, onHold: boolean): void {
  order.paidTime = at;
  order.isOnHoldOrder = onHold;
  if (onHold) {
    order.holdUntil = at + HOLD_SECONDS;
    order.rtsSlaTime = order.holdUntil + SHIP_WITHIN_SECONDS;
    setStatus(scope, order, "ON_HOLD", at);
  } else {
    order.holdUntil = null;
    order.rtsSlaTime = at + SHIP_WITHIN_SECONDS;
    openForShipping(scope, order, at);
  }
}

/** The hold is over: the address is released and TikTok assigns the order a package. */
export function releaseHold(scope: Scope, order: Order, at: number): void {
  if (order.status !== "ON_HOLD") return;
  openForShipping(scope, order, at);
}

function openForShipping(scope: Scope, order: Order, at: number): void {
  const unpacked = activeLines(order).filter((line) => line.packageId === null);
  if (unpacked.length > 0) createPackage(scope, order, unpacked, at);
  setStatus(scope, order, "AWAITING_SHIPMENT", at);
}

// ---- guards ---------------------------------------------------------------------------------

/** The checks TikTok runs before any seller shipping action on an order. */
export function assertShippable(order: Order): void {
  if (order.status === "ON_HOLD") {
    raise(
      codes.onHold,
      "The order is on hold: the buyer may still cancel it within one hour of payment. Ship it once its status is AWAITING_SHIPMENT.",
    );
  }
  if (order.status === "UNPAID")
    raise(codes.unpaid, "The order has not been paid yet and cannot be shipped.");
  if (order.status === "CANCELLED") raise(codes.orderCancelled, "The order has been cancelled.");
  if (order.fulfillmentType === "FULFILLMENT_BY_TIKTOK") {
    raise(
      codes.fulfilledByTiktok,
      "The order is fulfilled by TikTok (FBT) and is shipped from TikTok's warehouse.",
    );
  }
  if (order.isBuyerRequestCancel) {
    raise(
      codes.pendingCancellation,
      "The buyer has requested to cancel this order. Approve or reject the cancellation request first.",
    );
  }
}

export function deliveryOptionOf(shop: ShopCommerce, id: string): DeliveryOption | undefined {
  return shop.deliveryOptions.find((option) => option.id === id);
}

export function providerOf(shop: ShopCommerce, id: string | null): ShippingProvider | undefined {
  return id === null ? undefined : shop.shippingProviders.find((provider) => provider.id === id);
}

/** A seller-chosen carrier must serve the order's delivery option. */
export function assertProvider(
  shop: ShopCommerce,
  pkgOrOrder: { deliveryOptionId: string },
  providerId: string,
) {
  const option = deliveryOptionOf(shop, pkgOrOrder.deliveryOptionId);
  const provider = providerOf(shop, providerId);
  if (!option || !provider || !option.providerIds.includes(providerId)) {
    raise(
      codes.providerInvalid,
      `The shipping provider ${providerId} is not available for this order's delivery option. Use Get Shipping Providers to list valid ids.`,
    );
  }
  return provider;
}

export function assertTrackingNumber(trackingNumber: string | undefined): string {
  const trimmed = (trackingNumber ?? "").trim();
  if (trimmed === "" || trimmed.length > 64) raise(codes.trackingInvalid, "The tracking number is invalid.");
  return trimmed;
}

export function ordersOfPackage(shop: ShopCommerce, pkg: Package): Order[] {
  return pkg.orderIds.flatMap((id) => {
    const order = shop.orders[id];
    return order ? [order] : [];
  });
}

export function linesOfPackage(shop: ShopCommerce, pkg: Package): Array<{ order: Order; line: LineItem }> {
  const wanted = new Set(pkg.lineItemIds);
  return ordersOfPackage(shop, pkg).flatMap((order) =>
    order.lineItems.filter((line) => wanted.has(line.id)).map((line) => ({ order, line })),
  );
}

// ---- shipping -------------------------------------------------------------------------------

export interface ShipOptions {
  handoverMethod?: "PICKUP" | "DROP_OFF";
  pickupSlot?: { startTime: number; endTime: number } | null;
  /** Required for seller shipping. */
  selfShipment?: { trackingNumber: string; providerId: string };
  /** TikTok shipping: the carrier of a purchased shipping service (default: the option's first). */
  providerId?: string;
  /** TikTok itself dispatches the package (FBT): the seller-side guards do not apply. */
  byPlatform?: boolean;
}

/**
 * Ships an unshipped package. TikTok shipping assigns the carrier and mints the tracking number;
 * seller shipping takes them from `selfShipment`. Either way the order moves to
 * AWAITING_COLLECTION (or PARTIALLY_SHIPPING when other units are still waiting).
 */
export function shipPackage(scope: Scope, pkg: Package, at: number, options: ShipOptions = {}): void {
  const { shop } = scope;
  if (pkg.stage !== "UNSHIPPED") {
    raise(codes.packageStatus, `The package ${pkg.id} has already been shipped or cancelled.`);
  }
  const orders = ordersOfPackage(shop, pkg);
  for (const order of orders) {
    if (!options.byPlatform) assertShippable(order);
    else if (order.status !== "AWAITING_SHIPMENT" && order.status !== "PARTIALLY_SHIPPING") {
      raise(codes.packageStatus, `The order ${order.id} is ${order.status} and cannot be dispatched.`);
    }
  }
  let provider: ShippingProvider | undefined;
  let trackingNumber: string;
  if (pkg.shippingType === "SELLER" && !options.byPlatform) {
    if (!options.selfShipment) {
      raise(
        codes.selfShipmentRequired,
        "This package uses a SEND_BY_SELLER delivery option: self_shipment with tracking_number and shipping_provider_id is required.",
      );
    }
    trackingNumber = assertTrackingNumber(options.selfShipment.trackingNumber);
    provider = assertProvider(shop, pkg, options.selfShipment.providerId);
  } else {
    const option = deliveryOptionOf(shop, pkg.deliveryOptionId);
    provider =
      providerOf(shop, options.providerId ?? option?.providerIds[0] ?? null) ?? shop.shippingProviders[0];
    if (!provider) raise(codes.providerInvalid, "No carrier serves this package's delivery option.");
    trackingNumber = mintTrackingNumber(provider.trackingFormat, pkg.id);
  }
  pkg.stage = "AWAITING_COLLECTION";
  pkg.shippingProviderId = provider.id;
  pkg.trackingNumber = trackingNumber;
  pkg.handoverMethod = options.handoverMethod ?? pkg.handoverMethod;
  pkg.pickupSlot = options.pickupSlot ?? pkg.pickupSlot;
  pkg.shippedTime = at;
  pkg.updateTime = at;
  pkg.tracking.push({
    description:
      pkg.shippingType === "SELLER"
        ? `The seller has shipped the package with ${provider.name}`
        : `Shipping label created; awaiting ${pkg.handoverMethod === "DROP_OFF" ? "drop-off" : "pickup"} by ${provider.name}`,
    time: at,
  });
  for (const order of orders) {
    const shippedLines = order.lineItems.filter((line) => line.packageId === pkg.id);
    consumeStock(shop, order, shippedLines);
    order.updateTime = Math.max(order.updateTime, at);
    refreshOrder(scope, order, at);
  }
}

/**
 * Validates a set of an order's units for a package-level action (they exist, are live and are
 * not shipped yet). Omitted ids mean every unshipped unit.
 */
export function pickUnshippedLines(scope: Scope, order: Order, lineIds: string[] | undefined): LineItem[] {
  if (lineIds === undefined) {
    const lines = activeLines(order).filter((line) => lineStage(scope.shop, line) === "UNSHIPPED");
    if (lines.length === 0) raise(codes.lineItemInvalid, "The order has no unshipped line items.");
    return lines;
  }
  const seen = new Set<string>();
  return lineIds.map((id) => {
    const line = order.lineItems.find((candidate) => candidate.id === id);
    if (!line)
      raise(codes.lineItemInvalid, `The order line item ${id} does not belong to order ${order.id}.`);
    if (seen.has(id)) raise(codes.lineItemInvalid, `The order line item ${id} is listed twice.`);
    seen.add(id);
    if (line.cancelled) raise(codes.lineItemInvalid, `The order line item ${id} has been cancelled.`);
    if (lineStage(scope.shop, line) !== "UNSHIPPED") {
      raise(codes.lineItemInvalid, `The order line item ${id} has already been shipped.`);
    }
    return line;
  });
}

/**
 * The unshipped package holding exactly `lines`, re-packing them when they share a package with
 * other units (which then stay behind in theirs): a subset shipped on its own is a split.
 */
export function packageForLines(scope: Scope, order: Order, lines: LineItem[], at: number): Package {
  const first = lines[0];
  const current = first?.packageId ? scope.shop.packages[first.packageId] : undefined;
  if (
    current &&
    current.orderIds.length === 1 &&
    current.lineItemIds.length === lines.length &&
    lines.every((line) => line.packageId === current.id)
  ) {
    return current;
  }
  const wasCombined = lines.some((line) => {
    const pkg = line.packageId ? scope.shop.packages[line.packageId] : undefined;
    return (pkg?.orderIds.length ?? 0) > 1;
  });
  if (wasCombined) {
    raise(codes.splitInvalid, "The line items are in a combined package. Uncombine the package first.");
  }
  detachLines(scope, order, lines, at);
  const pkg = createPackage(scope, order, lines, at, "SPLIT");
  const siblings = Object.values(scope.shop.packages).filter((other) => other.orderIds.includes(order.id));
  for (const other of siblings) {
    if (other.splitAndCombineTag === "DEFAULT") other.splitAndCombineTag = "SPLIT";
  }
  order.splitOrCombineTag = "SPLIT";
  emitPackageUpdate(scope, "SPLIT", siblings, at);
  return pkg;
}

// ---- split and combine ----------------------------------------------------------------------

export interface SplitGroup {
  id: string;
  lineIds: string[];
}

/** Re-packs an unshipped order into one package per group; every unshipped unit must be placed. */
export function splitOrder(scope: Scope, order: Order, groups: SplitGroup[], at: number) {
  assertShippable(order);
  const unshipped = activeLines(order).filter((line) => lineStage(scope.shop, line) === "UNSHIPPED");
  const combined = unshipped.some((line) => (packageOfLine(scope.shop, line)?.orderIds.length ?? 0) > 1);
  if (combined) raise(codes.splitInvalid, "The order is in a combined package. Uncombine the package first.");
  if (groups.length < 2) raise(codes.splitInvalid, "At least two splittable groups are required.");
  const assigned = new Map<string, string>();
  const groupLines = groups.map((group) => {
    if (group.lineIds.length === 0) raise(codes.splitInvalid, `Splittable group ${group.id} is empty.`);
    const lines = pickUnshippedLines(scope, order, group.lineIds);
    for (const line of lines) {
      if (assigned.has(line.id)) {
        raise(codes.splitInvalid, `The order line item ${line.id} is in more than one splittable group.`);
      }
      assigned.set(line.id, group.id);
    }
    return { group, lines };
  });
  const missing = unshipped.filter((line) => !assigned.has(line.id));
  if (missing.length > 0) {
    raise(
      codes.splitInvalid,
      `Every unshipped line item must be assigned to a group; missing: ${missing.map((line) => line.id).join(",")}.`,
    );
  }
  detachLines(scope, order, unshipped, at);
  const packages = groupLines.map(({ group, lines }) => ({
    pkg: createPackage(scope, order, lines, at, "SPLIT"),
    groupId: group.id,
  }));
  order.splitOrCombineTag = "SPLIT";
  order.updateTime = Math.max(order.updateTime, at);
  emitPackageUpdate(
    scope,
    "SPLIT",
    packages.map(({ pkg }) => pkg),
    at,
  );
  return packages;
}

function packageOfLine(shop: ShopCommerce, line: LineItem): Package | undefined {
  return line.packageId ? shop.packages[line.packageId] : undefined;
}

/** Orders may share a box when one buyer bought them from one warehouse with one delivery option. */
export function combineKey(order: Order): string {
  return `${order.userId}|${order.warehouseId}|${order.deliveryOptionId}|${order.shippingType}`;
}

/** The single unshipped package of an order that could be combined, if it has exactly one. */
export function soleUnshippedPackage(shop: ShopCommerce, order: Order): Package | undefined {
  if (order.status !== "AWAITING_SHIPMENT" || order.isBuyerRequestCancel) return undefined;
  if (order.fulfillmentType !== "FULFILLMENT_BY_SELLER") return undefined;
  const ids = new Set(activeLines(order).map((line) => line.packageId));
  if (ids.size !== 1) return undefined;
  const [id] = [...ids];
  const pkg = id ? shop.packages[id] : undefined;
  return pkg && pkg.stage === "UNSHIPPED" ? pkg : undefined;
}

/** Merges the packages of several orders into one (the given target, or the first order's). */
export function combineOrders(scope: Scope, orders: Order[], at: number, targetId?: string): Package {
  const notAllowed = (why: string): never =>
    raise(codes.combineNotAllowed, `fulfillment not allow combine package: ${why}`);
  if (orders.length < 2) notAllowed("at least two orders are required");
  const packages = orders.map((order) => {
    const pkg = soleUnshippedPackage(scope.shop, order);
    if (!pkg) notAllowed(`order ${order.id} is not awaiting shipment in a single package`);
    return pkg as Package;
  });
  const key = combineKey(orders[0]!);
  if (orders.some((order) => combineKey(order) !== key)) {
    notAllowed("the orders must have the same buyer, warehouse and delivery option");
  }
  const target = packages.find((pkg) => pkg.id === targetId) ?? packages[0]!;
  for (const pkg of packages) {
    if (pkg.id === target.id) continue;
    for (const id of pkg.lineItemIds) if (!target.lineItemIds.includes(id)) target.lineItemIds.push(id);
    for (const id of pkg.orderIds) if (!target.orderIds.includes(id)) target.orderIds.push(id);
    delete scope.shop.packages[pkg.id];
  }
  for (const order of orders) {
    for (const line of activeLines(order)) line.packageId = target.id;
    order.splitOrCombineTag = "COMBINED";
    order.updateTime = Math.max(order.updateTime, at);
  }
  target.splitAndCombineTag = "COMBINE";
  target.updateTime = at;
  emitPackageUpdate(scope, "COMBINE", [target], at);
  return target;
}

/** Takes orders out of a combined package; each leaves with a package of its own. */
export function uncombine(scope: Scope, pkg: Package, orderIds: string[], at: number): Package[] {
  if (pkg.stage !== "UNSHIPPED")
    raise(codes.packageStatus, `The package ${pkg.id} has already been shipped.`);
  if (pkg.orderIds.length < 2) raise(codes.packageStatus, `The package ${pkg.id} is not a combined package.`);
  for (const id of orderIds) {
    if (!pkg.orderIds.includes(id))
      raise(codes.lineItemInvalid, `The order ${id} is not in package ${pkg.id}.`);
  }
  const leaving = orderIds.length >= pkg.orderIds.length ? pkg.orderIds.slice(1) : orderIds;
  const created: Package[] = [];
  for (const orderId of leaving) {
    const order = scope.shop.orders[orderId];
    if (!order) continue;
    const lines = order.lineItems.filter((line) => line.packageId === pkg.id);
    detachLines(scope, order, lines, at);
    created.push(createPackage(scope, order, lines, at));
    order.splitOrCombineTag = null;
    order.updateTime = Math.max(order.updateTime, at);
  }
  if (pkg.orderIds.length === 1) {
    pkg.splitAndCombineTag = "DEFAULT";
    const remaining = scope.shop.orders[pkg.orderIds[0]!];
    if (remaining) remaining.splitOrCombineTag = null;
  }
  pkg.updateTime = at;
  const result = [pkg, ...created];
  emitPackageUpdate(scope, "UNCOMBINE", result, at);
  return result;
}

/** Webhook 4. `role_type` ROLE_USER is what TikTok's sample carries for seller actions. */
export function emitPackageUpdate(scope: Scope, scType: string, packages: Package[], at: number): void {
  scope.emit(4, {
    sc_type: scType,
    role_type: "ROLE_USER",
    package_list: packages.map((pkg) => ({ package_id: pkg.id, order_id_list: [...pkg.orderIds] })),
    update_time: at,
  });
}

// ---- carrier progress -----------------------------------------------------------------------

/** Carrier pickup happens 4-20 hours after shipping (stable per package). */
export function collectionDueAt(pkg: Package): number | null {
  return pkg.shippedTime === null
    ? null
    : pkg.shippedTime + hashInt(`${pkg.id}:collect`, 4 * 3600, 20 * 3600);
}

/** Delivery takes three days plus up to half a day after pickup. */
export function deliveryDueAt(pkg: Package): number | null {
  return pkg.collectedTime === null
    ? null
    : pkg.collectedTime + 3 * 86400 + hashInt(`${pkg.id}:deliver`, 0, 12 * 3600);
}

export function collectPackage(scope: Scope, pkg: Package, at: number): void {
  if (pkg.stage !== "AWAITING_COLLECTION") return;
  const provider = providerOf(scope.shop, pkg.shippingProviderId);
  pkg.stage = "IN_TRANSIT";
  pkg.collectedTime = at;
  pkg.updateTime = at;
  pkg.tracking.push({ description: `Package picked up by ${provider?.name ?? "the carrier"}`, time: at });
  for (const order of ordersOfPackage(scope.shop, pkg)) refreshOrder(scope, order, at);
}

/** Intermediate scans of a package in transit, added by the tick as their time passes. */
export function transitScans(pkg: Package): Array<{ description: string; time: number }> {
  const due = deliveryDueAt(pkg);
  if (pkg.collectedTime === null || due === null) return [];
  return [
    { description: "Arrived at the carrier's sorting facility", time: pkg.collectedTime + 20 * 3600 },
    { description: "Departed the sorting facility", time: pkg.collectedTime + 30 * 3600 },
    { description: "Out for delivery", time: due - 5 * 3600 },
  ];
}

export function addDueScans(pkg: Package, now: number): void {
  for (const scan of transitScans(pkg)) {
    if (scan.time > now) continue;
    if (pkg.tracking.some((event) => event.description === scan.description)) continue;
    pkg.tracking.push(scan);
    pkg.tracking.sort((a, b) => a.time - b.time);
  }
}

export function deliverPackage(scope: Scope, pkg: Package, at: number): void {
  if (pkg.stage !== "IN_TRANSIT") return;
  addDueScans(pkg, at);
  pkg.stage = "DELIVERED";
  pkg.deliveredTime = at;
  pkg.updateTime = at;
  pkg.tracking.push({ description: "Delivered", time: at });
  for (const order of ordersOfPackage(scope.shop, pkg)) refreshOrder(scope, order, at);
}
