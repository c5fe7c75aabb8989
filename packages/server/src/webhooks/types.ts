import type { KnownWebhookEvent, UnknownWebhookEvent, WebhookEvent } from "@tts-kit/tiktok-shop";
import type { Logger } from "../logger.ts";

/** What a webhook handler gets besides the event. */
export interface WebhookContext {
  /** Row id in `webhook_events`. */
  eventId: number;
  /** 1 on the first run, 2 on the first retry… */
  attempt: number;
  /** True when a failure now dead-letters the event. */
  isLastAttempt: boolean;
  /** When the delivery was received (Unix seconds). */
  receivedAt: number;
  logger: Logger;
}

type KnownType = KnownWebhookEvent["type"];

/** The event a handler registered for `T` receives: the typed variant, or the UNKNOWN one for unmodelled types. */
export type EventOfType<T extends number> = T extends KnownType
  ? Extract<KnownWebhookEvent, { type: T }>
  : UnknownWebhookEvent;

// Method syntax makes the parameter bivariant, so a handler for one event type fits the index signature.
type Bivariant<E> = { bivarianceHack(event: E, ctx: WebhookContext): Promise<void> | void }["bivarianceHack"];

export type WebhookHandler<E extends WebhookEvent = WebhookEvent> = Bivariant<E>;

/**
 * Handlers by numeric webhook type: `{ 1: async (event, ctx) => …, 12: … }`. Known types get their
 * typed event (`event.data.order_status`); any other number gets the UNKNOWN variant. Handlers run
 * from the job queue, at least once: make them idempotent (upserts, or re-fetch the order).
 */
export type WebhookHandlers = { [T in KnownType]?: WebhookHandler<EventOfType<T>> } & {
  [type: number]: WebhookHandler<WebhookEvent> | undefined;
};

export interface PlatformHooks {
  /** Webhook 6: the seller removed the app from the shop. Stop all work for it and purge its data. */
  onDeauthorization?: (shopId: string, event: EventOfType<6>, ctx: WebhookContext) => Promise<void> | void;
  /**
   * Webhook 7: the authorization expires soon (sent daily from 30 days before). `expiresAt` is Unix
   * seconds, or null when TikTok sent no parsable time. Prompt the seller to re-authorize.
   */
  onExpiryNotice?: (
    shopId: string,
    expiresAt: number | null,
    event: EventOfType<7>,
    ctx: WebhookContext,
  ) => Promise<void> | void;
}
