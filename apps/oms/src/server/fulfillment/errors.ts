import { isTikTokShopError } from "@tts-kit/tiktok-shop";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * A refusal the seller can act on: a stable `code` for the SPA, a message that says what is wrong
 * and what to do, and details (e.g. when a hold ends). Thrown before TikTok is called whenever the
 * app can tell the action would fail, so nothing changes anywhere.
 */
export class FulfillmentError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "FulfillmentError";
  }
}

/** TikTok's codes for refusals the app also checks itself; both answer with the same message. */
export const TIKTOK_ON_HOLD = 21011044;
export const TIKTOK_UPDATE_WINDOW = 21011049;
const TIKTOK_NOT_BELONG = 21008111;

export const UPDATE_WINDOW_SECONDS = 72 * 3600;

export function formatUtc(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function onHoldError(holdUntil: number | null): FulfillmentError {
  const until = holdUntil ? ` until ${formatUtc(holdUntil)}` : "";
  return new FulfillmentError(
    409,
    "order_on_hold",
    `This order is on hold${until}: TikTok gives the buyer one hour after payment to cancel without asking. Shipping opens when the hold ends.`,
    holdUntil ? { holdUntil } : {},
  );
}

export function updateWindowError(shippedAt: number | null): FulfillmentError {
  const detail = shippedAt
    ? ` This package shipped on ${formatUtc(shippedAt)}, so the window closed on ${formatUtc(shippedAt + UPDATE_WINDOW_SECONDS)}.`
    : "";
  return new FulfillmentError(
    409,
    "update_window_closed",
    `Tracking details can only be corrected within 72 hours of shipping.${detail} Contact TikTok Shop seller support to change them now.`,
    shippedAt ? { shippedAt, windowEndsAt: shippedAt + UPDATE_WINDOW_SECONDS } : {},
  );
}

export function orderNotFound(orderId: string): FulfillmentError {
  return new FulfillmentError(404, "order_not_found", `Order ${orderId} was not found in this shop.`);
}

/**
 * TikTok refusals that have a seller-facing counterpart get it (so a race between the app's own
 * check and TikTok's reads the same); everything else goes to the server kit's error mapping.
 */
export function mapTikTokRefusal(
  error: unknown,
  context: { holdUntil?: number | null; shippedAt?: number | null; orderId?: string } = {},
): unknown {
  if (!isTikTokShopError(error)) return error;
  if (error.code === TIKTOK_ON_HOLD) return onHoldError(context.holdUntil ?? null);
  if (error.code === TIKTOK_UPDATE_WINDOW) return updateWindowError(context.shippedAt ?? null);
  if (error.code === TIKTOK_NOT_BELONG && context.orderId) return orderNotFound(context.orderId);
  return error;
}
