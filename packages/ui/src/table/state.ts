/**
 * The DataTable's server-side state, kept by the app (useState, the URL...) and sent to its API:
 * one sort, the filter values, and the page (by number, or by cursor as TikTok Shop's page_token).
 * Every function returns a new state; changing the sort, the filters or the page size goes back to
 * the first page, because the old page number or cursor means nothing under a different query.
 */

export interface SortState {
  /** Column id. */
  id: string;
  direction: "asc" | "desc";
}

/** Inclusive calendar dates, ISO "YYYY-MM-DD". */
export interface DateRangeValue {
  start: string;
  end: string;
}

export type FilterValue = string | DateRangeValue;
export type FilterValues = Readonly<Record<string, FilterValue | undefined>>;

export type PageState =
  | { mode: "offset"; index: number; size: number }
  | {
      mode: "cursor";
      size: number;
      /** Cursor of the current page; null for the first page. */
      cursor: string | null;
      /** Cursors of the pages before this one, so "Previous" works with forward-only cursors. */
      previous: readonly (string | null)[];
    };

export interface DataTableState {
  sort: SortState | null;
  filters: FilterValues;
  page: PageState;
}

export function createTableState(
  options: {
    pageSize?: number;
    mode?: "offset" | "cursor";
    sort?: SortState | null;
    filters?: FilterValues;
  } = {},
): DataTableState {
  const size = options.pageSize ?? 50;
  return {
    sort: options.sort ?? null,
    filters: options.filters ?? {},
    page:
      options.mode === "cursor"
        ? { mode: "cursor", size, cursor: null, previous: [] }
        : { mode: "offset", index: 0, size },
  };
}

export function firstPage(page: PageState): PageState {
  return page.mode === "cursor"
    ? { mode: "cursor", size: page.size, cursor: null, previous: [] }
    : { mode: "offset", index: 0, size: page.size };
}

export function isFilterActive(value: FilterValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === "string") return value.trim() !== "";
  return value.start !== "" || value.end !== "";
}

/** Filter values without empty entries, so `{status: undefined}` and `{}` are the same query. */
export function compactFilters(filters: FilterValues): FilterValues {
  const out: Record<string, FilterValue> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && isFilterActive(value)) out[key] = value;
  }
  return out;
}

export function activeFilterCount(filters: FilterValues): number {
  return Object.keys(compactFilters(filters)).length;
}

export function withSort(state: DataTableState, sort: SortState | null): DataTableState {
  return { ...state, sort, page: firstPage(state.page) };
}

export function withFilters(state: DataTableState, filters: FilterValues): DataTableState {
  return { ...state, filters: compactFilters(filters), page: firstPage(state.page) };
}

export function withPageSize(state: DataTableState, size: number): DataTableState {
  return { ...state, page: firstPage({ ...state.page, size }) };
}

/** The next page. Cursor mode needs the next cursor the server returned (next_page_token). */
export function toNextPage(state: DataTableState, nextCursor?: string | null): DataTableState {
  const page = state.page;
  if (page.mode === "offset") return { ...state, page: { ...page, index: page.index + 1 } };
  if (nextCursor == null) return state;
  return { ...state, page: { ...page, cursor: nextCursor, previous: [...page.previous, page.cursor] } };
}

export function toPreviousPage(state: DataTableState): DataTableState {
  const page = state.page;
  if (page.mode === "offset") return { ...state, page: { ...page, index: Math.max(0, page.index - 1) } };
  if (page.previous.length === 0) return state;
  return {
    ...state,
    page: {
      ...page,
      cursor: page.previous[page.previous.length - 1] ?? null,
      previous: page.previous.slice(0, -1),
    },
  };
}

/** How many rows come before the current page (for row numbers and aria-rowindex). */
export function pageOffset(page: PageState): number {
  return page.mode === "offset" ? page.index * page.size : page.previous.length * page.size;
}
