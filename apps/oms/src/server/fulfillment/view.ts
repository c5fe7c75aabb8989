import type { ShopContext } from "./context.ts";
import { UPDATE_WINDOW_SECONDS } from "./errors.ts";
import { type ShipmentNotification, shipmentsOfOrder } from "./history.ts";
import {
  holdUntilOf,
  lineState,
  modeOf,
  type ShippingMode,
  shippingBlocker,
  type TikTokOrder,
} from "./order-model.ts";
import { planShipment, type ShipmentPlan } from "./plan.ts";
import { loadOrder } from "./ship.ts";

/** What the per-order fulfil page shows: the order, its packages, the plan and the history. */
export interface FulfilView {
  order: {
    id: string;
    status: string;
    mode: ShippingMode;
    region: string;
    warehouseId: string;
    deliveryOptionName: string;
    shipBy: number | null;
    holdUntil: number | null;
    paidTime: number | null;
    total: string | null;
    currency: string | null;
    recipient: { name: string; address: string } | null;
  };
  blocker: { code: string; message: string; holdUntil?: number } | null;
  lines: Array<{
    id: string;
    productName: string;
    skuName: string;
    sellerSku: string;
    state: "unshipped" | "shipped" | "cancelled";
    packageId: string | null;
    trackingNumber: string | null;
    carrier: string | null;
  }>;
  packages: Array<{
    id: string;
    status: string;
    shippingType: string;
    orderIds: string[];
    lineItemIds: string[];
    trackingNumber: string | null;
    carrier: { id: string; name: string } | null;
    shippedAt: number | null;
    /** Until when the tracking details may be corrected (seller-shipped, 72 h). */
    correctableUntil: number | null;
    splitOrCombine: string;
  }>;
  plan: ShipmentPlan | null;
  history: ShipmentNotification[];
  now: number;
}

export async function fulfilView(ctx: ShopContext, orderId: string): Promise<FulfilView> {
  const order = await loadOrder(ctx, orderId);
  const mode = modeOf(order);
  const packageIds = [...new Set(order.line_items.flatMap((l) => (l.package_id ? [l.package_id] : [])))];
  const details = await Promise.all(
    packageIds.map((id) => ctx.client.fulfillment.getPackageDetail({ params: { package_id: id } })),
  );
  const plan = mode === "FBT" ? null : await planShipment(ctx, order);
  return {
    order: {
      id: order.id,
      status: String(order.status),
      mode,
      region: ctx.region,
      warehouseId: String(order.warehouse_id ?? ""),
      deliveryOptionName: String(order.delivery_option_name ?? ""),
      shipBy: order.rts_sla_time ? Number(order.rts_sla_time) : null,
      holdUntil: holdUntilOf(order),
      paidTime: order.paid_time ? Number(order.paid_time) : null,
      total: order.payment?.total_amount ?? null,
      currency: order.payment?.currency ?? null,
      recipient: recipientOf(order),
    },
    blocker: shippingBlocker(order),
    lines: order.line_items.map((line) => ({
      id: line.id,
      productName: String(line.product_name ?? ""),
      skuName: String(line.sku_name ?? ""),
      sellerSku: String(line.seller_sku ?? ""),
      state: lineState(line),
      packageId: line.package_id || null,
      trackingNumber: line.tracking_number || null,
      carrier: line.shipping_provider_name || null,
    })),
    packages: details.map((detail) => {
      const lines = order.line_items.filter((l) => l.package_id === detail.package_id);
      const shippedAt = lines.reduce<number | null>(
        (min, l) => (l.rts_time ? Math.min(min ?? Number(l.rts_time), Number(l.rts_time)) : min),
        null,
      );
      return {
        id: detail.package_id,
        status: String(detail.package_status ?? ""),
        shippingType: String(detail.shipping_type ?? order.shipping_type ?? ""),
        orderIds: detail.orders.map((o) => o.id),
        lineItemIds: detail.order_line_item_ids,
        trackingNumber: detail.tracking_number || null,
        carrier: detail.shipping_provider_id
          ? { id: detail.shipping_provider_id, name: detail.shipping_provider_name ?? "" }
          : null,
        shippedAt,
        correctableUntil:
          shippedAt !== null && detail.shipping_type === "SELLER" ? shippedAt + UPDATE_WINDOW_SECONDS : null,
        splitOrCombine: String(detail.split_and_combine_tag ?? "DEFAULT"),
      };
    }),
    plan,
    history: await shipmentsOfOrder(ctx.db, ctx.shopId, order.id),
    now: ctx.now(),
  };
}

function recipientOf(order: TikTokOrder): { name: string; address: string } | null {
  const address = order.recipient_address;
  if (!address?.full_address) return null;
  return { name: String(address.name ?? ""), address: String(address.full_address) };
}
