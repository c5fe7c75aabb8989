import { codes, raise } from "./errors.ts";
import { hash32 } from "./rng.ts";

/**
 * Cursor pagination as TikTok exposes it: `page_size` + opaque `page_token` in, `next_page_token`
 * (empty string on the last page) + `total_count` out.
 *
 * The token is base64url JSON holding the sort value and id of the last item served, so the next
 * page starts strictly after that item: inserting new orders while a client walks the pages does
 * not shift or repeat anything. It also carries a fingerprint of the filters and sort, because a
 * cursor is meaningless under a different query, and the position reached, for result caps.
 */

export interface SortKey {
  value: number;
  id: string;
}

interface Cursor {
  v: number;
  i: string;
  n: number;
  f: string;
}

export interface Page<T> {
  items: T[];
  nextPageToken: string;
  totalCount: number;
  /** Index of the first item of this page in the full result. */
  offset: number;
}

export interface PageOptions<T> {
  pageSize: number;
  token: string | undefined;
  /** Sort direction of `sorted`. */
  descending: boolean;
  key: (item: T) => SortKey;
  /** Anything that identifies the query (filters, sort field); tokens from another query are refused. */
  query: unknown;
}

export function compareKeys(a: SortKey, b: SortKey): number {
  if (a.value !== b.value) return a.value - b.value;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sorts by (value, id) in the given direction. */
export function sortByKey<T>(items: T[], key: (item: T) => SortKey, descending: boolean): T[] {
  const keyed = items.map((item) => ({ item, k: key(item) }));
  keyed.sort((a, b) => (descending ? -compareKeys(a.k, b.k) : compareKeys(a.k, b.k)));
  return keyed.map((entry) => entry.item);
}

export function paginate<T>(sorted: T[], options: PageOptions<T>): Page<T> {
  const fingerprint = hash32(JSON.stringify(options.query ?? null)).toString(36);
  let start = 0;
  let offset = 0;
  if (options.token) {
    const cursor = decodeCursor(options.token);
    if (!cursor || cursor.f !== fingerprint) {
      raise(
        codes.invalidParam,
        "Invalid param error. The page_token is invalid or belongs to another query.",
        400,
      );
    }
    const last: SortKey = { value: cursor.v, id: cursor.i };
    start = sorted.findIndex((item) => {
      const order = compareKeys(options.key(item), last);
      return options.descending ? order < 0 : order > 0;
    });
    if (start < 0) start = sorted.length;
    offset = cursor.n;
  }
  const items = sorted.slice(start, start + options.pageSize);
  const lastItem = items[items.length - 1];
  const more = start + options.pageSize < sorted.length && lastItem !== undefined;
  let nextPageToken = "";
  if (more && lastItem !== undefined) {
    const key = options.key(lastItem);
    nextPageToken = encodeCursor({ v: key.value, i: key.id, n: offset + items.length, f: fingerprint });
  }
  return { items, nextPageToken, totalCount: sorted.length, offset };
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(token: string): Cursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (parsed === null || typeof parsed !== "object") return null;
    const { v, i, n, f } = parsed as Record<string, unknown>;
    if (typeof v !== "number" || typeof i !== "string" || typeof n !== "number" || typeof f !== "string") {
      return null;
    }
    return { v, i, n, f };
  } catch {
    return null;
  }
}

/** Reads `page_size` with the endpoint's default and bounds (the gateway has range-checked it already). */
export function pageSize(value: unknown, fallback: number, max: number): number {
  const size = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  if (!Number.isInteger(size) || size < 1) return fallback;
  return Math.min(size, max);
}
