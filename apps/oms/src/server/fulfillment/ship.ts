import { isTikTokShopError } from "@tts-kit/tiktok-shop";
import { refreshOrders } from "../orders/sync.ts";
import type { ShopContext } from "./context.ts";
import {
  FulfillmentError,
  mapTikTokRefusal,
  orderNotFound,
  UPDATE_WINDOW_SECONDS,
  updateWindowError,
} from "./errors.ts";
import {
  type NewNotification,
  recordShipment,
  type ShipmentNotification,
  setShipmentTracking,
} from "./history.ts";
import {
  assertShippable,
  holdUntilOf,
  itemsOf,
  lineState,
  modeOf,
  packageHolding,
  type TikTokLine,
  type TikTokOrder,
  unshippedLines,
} from "./order-model.ts";
import { assertReadyFor3pl, planShipment } from "./plan.ts";
import { requireTrackingNumber } from "./tracking.ts";

/**
 * The fulfilment actions, each: re-read the order from TikTok, refuse what TikTok would refuse (with
 * the seller-facing reason, before any write), call TikTok, mirror the orders again (refreshOrders)
 * and record the shipment notification (OMS-R2).
 *
 * 3PL (seller's carrier): US shops use Mark Package As Shipped per order and line items; other
 * markets ship the package with Ship Package + `self_shipment` (splitting first when only some
 * units go), as the ARD's ORD-3PL-FULFILL row says. A package combined from several orders is
 * shipped once with Ship Package everywhere, since Mark Package As Shipped names one order.
 * 4PL (TikTok Shipping): Get Eligible Shipping Service → Create Packages (US), or Ship Package
 * with a handover method for packages TikTok already made (split or combined in Seller Center).
 */

export type Via = ShipmentNotification["via"];

export interface ShipOutcome {
  notification: ShipmentNotification;
  orders: TikTokOrder[];
}

export async function loadOrders(ctx: ShopContext, orderIds: string[]): Promise<TikTokOrder[]> {
  try {
    return await refreshOrders(ctx.db, ctx.client, ctx.shopId, orderIds, ctx.now());
  } catch (error) {
    throw mapTikTokRefusal(error, { orderId: orderIds.join(", ") });
  }
}

export async function loadOrder(ctx: ShopContext, orderId: string): Promise<TikTokOrder> {
  const [order] = await loadOrders(ctx, [orderId]);
  if (!order) throw orderNotFound(orderId);
  return order;
}

function pickLines(order: TikTokOrder, lineItemIds: string[] | undefined): TikTokLine[] {
  if (!lineItemIds || lineItemIds.length === 0) return unshippedLines(order);
  const seen = new Set<string>();
  return lineItemIds.map((id) => {
    const line = order.line_items.find((candidate) => candidate.id === id);
    if (!line) {
      throw new FulfillmentError(400, "line_not_in_order", `Item ${id} is not part of order ${order.id}.`);
    }
    if (seen.has(id)) throw new FulfillmentError(400, "line_twice", `Item ${id} is listed twice.`);
    seen.add(id);
    const state = lineState(line);
    if (state !== "unshipped") {
      throw new FulfillmentError(
        409,
        "line_not_shippable",
        state === "cancelled"
          ? `Item ${id} (${line.product_name ?? line.sku_id}) was cancelled; it cannot be shipped.`
          : `Item ${id} (${line.product_name ?? line.sku_id}) has already shipped${line.tracking_number ? ` with tracking ${line.tracking_number}` : ""}.`,
      );
    }
    return line;
  });
}

function requireMode(order: TikTokOrder, mode: "3PL" | "4PL"): void {
  const actual = modeOf(order);
  if (actual === mode) return;
  if (actual === "FBT") assertShippable(order);
  throw new FulfillmentError(
    409,
    "wrong_shipping_type",
    mode === "3PL"
      ? "This order ships via TikTok Shipping: buy its label (or arrange the handover) instead of entering a tracking number."
      : "This order is shipped by you with your own carrier: enter the tracking number instead of buying a TikTok label.",
  );
}

/** Refuses to ship part of a package that is combined with other orders. */
function assertNotCombined(order: TikTokOrder, lines: TikTokLine[], others: Map<string, string[]>): void {
  for (const line of lines) {
    const orders = line.package_id ? others.get(line.package_id) : undefined;
    if (orders && orders.length > 1) {
      throw new FulfillmentError(
        409,
        "package_combined",
        `These items are in package ${line.package_id}, combined with order${orders.length > 2 ? "s" : ""} ${orders.filter((id) => id !== order.id).join(", ")}. Ship the combined package, or uncombine it first.`,
      );
    }
  }
}

async function packageOrders(ctx: ShopContext, packageIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  for (const id of new Set(packageIds)) {
    const detail = await ctx.client.fulfillment.getPackageDetail({ params: { package_id: id } });
    result.set(
      id,
      detail.orders.map((o) => o.id),
    );
  }
  return result;
}

function firstTracking(order: TikTokOrder | undefined, packageId: string | null) {
  const line = order?.line_items.find((l) => packageId && l.package_id === packageId);
  return {
    trackingNumber: line?.tracking_number || null,
    carrier: line?.shipping_provider_id
      ? { id: line.shipping_provider_id, name: line.shipping_provider_name ?? line.shipping_provider_id }
      : null,
  };
}

async function finish(
  ctx: ShopContext,
  orderIds: string[],
  primary: string,
  notification: Omit<NewNotification, "status" | "orderIds" | "orderId" | "sentAt">,
  options: { shippingServiceId?: string | null; refresh?: boolean } = {},
): Promise<ShipOutcome> {
  // A batch re-reads its orders 50 at a time at the end instead (deferred refresh).
  const orders =
    options.refresh === false ? [] : await refreshOrders(ctx.db, ctx.client, ctx.shopId, orderIds, ctx.now());
  const main = orders.find((o) => o.id === primary);
  const record = await recordShipment(
    ctx.db,
    ctx.shopId,
    ctx.sellerId,
    {
      ...notification,
      orderId: primary,
      orderIds,
      status: main ? String(main.status) : null,
      sentAt: ctx.now(),
    },
    options.shippingServiceId ?? null,
  );
  return { notification: record, orders };
}

export interface ShipLinesInput {
  orderId: string;
  lineItemIds?: string[];
  trackingNumber: unknown;
  confirmUnusualTracking?: boolean;
  via: Via;
  /** The order as just read from TikTok (batches read 50 at a time). */
  preloaded?: TikTokOrder;
  /** Leave re-reading the order to the caller (a batch does it 50 orders at a time). */
  deferRefresh?: boolean;
}

/** 3PL: ships some or all of an order's unshipped units with the planned carrier. */
export async function shipOrderLines(ctx: ShopContext, input: ShipLinesInput): Promise<ShipOutcome> {
  const order = input.preloaded ?? (await loadOrder(ctx, input.orderId));
  assertShippable(order);
  requireMode(order, "3PL");
  const lines = pickLines(order, input.lineItemIds);
  const plan = await planShipment(ctx, order);
  const carrier = assertReadyFor3pl(plan);
  const trackingNumber = requireTrackingNumber(
    input.trackingNumber,
    carrier.name,
    input.confirmUnusualTracking ?? false,
  );
  const lineIds = lines.map((line) => line.id);
  // Only an order TikTok tags as combined can share a package with another order.
  if (order.split_or_combine_tag === "COMBINED") {
    const packaged = lines.flatMap((line) => (line.package_id ? [line.package_id] : []));
    assertNotCombined(order, lines, await packageOrders(ctx, packaged));
  }

  let packageId: string | null = null;
  let warning: string | null = null;
  let operation: string;
  try {
    if (ctx.region === "US") {
      operation = "Mark Package As Shipped";
      const result = await ctx.client.fulfillment.markPackageAsShipped({
        params: { order_id: order.id },
        body: {
          tracking_number: trackingNumber,
          shipping_provider_id: carrier.id,
          order_line_item_ids: lineIds,
        },
      });
      packageId = result.package_id ?? null;
      warning = result.warning?.message ?? null;
    } else {
      operation = "Ship Package";
      packageId = packageHolding(order, lineIds) ?? (await splitOff(ctx, order, lineIds));
      await ctx.client.fulfillment.shipPackage({
        params: { package_id: packageId },
        body: { self_shipment: { tracking_number: trackingNumber, shipping_provider_id: carrier.id } },
      });
    }
  } catch (error) {
    throw mapTikTokRefusal(error, { holdUntil: holdUntilOf(order), orderId: order.id });
  }
  return finish(
    ctx,
    [order.id],
    order.id,
    {
      packageId,
      action: "ship",
      mode: "3PL",
      via: input.via,
      operation,
      trackingNumber,
      carrier: { id: carrier.id, name: carrier.name },
      service: String(order.delivery_option_name || "Shipped by seller"),
      items: itemsOf(lines),
      warning,
      rule: plan.rule,
    },
    { refresh: !input.deferRefresh },
  );
}

/**
 * Outside the US, TikTok makes the packages; shipping only some units means splitting them into
 * a package of their own first (Split Orders), the rest staying in another.
 */
async function splitOff(ctx: ShopContext, order: TikTokOrder, lineIds: string[]): Promise<string> {
  const rest = unshippedLines(order)
    .map((line) => line.id)
    .filter((id) => !lineIds.includes(id));
  if (rest.length === 0) {
    throw new FulfillmentError(
      409,
      "ship_per_package",
      "These items are in several packages on TikTok Shop; ship each package on its own.",
    );
  }
  const result = await ctx.client.fulfillment.splitOrders({
    params: { order_id: order.id },
    body: {
      splittable_groups: [
        { id: "ship", order_line_item_ids: lineIds },
        { id: "rest", order_line_item_ids: rest },
      ],
    },
  });
  const created = result.packages.find((p) => p.splittable_group_id === "ship");
  if (!created) throw new FulfillmentError(502, "split_failed", "TikTok Shop did not split the order.");
  return created.id;
}

export interface ShipPackageInput {
  packageId: string;
  trackingNumber?: unknown;
  confirmUnusualTracking?: boolean;
  handoverMethod?: "PICKUP" | "DROP_OFF";
  via: Via;
}

/**
 * Ships a package TikTok already holds: one made by a split or combine in Seller Center, a combined
 * package, or any package of the order page. Seller-shipped packages need a tracking number;
 * TikTok Shipping packages get TikTok's carrier and tracking number (then a label).
 */
export async function shipExistingPackage(ctx: ShopContext, input: ShipPackageInput): Promise<ShipOutcome> {
  const detail = await ctx.client.fulfillment
    .getPackageDetail({ params: { package_id: input.packageId } })
    .catch((error: unknown) => {
      if (isTikTokShopError(error) && error.code === 21008111)
        throw new FulfillmentError(
          404,
          "package_not_found",
          `Package ${input.packageId} was not found in this shop.`,
        );
      throw error;
    });
  const orderIds = detail.orders.map((o) => o.id);
  const orders = await loadOrders(ctx, orderIds);
  for (const order of orders) assertShippable(order);
  const status = String(detail.package_status ?? "");
  if (status !== "PROCESSING" && status !== "TO_FULFILL") {
    throw new FulfillmentError(
      409,
      "already_shipped",
      `Package ${input.packageId} has already shipped${detail.tracking_number ? ` with tracking ${detail.tracking_number}` : ""}.`,
    );
  }
  const primary = orders[0];
  if (!primary)
    throw new FulfillmentError(404, "package_not_found", `Package ${input.packageId} holds no order.`);
  const lineIds = detail.order_line_item_ids;
  const lines = orders.flatMap((order) => order.line_items.filter((line) => lineIds.includes(line.id)));

  if (detail.shipping_type === "SELLER" || modeOf(primary) === "3PL") {
    // One order in the US: the ARD's call for seller shipping, with the package's own units.
    if (ctx.region === "US" && orders.length === 1) {
      return shipOrderLines(ctx, {
        orderId: primary.id,
        lineItemIds: lineIds,
        trackingNumber: input.trackingNumber,
        confirmUnusualTracking: input.confirmUnusualTracking ?? false,
        via: input.via,
      });
    }
    const plan = await planShipment(ctx, primary);
    const carrier = assertReadyFor3pl(plan);
    const trackingNumber = requireTrackingNumber(
      input.trackingNumber,
      carrier.name,
      input.confirmUnusualTracking ?? false,
    );
    try {
      await ctx.client.fulfillment.shipPackage({
        params: { package_id: input.packageId },
        body: { self_shipment: { tracking_number: trackingNumber, shipping_provider_id: carrier.id } },
      });
    } catch (error) {
      throw mapTikTokRefusal(error, { holdUntil: holdUntilOf(primary) });
    }
    return finish(ctx, orderIds, primary.id, {
      packageId: input.packageId,
      action: "ship",
      mode: "3PL",
      via: input.via,
      operation: "Ship Package",
      trackingNumber,
      carrier: { id: carrier.id, name: carrier.name },
      service: String(primary.delivery_option_name || detail.delivery_option_name || "Shipped by seller"),
      items: itemsOf(lines),
      warning: null,
      rule: plan.rule,
    });
  }

  // TikTok Shipping: TikTok assigns the carrier and the tracking number.
  try {
    await ctx.client.fulfillment.shipPackage({
      params: { package_id: input.packageId },
      body: { handover_method: input.handoverMethod ?? "PICKUP" },
    });
  } catch (error) {
    throw mapTikTokRefusal(error, { holdUntil: holdUntilOf(primary) });
  }
  const outcome = await finish(ctx, orderIds, primary.id, {
    packageId: input.packageId,
    action: "handover",
    mode: "4PL",
    via: input.via,
    operation: "Ship Package",
    trackingNumber: null,
    carrier: null,
    service: String(detail.delivery_option_name || primary.delivery_option_name || "TikTok Shipping"),
    items: itemsOf(lines),
    warning: null,
    rule: null,
  });
  return withTracking(ctx, outcome, input.packageId);
}

/** TikTok's carrier and tracking number, once TikTok assigned them, go into the notification. */
async function withTracking(ctx: ShopContext, outcome: ShipOutcome, packageId: string): Promise<ShipOutcome> {
  const main = outcome.orders.find((o) => o.id === outcome.notification.orderId);
  const { trackingNumber, carrier } = firstTracking(main, packageId);
  if (!trackingNumber) return outcome;
  await setShipmentTracking(ctx.db, outcome.notification.id, trackingNumber, carrier);
  return { ...outcome, notification: { ...outcome.notification, trackingNumber, carrier } };
}

// ---- tracking corrections (ORD-3PL-UPDATE) --------------------------------------------------

export interface UpdateTrackingInput {
  orderId: string;
  packageId: string;
  trackingNumber: unknown;
  shippingProviderId: string;
  confirmUnusualTracking?: boolean;
}

export async function updateTracking(ctx: ShopContext, input: UpdateTrackingInput): Promise<ShipOutcome> {
  const order = await loadOrder(ctx, input.orderId);
  if (modeOf(order) === "FBT") assertShippable(order);
  const lines = order.line_items.filter((line) => line.package_id === input.packageId);
  if (lines.length === 0) {
    throw new FulfillmentError(
      404,
      "package_not_found",
      `Package ${input.packageId} is not part of order ${order.id}.`,
    );
  }
  if (order.shipping_type !== "SELLER") {
    throw new FulfillmentError(
      409,
      "wrong_shipping_type",
      "TikTok Shipping assigned this package's carrier and tracking number; only packages you ship with your own carrier can be corrected.",
    );
  }
  if (!lines.some((line) => lineState(line) === "shipped")) {
    throw new FulfillmentError(
      409,
      "not_shipped",
      `Package ${input.packageId} has not shipped yet: ship it first.`,
    );
  }
  const shippedAt = Math.min(...lines.map((line) => Number(line.rts_time ?? Number.POSITIVE_INFINITY)));
  const shipped = Number.isFinite(shippedAt) ? shippedAt : null;
  // The 72-hour rule is checked here first, so an expired correction never reaches TikTok.
  if (shipped !== null && ctx.now() - shipped > UPDATE_WINDOW_SECONDS) throw updateWindowError(shipped);
  if (order.status === "DELIVERED" || order.status === "COMPLETED") {
    throw new FulfillmentError(
      409,
      "delivered",
      "This order has been delivered; its tracking details are final.",
    );
  }
  const providers = await ctx.providers(String(order.delivery_option_id ?? ""));
  const provider = providers.find((p) => p.id === input.shippingProviderId);
  if (!provider) {
    throw new FulfillmentError(
      400,
      "carrier_invalid",
      `That carrier does not serve "${order.delivery_option_name || "this delivery option"}". Choose one of: ${providers.map((p) => p.name).join(", ")}.`,
      { field: "shippingProviderId" },
    );
  }
  const trackingNumber = requireTrackingNumber(
    input.trackingNumber,
    provider.name,
    input.confirmUnusualTracking ?? false,
  );
  const shippedPackages = new Set(
    order.line_items.filter((line) => lineState(line) === "shipped").map((line) => line.package_id),
  );
  const combined = (await packageOrders(ctx, [input.packageId])).get(input.packageId) ?? [order.id];
  // One shipped package of this order alone: the order-level call; otherwise the package's.
  const byOrder = shippedPackages.size === 1 && combined.length === 1;
  try {
    if (byOrder) {
      await ctx.client.fulfillment.updateShippingInfo({
        params: { order_id: order.id },
        body: { tracking_number: trackingNumber, shipping_provider_id: provider.id },
      });
    } else {
      await ctx.client.fulfillment.updatePackageShippingInfo({
        params: { package_id: input.packageId },
        body: { tracking_number: trackingNumber, shipping_provider_id: provider.id },
      });
    }
  } catch (error) {
    throw mapTikTokRefusal(error, { shippedAt: shipped, orderId: order.id });
  }
  return finish(ctx, combined, order.id, {
    packageId: input.packageId,
    action: "update",
    mode: "3PL",
    via: "fulfil",
    operation: byOrder ? "Update Shipping Info" : "Update Package Shipping Info",
    trackingNumber,
    carrier: provider,
    service: String(order.delivery_option_name || "Shipped by seller"),
    items: itemsOf(lines),
    warning: null,
    rule: null,
  });
}
