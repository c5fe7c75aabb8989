import type { Safety } from "./contract/define.ts";
import type { TikTokShopError } from "./errors.ts";

/**
 * When and how long to wait before repeating a failed call.
 *
 * Only transient failures are retried, and only when repeating cannot do harm: reads and
 * searches always; writes only when they carry an idempotency key (TikTok de-duplicates on it).
 * A 429 is retried for every call, because a throttled request was refused before it was
 * processed. Every attempt is signed again with a fresh timestamp.
 */
export interface RetryPolicy {
  /** Attempts in total, the first included. Default 4. */
  maxAttempts: number;
  /** First backoff step. Default 250 ms. */
  baseDelayMs: number;
  /** Largest single wait. Default 10 s. */
  maxDelayMs: number;
  /** No retry starts after this much time since the first attempt. Default 30 s. */
  maxElapsedMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxElapsedMs: 30_000,
};

export const noRetry: RetryPolicy = { ...defaultRetryPolicy, maxAttempts: 1 };

export function isSafeToRepeat(error: TikTokShopError, safety: Safety, hasIdempotencyKey: boolean): boolean {
  if (error.kind === "rate_limit") return true;
  if (error.kind !== "server" && error.kind !== "network") return false;
  return safety === "read" || (safety === "idempotent-write" && hasIdempotencyKey);
}

/**
 * Exponential backoff with full jitter (a random wait between 0 and the exponential step), which
 * spreads retries of many clients apart. A Retry-After from TikTok is a floor.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.round(random() * step);
  return Math.max(jittered, retryAfterMs ?? 0);
}
