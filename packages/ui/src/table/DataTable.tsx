import {
  type ColumnDef,
  createColumnHelper,
  metaHelper,
  type RowData,
  type RowSelectionState,
  rowSelectionFeature,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  type Updater,
  useTable,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import {
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Button as RACButton,
  Select,
  SelectValue,
  useLocale,
} from "react-aria-components";
import { Button, focusRing } from "../components/Button.tsx";
import {
  ArrowDownIcon,
  ArrowUpIcon,
  ChevronDownIcon,
  ChevronLeftIcon,
  ChevronRightIcon,
  SortIcon,
} from "../components/icons.tsx";
import { EmptyState, ErrorState, errorMessage, Skeleton } from "../components/States.tsx";
import { cx } from "../lib/cx.ts";
import { FilterBar, type FilterDef } from "./FilterBar.tsx";
import {
  activeFilterCount,
  type DataTableState,
  pageOffset,
  toNextPage,
  toPreviousPage,
  withFilters,
  withPageSize,
  withSort,
} from "./state.ts";

/** Per-column options the kit reads (set them as `meta` in a column definition). */
export interface DataTableColumnMeta {
  /** Numbers and money align to the end so digits line up. */
  align?: "start" | "center" | "end";
  /** Fixed column width (px number or any CSS length); columns without one share the rest. */
  width?: number | string;
}

/**
 * The TanStack Table features the kit uses: server-side sorting and row selection. Column definitions
 * are typed against them, so `enableSorting` and `meta.align` are checked per row type.
 */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowSelectionFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;
// biome-ignore lint/suspicious/noExplicitAny: each column has its own value type; `any` lets them share an array, as TanStack's own helper does.
export type DataTableColumn<TRow extends RowData> = ColumnDef<DataTableFeatures, TRow, any>;

/**
 * A typed column builder for a row type:
 *   const col = columnHelper<Order>();
 *   const columns = col.columns([col.accessor("id", { header: "Order", enableSorting: true }), ...]);
 */
export function columnHelper<TRow extends RowData>() {
  return createColumnHelper<DataTableFeatures, TRow>();
}

export interface BulkAction<TRow> {
  label: string;
  /**
   * Gets every selected id (selection spans pages) and the selected rows loaded on this page.
   * A returned promise shows the button as pending; selection is cleared when it resolves.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing is as valid as one returning a promise.
  onAction: (ids: string[], loadedRows: TRow[]) => void | Promise<unknown>;
  destructive?: boolean;
  isDisabled?: boolean;
  /** Keep the selection after the action (e.g. "Export"). Default false. */
  keepSelection?: boolean;
}

export interface DataTableProps<TRow extends RowData> {
  /** Names the table for screen readers ("Orders"). */
  label: string;
  columns: Array<DataTableColumn<TRow>>;
  /** The current page of rows from the server; keep the array stable between renders. */
  data: TRow[] | undefined;
  getRowId: (row: TRow) => string;
  state: DataTableState;
  onStateChange: (next: DataTableState) => void;
  /** Total rows of the query, when the API reports it (page count, "of N", aria-rowcount). */
  totalRows?: number;
  /** Cursor mode: the next page's cursor from the response; null/undefined = last page. */
  nextCursor?: string | null;
  /** Offset mode without a total: whether there is a next page. Default: the page is full. */
  hasNextPage?: boolean;
  pageSizeOptions?: readonly number[];
  /** First load: skeleton rows. */
  isLoading?: boolean;
  /** Refetch with rows on screen: a progress bar, rows stay. */
  isFetching?: boolean;
  error?: unknown;
  onRetry?: () => void;
  emptyState?: { title: ReactNode; description?: ReactNode; action?: ReactNode };
  /** Filters shown above the table, bound to state.filters. */
  filters?: readonly FilterDef[];
  /** Controls at the end of the toolbar (Export, column settings). */
  toolbarEnd?: ReactNode;
  /** Row checkboxes. Implied by bulkActions. */
  selectable?: boolean;
  bulkActions?: readonly BulkAction<TRow>[];
  /** Controlled selection (ids); omit both to let the table keep it. */
  selectedIds?: readonly string[];
  onSelectedIdsChange?: (ids: string[]) => void;
  /** Names a row for its checkbox ("Select order 5781…"). Default: the row id. */
  getRowLabel?: (row: TRow) => string;
  /** Row height in px; rows are this tall (cells truncate) so virtual scrolling stays exact. */
  rowHeight?: number;
  /** Height limit of the scrolling body; the header sticks to its top. */
  maxHeight?: number | string;
  /** Pages with more rows than this render only the visible window. Default 100. */
  virtualizeThreshold?: number;
}

const NO_ROWS: never[] = [];
const alignClass = { start: "text-left", center: "text-center", end: "text-right" } as const;

function useSelection(
  controlled: readonly string[] | undefined,
  onChange: ((ids: string[]) => void) | undefined,
): [readonly string[], (ids: string[]) => void] {
  const [own, setOwn] = useState<readonly string[]>([]);
  // The caller's array as is: a copy per render would look like a new selection to TanStack every time.
  const ids = controlled ?? own;
  const set = (next: string[]) => {
    if (!controlled) setOwn(next);
    onChange?.(next);
  };
  return [ids, set];
}

/** A header or row checkbox: native for speed with thousands of rows, indeterminate when partial. */
function Checkbox({
  checked,
  indeterminate = false,
  label,
  onChange,
}: {
  checked: boolean;
  indeterminate?: boolean;
  label: string;
  onChange: (event: unknown) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={label}
      checked={checked}
      onChange={onChange}
      className="size-4 cursor-pointer accent-primary focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
    />
  );
}

/**
 * A server-driven data table: controlled sort / filters / page (offset or cursor), typed columns,
 * row selection with a bulk-action bar, loading / empty / error states, a sticky header and
 * virtualized rows for long pages. It is a real <table>; when only a window of rows is in the DOM,
 * aria-rowcount and aria-rowindex tell assistive technology where each row sits.
 */
export function DataTable<TRow extends RowData>({
  label,
  columns,
  data,
  getRowId,
  state,
  onStateChange,
  totalRows,
  nextCursor,
  hasNextPage,
  pageSizeOptions = [20, 50, 100],
  isLoading = false,
  isFetching = false,
  error,
  onRetry,
  emptyState,
  filters,
  toolbarEnd,
  selectable,
  bulkActions,
  selectedIds,
  onSelectedIdsChange,
  getRowLabel,
  rowHeight = 44,
  maxHeight = "min(70vh, 720px)",
  virtualizeThreshold = 100,
}: DataTableProps<TRow>) {
  const { locale } = useLocale();
  const numbers = useMemo(() => new Intl.NumberFormat(locale), [locale]);
  const rowsData = data ?? NO_ROWS;
  const canSelect = selectable ?? (bulkActions !== undefined && bulkActions.length > 0);
  const [selected, setSelected] = useSelection(selectedIds, onSelectedIdsChange);
  const [runningAction, setRunningAction] = useState<string | null>(null);

  const sorting = useMemo<SortingState>(
    () => (state.sort ? [{ id: state.sort.id, desc: state.sort.direction === "desc" }] : []),
    [state.sort],
  );
  const rowSelection = useMemo<RowSelectionState>(() => {
    const out: RowSelectionState = {};
    for (const id of selected) out[id] = true;
    return out;
  }, [selected]);

  // Latest props for TanStack's change callbacks, which may be kept from an earlier render.
  const latest = useRef({ state, onStateChange, rowSelection, setSelected });
  latest.current = { state, onStateChange, rowSelection, setSelected };

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rowsData,
    getRowId: (row: TRow) => getRowId(row),
    state: { sorting, rowSelection },
    manualSorting: true,
    enableMultiSort: false,
    sortDescFirst: false,
    // Sorting is server work: only columns that opt in (enableSorting: true) get a sort button.
    defaultColumn: { enableSorting: false },
    enableRowSelection: canSelect,
    onSortingChange: (updater: Updater<SortingState>) => {
      const { state: current, onStateChange: report } = latest.current;
      const prev: SortingState = current.sort
        ? [{ id: current.sort.id, desc: current.sort.direction === "desc" }]
        : [];
      const next = typeof updater === "function" ? updater(prev) : updater;
      const first = next[0];
      report(withSort(current, first ? { id: first.id, direction: first.desc ? "desc" : "asc" } : null));
    },
    onRowSelectionChange: (updater: Updater<RowSelectionState>) => {
      const { rowSelection: prev, setSelected: apply } = latest.current;
      const next = typeof updater === "function" ? updater(prev) : updater;
      apply(Object.keys(next).filter((id) => next[id]));
    },
  });

  // A different filter set is a different list: selected rows may no longer be in it.
  const filtersKey = JSON.stringify(state.filters);
  const firstFilters = useRef(filtersKey);
  useEffect(() => {
    if (filtersKey === firstFilters.current) return;
    firstFilters.current = filtersKey;
    latest.current.setSelected([]);
  }, [filtersKey]);

  const rows = table.getRowModel().rows;
  const virtualized = rows.length > virtualizeThreshold;
  const scrollRef = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({
    count: virtualized ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    getItemKey: (index) => rows[index]?.id ?? index,
  });

  // A new page starts at its top.
  const pageKey = JSON.stringify(state.page);
  useEffect(() => {
    if (pageKey && scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [pageKey]);

  const offset = pageOffset(state.page);
  const headerGroups = table.getHeaderGroups();
  const leafColumns = table.getAllLeafColumns();
  const columnCount = leafColumns.length + (canSelect ? 1 : 0);
  const headerRows = headerGroups.length;
  const pageSize = state.page.size;
  const knownTotal =
    totalRows ?? (data && !isLoading && hasNext() === false ? offset + rowsData.length : undefined);
  const ariaRowCount = knownTotal !== undefined ? knownTotal + headerRows : -1;

  function hasNext(): boolean {
    if (state.page.mode === "cursor") return nextCursor != null;
    if (totalRows !== undefined) return (state.page.index + 1) * state.page.size < totalRows;
    return hasNextPage ?? rowsData.length >= state.page.size;
  }
  const hasPrevious = state.page.mode === "cursor" ? state.page.previous.length > 0 : state.page.index > 0;

  const filtered = activeFilterCount(state.filters) > 0;
  const showError = error != null && rowsData.length === 0;
  const showSkeleton = isLoading && rowsData.length === 0 && !showError;
  const showEmpty = !isLoading && !showError && rowsData.length === 0;

  const runBulk = async (action: BulkAction<TRow>) => {
    const ids = [...selected];
    // Computed on demand: scanning 10,000 rows on every scroll frame would cost smoothness.
    const loaded = rows.filter((r) => r.getIsSelected()).map((r) => r.original);
    const result = action.onAction(ids, loaded);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      setRunningAction(action.label);
      try {
        await result;
        if (!action.keepSelection) setSelected([]);
      } catch {
        // The app reports the failure; the selection stays so the seller can retry.
      } finally {
        setRunningAction(null);
      }
    } else if (!action.keepSelection) {
      setSelected([]);
    }
  };

  const virtualItems = virtualized ? virtualizer.getVirtualItems() : [];
  const paddingTop = virtualized && virtualItems.length > 0 ? (virtualItems[0]?.start ?? 0) : 0;
  const paddingBottom =
    virtualized && virtualItems.length > 0
      ? virtualizer.getTotalSize() - (virtualItems[virtualItems.length - 1]?.end ?? 0)
      : 0;
  const visibleRows = virtualized
    ? virtualItems.flatMap((item) => {
        const row = rows[item.index];
        return row ? [{ row, index: item.index }] : [];
      })
    : rows.map((row, index) => ({ row, index }));

  // The current size is always offered, even when the app set one outside pageSizeOptions.
  const sizeOptions = [...new Set([...pageSizeOptions, pageSize])].sort((a, b) => a - b);
  const from = rowsData.length > 0 ? offset + 1 : 0;
  const to =
    knownTotal !== undefined ? Math.min(offset + rowsData.length, knownTotal) : offset + rowsData.length;

  return (
    <div className="overflow-hidden rounded-xl bg-surface text-fg shadow-card">
      {(filters?.length || toolbarEnd) && (
        <div className="border-b border-line p-3">
          {filters && filters.length > 0 ? (
            <FilterBar
              filters={filters}
              value={state.filters}
              onChange={(next) => onStateChange(withFilters(state, next))}
              actions={toolbarEnd}
            />
          ) : (
            <div className="flex justify-end gap-2">{toolbarEnd}</div>
          )}
        </div>
      )}

      <p aria-live="polite" className="sr-only">
        {selected.length > 0 ? `${numbers.format(selected.length)} rows selected` : ""}
      </p>
      {canSelect && selected.length > 0 && (
        <div className="flex flex-wrap items-center gap-2 border-b border-line bg-surface-subdued px-3 py-2">
          <span className="text-sm font-medium">{numbers.format(selected.length)} selected</span>
          <div className="flex flex-wrap items-center gap-2">
            {bulkActions?.map((action) => (
              <Button
                key={action.label}
                size="sm"
                variant={action.destructive ? "critical" : "secondary"}
                isDisabled={action.isDisabled || (runningAction !== null && runningAction !== action.label)}
                isPending={runningAction === action.label}
                onPress={() => runBulk(action)}
              >
                {action.label}
              </Button>
            ))}
          </div>
          <Button size="sm" variant="plain" className="ml-auto" onPress={() => setSelected([])}>
            Clear selection
          </Button>
        </div>
      )}

      <div className="relative">
        {isFetching && rowsData.length > 0 && (
          <div aria-hidden="true" className="absolute inset-x-0 top-0 z-20 h-0.5 overflow-hidden bg-info-bg">
            <div className="h-full w-1/3 bg-info-solid motion-safe:animate-kit-progress" />
          </div>
        )}
        {/* A scrollable region with no control inside must be reachable by keyboard (WCAG 2.1.1), so it
            takes focus; biome.json turns off noNoninteractiveTabindex for this file for that reason. */}
        <section
          ref={scrollRef}
          className={cx("overflow-auto", focusRing)}
          style={{ maxHeight }}
          data-kit-table-scroll=""
          tabIndex={0}
          aria-label={label}
        >
          <table
            aria-label={label}
            aria-rowcount={ariaRowCount}
            aria-busy={isLoading || isFetching || undefined}
            className="w-full table-fixed border-separate border-spacing-0 text-sm"
          >
            <colgroup>
              {canSelect && <col style={{ width: 44 }} />}
              {leafColumns.map((column) => {
                const width = column.columnDef.meta?.width;
                return <col key={column.id} style={width !== undefined ? { width } : undefined} />;
              })}
            </colgroup>
            <thead>
              {headerGroups.map((group, groupIndex) => (
                <tr key={group.id} aria-rowindex={groupIndex + 1}>
                  {canSelect && (
                    <th
                      scope="col"
                      className="sticky top-0 z-10 border-b border-line bg-surface-subdued px-3 py-2 text-left"
                    >
                      {groupIndex === headerGroups.length - 1 && (
                        <Checkbox
                          label="Select all rows on this page"
                          checked={rows.length > 0 && table.getIsAllPageRowsSelected()}
                          indeterminate={
                            table.getIsSomePageRowsSelected() && !table.getIsAllPageRowsSelected()
                          }
                          onChange={table.getToggleAllPageRowsSelectedHandler()}
                        />
                      )}
                    </th>
                  )}
                  {group.headers.map((header) => {
                    const column = header.column;
                    const align = column.columnDef.meta?.align ?? "start";
                    const sorted = column.getIsSorted();
                    const canSort = column.getCanSort();
                    return (
                      <th
                        key={header.id}
                        scope="col"
                        colSpan={header.colSpan}
                        aria-sort={
                          sorted === "asc"
                            ? "ascending"
                            : sorted === "desc"
                              ? "descending"
                              : canSort
                                ? "none"
                                : undefined
                        }
                        className={cx(
                          "sticky top-0 z-10 border-b border-line bg-surface-subdued px-3 py-2 text-xs font-semibold text-fg-muted",
                          alignClass[align],
                        )}
                      >
                        {header.isPlaceholder ? null : canSort ? (
                          <RACButton
                            onPress={() => column.toggleSorting(undefined, false)}
                            className={cx(
                              "-mx-1 inline-flex max-w-full cursor-pointer items-center gap-1 rounded px-1 py-0.5 data-hovered:text-fg",
                              align === "end" && "flex-row-reverse",
                              sorted && "text-fg",
                              focusRing,
                            )}
                          >
                            <span className="truncate">
                              <table.FlexRender header={header} />
                            </span>
                            {sorted === "asc" ? (
                              <ArrowUpIcon className="shrink-0" />
                            ) : sorted === "desc" ? (
                              <ArrowDownIcon className="shrink-0" />
                            ) : (
                              <SortIcon className="shrink-0 opacity-50" />
                            )}
                          </RACButton>
                        ) : (
                          <span className="block truncate">
                            <table.FlexRender header={header} />
                          </span>
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {showError && (
                <tr>
                  <td colSpan={columnCount}>
                    <ErrorState
                      title={`Couldn't load ${label.toLowerCase()}`}
                      message={errorMessage(error)}
                      onRetry={onRetry}
                    />
                  </td>
                </tr>
              )}
              {showSkeleton &&
                Array.from({ length: Math.min(pageSize, 8) }, (_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders never reorder
                  // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a skeleton row holds nothing focusable; Biome counts every <tr> as focusable
                  <tr key={i} aria-hidden="true">
                    {Array.from({ length: columnCount }, (_, c) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders never reorder
                      <td key={c} className="border-b border-line px-3" style={{ height: rowHeight }}>
                        <Skeleton className={c % 2 === 0 ? "w-3/4" : "w-1/2"} />
                      </td>
                    ))}
                  </tr>
                ))}
              {showEmpty && (
                <tr>
                  <td colSpan={columnCount}>
                    {filtered ? (
                      <EmptyState
                        title="No results"
                        description="Nothing matches these filters."
                        action={
                          <Button onPress={() => onStateChange(withFilters(state, {}))}>Clear filters</Button>
                        }
                      />
                    ) : (
                      <EmptyState
                        title={emptyState?.title ?? `No ${label.toLowerCase()} yet`}
                        description={emptyState?.description}
                        action={emptyState?.action}
                      />
                    )}
                  </td>
                </tr>
              )}
              {paddingTop > 0 && (
                // biome-ignore lint/a11y/noAriaHiddenOnFocusable: spacer row for the rows scrolled away; nothing focusable inside
                <tr aria-hidden="true">
                  <td colSpan={columnCount} style={{ height: paddingTop, padding: 0, border: 0 }} />
                </tr>
              )}
              {visibleRows.map(({ row, index }) => {
                const isSelected = row.getIsSelected();
                return (
                  <tr
                    key={row.id}
                    aria-rowindex={offset + index + headerRows + 1}
                    data-selected={isSelected || undefined}
                    className={cx(
                      "group/row",
                      isSelected ? "bg-surface-selected" : "hover:bg-surface-hover",
                      isFetching && "opacity-70",
                    )}
                    style={{ height: rowHeight }}
                  >
                    {canSelect && (
                      <td className="border-b border-line px-3">
                        <Checkbox
                          label={`Select ${getRowLabel ? getRowLabel(row.original) : row.id}`}
                          checked={isSelected}
                          onChange={row.getToggleSelectedHandler()}
                        />
                      </td>
                    )}
                    {row.getAllCells().map((cell) => {
                      const align = cell.column.columnDef.meta?.align ?? "start";
                      return (
                        <td
                          key={cell.id}
                          className={cx(
                            "truncate border-b border-line px-3",
                            alignClass[align],
                            align === "end" && "tabular-nums",
                          )}
                        >
                          <table.FlexRender cell={cell} />
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
              {paddingBottom > 0 && (
                // biome-ignore lint/a11y/noAriaHiddenOnFocusable: spacer row for the rows not yet rendered; nothing focusable inside
                <tr aria-hidden="true">
                  <td colSpan={columnCount} style={{ height: paddingBottom, padding: 0, border: 0 }} />
                </tr>
              )}
            </tbody>
          </table>
        </section>
      </div>

      {!showError && (rowsData.length > 0 || hasPrevious) && (
        <nav
          aria-label={`${label} pagination`}
          className="flex flex-wrap items-center justify-between gap-3 border-t border-line px-3 py-2 text-sm"
        >
          <p className="text-fg-muted">
            {state.page.mode === "cursor" && totalRows === undefined
              ? `Page ${numbers.format(state.page.previous.length + 1)}`
              : knownTotal !== undefined
                ? `${numbers.format(from)}–${numbers.format(to)} of ${numbers.format(knownTotal)}`
                : `${numbers.format(from)}–${numbers.format(to)}`}
          </p>
          <div className="flex items-center gap-2">
            <Select
              value={pageSize}
              onChange={(key) => {
                if (key !== null) onStateChange(withPageSize(state, Number(key)));
              }}
              className="flex items-center gap-2"
            >
              <Label className="text-fg-muted">Rows per page</Label>
              <RACButton
                className={cx(
                  "flex h-8 cursor-pointer items-center gap-1 rounded-lg border border-line bg-surface px-2 data-hovered:bg-surface-hover",
                  focusRing,
                )}
              >
                <SelectValue />
                <ChevronDownIcon className="text-fg-muted" />
              </RACButton>
              <Popover className="min-w-(--trigger-width) rounded-xl bg-surface p-1 text-fg shadow-popover outline-none">
                <ListBox className="outline-none">
                  {sizeOptions.map((size) => (
                    <ListBoxItem
                      key={size}
                      id={size}
                      className="cursor-pointer rounded-lg px-2.5 py-1.5 text-sm outline-none data-focused:bg-surface-hover data-selected:font-semibold"
                    >
                      {String(size)}
                    </ListBoxItem>
                  ))}
                </ListBox>
              </Popover>
            </Select>
            <Button
              size="md"
              aria-label="Previous page"
              isDisabled={!hasPrevious || isLoading}
              onPress={() => onStateChange(toPreviousPage(state))}
            >
              <ChevronLeftIcon />
            </Button>
            <Button
              size="md"
              aria-label="Next page"
              isDisabled={!hasNext() || isLoading}
              onPress={() => onStateChange(toNextPage(state, nextCursor))}
            >
              <ChevronRightIcon />
            </Button>
          </div>
        </nav>
      )}
    </div>
  );
}
