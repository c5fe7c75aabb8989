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

/** Call when the response (or failure) of a call arrived. */
export type Release = () => void;

export interface RateLimiter {
  /** Resolves when the call may be sent, with a function to call once its response arrived. */
  acquire(key: RateLimitKey, signal?: AbortSignal): Promise<Release>;
  /**
   * Optional fast path: the release of a slot taken at once when one is free now, or undefined
   * (taking nothing) when the caller must go through `acquire`.
   */
  tryAcquire?(key: RateLimitKey): Release | undefined;
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

interface Slot {
  /** When the call that last used this slot reached the server, at the latest (its response time). */
  time: number;
  /** The call holding this slot until its response arrives; null once it has. */
  holder: Ticket | null;
}

/** One call's hold on a slot; a later call that needs the slot waits on it. */
interface Ticket {
  waiters: Array<() => void> | null;
}

interface Bucket {
  /** The last `limit` calls, oldest at `head` (a ring). */
  slots: Slot[];
  head: number;
  /** No call may start before this (after a 429). */
  pausedUntil: number;
}

/**
 * A sliding-window budget per key: at most `limit` calls in any `windowMs`, counted the way a
 * server counts them. A server sees a call when it arrives, somewhere between our send and its
 * response, so a slot is freed one window after the response of the call that used it (not
 * after its send); network jitter then cannot squeeze more than `limit` arrivals into a
 * window. Unlike a token bucket with a burst allowance, no window ever holds more than `limit`
 * calls, yet a quiet key may still spend its whole budget at once. Calls are served first come,
 * first served.
 */
export class SlidingWindowLimiter implements RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly clock: Clock;
  private readonly buckets = new Map<string, Bucket>();
  /** Buckets by key object, for callers that pass the same frozen key each time (the client does). */
  private readonly byKey = new WeakMap<RateLimitKey, Bucket>();

  constructor(options: SlidingWindowOptions = {}) {
    this.limit = options.limit ?? 50;
    this.windowMs = options.windowMs ?? 1000;
    if (!(Number.isInteger(this.limit) && this.limit > 0))
      throw new RangeError("limit must be a positive integer");
    if (!(this.windowMs > 0)) throw new RangeError("windowMs must be positive");
    this.clock = options.clock ?? systemClock;
  }

  private bucket(key: RateLimitKey): Bucket {
    let bucket = this.byKey.get(key);
    if (bucket) return bucket;
    const id = `${key.appKey}\u0000${key.shop}\u0000${key.endpoint}`;
    bucket = this.buckets.get(id);
    if (!bucket) {
      const slots = Array.from({ length: this.limit }, () => ({
        time: Number.NEGATIVE_INFINITY,
        holder: null,
      }));
      bucket = { slots, head: 0, pausedUntil: 0 };
      this.buckets.set(id, bucket);
    }
    // A key that cannot change can be remembered by identity.
    if (Object.isFrozen(key)) this.byKey.set(key, bucket);
    return bucket;
  }

  tryAcquire(key: RateLimitKey): Release | undefined {
    const bucket = this.bucket(key);
    const slot = bucket.slots[bucket.head]!;
    if (slot.holder !== null) return undefined;
    const now = this.clock.now();
    if (Math.max(bucket.pausedUntil, slot.time + this.windowMs) > now) return undefined;
    bucket.head = bucket.head + 1 === this.limit ? 0 : bucket.head + 1;
    const ticket: Ticket = { waiters: null };
    slot.holder = ticket;
    slot.time = now;
    return () => this.finish(slot, ticket);
  }

  acquire(key: RateLimitKey, signal?: AbortSignal): Promise<Release> {
    const bucket = this.bucket(key);
    const slot = bucket.slots[bucket.head]!;
    bucket.head = bucket.head + 1 === this.limit ? 0 : bucket.head + 1;
    // Claim the slot now (synchronously) so that later callers queue behind this one.
    const previous = slot.holder;
    const ticket: Ticket = { waiters: null };
    slot.holder = ticket;
    if (previous === null) {
      const now = this.clock.now();
      if (Math.max(bucket.pausedUntil, slot.time + this.windowMs) <= now) {
        // The common case: a free slot, nothing to wait for.
        slot.time = now;
        return Promise.resolve(() => this.finish(slot, ticket));
      }
    }
    return this.wait(bucket, slot, ticket, previous, signal);
  }

  private async wait(
    bucket: Bucket,
    slot: Slot,
    ticket: Ticket,
    previous: Ticket | null,
    signal: AbortSignal | undefined,
  ): Promise<Release> {
    if (previous) {
      const waiters = previous.waiters ?? [];
      previous.waiters = waiters;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
    for (;;) {
      const wait = Math.max(bucket.pausedUntil, slot.time + this.windowMs) - this.clock.now();
      if (wait <= 0) break;
      await this.clock.sleep(wait, signal).catch((error) => {
        this.finish(slot, ticket);
        throw error;
      });
    }
    slot.time = this.clock.now();
    return () => this.finish(slot, ticket);
  }

  private finish(slot: Slot, ticket: Ticket): void {
    slot.time = Math.max(slot.time, this.clock.now());
    if (slot.holder === ticket) slot.holder = null;
    const waiters = ticket.waiters;
    ticket.waiters = null;
    if (waiters) for (const wake of waiters) wake();
  }

  pause(key: RateLimitKey, ms: number): void {
    const bucket = this.bucket(key);
    bucket.pausedUntil = Math.max(bucket.pausedUntil, this.clock.now() + ms);
  }
}

const noop: Release = () => {};
const granted = Promise.resolve(noop);

/** A limiter that never waits, for callers who rate-limit elsewhere. */
export const unlimited: RateLimiter = { acquire: () => granted, tryAcquire: () => noop, pause: () => {} };
