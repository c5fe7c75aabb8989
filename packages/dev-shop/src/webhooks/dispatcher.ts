import type { Clock } from "../clock.ts";
import { numericId, opaqueId } from "../ids.ts";
import { authorizationsForShop } from "../platform/authorizations.ts";
import { signWebhook } from "../signing.ts";
import type { PartnerApp, PlatformState, WebhookDelivery } from "../state/platform.ts";
import { DELIVERY_TIMEOUT_MS, RETRY_OFFSETS_SECONDS, topicName } from "./types.ts";

/**
 * Delivers webhooks the way TikTok does: a POST of
 * `{type, tts_notification_id, shop_id, timestamp, data}` signed in the Authorization header
 * with HMAC-SHA256(app_secret, app_key + body); a 2xx within 3 s is a delivery; anything else is
 * retried 2 min, 30 min, 3 h and 12 h after the first attempt (on the dev shop's clock), then
 * dropped. Sending is asynchronous: emitting never waits for the receiver.
 */

export interface DispatcherOptions {
  getState: () => PlatformState;
  clock: Clock;
  fetch: typeof fetch;
  /** Fault injection: a reason to drop the event without any attempt, or null to send it. */
  dropReason: (appKey: string, shopId: string, type: number) => string | null;
  /** Called whenever the delivery log changes (persistence). */
  onChange: () => void;
  timeoutMs?: number;
  /** How many finished deliveries the log keeps. */
  maxLog?: number;
}

export class WebhookDispatcher {
  private readonly inFlight = new Set<string>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: DispatcherOptions) {}

  /** An event of a shop, sent to every app whose active authorization covers the shop. */
  emitForShop(shopId: string, type: number, data: Record<string, unknown>): void {
    const state = this.options.getState();
    const appKeys = new Set(
      authorizationsForShop(state, shopId, this.options.clock.now()).map((a) => a.appKey),
    );
    for (const appKey of appKeys) this.emitToApp(appKey, shopId, type, data);
  }

  /** An event for one app (deauthorization and expiry notices concern a single grant). */
  emitToApp(appKey: string, shopId: string, type: number, data: Record<string, unknown>): void {
    const state = this.options.getState();
    const app = state.apps.find((a) => a.appKey === appKey);
    if (!app) return;
    const now = this.options.clock.now();
    const notificationId = numericId();
    // Key order as in TikTok's samples; the receiver verifies the signature over these exact bytes.
    const body = JSON.stringify({
      type,
      tts_notification_id: notificationId,
      shop_id: shopId,
      timestamp: now,
      data,
    });
    const dropReason = this.options.dropReason(appKey, shopId, type);
    for (const url of this.targets(state, app, shopId, type)) {
      const delivery: WebhookDelivery = {
        id: opaqueId(),
        appKey,
        shopId,
        type,
        notificationId,
        url,
        body,
        createdAt: now,
        attempts: [],
        nextAttemptAt: dropReason ? null : now,
        state: dropReason ? "dropped" : "pending",
        dropReason,
      };
      state.webhookDeliveries.push(delivery);
      this.prune(state);
      if (!dropReason) this.start(delivery);
    }
    this.options.onChange();
  }

  /** The app-level URL (Partner Center) and the shop-level URL set through the event API, if any. */
  private targets(state: PlatformState, app: PartnerApp, shopId: string, type: number): string[] {
    const urls = new Set<string>();
    if (app.webhookUrl) urls.add(app.webhookUrl);
    const topic = topicName(type);
    const shopUrl = topic ? state.shopWebhooks[`${app.appKey}:${shopId}:${topic}`]?.address : undefined;
    if (shopUrl) urls.add(shopUrl);
    return [...urls];
  }

  /** Sends every pending delivery whose retry time has come (called on each clock tick). */
  processDue(): void {
    const now = this.options.clock.now();
    for (const delivery of this.options.getState().webhookDeliveries) {
      if (delivery.state !== "pending" || this.inFlight.has(delivery.id)) continue;
      // A delivery interrupted by a restart has no schedule: try it now.
      if (delivery.nextAttemptAt === null || delivery.nextAttemptAt <= now) this.start(delivery);
    }
  }

  /** Resolves once no attempt is in flight (tests await this after triggering events). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private start(delivery: WebhookDelivery): void {
    this.inFlight.add(delivery.id);
    const run = this.deliver(delivery).finally(() => {
      this.inFlight.delete(delivery.id);
      this.running.delete(run);
    });
    this.running.add(run);
  }

  private async deliver(delivery: WebhookDelivery): Promise<void> {
    // Loop so that a clock jump past several retry times runs each of those attempts in turn.
    while (delivery.state === "pending" && (delivery.nextAttemptAt ?? 0) <= this.options.clock.now()) {
      await this.attempt(delivery);
      this.options.onChange();
    }
  }

  private async attempt(delivery: WebhookDelivery): Promise<void> {
    const at = this.options.clock.now();
    const app = this.options.getState().apps.find((a) => a.appKey === delivery.appKey);
    if (!app) {
      delivery.attempts.push({ at, status: null, error: "app no longer registered" });
      delivery.state = "dropped";
      delivery.dropReason = "app no longer registered";
      delivery.nextAttemptAt = null;
      return;
    }
    let status: number | null = null;
    let error: string | null = null;
    const timeoutMs = this.options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
    try {
      const response = await this.options.fetch(delivery.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: signWebhook(app.appKey, app.appSecret, delivery.body),
        },
        body: delivery.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (cause) {
      const name = cause instanceof Error ? cause.name : "";
      error =
        name === "TimeoutError" || name === "AbortError"
          ? `no answer within ${timeoutMs / 1000} s`
          : cause instanceof Error
            ? cause.message
            : String(cause);
    }
    delivery.attempts.push({ at, status, error });
    if (error === null) {
      delivery.state = "delivered";
      delivery.nextAttemptAt = null;
      return;
    }
    const first = delivery.attempts[0]?.at ?? at;
    const offset = RETRY_OFFSETS_SECONDS[delivery.attempts.length - 1];
    if (offset === undefined) {
      delivery.state = "dropped";
      delivery.dropReason = `no 2xx after ${delivery.attempts.length} attempts`;
      delivery.nextAttemptAt = null;
    } else {
      delivery.nextAttemptAt = first + offset;
    }
  }

  /** Keeps the log bounded: the oldest finished deliveries go first. */
  private prune(state: PlatformState): void {
    const max = this.options.maxLog ?? 2000;
    const excess = state.webhookDeliveries.length - max;
    if (excess <= 0) return;
    let toDrop = excess;
    state.webhookDeliveries = state.webhookDeliveries.filter((d) => {
      if (toDrop > 0 && d.state !== "pending") {
        toDrop--;
        return false;
      }
      return true;
    });
  }
}
