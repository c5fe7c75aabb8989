import type { refreshOrders } from "../orders/sync.ts";
import { FulfillmentError, onHoldError } from "./errors.ts";

/** An order as Get Order Detail returns it. */
export type TikTokOrder = Awaited<ReturnType<typeof refreshOrders>>[number];
export type TikTokLine = TikTokOrder["line_items"][number];

/** TikTok's ON_HOLD lasts one hour from payment. */
export const HOLD_SECONDS = 3600;
/** Units a seller can still ship are in one of these order statuses. */
const SHIPPABLE = new Set(["AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"]);
const SHIPPED_LINE = new Set(["AWAITING_COLLECTION", "IN_TRANSIT", "DELIVERED", "COMPLETED"]);

export type ShippingMode = "3PL" | "4PL" | "FBT";

export function modeOf(order: TikTokOrder): ShippingMode {
  if (order.fulfillment_type === "FULFILLMENT_BY_TIKTOK") return "FBT";
  return order.shipping_type === "TIKTOK" ? "4PL" : "3PL";
}

export function holdUntilOf(order: TikTokOrder): number | null {
  if (order.status !== "ON_HOLD") return null;
  return order.paid_time ? Number(order.paid_time) + HOLD_SECONDS : null;
}

export type LineState = "unshipped" | "shipped" | "cancelled";

export function lineState(line: TikTokLine): LineState {
  if (line.display_status === "CANCELLED" || line.package_status === "CANCELLED") return "cancelled";
  if (
    line.package_status === "FULFILLING" ||
    line.package_status === "COMPLETED" ||
    SHIPPED_LINE.has(String(line.display_status ?? ""))
  )
    return "shipped";
  return "unshipped";
}

export function unshippedLines(order: TikTokOrder): TikTokLine[] {
  return order.line_items.filter((line) => lineState(line) === "unshipped");
}

export interface Blocker {
  code: string;
  message: string;
  holdUntil?: number;
}

/**
 * Why the seller cannot ship (more of) this order right now, or null when they can. The same
 * checks TikTok runs (ON_HOLD 21011044, FBT, cancelled, pending cancellation, nothing left), done
 * first so that a refusal never reaches TikTok.
 */
export function shippingBlocker(order: TikTokOrder): Blocker | null {
  if (order.fulfillment_type === "FULFILLMENT_BY_TIKTOK") {
    return {
      code: "fulfilled_by_tiktok",
      message:
        "TikTok fulfils this order from its own warehouse (Fulfilled by TikTok): it is shown here for reference and needs no action from you.",
    };
  }
  if (order.status === "ON_HOLD") {
    const holdUntil = holdUntilOf(order);
    return { ...describe(onHoldError(holdUntil)), ...(holdUntil ? { holdUntil } : {}) };
  }
  if (order.status === "UNPAID") {
    return {
      code: "order_unpaid",
      message: "The buyer has not paid for this order yet; it cannot be shipped.",
    };
  }
  if (order.status === "CANCELLED") {
    return { code: "order_cancelled", message: "This order was cancelled, so there is nothing to ship." };
  }
  if (order.is_buyer_request_cancel) {
    return {
      code: "cancellation_pending",
      message:
        "The buyer asked to cancel this order. Approve or reject the request in After-sales before shipping it.",
    };
  }
  if (!SHIPPABLE.has(String(order.status)) || unshippedLines(order).length === 0) {
    return {
      code: "already_shipped",
      message: `This order has already shipped (status ${String(order.status)}); there is nothing left to ship.`,
    };
  }
  return null;
}

function describe(error: FulfillmentError): { code: string; message: string } {
  return { code: error.code, message: error.message };
}

/** Throws the blocker as a seller-facing refusal (409), so nothing is sent to TikTok. */
export function assertShippable(order: TikTokOrder): void {
  const blocker = shippingBlocker(order);
  if (!blocker) return;
  const status = blocker.code === "fulfilled_by_tiktok" ? 403 : 409;
  throw new FulfillmentError(
    status,
    blocker.code,
    blocker.message,
    blocker.holdUntil ? { holdUntil: blocker.holdUntil } : {},
  );
}

/** Lines grouped by SKU, as a shipment notification and a packing slip list them. */
export function itemsOf(lines: TikTokLine[]) {
  const bySku = new Map<
    string,
    { skuId: string; sellerSku: string; name: string; quantity: number; lineItemIds: string[] }
  >();
  for (const line of lines) {
    const key = String(line.sku_id ?? line.id);
    const entry = bySku.get(key) ?? {
      skuId: String(line.sku_id ?? ""),
      sellerSku: String(line.seller_sku ?? ""),
      name: [line.product_name, line.sku_name].filter(Boolean).join(" · "),
      quantity: 0,
      lineItemIds: [],
    };
    entry.quantity += 1;
    entry.lineItemIds.push(line.id);
    bySku.set(key, entry);
  }
  return [...bySku.values()];
}

/** The unshipped package holding exactly these lines (of one order), if TikTok already made one. */
export function packageHolding(order: TikTokOrder, lineIds: string[]): string | undefined {
  const first = order.line_items.find((line) => line.id === lineIds[0]);
  const packageId = first?.package_id;
  if (!packageId) return undefined;
  const inPackage = order.line_items.filter((line) => line.package_id === packageId).map((line) => line.id);
  return inPackage.length === lineIds.length && lineIds.every((id) => inPackage.includes(id))
    ? packageId
    : undefined;
}
