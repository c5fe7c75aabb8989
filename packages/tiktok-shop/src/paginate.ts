import type { CallOptions, ShopClient } from "./client.ts";
import type {
  AnyEndpoint,
  EndpointData,
  EndpointInput,
  PageItem,
  PaginatedEndpoint,
} from "./contract/define.ts";
import { TikTokShopError } from "./errors.ts";

export interface Page<E extends AnyEndpoint> {
  items: Array<PageItem<E>>;
  data: EndpointData<E>;
  /** The token that fetched this page ("" for the first); save it to resume here. */
  pageToken: string;
  /** The token of the next page; "" on the last page. Save it to resume after this page. */
  nextPageToken: string;
  totalCount: number | undefined;
}

export interface PaginateOptions extends CallOptions {
  /** Resume from a saved `nextPageToken`. */
  pageToken?: string;
  /** Stop after this many pages. */
  maxPages?: number;
}

/**
 * Walks a cursor-paginated endpoint page by page. The cursor goes where the endpoint expects it
 * (the query string for nearly all, even POST searches; the body for promotion activity search),
 * and iteration stops on an empty or missing `next_page_token`, or on a token that repeats (a
 * server bug must not become an endless loop).
 */
export async function* pages<E extends PaginatedEndpoint>(
  shop: ShopClient,
  endpoint: E,
  input: EndpointInput<E>,
  options: PaginateOptions = {},
): AsyncGenerator<Page<E>, void, undefined> {
  const spec = endpoint.pagination;
  const seen = new Set<string>();
  let token = options.pageToken ?? "";
  for (let count = 0; options.maxPages === undefined || count < options.maxPages; count++) {
    const raw = input as {
      params?: unknown;
      query?: Record<string, unknown>;
      body?: Record<string, unknown>;
    };
    const withToken =
      spec.tokenIn === "query"
        ? { ...raw, query: { ...raw.query, ...(token ? { page_token: token } : {}) } }
        : { ...raw, body: { ...raw.body, ...(token ? { page_token: token } : {}) } };
    const data = (await shop.request(endpoint, withToken as EndpointInput<E>, options)) as Record<
      string,
      unknown
    >;
    const items = (Array.isArray(data[spec.items]) ? data[spec.items] : []) as Array<PageItem<E>>;
    const next = typeof data.next_page_token === "string" ? data.next_page_token : "";
    const totalCount = typeof data.total_count === "number" ? data.total_count : undefined;
    yield { items, data: data as EndpointData<E>, pageToken: token, nextPageToken: next, totalCount };
    if (!next || seen.has(next)) return;
    seen.add(next);
    token = next;
  }
}

/** Every item of every page, in order. */
export async function* items<E extends PaginatedEndpoint>(
  shop: ShopClient,
  endpoint: E,
  input: EndpointInput<E>,
  options: PaginateOptions = {},
): AsyncGenerator<PageItem<E>, void, undefined> {
  for await (const page of pages(shop, endpoint, input, options)) yield* page.items;
}

/** TikTok refuses product searches whose result set exceeds this (12052180). */
export const PRODUCT_SEARCH_CAP = 10_000;
const SEARCH_CAP_CODE = 12052180;

export interface WindowedSearchOptions extends CallOptions {
  /** Inclusive Unix-second bounds of the update_time range to cover. */
  from: number;
  to: number;
  pageSize?: number;
  cap?: number;
}

/**
 * Product search answers at most 10,000 results per filter. To list a larger catalog, the
 * update_time range is split in halves until each window holds at most the cap, then each
 * window is paged through. Windows are visited oldest first and do not overlap (the product
 * filters are `update_time_ge` and `update_time_le`, both inclusive).
 */
export async function* windowedProductSearch<E extends PaginatedEndpoint>(
  shop: ShopClient,
  endpoint: E,
  input: EndpointInput<E>,
  options: WindowedSearchOptions,
): AsyncGenerator<PageItem<E>, void, undefined> {
  const cap = options.cap ?? PRODUCT_SEARCH_CAP;
  const pageSize = options.pageSize ?? 100;
  const raw = input as { query?: Record<string, unknown>; body?: Record<string, unknown> };
  const stack: Array<[number, number]> = [[options.from, options.to]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    const windowInput = {
      ...raw,
      query: { ...raw.query, page_size: pageSize },
      body: { ...raw.body, update_time_ge: from, update_time_le: to },
    } as unknown as EndpointInput<E>;
    const iterator = pages(shop, endpoint, windowInput, options);
    let first: IteratorResult<Page<E>, void>;
    let tooMany = false;
    try {
      first = await iterator.next();
      tooMany = !first.done && (first.value.totalCount ?? 0) > cap;
    } catch (error) {
      // TikTok may refuse the whole query instead of answering a first page.
      if (!(error instanceof TikTokShopError && error.code === SEARCH_CAP_CODE) || to <= from) throw error;
      first = { done: true, value: undefined };
      tooMany = true;
    }
    if (tooMany && to > from) {
      await iterator.return(undefined);
      const mid = Math.floor((from + to) / 2);
      // Pushed newest first so that the oldest half is visited first.
      stack.push([mid + 1, to], [from, mid]);
      continue;
    }
    if (first.done) continue;
    yield* first.value.items;
    for await (const page of iterator) yield* page.items;
  }
}
