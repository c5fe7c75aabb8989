import { type Handler, type HandlerContext, ok } from "../handler.ts";
import { looksLikeTrackingNumber } from "./carriers.ts";
import { attempt, CommerceError, codes, messages, raise } from "./errors.ts";
import {
  assertProvider,
  assertShippable,
  assertTrackingNumber,
  collectPackage,
  combineKey,
  combineOrders,
  deliverPackage,
  ordersOfPackage,
  packageForLines,
  pickUnshippedLines,
  type ShipOptions,
  shipPackage,
  soleUnshippedPackage,
  splitOrder,
  uncombine,
} from "./fulfillment-ops.ts";
import { renderPackageDetail, renderPackageSummary } from "./fulfillment-view.ts";
import { nextId } from "./ids.ts";
import { labelPath } from "./label-pdf.ts";
import { activeLines, lineStage } from "./order-model.ts";
import { packageStatus } from "./order-view.ts";
import { pageSize, paginate, sortByKey } from "./paging.ts";
import { asObj, idList, num, type Obj, objList, str } from "./params.ts";
import type { Scope } from "./scope.ts";
import { defaultParcel, eligibleServices, type Parcel, renderService } from "./shipping-services.ts";
import { requireOrder, shopOf } from "./shop-data.ts";
import type { Order, Package, ShopCommerce } from "./state.ts";

/** Fulfillment endpoints (reference §5.3). */

const MARK_AS_SHIPPED_MARKETS = new Set(["US", "GB", "ES", "IE", "IT", "DE", "FR", "JP"]);
const SEA_MARKETS = new Set(["ID", "MY", "PH", "SG", "TH", "VN"]);
/** Sellers may correct a seller-shipped package's tracking details for 72 hours. */
export const SHIPPING_INFO_WINDOW_SECONDS = 72 * 3600;

function scopeOf(ctx: HandlerContext): Scope {
  return { state: ctx.store.commerce, shop: shopOf(ctx), emit: ctx.emit };
}

export function requirePackage(shop: ShopCommerce, packageId: string): Package {
  const pkg = shop.packages[packageId];
  if (!pkg) raise(codes.notBelong, messages.notBelong);
  return pkg;
}

function regionUnsupported(): never {
  raise(codes.regionUnsupported, messages.regionUnsupported);
}

function readShipOptions(body: Obj): ShipOptions {
  const options: ShipOptions = {};
  const method = str(body.handover_method);
  if (method === "PICKUP" || method === "DROP_OFF") options.handoverMethod = method;
  const slot = asObj(body.pickup_slot);
  const start = num(slot.start_time);
  const end = num(slot.end_time);
  if (start !== undefined && end !== undefined) options.pickupSlot = { startTime: start, endTime: end };
  const self = body.self_shipment === undefined ? undefined : asObj(body.self_shipment);
  if (self) {
    options.selfShipment = {
      trackingNumber: str(self.tracking_number) ?? "",
      providerId: str(self.shipping_provider_id) ?? "",
    };
  }
  return options;
}

function readParcel(body: Obj, fallback: Parcel): Parcel {
  const dimension = asObj(body.dimension);
  const weight = asObj(body.weight);
  const parcel: Parcel = {
    dimension: {
      length: str(dimension.length) ?? fallback.dimension.length,
      width: str(dimension.width) ?? fallback.dimension.width,
      height: str(dimension.height) ?? fallback.dimension.height,
      unit: dimension.unit === "INCH" ? "INCH" : dimension.unit === "CM" ? "CM" : fallback.dimension.unit,
    },
    weight: {
      value: str(weight.value) ?? fallback.weight.value,
      unit: weight.unit === "POUND" ? "POUND" : weight.unit === "GRAM" ? "GRAM" : fallback.weight.unit,
    },
  };
  for (const value of [
    parcel.dimension.length,
    parcel.dimension.width,
    parcel.dimension.height,
    parcel.weight.value,
  ]) {
    if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) {
      raise(
        codes.invalidParam,
        "Invalid param error. dimension and weight values must be positive decimal strings.",
        400,
      );
    }
  }
  return parcel;
}

// ---- read side ------------------------------------------------------------------------------

const searchPackages: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const filter = asObj(ctx.body);
    const status = str(filter.package_status);
    const createGe = num(filter.create_time_ge);
    const createLt = num(filter.create_time_lt);
    const updateGe = num(filter.update_time_ge);
    const updateLt = num(filter.update_time_lt);
    const matching = Object.values(shop.packages).filter(
      (pkg) =>
        (status === undefined || packageStatus(pkg.stage) === status) &&
        (createGe === undefined || pkg.createTime >= createGe) &&
        (createLt === undefined || pkg.createTime < createLt) &&
        (updateGe === undefined || pkg.updateTime >= updateGe) &&
        (updateLt === undefined || pkg.updateTime < updateLt),
    );
    const field = str(ctx.query.sort_field) ?? "create_time";
    const descending = str(ctx.query.sort_order) !== "ASC";
    const paidTime = (pkg: Package) =>
      Math.min(...ordersOfPackage(shop, pkg).map((order) => order.paidTime ?? 0));
    const key = (pkg: Package) => ({
      value:
        field === "update_time"
          ? pkg.updateTime
          : field === "order_pay_time"
            ? paidTime(pkg)
            : pkg.createTime,
      id: pkg.id,
    });
    const page = paginate(sortByKey(matching, key, descending), {
      pageSize: pageSize(ctx.query.page_size, 20, 50),
      token: str(ctx.query.page_token),
      descending,
      key,
      query: { filter, field, descending },
    });
    return ok({
      packages: page.items.map((pkg) => renderPackageSummary(shop, pkg)),
      next_page_token: page.nextPageToken,
      total_count: page.totalCount,
    });
  });

const getPackageDetail: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    return ok(renderPackageDetail(shop, requirePackage(shop, String(ctx.params.package_id))));
  });

const getTracking: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const order = requireOrder(shop, String(ctx.params.order_id));
    const ids = new Set(order.lineItems.flatMap((line) => (line.packageId ? [line.packageId] : [])));
    const events = [...ids]
      .flatMap((id) => shop.packages[id]?.tracking ?? [])
      .sort((a, b) => b.time - a.time)
      .map((event) => ({ description: event.description, update_time_millis: event.time * 1000 }));
    return ok({ tracking: events });
  });

/** Carrier pickup windows for the next three days, in the market's working hours. */
function handoverSlots(shop: ShopCommerce, now: number) {
  const utcOffsetHours = shop.region === "US" ? -6 : shop.region === "GB" ? 0 : 8;
  const dayStart = Math.floor((now + utcOffsetHours * 3600) / 86400) * 86400 - utcOffsetHours * 3600;
  const slots: Array<{ start_time: number; end_time: number; avaliable: boolean }> = [];
  for (let day = 0; day < 4 && slots.length < 6; day++) {
    for (const [from, to] of [
      [9, 12],
      [13, 17],
    ] as const) {
      const start = dayStart + day * 86400 + from * 3600;
      if (start <= now) continue;
      if (slots.length < 6)
        slots.push({ start_time: start, end_time: dayStart + day * 86400 + to * 3600, avaliable: true });
    }
  }
  const dropOff: Record<string, string> = {
    US: "https://tools.usps.com/find-location.htm",
    GB: "https://www.royalmail.com/services-near-you",
  };
  return {
    can_pickup: true,
    can_drop_off: true,
    can_van_collection: shop.region === "GB",
    drop_off_point_url: dropOff[shop.region] ?? "",
    pickup_slots: slots,
  };
}

const getPackageHandoverTimeSlots: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const pkg = requirePackage(shop, String(ctx.params.package_id));
    if (pkg.stage !== "UNSHIPPED")
      raise(codes.packageStatus, `The package ${pkg.id} has already been shipped.`);
    if (pkg.shippingType !== "TIKTOK") {
      raise(codes.shippingTypeMismatch, "Handover time slots apply to TikTok Shipping packages only.");
    }
    return ok(handoverSlots(shop, ctx.now));
  });

const getOrderHandoverTimeSlots: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    const order = requireOrder(scope.shop, String(ctx.params.order_id));
    assertShippable(order);
    if (order.shippingType !== "TIKTOK") {
      raise(codes.shippingTypeMismatch, "Handover time slots apply to TikTok Shipping orders only.");
    }
    pickUnshippedLines(scope, order, idList(ctx.query.order_line_item_ids));
    return ok(handoverSlots(scope.shop, ctx.now));
  });

const getShippingDocument: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const pkg = requirePackage(shop, String(ctx.params.package_id));
    const type = str(ctx.query.document_type) ?? "SHIPPING_LABEL";
    const format = str(ctx.query.document_format) ?? "PDF";
    const size = str(ctx.query.document_size) ?? "A6";
    if ((type === "INVOICE_LABEL" || format === "ZPL") && shop.region !== "BR") regionUnsupported();
    if (pkg.shippingType !== "TIKTOK") {
      raise(
        codes.documentUnavailable,
        "Shipping documents are only available for packages shipped with TikTok Shipping.",
      );
    }
    if (pkg.stage === "UNSHIPPED" || pkg.trackingNumber === null) {
      raise(
        codes.documentUnavailable,
        "The shipping document is available after the package has been shipped.",
      );
    }
    // TikTok answers with an absolute, unauthenticated URL valid for 24 hours.
    return ok({
      doc_url: `${ctx.origin}${labelPath(pkg.id, type, size)}`,
      tracking_number: pkg.trackingNumber,
    });
  });

// ---- shipping -------------------------------------------------------------------------------

const shipOne: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    const pkg = requirePackage(scope.shop, String(ctx.params.package_id));
    shipPackage(scope, pkg, ctx.now, readShipOptions(asObj(ctx.body)));
    return ok({});
  });

const shipBatch: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    const errors: Record<string, unknown>[] = [];
    for (const entry of objList(asObj(ctx.body).packages)) {
      const id = str(entry.id) ?? "";
      try {
        shipPackage(scope, requirePackage(scope.shop, id), ctx.now, readShipOptions(entry));
      } catch (error) {
        if (!(error instanceof CommerceError)) throw error;
        errors.push({ code: error.code, message: error.message, detail: { package_id: id } });
      }
    }
    return ok({ errors });
  });

const markAsShipped: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    if (!MARK_AS_SHIPPED_MARKETS.has(scope.shop.region)) regionUnsupported();
    const order = requireOrder(scope.shop, String(ctx.params.order_id));
    const body = asObj(ctx.body);
    assertShippable(order);
    if (order.shippingType !== "SELLER") {
      raise(
        codes.shippingTypeMismatch,
        "The order uses TikTok Shipping. Ship it with Ship Package or buy a label with Create Packages.",
      );
    }
    const trackingNumber = assertTrackingNumber(str(body.tracking_number));
    const provider = assertProvider(scope.shop, order, str(body.shipping_provider_id) ?? "");
    const lines = pickUnshippedLines(scope, order, idList(body.order_line_item_ids));
    const pkg = packageForLines(scope, order, lines, ctx.now);
    shipPackage(scope, pkg, ctx.now, { selfShipment: { trackingNumber, providerId: provider.id } });
    return ok({
      order_id: order.id,
      package_id: pkg.id,
      order_line_item_ids: lines.map((line) => line.id),
      ...(looksLikeTrackingNumber(provider.trackingFormat, trackingNumber)
        ? {}
        : {
            warning: {
              message: `The tracking number does not look like a ${provider.name} tracking number. Check it, or the buyer may not be able to track the package.`,
            },
          }),
    });
  });

/** Seller-shipped, already shipped, not delivered, and within 72 hours of shipping. */
function correctShippingInfo(scope: Scope, pkg: Package, body: Obj, now: number): void {
  if (pkg.shippingType !== "SELLER") {
    raise(
      codes.shippingTypeMismatch,
      "Only packages shipped by the seller can have their shipping information updated.",
    );
  }
  if (pkg.stage === "UNSHIPPED" || pkg.shippedTime === null) {
    raise(codes.packageStatus, `The package ${pkg.id} has not been shipped yet.`);
  }
  if (now - pkg.shippedTime > SHIPPING_INFO_WINDOW_SECONDS)
    raise(codes.shippingInfoWindow, messages.shippingInfoWindow);
  if (pkg.stage === "DELIVERED" || pkg.stage === "CANCELLED") {
    raise(
      codes.packageStatus,
      `The package ${pkg.id} has been delivered; its shipping information is final.`,
    );
  }
  const trackingNumber = assertTrackingNumber(str(body.tracking_number));
  const provider = assertProvider(scope.shop, pkg, str(body.shipping_provider_id) ?? "");
  pkg.trackingNumber = trackingNumber;
  pkg.shippingProviderId = provider.id;
  pkg.updateTime = now;
  pkg.tracking.push({
    description: `The seller updated the tracking details: ${provider.name} ${trackingNumber}`,
    time: now,
  });
  for (const order of ordersOfPackage(scope.shop, pkg)) order.updateTime = Math.max(order.updateTime, now);
}

const updatePackageShippingInfo: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    correctShippingInfo(
      scope,
      requirePackage(scope.shop, String(ctx.params.package_id)),
      asObj(ctx.body),
      ctx.now,
    );
    return ok({});
  });

const updateOrderShippingInfo: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    const order = requireOrder(scope.shop, String(ctx.params.order_id));
    const shipped = [...new Set(activeLines(order).map((line) => line.packageId))]
      .flatMap((id) => (id && scope.shop.packages[id] ? [scope.shop.packages[id]] : []))
      .filter((pkg) => pkg.shippedTime !== null);
    if (shipped.length === 0) raise(codes.packageStatus, "The order has not been shipped yet.");
    if (shipped.length > 1) {
      raise(
        codes.packageStatus,
        "The order was shipped in several packages; use Update Package Shipping Info per package.",
      );
    }
    correctShippingInfo(scope, shipped[0]!, asObj(ctx.body), ctx.now);
    return ok({});
  });

// ---- TikTok Shipping labels (US) ------------------------------------------------------------

function labelOrder(scope: Scope, orderId: string): Order {
  if (scope.shop.region !== "US") regionUnsupported();
  const order = requireOrder(scope.shop, orderId);
  assertShippable(order);
  if (order.shippingType !== "TIKTOK") {
    raise(
      codes.shippingTypeMismatch,
      "The order is shipped by the seller; TikTok Shipping labels are not available.",
    );
  }
  return order;
}

const getEligibleShippingServices: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    const order = labelOrder(scope, String(ctx.params.order_id));
    const body = asObj(ctx.body);
    const lines = pickUnshippedLines(scope, order, idList(body.order_line_item_ids));
    const parcel = readParcel(body, defaultParcel(scope.shop, lines));
    return ok({
      order_id: order.id,
      order_line_id: lines.map((line) => line.id),
      shipping_services: eligibleServices(scope.shop, order, parcel).map(renderService),
      dimension: parcel.dimension,
      weight: parcel.weight,
    });
  });

const createPackages: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    const body = asObj(ctx.body);
    const order = labelOrder(scope, str(body.order_id) ?? "");
    const lines = pickUnshippedLines(scope, order, idList(body.order_line_item_ids));
    const parcel = readParcel(body, defaultParcel(scope.shop, lines));
    const services = eligibleServices(scope.shop, order, parcel);
    const wanted = str(body.shipping_service_id);
    const service = wanted
      ? services.find((s) => s.id === wanted)
      : (services.find((s) => s.isDefault) ?? services[0]);
    if (!service) {
      raise(
        codes.shippingServiceInvalid,
        "The shipping service is not available for this parcel. Query the eligible services first.",
      );
    }
    const pkg = packageForLines(scope, order, lines, ctx.now);
    pkg.dimension = { ...parcel.dimension };
    pkg.weight = { ...parcel.weight };
    pkg.shippingServiceId = service.id;
    shipPackage(scope, pkg, ctx.now, { providerId: service.providerId });
    return ok({
      package_id: pkg.id,
      order_id: order.id,
      order_line_item_ids: lines.map((line) => line.id),
      create_time: pkg.createTime,
      shipping_service_info: renderService(service),
      dimension: parcel.dimension,
      weight: parcel.weight,
    });
  });

const schedulePackageHandover: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    const body = asObj(ctx.body);
    const order = requireOrder(scope.shop, str(body.order_id) ?? "");
    assertShippable(order);
    if (order.shippingType !== "TIKTOK") {
      raise(codes.shippingTypeMismatch, "Handover scheduling applies to TikTok Shipping orders only.");
    }
    const lines = pickUnshippedLines(scope, order, idList(body.order_line_item_ids));
    const pkg = packageForLines(scope, order, lines, ctx.now);
    shipPackage(scope, pkg, ctx.now, readShipOptions(body));
    const provider = scope.shop.shippingProviders.find((p) => p.id === pkg.shippingProviderId);
    return ok({
      package_id: pkg.id,
      order_id: order.id,
      order_line_item_ids: lines.map((line) => line.id),
      handover_method: pkg.handoverMethod,
      tracking_number: pkg.trackingNumber ?? "",
      shipping_provider_id: provider?.id ?? "",
      shipping_provider_name: provider?.name ?? "",
      create_time: pkg.createTime,
      update_time: pkg.updateTime,
    });
  });

// ---- split and combine ----------------------------------------------------------------------

const getSplitAttributes: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const ids = idList(ctx.query.order_ids) ?? [];
    const attributes = ids.map((id) => {
      const order = requireOrder(shop, id);
      const unshipped = activeLines(order).filter((line) => lineStage(shop, line) === "UNSHIPPED");
      const combined = unshipped.some((line) =>
        line.packageId ? (shop.packages[line.packageId]?.orderIds.length ?? 0) > 1 : false,
      );
      let reason = "";
      if (order.status === "ON_HOLD") reason = "The order is on hold";
      else if (order.status !== "AWAITING_SHIPMENT" && order.status !== "PARTIALLY_SHIPPING") {
        reason = `The order status ${order.status} does not allow splitting`;
      } else if (order.fulfillmentType !== "FULFILLMENT_BY_SELLER")
        reason = "Orders fulfilled by TikTok cannot be split";
      else if (order.isBuyerRequestCancel) reason = "The buyer has requested cancellation";
      else if (combined) reason = "The order is in a combined package";
      else if (unshipped.length < 2) reason = "The order has fewer than two unshipped items";
      return {
        order_id: order.id,
        can_split: reason === "",
        must_split: false,
        must_split_reasons: [],
        reason,
      };
    });
    return ok({ split_attributes: attributes });
  });

const split: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    const order = requireOrder(scope.shop, String(ctx.params.order_id));
    const groups = objList(asObj(ctx.body).splittable_groups).map((group) => ({
      id: str(group.id) ?? "",
      lineIds: idList(group.order_line_item_ids) ?? [],
    }));
    const created = splitOrder(scope, order, groups, ctx.now);
    return ok({
      packages: created.map(({ pkg, groupId }) => ({ id: pkg.id, splittable_group_id: groupId })),
    });
  });

/** Groups of two or more unshipped packages that one buyer could receive in one box. */
export function combinableGroups(shop: ShopCommerce): Array<{ id: string; orderIds: string[] }> {
  const groups = new Map<string, Map<string, Package>>();
  for (const order of Object.values(shop.orders)) {
    const pkg = soleUnshippedPackage(shop, order);
    if (!pkg) continue;
    const key = combineKey(order);
    const packages = groups.get(key) ?? new Map<string, Package>();
    packages.set(pkg.id, pkg);
    groups.set(key, packages);
  }
  return [...groups.values()]
    .filter((packages) => packages.size >= 2)
    .map((packages) => {
      const list = [...packages.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
      return { id: list[0]!.id, orderIds: list.flatMap((pkg) => pkg.orderIds) };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

const searchCombinable: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const groups = combinableGroups(shop);
    const key = (group: { id: string }) => ({ value: 0, id: group.id });
    const page = paginate(groups, {
      pageSize: pageSize(ctx.query.page_size, 20, 50),
      token: str(ctx.query.page_token),
      descending: false,
      key,
      query: "combinable",
    });
    return ok({
      combinable_packages: page.items.map((group) => ({ id: group.id, order_ids: group.orderIds })),
      next_page_token: page.nextPageToken,
      total_count: page.totalCount,
    });
  });

const combine: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    const packages: Record<string, unknown>[] = [];
    const errors: Record<string, unknown>[] = [];
    for (const entry of objList(asObj(ctx.body).combinable_packages)) {
      const id = str(entry.id) ?? "";
      try {
        requirePackage(scope.shop, id);
        const orders = (idList(entry.order_ids) ?? []).map((orderId) => requireOrder(scope.shop, orderId));
        if (!orders.some((order) => order.lineItems.some((line) => line.packageId === id))) {
          raise(
            codes.combineNotAllowed,
            `fulfillment not allow combine package: package ${id} holds none of the orders`,
          );
        }
        const combined = combineOrders(scope, orders, ctx.now, id);
        packages.push({ id: combined.id, order_ids: [...combined.orderIds] });
      } catch (error) {
        if (!(error instanceof CommerceError)) throw error;
        errors.push({ code: error.code, message: error.message, detail: { package_id: id } });
      }
    }
    return ok({ packages, errors });
  });

const uncombinePackage: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    const pkg = requirePackage(scope.shop, String(ctx.params.package_id));
    const result = uncombine(scope, pkg, idList(asObj(ctx.body).order_ids) ?? [], ctx.now);
    return ok({ packages: result.map((p) => ({ id: p.id, order_ids: [...p.orderIds] })) });
  });

// ---- market-specific endpoints --------------------------------------------------------------

/** Seller-fleet delivery updates exist in South-East Asia only. */
const updateDeliveryStatus: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    if (!SEA_MARKETS.has(scope.shop.region)) regionUnsupported();
    const errors: Record<string, unknown>[] = [];
    for (const entry of objList(asObj(ctx.body).packages)) {
      const id = str(entry.id) ?? "";
      try {
        const pkg = requirePackage(scope.shop, id);
        const type = str(entry.delivery_type);
        if (pkg.stage === "UNSHIPPED")
          raise(codes.packageStatus, `The package ${id} has not been shipped yet.`);
        if (type === "DELIVERY_SUCCESS") {
          collectPackage(scope, pkg, ctx.now);
          deliverPackage(scope, pkg, ctx.now);
        } else {
          const reason = str(entry.fail_delivery_reason) ?? "";
          pkg.tracking.push({
            description:
              type === "DELIVERY_FAILED" ? `Delivery attempt failed: ${reason}` : "Proof of delivery updated",
            time: ctx.now,
          });
          pkg.updateTime = ctx.now;
        }
      } catch (error) {
        if (!(error instanceof CommerceError)) throw error;
        errors.push({ code: error.code, message: error.message, detail: { package_id: id } });
      }
    }
    return ok({ errors });
  });

/** NF-e invoices are a Brazilian requirement. */
const uploadInvoice: Handler = (ctx) =>
  attempt(() => {
    const scope = scopeOf(ctx);
    if (scope.shop.region !== "BR") regionUnsupported();
    const errors: Record<string, unknown>[] = [];
    for (const invoice of objList(asObj(ctx.body).invoices)) {
      for (const orderId of idList(invoice.order_ids) ?? []) {
        if (!scope.shop.orders[orderId]) {
          errors.push({ code: codes.notBelong, message: messages.notBelong, detail: { order_id: orderId } });
        }
      }
    }
    return ok({ errors });
  });

/**
 * First-mile bundles are for cross-border sellers handing shipped parcels to the consolidation
 * warehouse. Seller-level endpoint: no shop_cipher, so orders are looked up in the seller's
 * authorized cross-border shops.
 */
const createFirstMileBundle: Handler = (ctx) =>
  attempt(() => {
    const shops = ctx.authorizedShops
      .filter((shop) => shop.sellerType === "CROSS_BORDER")
      .flatMap((shop) => (ctx.store.commerce.shops[shop.id] ? [ctx.store.commerce.shops[shop.id]!] : []));
    if (shops.length === 0) regionUnsupported();
    const body = asObj(ctx.body);
    const errors: Record<string, unknown>[] = [];
    const accepted = new Map<ShopCommerce, string[]>();
    for (const orderId of idList(body.order_ids) ?? []) {
      const shop = shops.find((candidate) => orderId in candidate.orders);
      const order = shop?.orders[orderId];
      const bundled = shop?.firstMileBundles.some((bundle) => bundle.orderIds.includes(orderId));
      if (!shop || !order) {
        errors.push({ code: codes.notBelong, message: messages.notBelong, detail: { order_id: orderId } });
      } else if (order.status !== "AWAITING_COLLECTION") {
        errors.push({
          code: codes.packageStatus,
          message: "Only shipped orders awaiting collection can be bundled.",
          detail: { order_id: orderId },
        });
      } else if (bundled) {
        errors.push({
          code: codes.packageStatus,
          message: "The order is already in a bundle.",
          detail: { order_id: orderId },
        });
      } else {
        accepted.set(shop, [...(accepted.get(shop) ?? []), orderId]);
      }
    }
    let bundleId = "";
    for (const [shop, orderIds] of accepted) {
      const id = bundleId || nextId(ctx.store.commerce, "bundle");
      bundleId = id;
      shop.firstMileBundles.push({ id, orderIds, createTime: ctx.now });
    }
    return ok({ first_mile_bundle_id: bundleId, errors });
  });

export const fulfillmentHandlers: Record<string, Handler> = {
  "POST /fulfillment/202309/packages/search": searchPackages,
  "GET /fulfillment/202309/packages/{package_id}": getPackageDetail,
  "POST /fulfillment/202309/packages/{package_id}/ship": shipOne,
  "POST /fulfillment/202309/packages/ship": shipBatch,
  "GET /fulfillment/202309/packages/{package_id}/shipping_documents": getShippingDocument,
  "GET /fulfillment/202309/packages/{package_id}/handover_time_slots": getPackageHandoverTimeSlots,
  "GET /fulfillment/202309/orders/{order_id}/handover_time_slots": getOrderHandoverTimeSlots,
  "POST /fulfillment/202309/packages/{package_id}/shipping_info/update": updatePackageShippingInfo,
  "POST /fulfillment/202309/orders/{order_id}/shipping_info/update": updateOrderShippingInfo,
  "POST /fulfillment/202309/orders/{order_id}/packages": markAsShipped,
  "GET /fulfillment/202309/orders/{order_id}/tracking": getTracking,
  "POST /fulfillment/202309/packages/deliver": updateDeliveryStatus,
  "GET /fulfillment/202309/orders/split_attributes": getSplitAttributes,
  "POST /fulfillment/202309/orders/{order_id}/split": split,
  "GET /fulfillment/202309/combinable_packages/search": searchCombinable,
  "POST /fulfillment/202309/packages/combine": combine,
  "POST /fulfillment/202309/packages/{package_id}/uncombine": uncombinePackage,
  "POST /fulfillment/202309/orders/{order_id}/shipping_services/query": getEligibleShippingServices,
  "POST /fulfillment/202309/packages": createPackages,
  "POST /fulfillment/202309/packages/schedule": schedulePackageHandover,
  "POST /fulfillment/202407/bundles": createFirstMileBundle,
  "POST /fulfillment/202502/invoice/upload": uploadInvoice,
};
