import { useQuery } from "@tanstack/react-query";
import type { ShopView } from "@tts-kit/auth";
import {
  Banner,
  Button,
  columnHelper,
  createTableState,
  DataTable,
  type DataTableState,
  formatDateTime,
  formatMoney,
  formatRelative,
  PageHeader,
  StatusBadge,
  Tabs,
  TextLink,
} from "@tts-kit/ui";
import { useEffect, useMemo, useState } from "react";
import { type ListQuery, type OrderRow, ordersApi, type Summary } from "../../orders-api.ts";
import { holdCountdown, ORDER_STATUSES, OrderStatusBadge, ShipByBadge, useNow } from "./status.tsx";

const SORTS: Record<string, ListQuery["sort"]> = {
  createTime: "created",
  updateTime: "updated",
  shipBy: "ship_by",
};
const PAGE_SIZES = [50, 100, 200, 500] as const;

/** View, search and sort live in the address bar, so a reload or a shared link keeps them. */
function readUrl(): { view: string; q: string; sort: DataTableState["sort"] } {
  const params = new URLSearchParams(window.location.search);
  const sortId = params.get("sort") ?? "";
  const direction = params.get("order") === "asc" ? "asc" : "desc";
  return {
    view: params.get("view") ?? "all",
    q: params.get("q") ?? "",
    sort: sortId in SORTS ? { id: sortId, direction } : null,
  };
}

function writeUrl(view: string, state: DataTableState) {
  const params = new URLSearchParams(window.location.search);
  params.set("view", view);
  const q = typeof state.filters.q === "string" ? state.filters.q : "";
  if (q) params.set("q", q);
  else params.delete("q");
  if (state.sort) {
    params.set("sort", state.sort.id);
    params.set("order", state.sort.direction);
  } else {
    params.delete("sort");
    params.delete("order");
  }
  window.history.replaceState(window.history.state, "", `${window.location.pathname}?${params}`);
}

function useColumns(now: number, href: (path: string) => string) {
  return useMemo(() => {
    const col = columnHelper<OrderRow>();
    return [
      col.accessor("id", {
        header: "Order",
        meta: { width: 250 },
        cell: (info) => {
          const row = info.row.original;
          return (
            <span className="flex items-center gap-2">
              <TextLink href={href(`/orders/${row.id}`)} className="font-mono">
                {row.id}
              </TextLink>
              {row.isSample ? <StatusBadge tone="info">Sample</StatusBadge> : null}
              {row.fulfilledByTikTok ? <StatusBadge tone="neutral">FBT</StatusBadge> : null}
            </span>
          );
        },
      }),
      col.accessor("status", {
        header: "Status",
        meta: { width: 250 },
        cell: (info) => {
          const row = info.row.original;
          return (
            <span className="flex items-center gap-2">
              <OrderStatusBadge status={row.status} />
              {row.status === "ON_HOLD" && row.onHoldUntil !== null ? (
                <span className="text-xs text-fg-muted">{holdCountdown(row.onHoldUntil, now)}</span>
              ) : null}
            </span>
          );
        },
      }),
      col.accessor("buyerName", {
        header: "Buyer",
        cell: (info) => info.getValue() ?? info.row.original.buyerUserId ?? "—",
      }),
      col.accessor("itemsSummary", {
        header: "Items",
        cell: (info) => (
          <span title={info.getValue()}>
            {info.row.original.itemCount} · {info.getValue()}
          </span>
        ),
      }),
      col.accessor("totalAmount", {
        header: "Total",
        meta: { align: "end", width: 110 },
        cell: (info) => {
          const row = info.row.original;
          return row.totalAmount && row.currency ? formatMoney(row.totalAmount, row.currency) : "—";
        },
      }),
      col.accessor("createTime", {
        header: "Placed",
        enableSorting: true,
        meta: { width: 170 },
        cell: (info) => formatDateTime(info.getValue()),
      }),
      col.accessor("shipBy", {
        header: "Ship by",
        enableSorting: true,
        meta: { width: 170 },
        cell: (info) => {
          const row = info.row.original;
          return row.shipBy === null ? (
            "—"
          ) : (
            <ShipByBadge shipBy={row.shipBy} state={row.shipByState} now={now} />
          );
        },
      }),
      col.accessor("updateTime", {
        header: "Updated",
        enableSorting: true,
        meta: { width: 110 },
        cell: (info) => formatRelative(info.getValue(), undefined, { now: now }),
      }),
    ];
  }, [now, href]);
}

function SummaryStrip({ summary, onShowLate }: { summary: Summary; onShowLate: () => void }) {
  const dispatch = summary.lateDispatch;
  const rate = dispatch.rate === null ? "—" : `${dispatch.rate.toFixed(1)}%`;
  return (
    <section aria-label="Last 30 days" className="mb-4 space-y-3">
      <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
        <div>
          <dt className="text-fg-muted">Orders, last 30 days</dt>
          <dd className="text-base font-semibold">
            {summary.orders}
            {summary.fulfilledByTikTok > 0 ? (
              <span className="ml-1 text-sm font-normal text-fg-muted">
                ({summary.fulfilledByTikTok} fulfilled by TikTok)
              </span>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="text-fg-muted">Sales, last 30 days</dt>
          <dd className="text-base font-semibold">
            {summary.sales.length === 0
              ? "—"
              : summary.sales.map((s) => formatMoney(s.amount, s.currency)).join(" · ")}
          </dd>
        </div>
        <div>
          <dt className="text-fg-muted">Late dispatch rate</dt>
          <dd className="text-base font-semibold" data-testid="late-dispatch-rate">
            {rate}
            <span className="ml-1 text-sm font-normal text-fg-muted">
              ({dispatch.late} of {dispatch.shipped} shipped late)
            </span>
          </dd>
        </div>
        <div>
          <dt className="text-fg-muted">TikTok's limit</dt>
          <dd className="text-base font-semibold">under {dispatch.threshold}%</dd>
        </div>
      </dl>
      {dispatch.breached ? (
        <Banner
          tone="critical"
          title={`Late dispatch rate ${rate}: above TikTok's ${dispatch.threshold}% limit`}
          actions={
            <Button variant="secondary" size="sm" onPress={onShowLate}>
              Show late orders
            </Button>
          }
        >
          {dispatch.late} of the {dispatch.shipped} orders shipped in the last 30 days left after their
          ship-by deadline. TikTok may restrict shops that stay above {dispatch.threshold}%: ship the late and
          due orders first.
        </Banner>
      ) : null}
    </section>
  );
}

/**
 * The orders workspace: saved views by status with counts, server-side search (order id, buyer,
 * SKU, tracking number), sort and paging over the local mirror, with hold and ship-by countdowns.
 */
export function OrdersListPage({ shop, href }: { shop: ShopView; href: (path: string) => string }) {
  const initial = useMemo(readUrl, []);
  const [view, setView] = useState(initial.view);
  const [state, setState] = useState<DataTableState>(() =>
    createTableState({ pageSize: 100, sort: initial.sort, filters: initial.q ? { q: initial.q } : {} }),
  );
  const now = useNow();
  useEffect(() => writeUrl(view, state), [view, state]);

  const query: ListQuery = {
    view,
    status: typeof state.filters.status === "string" ? state.filters.status : undefined,
    q: typeof state.filters.q === "string" ? state.filters.q.trim() || undefined : undefined,
    sort: state.sort ? (SORTS[state.sort.id] ?? "created") : "created",
    order: state.sort?.direction,
    page: state.page.mode === "offset" ? state.page.index + 1 : 1,
    pageSize: state.page.size,
  };
  // The sync time is part of the keys: a finished sync shows its result at once.
  const syncKey = shop.lastSyncedAt;
  const orders = useQuery({
    queryKey: ["orders", shop.id, query, syncKey],
    queryFn: () => ordersApi.list(shop.id, query),
    // Keep the previous page on screen while the next loads, but never another shop's orders.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === shop.id ? previous : undefined,
    // Poll while the first import runs; afterwards webhooks and polling keep the mirror current.
    refetchInterval: shop.lastSyncedAt ? 30_000 : 3_000,
  });
  const views = useQuery({
    queryKey: ["order-views", shop.id, syncKey],
    queryFn: () => ordersApi.views(shop.id),
    refetchInterval: shop.lastSyncedAt ? 30_000 : 3_000,
  });
  const summary = useQuery({
    queryKey: ["order-summary", shop.id, syncKey],
    queryFn: () => ordersApi.summary(shop.id),
    refetchInterval: 60_000,
  });
  const columns = useColumns(now, href);
  const chooseView = (next: string) => {
    setView(next);
    setState((current) => ({ ...current, page: { mode: "offset", index: 0, size: current.page.size } }));
  };

  const table = (
    <DataTable
      label="Orders"
      columns={columns}
      data={orders.data?.orders}
      getRowId={(row) => row.id}
      state={state}
      onStateChange={setState}
      totalRows={orders.data?.total}
      pageSizeOptions={PAGE_SIZES}
      isLoading={orders.isPending}
      isFetching={orders.isFetching}
      error={orders.error}
      onRetry={() => orders.refetch()}
      // Pages of 100 rows and more render only the rows in view.
      virtualizeThreshold={60}
      filters={[
        {
          type: "search",
          id: "q",
          label: "Search orders",
          placeholder: "Order id, buyer, SKU or tracking number",
        },
        { type: "select", id: "status", label: "Status", options: ORDER_STATUSES, allLabel: "Every status" },
      ]}
      emptyState={
        query.q
          ? { title: "No orders match", description: `Nothing in this view matches “${query.q}”.` }
          : {
              title: "No orders here",
              description: "Orders appear here as soon as TikTok Shop reports them.",
            }
      }
    />
  );

  return (
    <>
      <PageHeader
        title="Orders"
        subtitle={
          shop.lastSyncedAt
            ? `${shop.name} · last synced ${formatRelative(shop.lastSyncedAt)}`
            : `${shop.name} · first sync in progress`
        }
      />
      {summary.data ? <SummaryStrip summary={summary.data} onShowLate={() => chooseView("late")} /> : null}
      <Tabs
        aria-label="Saved views"
        selectedId={view}
        onSelectionChange={chooseView}
        items={(views.data?.views ?? [{ id: view, label: "Orders", count: 0 }]).map((v) => ({
          id: v.id,
          label: v.label,
          ...(views.data ? { badge: v.count } : {}),
          content: v.id === view ? <div className="pt-3">{table}</div> : null,
        }))}
      />
    </>
  );
}
