import { isTikTokShopError } from "@tts-kit/tiktok-shop";
import type { ShopContext } from "./context.ts";
import { FulfillmentError, mapTikTokRefusal } from "./errors.ts";
import { recordShipment } from "./history.ts";
import { assertShippable, holdUntilOf, itemsOf, lineState, modeOf, type TikTokOrder } from "./order-model.ts";
import { planShipment } from "./plan.ts";
import { loadOrder, loadOrders, type ShipOutcome, type Via } from "./ship.ts";

/**
 * TikTok Shipping (4PL, ORD-4PL-FULFILL): the services TikTok offers for a parcel, buying a label
 * with one of them (Create Packages), and the label PDF itself (Get Package Shipping Document).
 */

export interface Parcel {
  dimension?: { length: string; width: string; height: string; unit: "CM" | "INCH" };
  weight?: { value: string; unit: "GRAM" | "POUND" };
}

export interface ServiceOption {
  id: string;
  name: string;
  price: string | null;
  currency: string | null;
  earliestDays: number | null;
  latestDays: number | null;
  isDefault: boolean;
  carrier: string | null;
}

function require4pl(ctx: ShopContext, order: TikTokOrder): void {
  assertShippable(order);
  if (modeOf(order) !== "4PL") {
    throw new FulfillmentError(
      409,
      "wrong_shipping_type",
      "This order is shipped by you with your own carrier: enter its tracking number instead of buying a TikTok label.",
    );
  }
  if (ctx.region !== "US") {
    throw new FulfillmentError(
      409,
      "labels_us_only",
      "TikTok sells shipping labels through the API in the US only. Arrange the package's pickup or drop-off instead: TikTok then assigns the carrier and the label.",
    );
  }
}

function linesFor(order: TikTokOrder, lineItemIds: string[] | undefined): string[] | undefined {
  if (!lineItemIds?.length) return undefined;
  for (const id of lineItemIds) {
    const line = order.line_items.find((l) => l.id === id);
    if (!line)
      throw new FulfillmentError(400, "line_not_in_order", `Item ${id} is not part of order ${order.id}.`);
    if (lineState(line) !== "unshipped")
      throw new FulfillmentError(
        409,
        "line_not_shippable",
        `Item ${id} has already shipped or was cancelled.`,
      );
  }
  return lineItemIds;
}

/** Orders the services by the rule's preference; the first is what the page preselects. */
export function rankServices(services: ServiceOption[], preference: "default" | "cheapest" | "fastest") {
  const price = (s: ServiceOption) => (s.price === null ? Number.POSITIVE_INFINITY : Number(s.price));
  const days = (s: ServiceOption) => s.latestDays ?? Number.POSITIVE_INFINITY;
  return [...services].sort((a, b) => {
    if (preference === "cheapest") return price(a) - price(b) || days(a) - days(b);
    if (preference === "fastest") return days(a) - days(b) || price(a) - price(b);
    return Number(b.isDefault) - Number(a.isDefault);
  });
}

export async function eligibleServices(
  ctx: ShopContext,
  orderId: string,
  input: { lineItemIds?: string[] } & Parcel,
): Promise<{
  services: ServiceOption[];
  preference: string;
  rule: { id: string; name: string } | null;
  parcel: Parcel;
}> {
  const order = await loadOrder(ctx, orderId);
  require4pl(ctx, order);
  const lines = linesFor(order, input.lineItemIds);
  let data: Awaited<ReturnType<typeof ctx.client.fulfillment.getEligibleShippingService>>;
  try {
    data = await ctx.client.fulfillment.getEligibleShippingService({
      params: { order_id: order.id },
      body: {
        ...(lines ? { order_line_item_ids: lines } : {}),
        ...(input.dimension ? { dimension: input.dimension } : {}),
        ...(input.weight ? { weight: input.weight } : {}),
      },
    });
  } catch (error) {
    throw mapTikTokRefusal(error, { holdUntil: holdUntilOf(order), orderId: order.id });
  }
  const plan = await planShipment(ctx, order);
  const services = data.shipping_services.map((s) => ({
    id: s.id,
    name: s.name ?? s.id,
    price: s.price ?? null,
    currency: s.currency ?? null,
    earliestDays: s.earliest_delivery_days ?? null,
    latestDays: s.latest_delivery_days ?? null,
    isDefault: s.is_default ?? false,
    carrier: s.shipping_provider_name ?? null,
  }));
  const parcel: Parcel = {};
  if (data.dimension?.length && data.dimension.width && data.dimension.height) {
    parcel.dimension = {
      length: data.dimension.length,
      width: data.dimension.width,
      height: data.dimension.height,
      unit: data.dimension.unit === "INCH" ? "INCH" : "CM",
    };
  }
  if (data.weight?.value)
    parcel.weight = { value: data.weight.value, unit: data.weight.unit === "POUND" ? "POUND" : "GRAM" };
  return {
    services: rankServices(services, plan.servicePreference),
    preference: plan.servicePreference,
    rule: plan.rule,
    parcel,
  };
}

export async function buyLabel(
  ctx: ShopContext,
  orderId: string,
  input: { lineItemIds?: string[]; shippingServiceId: string; via: Via } & Parcel,
): Promise<ShipOutcome> {
  const order = await loadOrder(ctx, orderId);
  require4pl(ctx, order);
  const lines = linesFor(order, input.lineItemIds);
  const plan = await planShipment(ctx, order);
  let created: Awaited<ReturnType<typeof ctx.client.fulfillment.createPackages>>;
  try {
    created = await ctx.client.fulfillment.createPackages({
      body: {
        order_id: order.id,
        shipping_service_id: input.shippingServiceId,
        ...(lines ? { order_line_item_ids: lines } : {}),
        ...(input.dimension ? { dimension: input.dimension } : {}),
        ...(input.weight ? { weight: input.weight } : {}),
      },
    });
  } catch (error) {
    throw mapTikTokRefusal(error, { holdUntil: holdUntilOf(order), orderId: order.id });
  }
  const [fresh] = await loadOrders(ctx, [order.id]);
  const shippedLines = (fresh ?? order).line_items.filter((line) => line.package_id === created.package_id);
  const first = shippedLines[0];
  const service = created.shipping_service_info;
  const notification = await recordShipment(
    ctx.db,
    ctx.shopId,
    ctx.sellerId,
    {
      orderId: order.id,
      orderIds: [order.id],
      packageId: created.package_id,
      action: "label",
      mode: "4PL",
      via: input.via,
      operation: "Create Packages",
      status: fresh ? String(fresh.status) : null,
      trackingNumber: first?.tracking_number || null,
      carrier: first?.shipping_provider_id
        ? { id: first.shipping_provider_id, name: first.shipping_provider_name ?? first.shipping_provider_id }
        : service?.shipping_provider_id
          ? { id: service.shipping_provider_id, name: service.shipping_provider_name ?? "" }
          : null,
      service: service?.name ?? null,
      items: itemsOf(shippedLines),
      warning: null,
      rule: plan.rule,
      sentAt: ctx.now(),
    },
    service?.id ?? input.shippingServiceId,
  );
  return { notification, orders: fresh ? [fresh] : [] };
}

export type DocumentType = "SHIPPING_LABEL" | "PACKING_SLIP" | "SHIPPING_LABEL_AND_PACKING_SLIP";

/** A shipped TikTok Shipping package's label (or packing slip) as PDF bytes. */
export async function packageDocument(
  ctx: ShopContext,
  packageId: string,
  documentType: DocumentType = "SHIPPING_LABEL",
): Promise<{ pdf: Uint8Array; trackingNumber: string | null }> {
  let data: { doc_url?: string | undefined; tracking_number?: string | undefined };
  try {
    data = await ctx.client.fulfillment.getPackageShippingDocument({
      params: { package_id: packageId },
      query: { document_type: documentType, document_size: "A6", document_format: "PDF" },
    });
  } catch (error) {
    if (isTikTokShopError(error) && error.code === 21008111)
      throw new FulfillmentError(
        404,
        "package_not_found",
        `Package ${packageId} was not found in this shop.`,
      );
    if (isTikTokShopError(error) && error.kind === "business")
      throw new FulfillmentError(
        409,
        "label_unavailable",
        `No label for package ${packageId}: ${error.tiktokMessage}`,
      );
    throw error;
  }
  const url = data.doc_url ?? "";
  if (!/^https?:\/\//.test(url))
    throw new FulfillmentError(
      502,
      "label_unavailable",
      `TikTok Shop gave no label for package ${packageId}.`,
    );
  // doc_url is unauthenticated and short-lived; never logged.
  const response = await ctx.fetch(url);
  const type = response.headers.get("content-type") ?? "";
  if (!response.ok || !type.includes("pdf"))
    throw new FulfillmentError(
      502,
      "label_unavailable",
      `The label of package ${packageId} could not be downloaded.`,
    );
  return { pdf: new Uint8Array(await response.arrayBuffer()), trackingNumber: data.tracking_number ?? null };
}
