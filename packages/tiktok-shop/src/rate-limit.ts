import { type Clock, systemClock } from "./clock.ts";

/**
 * Proactive rate limiting: calls wait for a slot before they are sent, instead of learning
 * about the limit from 429s. TikTok's published default is 50 requests per second per app and
 * API (the exact figures are not published, so they are configurable); the budget is kept per
 * app, shop and endpoint.
 *
 * The interface is small so that several server instances can share one budget (for example a
 * Redis- or Postgres-backed implementation) without the client changing.
 */
export interface RateLimitKey {
  appKey: string;
  /** The shop cipher, or "" for app- and seller-level calls. */
  shop: string;
  /** `METHOD /path/template`. */
  endpoint: string;
}

export interface RateLimiter {
  /** Resolves when the call may be sent. */
  acquire(key: RateLimitKey, signal?: AbortSignal): Promise<void>;
  /** TikTok answered 429: hold every call on this key for `ms`. */
  pause(key: RateLimitKey, ms: number): void;
}

export interface SlidingWindowOptions {
  /** Calls allowed per window per key. Default 50. */
  limit?: number;
  /** Window length in ms. Default 1000 (so the default is TikTok's 50 per second). */
  windowMs?: number;
  clock?: Clock;
}

interface Bucket {
  /** Start times of the last `limit` calls, oldest first (a ring). */
  starts: number[];
  head: number;
  /** No call may start before this (after a 429). */
  pausedUntil: number;
}

/**
 * A sliding-window budget per key: a call starts only when fewer than `limit` calls started in
 * the preceding `windowMs`. Unlike a token bucket with a burst allowance, this never lets any
 * window hold more than `limit` calls, so a server counting per second in any alignment never
 * sees the configured rate exceeded; it still lets a quiet key spend its whole budget at once.
 * Calls on a key are scheduled first come, first served.
 */
export class SlidingWindowLimiter implements RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly clock: Clock;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: SlidingWindowOptions = {}) {
    this.limit = options.limit ?? 50;
    this.windowMs = options.windowMs ?? 1000;
    if (!(Number.isInteger(this.limit) && this.limit > 0))
      throw new RangeError("limit must be a positive integer");
    if (!(this.windowMs > 0)) throw new RangeError("windowMs must be positive");
    this.clock = options.clock ?? systemClock;
  }

  private bucket(key: RateLimitKey): Bucket {
    const id = `${key.appKey}\u0000${key.shop}\u0000${key.endpoint}`;
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = {
        starts: new Array<number>(this.limit).fill(Number.NEGATIVE_INFINITY),
        head: 0,
        pausedUntil: 0,
      };
      this.buckets.set(id, bucket);
    }
    return bucket;
  }

  async acquire(key: RateLimitKey, signal?: AbortSignal): Promise<void> {
    const bucket = this.bucket(key);
    const now = this.clock.now();
    // The slot this call takes over was used `limit` calls ago; it frees one window later.
    const oldest = bucket.starts[bucket.head]!;
    const start = Math.max(now, bucket.pausedUntil, oldest + this.windowMs);
    bucket.starts[bucket.head] = start;
    bucket.head = (bucket.head + 1) % this.limit;
    const wait = start - now;
    if (wait > 0) await this.clock.sleep(wait, signal);
    // A 429 that arrived while this call was waiting holds it back too.
    for (
      let held = bucket.pausedUntil - this.clock.now();
      held > 0;
      held = bucket.pausedUntil - this.clock.now()
    ) {
      await this.clock.sleep(held, signal);
    }
  }

  pause(key: RateLimitKey, ms: number): void {
    const bucket = this.bucket(key);
    bucket.pausedUntil = Math.max(bucket.pausedUntil, this.clock.now() + ms);
  }
}

/** A limiter that never waits, for callers who rate-limit elsewhere. */
export const unlimited: RateLimiter = { acquire: async () => {}, pause: () => {} };
