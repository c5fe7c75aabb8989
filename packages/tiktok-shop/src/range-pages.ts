import type { CallOptions, ShopClient } from "./client.ts";
import type { EndpointInput, PageItem, PaginatedEndpoint } from "./contract/define.ts";
import { pages } from "./paginate.ts";

/**
 * Pages of a time-filtered list read by several cursor chains at once.
 *
 * A cursor chain is latency-bound: each page waits for the one before, so one chain reads at
 * 1 / round-trip pages per second however much rate budget is left. Here the time range is split
 * into sub-ranges read side by side, so that the rate limiter, not the round trip, sets the pace.
 * TikTok does not say how orders spread over time, so the split follows the data: a chain whose
 * query still has more than two pages to go (from `total_count`) is split at the midpoint between
 * the last time it read and its end, whenever fewer than `concurrency` chains are running. Data
 * bunched in one half only costs a chain that ends early, after which another chain is split.
 *
 * The endpoint must return items sorted ascending by `timeOf` and take the range through `input`
 * (inclusive start, exclusive end). A split restarts the left part at the last time read, so
 * items sharing that second can come twice; callers upsert.
 */
export interface RangePagesOptions<E extends PaginatedEndpoint> extends CallOptions {
  /** Inclusive start of the range (Unix seconds, or whatever unit `timeOf` uses). */
  start: number;
  /** Exclusive end of the range. */
  end: number;
  /** The request for one sub-range, e.g. `{ body: { update_time_ge: start, update_time_lt: end } }` with an ascending sort. */
  input: (range: { start: number; end: number }) => EndpointInput<E>;
  /** The sort key of an item. */
  timeOf: (item: PageItem<E>) => number;
  /** Chains in flight at once (default 4). */
  concurrency?: number;
  /** Pages fetched ahead of the consumer, at most (default: `concurrency`). */
  buffered?: number;
  /** A `resumeToken` of an earlier run over the same range: read only what it had not covered. */
  resume?: string;
}

export interface RangePage<E extends PaginatedEndpoint> {
  items: Array<PageItem<E>>;
  /**
   * Where to resume once this page and every page yielded before it are stored; "" when nothing
   * is left. Opaque; save it as a whole.
   */
  resumeToken: string;
}

/** One sub-range still to read: from its first page (`pageToken` "") or from a saved page. */
export interface PendingRange {
  start: number;
  end: number;
  pageToken: string;
}

const FORMAT = 1;

/** A resume token for ranges, e.g. to carry on from a plain page token saved by a single chain. */
export function rangeResumeToken(ranges: readonly PendingRange[]): string {
  if (ranges.length === 0) return "";
  return JSON.stringify({ v: FORMAT, ranges: ranges.map((r) => [r.start, r.end, r.pageToken]) });
}

/** The ranges a resume token still has to read; throws on anything `rangeResumeToken` did not make. */
export function parseRangeResumeToken(token: string): PendingRange[] {
  if (token === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(token);
  } catch {
    parsed = undefined;
  }
  const value = parsed as { v?: unknown; ranges?: unknown } | undefined;
  if (value?.v !== FORMAT || !Array.isArray(value.ranges)) {
    throw new TypeError("rangePages: the resume token was not made by rangePages");
  }
  return value.ranges.map((entry: unknown) => {
    const [start, end, pageToken] = Array.isArray(entry) ? entry : [];
    if (
      typeof start !== "number" ||
      typeof end !== "number" ||
      typeof pageToken !== "string" ||
      start > end
    ) {
      throw new TypeError("rangePages: the resume token holds a malformed range");
    }
    return { start, end, pageToken };
  });
}

interface Fetched<E extends PaginatedEndpoint> {
  items: Array<PageItem<E>>;
  /** What yielding this page changes in the ranges left to read. */
  settle: (left: Set<PendingRange>) => void;
}

export async function* rangePages<E extends PaginatedEndpoint>(
  shop: ShopClient,
  endpoint: E,
  options: RangePagesOptions<E>,
): AsyncGenerator<RangePage<E>, void, undefined> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const buffered = Math.max(1, options.buffered ?? concurrency);
  // The ranges left as of the pages yielded so far: what a resume token describes.
  const left = new Set<PendingRange>(
    options.resume !== undefined
      ? parseRangeResumeToken(options.resume)
      : options.start < options.end
        ? [{ start: options.start, end: options.end, pageToken: "" }]
        : [],
  );
  const waiting = [...left];
  const ready: Array<Fetched<E>> = [];
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let running = 0;
  let failure: { error: unknown } | undefined;
  let wakeConsumer: (() => void) | undefined;
  const roomWaiters: Array<() => void> = [];

  const wake = () => {
    wakeConsumer?.();
    wakeConsumer = undefined;
  };
  const room = () =>
    ready.length < buffered ? Promise.resolve() : new Promise<void>((resolve) => roomWaiters.push(resolve));

  const launch = (range: PendingRange) => {
    running++;
    chain(range)
      .catch((error: unknown) => {
        if (!failure) {
          failure = { error };
          stop.abort();
        }
      })
      .finally(() => {
        running--;
        const next = waiting.shift();
        if (next && !failure) launch(next);
        wake();
      });
  };

  async function chain(range: PendingRange): Promise<void> {
    let received = 0;
    let last = range.start;
    let slot = range;
    for await (const page of pages(shop, endpoint, options.input(range), {
      ...(range.pageToken ? { pageToken: range.pageToken } : {}),
      signal,
      ...(options.retry !== undefined ? { retry: options.retry } : {}),
    })) {
      received += page.items.length;
      const tail = page.items.at(-1);
      if (tail !== undefined) last = Math.max(last, options.timeOf(tail));
      const current = slot;
      if (!page.nextPageToken) {
        ready.push({ items: page.items, settle: (set) => set.delete(current) });
        wake();
        return;
      }
      const remaining = page.totalCount === undefined ? 0 : page.totalCount - received;
      const mid = Math.floor((last + range.end) / 2);
      if (
        running + waiting.length < concurrency &&
        remaining > 2 * Math.max(1, page.items.length) &&
        mid > last &&
        mid < range.end
      ) {
        // Split: the rest of this range is read afresh as two ranges, from the last time read.
        const lower = { start: last, end: mid, pageToken: "" };
        const upper = { start: mid, end: range.end, pageToken: "" };
        ready.push({
          items: page.items,
          settle: (set) => {
            set.delete(current);
            set.add(lower);
            set.add(upper);
          },
        });
        wake();
        launch(upper);
        await room();
        return chain(lower);
      }
      const after = { start: range.start, end: range.end, pageToken: page.nextPageToken };
      slot = after;
      ready.push({
        items: page.items,
        settle: (set) => {
          set.delete(current);
          set.add(after);
        },
      });
      wake();
      await room();
      if (failure) return;
    }
    // The chain ended without an empty next token (a repeated token): nothing left in it.
    const current = slot;
    ready.push({ items: [], settle: (set) => set.delete(current) });
    wake();
  }

  try {
    for (const range of waiting.splice(0, concurrency)) launch(range);
    for (;;) {
      const page = ready.shift();
      if (page) {
        roomWaiters.shift()?.();
        page.settle(left);
        if (page.items.length > 0 || left.size === 0) {
          yield { items: page.items, resumeToken: rangeResumeToken([...left]) };
        }
        continue;
      }
      if (failure) throw failure.error;
      if (running === 0) return;
      await new Promise<void>((resolve) => {
        wakeConsumer = resolve;
      });
    }
  } finally {
    // The consumer stopped early or a chain failed: nothing more is fetched.
    stop.abort();
    for (const resolve of roomWaiters.splice(0)) resolve();
  }
}
