/**
 * The dev shop's clock: real time plus an offset that only moves forward. Everything with a
 * lifetime (auth codes, tokens, authorizations, webhook retries, order transitions) reads this
 * clock, so tests and demos can jump days ahead without waiting.
 */
export interface Clock {
  /** Unix seconds on the dev shop's clock. */
  now(): number;
  /** Unix milliseconds on the dev shop's clock. */
  nowMs(): number;
  /** Seconds added to real time. */
  readonly offsetSeconds: number;
  /** Moves the clock forward and notifies listeners (which run the time-driven work). */
  advance(seconds: number): number;
  /** Sets the offset directly (used when a snapshot is loaded or the shop is reset). */
  setOffset(seconds: number): void;
  /** Called after every change of the offset; returns an unsubscribe function. */
  onChange(listener: (now: number) => void): () => void;
}

export interface ClockOptions {
  /** Initial offset in seconds. */
  offsetSeconds?: number;
  /** Alternatively, the Unix seconds the clock should read right now (sets the offset). */
  startAt?: number;
  /** Real time source in milliseconds; injectable for tests of the clock itself. */
  realNowMs?: () => number;
}

export function createClock(options: ClockOptions = {}): Clock {
  const realNowMs = options.realNowMs ?? Date.now;
  let offset =
    options.startAt !== undefined
      ? options.startAt - Math.floor(realNowMs() / 1000)
      : Math.trunc(options.offsetSeconds ?? 0);
  const listeners = new Set<(now: number) => void>();

  const clock: Clock = {
    now: () => Math.floor(realNowMs() / 1000) + offset,
    nowMs: () => realNowMs() + offset * 1000,
    get offsetSeconds() {
      return offset;
    },
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) {
        throw new RangeError("The dev shop's clock only moves forward: seconds must be a number >= 0");
      }
      offset += Math.trunc(seconds);
      const now = clock.now();
      for (const listener of listeners) listener(now);
      return now;
    },
    setOffset(seconds: number) {
      offset = Math.trunc(seconds);
      const now = clock.now();
      for (const listener of listeners) listener(now);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return clock;
}
