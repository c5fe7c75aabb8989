/**
 * Per app + shop + endpoint throttling (TikTok's quoted default is 50 requests per second per app
 * per API; the real limits are dynamic and unpublished, so the number is configurable). A token
 * bucket on real time: bursts up to the limit, refilled at the limit per second.
 */
export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until a request would be allowed again (for Retry-After). */
  retryAfterSeconds: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedMs: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly realNowMs: () => number = () => performance.now(),
  ) {}

  take(key: string): RateLimitDecision {
    if (!Number.isFinite(this.perSecond) || this.perSecond <= 0)
      return { allowed: true, retryAfterSeconds: 0 };
    const now = this.realNowMs();
    if (this.buckets.size > 10_000) this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.perSecond, updatedMs: now };
    bucket.tokens = Math.min(
      this.perSecond,
      bucket.tokens + ((now - bucket.updatedMs) / 1000) * this.perSecond,
    );
    bucket.updatedMs = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond)),
    };
  }

  /** Forgets full buckets so that the map does not grow with every key ever seen. */
  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedMs) / 1000) * this.perSecond >= this.perSecond) {
        this.buckets.delete(key);
      }
    }
  }
}
