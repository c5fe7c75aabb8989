import type { contract, PageItem } from "@tts-kit/tiktok-shop";

/** An order as Get Order List and Get Order Detail return it. */
export type Order = PageItem<typeof contract.order.getOrderList>;

/** TikTok holds a paid order for one hour (ON_HOLD) before it may be shipped. */
export const HOLD_SECONDS = 3600;

export const FBT = "FULFILLMENT_BY_TIKTOK";

/**
 * The ship-by deadline of an order. TikTok's ready-to-ship SLA (`rts_sla_time`) is the time the
 * seller must have shipped by; older answers carry it as `shipping_due_time`, and `tts_sla_time`
 * (TikTok's own later deadline) is the last resort.
 */
export function shipByOf(order: Order): number | null {
  return order.rts_sla_time ?? order.shipping_due_time ?? order.tts_sla_time ?? null;
}

/**
 * When an ON_HOLD order is released. TikTok does not send the time: the hold lasts one hour from
 * payment (reference: the ON_HOLD status), so it is derived from `paid_time`.
 */
export function onHoldUntilOf(order: Order): number | null {
  if (order.status !== "ON_HOLD") return null;
  const paid = order.paid_time ?? order.create_time;
  return paid === undefined ? null : paid + HOLD_SECONDS;
}

/** The first shipment: the order's `rts_time`, else the earliest line shipped. */
export function shippedAtOf(order: Order): number | null {
  if (order.rts_time !== undefined) return order.rts_time;
  const times = order.line_items.flatMap((line) => (line.rts_time === undefined ? [] : [line.rts_time]));
  return times.length > 0 ? Math.min(...times) : null;
}

/** "2 × Linen shirt, 1 × Mug" (gifts are units too: they ship). */
export function itemsSummaryOf(order: Order): string {
  const counts = new Map<string, number>();
  for (const line of order.line_items) {
    const name = line.product_name || line.sku_name || line.seller_sku || line.sku_id || "Item";
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const parts = [...counts].map(([name, count]) => `${count} × ${name}`);
  const summary = parts.join(", ");
  return summary.length > 200 ? `${summary.slice(0, 199)}…` : summary;
}

/** The mirror's columns of one order, derived from the order as TikTok returned it. */
export function mirrorRow(shopId: string, order: Order, syncedAt: number) {
  const name = order.recipient_address?.name?.trim();
  return {
    shopId,
    id: order.id,
    status: String(order.status ?? "UNKNOWN"),
    createTime: Number(order.create_time ?? 0),
    updateTime: Number(order.update_time ?? 0),
    buyerUserId: order.user_id ?? null,
    totalAmount: order.payment?.total_amount ?? null,
    currency: order.payment?.currency ?? null,
    raw: order,
    syncedAt,
    paidTime: order.paid_time ?? null,
    shipBy: shipByOf(order),
    onHoldUntil: onHoldUntilOf(order),
    shippedAt: shippedAtOf(order),
    fulfillmentType: String(order.fulfillment_type ?? "FULFILLMENT_BY_SELLER"),
    isSample: order.is_sample_order === true,
    isOnHoldOrder: order.is_on_hold_order === true,
    buyerName: name ? name : null,
    itemCount: order.line_items.length,
    itemsSummary: itemsSummaryOf(order),
  };
}

/** Search terms are compared in lower case, without accents and surrounding spaces. */
export function normalizeTerm(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim();
}

/** Splits a seller's query into the terms that must all match ("jane 1Z999" → two terms). */
export function queryTerms(query: string): string[] {
  return [
    ...new Set(
      query
        .split(/[\s,;]+/)
        .map(normalizeTerm)
        .filter((term) => term !== ""),
    ),
  ];
}

/**
 * What an order is found by: its id, the buyer (user id, relay e-mail, name words), every SKU
 * (seller SKU and SKU id), every tracking number and package id. Longer values are cut at 100
 * characters; prefixes still match.
 */
export function searchTermsOf(order: Order): string[] {
  const terms = new Set<string>();
  const add = (value: string | undefined) => {
    if (!value) return;
    const term = normalizeTerm(value).slice(0, 100);
    if (term !== "") terms.add(term);
  };
  add(order.id);
  add(order.user_id);
  add(order.buyer_email);
  const address = order.recipient_address;
  for (const part of [address?.name, address?.first_name, address?.last_name]) {
    for (const word of (part ?? "").split(/\s+/)) add(word);
  }
  add(order.tracking_number);
  for (const line of order.line_items) {
    add(line.seller_sku);
    add(line.sku_id);
    add(line.tracking_number);
    add(line.package_id);
  }
  for (const pkg of order.packages) add(pkg.id);
  return [...terms];
}
