/**
 * Webhook topics: the numeric `type` that the payload carries, and the name the shop webhook API
 * (PUT /event/202309/webhooks) uses for the same topic.
 */
export const WEBHOOK_TYPES = {
  ORDER_STATUS_CHANGE: 1,
  REVERSE_STATUS_UPDATE: 2,
  RECIPIENT_ADDRESS_UPDATE: 3,
  PACKAGE_UPDATE: 4,
  PRODUCT_STATUS_CHANGE: 5,
  SELLER_DEAUTHORIZATION: 6,
  UPCOMING_AUTHORIZATION_EXPIRATION: 7,
  CANCELLATION_STATUS_CHANGE: 11,
  RETURN_STATUS_CHANGE: 12,
  NEW_CONVERSATION: 13,
  NEW_MESSAGE: 14,
  PRODUCT_INFORMATION_CHANGE: 15,
  PRODUCT_CREATION: 16,
  PRODUCT_CATEGORY_CHANGE: 18,
  NEW_MESSAGE_LISTENER: 33,
  INVOICE_STATUS_CHANGE: 36,
  PRODUCT_AUDIT_STATUS_CHANGE: 37,
} as const;

export type WebhookTopic = keyof typeof WEBHOOK_TYPES;

const NAMES = new Map<number, string>(Object.entries(WEBHOOK_TYPES).map(([name, type]) => [type, name]));

/** The topic name of a numeric type, or undefined for types the event API cannot subscribe to. */
export function topicName(type: number): string | undefined {
  return NAMES.get(type);
}

/** Offsets from the first attempt at which an unacknowledged webhook is retried, then dropped. */
export const RETRY_OFFSETS_SECONDS = [2 * 60, 30 * 60, 3 * 3600, 12 * 3600] as const;

/** A receiver must answer 2xx within this time for the delivery to count. */
export const DELIVERY_TIMEOUT_MS = 3000;
