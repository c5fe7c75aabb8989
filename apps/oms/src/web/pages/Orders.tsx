import { useQuery } from "@tanstack/react-query";
import type { ShopView } from "@tts-kit/auth";
import {
  columnHelper,
  createTableState,
  DataTable,
  type DataTableState,
  formatDateTime,
  formatMoney,
  formatRelative,
  PageHeader,
  StatusBadge,
  type Tone,
} from "@tts-kit/ui";
import { useState } from "react";
import { api, type OrderRow } from "../api.ts";

const STATUSES: Array<{ value: string; label: string; tone: Tone }> = [
  { value: "UNPAID", label: "Unpaid", tone: "neutral" },
  { value: "ON_HOLD", label: "On hold", tone: "warning" },
  { value: "AWAITING_SHIPMENT", label: "Awaiting shipment", tone: "info" },
  { value: "PARTIALLY_SHIPPING", label: "Partially shipped", tone: "info" },
  { value: "AWAITING_COLLECTION", label: "Awaiting collection", tone: "info" },
  { value: "IN_TRANSIT", label: "In transit", tone: "info" },
  { value: "DELIVERED", label: "Delivered", tone: "success" },
  { value: "COMPLETED", label: "Completed", tone: "success" },
  { value: "CANCELLED", label: "Cancelled", tone: "critical" },
];
const statusOf = (value: string) =>
  STATUSES.find((s) => s.value === value) ?? { value, label: value, tone: "neutral" as Tone };

const col = columnHelper<OrderRow>();
const columns = [
  col.accessor("id", {
    header: "Order",
    cell: (info) => <span className="font-mono">{info.getValue()}</span>,
  }),
  col.accessor("status", {
    header: "Status",
    cell: (info) => {
      const status = statusOf(info.getValue());
      return <StatusBadge tone={status.tone}>{status.label}</StatusBadge>;
    },
  }),
  col.accessor("createTime", { header: "Placed", cell: (info) => formatDateTime(info.getValue()) }),
  col.accessor("totalAmount", {
    header: "Total",
    meta: { align: "end" },
    cell: (info) => {
      const row = info.row.original;
      return row.totalAmount && row.currency ? formatMoney(row.totalAmount, row.currency) : "—";
    },
  }),
];

/** The orders of the selected shop, from the app's local mirror (kept current by webhooks and polling). */
export function OrdersPage({ shop }: { shop: ShopView }) {
  const [state, setState] = useState<DataTableState>(() => createTableState({ pageSize: 50 }));
  const page = state.page.mode === "offset" ? state.page.index + 1 : 1;
  const status = typeof state.filters.status === "string" ? state.filters.status : undefined;
  const orders = useQuery({
    // The sync time is part of the key: a finished sync shows its result at once.
    queryKey: ["orders", shop.id, page, state.page.size, status, shop.lastSyncedAt],
    queryFn: () => api.orders(shop.id, page, state.page.size, status),
    // Keep the previous page on screen while the next loads, but never another shop's orders.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === shop.id ? previous : undefined,
    // Poll while the first import runs; afterwards webhooks and polling keep the mirror current.
    refetchInterval: shop.lastSyncedAt ? 60_000 : 3_000,
  });
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
      <DataTable
        label="Orders"
        columns={columns}
        data={orders.data?.orders}
        getRowId={(row) => row.id}
        state={state}
        onStateChange={setState}
        totalRows={orders.data?.total}
        isLoading={orders.isPending}
        isFetching={orders.isFetching}
        error={orders.error}
        onRetry={() => orders.refetch()}
        filters={[
          { type: "select", id: "status", label: "Status", options: STATUSES, allLabel: "All statuses" },
        ]}
        emptyState={{
          title: "No orders yet",
          description: "Orders appear here as soon as TikTok Shop reports them.",
        }}
      />
    </>
  );
}
