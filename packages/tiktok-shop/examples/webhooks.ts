import { parseWebhook, verifyWebhook } from "@tts-kit/tiktok-shop";

// Verify on the raw body first, then parse into a typed event; unknown types never throw.
export function receive(rawBody: string, authorization: string | null) {
  const appKey = process.env.TIKTOK_APP_KEY ?? "";
  const appSecret = process.env.TIKTOK_APP_SECRET ?? "";
  if (!verifyWebhook({ appKey, appSecret, rawBody, signature: authorization })) return { status: 401 };
  const parsed = parseWebhook(rawBody);
  if (!parsed.ok) return { status: 400 };
  const { event } = parsed;
  if (event.name === "ORDER_STATUS_CHANGE")
    console.warn(`order ${event.data.order_id} is now ${event.data.order_status}`);
  return { status: 200, dedupeKey: event.notificationId };
}
