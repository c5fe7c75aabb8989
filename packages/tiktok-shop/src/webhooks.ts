import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * Inbound webhooks. TikTok signs each delivery with
 * `Authorization: hex(HMAC-SHA256(app_secret, app_key + raw_body))`, so verification must run on
 * the raw bytes before any JSON parsing. Deliveries are retried (2 min, 30 min, 3 h, 12 h), so
 * receivers de-duplicate on `tts_notification_id`.
 */

export function webhookSignature(appKey: string, appSecret: string, rawBody: string | Uint8Array): string {
  return createHmac("sha256", appSecret).update(appKey).update(rawBody).digest("hex");
}

/** Timing-safe check of the `Authorization` header; false for a missing or malformed header. */
export function verifyWebhook(input: {
  appKey: string;
  appSecret: string;
  rawBody: string | Uint8Array;
  signature: string | null | undefined;
}): boolean {
  const given = input.signature?.trim().toLowerCase();
  if (!given || !/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = webhookSignature(input.appKey, input.appSecret, input.rawBody);
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(expected, "hex"));
}

const id = z.union([z.string(), z.number().transform(String)]);
const seconds = z.number();

/** Data schemas of the numbered events, loose so that added fields pass through. */
const dataSchemas = {
  1: z.looseObject({
    order_id: id,
    order_status: z.string(),
    is_on_hold_order: z.boolean().optional(),
    update_time: seconds.optional(),
  }),
  3: z.looseObject({ order_id: id, update_time: seconds.optional() }),
  4: z.looseObject({
    sc_type: z.string().optional(),
    role_type: z.string().optional(),
    package_list: z
      .array(z.looseObject({ package_id: id, order_id_list: z.array(id).default([]) }))
      .default([]),
    update_time: seconds.optional(),
  }),
  5: z.looseObject({
    product_id: id,
    status: z.string().optional(),
    suspended_reason: z.string().optional(),
    update_time: seconds.optional(),
  }),
  6: z.looseObject({ message: z.string().optional() }),
  7: z.looseObject({
    message: z.string().optional(),
    expiration_time: z.union([z.string(), z.number()]).optional(),
  }),
  11: z.looseObject({
    order_id: id,
    cancel_id: id.optional(),
    cancellations_role: z.string().optional(),
    cancel_status: z.string().optional(),
    create_time: seconds.optional(),
    update_time: seconds.optional(),
  }),
  12: z.looseObject({
    order_id: id,
    return_id: id.optional(),
    return_role: z.string().optional(),
    return_type: z.string().optional(),
    return_status: z.string().optional(),
    create_time: seconds.optional(),
    update_time: seconds.optional(),
  }),
  13: z.looseObject({ conversation_id: id.optional(), create_time: seconds.optional() }),
  14: z.looseObject({
    conversation_id: id.optional(),
    message_id: id.optional(),
    type: z.string().optional(),
    create_time: seconds.optional(),
    sender: z.looseObject({ im_user_id: z.string().optional(), role: z.string().optional() }).optional(),
  }),
  15: z.looseObject({
    product_id: id,
    changed_fields: z.array(z.string()).default([]),
    update_time: seconds.optional(),
  }),
  16: z.looseObject({
    product_id: id,
    product_type: z.array(z.string()).default([]),
    update_time: seconds.optional(),
  }),
  27: z.looseObject({}),
  37: z.looseObject({
    product_id: id,
    audit: z
      .looseObject({ status: z.string().optional(), pre_approved_reason: z.string().optional() })
      .optional(),
    update_time: seconds.optional(),
  }),
  39: z.looseObject({}),
} as const;

export const webhookTypeNames = {
  1: "ORDER_STATUS_CHANGE",
  3: "RECIPIENT_ADDRESS_UPDATE",
  4: "PACKAGE_UPDATE",
  5: "PRODUCT_STATUS_CHANGE",
  6: "SELLER_DEAUTHORIZATION",
  7: "UPCOMING_AUTHORIZATION_EXPIRATION",
  11: "CANCELLATION_STATUS_CHANGE",
  12: "RETURN_STATUS_CHANGE",
  13: "NEW_CONVERSATION",
  14: "NEW_MESSAGE",
  15: "PRODUCT_INFORMATION_CHANGE",
  16: "PRODUCT_CREATION",
  27: "INVENTORY_STATUS_CHANGE",
  37: "PRODUCT_AUDIT_STATUS_CHANGE",
  39: "ACTIVITY_STATUS_CHANGE",
} as const;

type KnownType = keyof typeof dataSchemas;

interface Envelope {
  shopId: string;
  /** Absent in older deliveries. */
  notificationId: string | undefined;
  /** Unix seconds of the push. */
  timestamp: number;
}

export type KnownWebhookEvent = {
  [T in KnownType]: Envelope & {
    type: T;
    name: (typeof webhookTypeNames)[T];
    data: z.output<(typeof dataSchemas)[T]>;
  };
}[KnownType];

/** A type this client does not model, or a known type whose data did not match; never thrown away. */
export interface UnknownWebhookEvent extends Envelope {
  type: number;
  name: "UNKNOWN";
  data: unknown;
  /** Why a known type landed here, if it did. */
  issue?: string;
}

export type WebhookEvent = KnownWebhookEvent | UnknownWebhookEvent;

export type ParsedWebhook = { ok: true; event: WebhookEvent } | { ok: false; error: string };

const envelope = z.looseObject({
  type: z.number().int(),
  shop_id: id,
  timestamp: z.number(),
  tts_notification_id: id.optional(),
  data: z.unknown(),
});

/** Parses a verified delivery into a typed event. Never throws; malformed JSON is `{ ok: false }`. */
export function parseWebhook(rawBody: string | Uint8Array): ParsedWebhook {
  let json: unknown;
  try {
    json = JSON.parse(typeof rawBody === "string" ? rawBody : new TextDecoder().decode(rawBody));
  } catch {
    return { ok: false, error: "body is not JSON" };
  }
  const outer = envelope.safeParse(json);
  if (!outer.success)
    return { ok: false, error: "body is not a TikTok Shop webhook (type, shop_id, timestamp)" };
  const { type, shop_id, timestamp, tts_notification_id, data } = outer.data;
  const base: Envelope = { shopId: shop_id, notificationId: tts_notification_id, timestamp };
  if (!(type in dataSchemas)) return { ok: true, event: { ...base, type, name: "UNKNOWN", data } };
  const known = type as KnownType;
  const parsed = dataSchemas[known].safeParse(data ?? {});
  if (!parsed.success) {
    return {
      ok: true,
      event: {
        ...base,
        type,
        name: "UNKNOWN",
        data,
        issue: parsed.error.issues[0]?.message ?? "invalid data",
      },
    };
  }
  return {
    ok: true,
    event: { ...base, type: known, name: webhookTypeNames[known], data: parsed.data } as KnownWebhookEvent,
  };
}
