import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Button,
  Card,
  columnHelper,
  DataTable,
  type DataTableState,
  LineChart,
  PageHeader,
  StatusBadge,
  Tabs,
  TextLink,
  useToast,
} from "@tts-kit/ui";
import { useMemo, useState } from "react";
import { ApiError, api, type CostRow, type Profit } from "../api.ts";
import { DateRangeBar, FileInput, ImportFailure, money, newTable, pageParams, useRange } from "../common.tsx";
import type { PageContext } from "../routes.tsx";

type OrderProfit = Profit["orders"]["rows"][number];
type SkuProfit = Profit["skus"]["rows"][number];

const margin = (value: string | null, missing: boolean) =>
  missing ? <StatusBadge tone="warning">Cost missing</StatusBadge> : value === null ? "—" : `${value}%`;

/** Charts plot numbers; the amounts themselves stay decimal strings everywhere else. */
const plot = (value: string) => Number(value);

/** The margin dashboard: revenue, settlement, cost of goods and profit over time. */
export function MarginChart({ profit, title }: { profit: Profit | undefined; title: string }) {
  const currency = profit?.periods[0]?.currency;
  const data = useMemo(
    () =>
      (profit?.periods ?? [])
        .filter((p) => p.currency === currency)
        .map((p) => ({
          period: p.period,
          revenue: plot(p.revenue),
          settlement: plot(p.settlement),
          cogs: plot(p.cogs),
          profit: plot(p.profit),
        })),
    [profit, currency],
  );
  if (!profit || data.length === 0)
    return <p className="text-sm text-fg-muted">No settled sales in these dates.</p>;
  return (
    <LineChart
      title={title}
      data={data}
      xKey="period"
      series={[
        { key: "revenue", label: "Revenue" },
        { key: "settlement", label: "Settled" },
        { key: "cogs", label: "Cost of goods" },
        { key: "profit", label: "Net profit" },
      ]}
      formatValue={(value) => (currency ? money(value.toFixed(2), currency) : String(value))}
    />
  );
}

export function ProfitTotals({ profit }: { profit: Profit | undefined }) {
  if (!profit) return null;
  return (
    <ul className="mb-4 grid gap-3 md:grid-cols-4" aria-label="Profit totals">
      {profit.totals.map((t) => (
        <li key={t.currency} className="contents">
          <Card>
            <p className="text-sm text-fg-muted">Settled ({t.currency})</p>
            <p className="text-xl font-semibold">{money(t.settlement, t.currency)}</p>
          </Card>
          <Card>
            <p className="text-sm text-fg-muted">Cost of goods</p>
            <p className="text-xl font-semibold">{money(t.cogs, t.currency)}</p>
          </Card>
          <Card>
            <p className="text-sm text-fg-muted">Net profit</p>
            <p className="text-xl font-semibold">{money(t.profit, t.currency)}</p>
          </Card>
          <Card>
            <p className="text-sm text-fg-muted">Margin</p>
            <p className="text-xl font-semibold">{margin(t.marginPercent, t.missingCost)}</p>
          </Card>
        </li>
      ))}
    </ul>
  );
}

/** Net profit per order and per SKU, with the margin over time. */
export function ProfitPage({ shop, href }: PageContext) {
  const [range, setRange] = useRange();
  const [interval, setInterval] = useState("day");
  const [tab, setTab] = useState("orders");
  const [table, setTable] = useState<DataTableState>(() => newTable());
  const { page, pageSize } = pageParams(table);
  const query = useQuery({
    queryKey: ["profit", shop.id, range, interval, page, pageSize],
    queryFn: () => api.profit(shop.id, range, interval, "profit", page, pageSize),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const orderColumns = useMemo(() => {
    const col = columnHelper<OrderProfit>();
    return [
      col.accessor("orderId", {
        header: "Order",
        cell: (info) => (
          <TextLink href={href(`/orders/${info.getValue()}`)} className="font-mono">
            {info.getValue()}
          </TextLink>
        ),
      }),
      col.accessor("quantity", { header: "Units", meta: { align: "end", width: 70 } }),
      col.accessor("revenue", {
        header: "Revenue",
        meta: { align: "end" },
        cell: (i) => money(i.getValue(), i.row.original.currency),
      }),
      col.accessor("settlement", {
        header: "Settled",
        meta: { align: "end" },
        cell: (i) => money(i.getValue(), i.row.original.currency),
      }),
      col.accessor("cogs", {
        header: "Cost of goods",
        meta: { align: "end" },
        cell: (i) => money(i.getValue(), i.row.original.currency),
      }),
      col.accessor("profit", {
        header: "Net profit",
        meta: { align: "end" },
        cell: (i) => <strong>{money(i.getValue(), i.row.original.currency)}</strong>,
      }),
      col.accessor("marginPercent", {
        header: "Margin",
        meta: { align: "end" },
        cell: (i) => margin(i.getValue(), i.row.original.missingCost),
      }),
    ];
  }, [href]);
  const skuColumns = useMemo(() => {
    const col = columnHelper<SkuProfit>();
    return [
      col.accessor("skuId", {
        header: "SKU",
        cell: (i) => (
          <span>
            <span className="font-mono">{i.getValue()}</span>{" "}
            <span className="text-fg-muted">
              {i.row.original.productName} {i.row.original.skuName}
            </span>
          </span>
        ),
      }),
      col.accessor("quantity", { header: "Units", meta: { align: "end", width: 70 } }),
      col.accessor("unitCost", {
        header: "Unit cost",
        meta: { align: "end" },
        cell: (i) => money(i.getValue(), i.row.original.currency),
      }),
      col.accessor("settlement", {
        header: "Settled",
        meta: { align: "end" },
        cell: (i) => money(i.getValue(), i.row.original.currency),
      }),
      col.accessor("cogs", {
        header: "Cost of goods",
        meta: { align: "end" },
        cell: (i) => money(i.getValue(), i.row.original.currency),
      }),
      col.accessor("profit", {
        header: "Net profit",
        meta: { align: "end" },
        cell: (i) => <strong>{money(i.getValue(), i.row.original.currency)}</strong>,
      }),
      col.accessor("marginPercent", {
        header: "Margin",
        meta: { align: "end" },
        cell: (i) => margin(i.getValue(), i.row.original.missingCost),
      }),
    ];
  }, []);
  return (
    <>
      <PageHeader
        title="Profit"
        subtitle="What each order and SKU left you: TikTok's settlement minus your cost of goods."
        secondaryActions={[{ label: "Costs of goods", href: href("/costs") }]}
      />
      <DateRangeBar
        range={range}
        applied={query.data?.range}
        error={query.error?.message ?? null}
        onApply={(next) => {
          setRange(next);
          setTable(newTable(pageSize));
        }}
      />
      <ProfitTotals profit={query.data} />
      <Card
        title="Margin over time"
        className="mb-4"
        actions={
          <label className="text-sm">
            By{" "}
            <select
              className="rounded-md border border-line-strong bg-surface px-2 py-1"
              value={interval}
              onChange={(e) => setInterval(e.target.value)}
            >
              <option value="day">day</option>
              <option value="week">week</option>
              <option value="month">month</option>
            </select>
          </label>
        }
      >
        <MarginChart profit={query.data} title="Revenue, settlement, cost of goods and net profit" />
      </Card>
      <Tabs
        aria-label="Profit by"
        selectedId={tab}
        onSelectionChange={(next) => {
          setTab(next);
          setTable(newTable(pageSize));
        }}
        items={[
          {
            id: "orders",
            label: "By order",
            content: (
              <DataTable
                label="Profit by order"
                columns={orderColumns}
                data={query.error ? [] : query.data?.orders.rows}
                getRowId={(row) => row.orderId}
                state={table}
                onStateChange={setTable}
                totalRows={query.data?.orders.total}
                isLoading={query.isPending}
                isFetching={query.isFetching}
                emptyState={{ title: "No settled orders in these dates" }}
              />
            ),
          },
          {
            id: "skus",
            label: "By SKU",
            content: (
              <DataTable
                label="Profit by SKU"
                columns={skuColumns}
                data={query.error ? [] : query.data?.skus.rows}
                getRowId={(row) => row.skuId}
                state={table}
                onStateChange={setTable}
                totalRows={query.data?.skus.total}
                isLoading={query.isPending}
                isFetching={query.isFetching}
                emptyState={{ title: "No settled SKUs in these dates" }}
              />
            ),
          },
        ]}
      />
    </>
  );
}

interface CostsImportFailure {
  message: string;
  rows: Array<{ line: number; message: string }>;
}

/** Costs of goods per SKU: typed in, or imported from a CSV file that is checked row by row first. */
export function CostsPage({ shop, href }: PageContext) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [table, setTable] = useState<DataTableState>(() => newTable());
  const { page, pageSize } = pageParams(table);
  const [failure, setFailure] = useState<CostsImportFailure | null>(null);
  const query = useQuery({
    queryKey: ["costs", shop.id, page, pageSize],
    queryFn: () => api.costs(shop.id, page, pageSize),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["costs", shop.id] });
  const importFile = useMutation({
    mutationFn: async (file: File) => api.importCosts(shop.id, await file.text()),
    onSuccess: async ({ imported }) => {
      setFailure(null);
      toast.success(`Imported the costs of ${imported} SKU${imported === 1 ? "" : "s"}`);
      await refresh();
      await queryClient.invalidateQueries({ queryKey: ["profit", shop.id] });
    },
    onError: (error) => {
      const body =
        error instanceof ApiError
          ? (error.body as { rows?: CostsImportFailure["rows"] } | undefined)
          : undefined;
      setFailure({ message: error.message, rows: body?.rows ?? [] });
    },
  });
  const columns = useMemo(() => {
    const col = columnHelper<CostRow>();
    return [
      col.accessor("skuId", {
        header: "SKU",
        meta: { width: 200 },
        cell: (i) => <span className="font-mono">{i.getValue()}</span>,
      }),
      col.accessor("productName", {
        header: "Product",
        cell: (i) => `${i.getValue() ?? ""} ${i.row.original.skuName ?? ""}`.trim() || "—",
      }),
      col.accessor("unitCost", {
        header: "Unit cost",
        meta: { width: 260 },
        cell: (i) => (
          <CostEditor
            key={`${i.row.original.skuId}-${i.getValue()}`}
            shopId={shop.id}
            row={i.row.original}
            onSaved={async () => {
              await queryClient.invalidateQueries({ queryKey: ["costs", shop.id] });
              await queryClient.invalidateQueries({ queryKey: ["profit", shop.id] });
            }}
          />
        ),
      }),
    ];
  }, [shop.id, queryClient]);
  return (
    <>
      <PageHeader
        title="Costs of goods"
        breadcrumbs={[{ label: "Profit", href: href("/profit") }]}
        subtitle={`What each SKU costs you${query.data?.currency ? `, in ${query.data.currency}` : ""}. Profit is settlement minus these costs.`}
      />
      <Card title="Import from a CSV file" className="mb-4">
        <p className="text-sm text-fg-muted">
          A header row with <code>sku_id</code> and <code>unit_cost</code> (and optionally{" "}
          <code>currency</code>), then one SKU per row. Every row is checked first; if any is wrong, nothing
          is imported.
        </p>
        <FileInput
          label="Costs file (CSV)"
          accept=".csv,text/csv"
          onFile={(file) => importFile.mutate(file)}
        />
        {failure ? (
          <ImportFailure
            message={failure.message}
            problems={failure.rows.slice(0, 20).map((row) => row.message)}
          />
        ) : null}
      </Card>
      <DataTable
        label="Costs of goods"
        columns={columns}
        data={query.data?.rows}
        getRowId={(row) => row.skuId}
        state={table}
        onStateChange={setTable}
        totalRows={query.data?.total}
        isLoading={query.isPending}
        isFetching={query.isFetching}
        rowHeight={56}
        emptyState={{ title: "No SKUs sold yet", description: "SKUs appear here once their orders settle." }}
      />
    </>
  );
}

function CostEditor({
  shopId,
  row,
  onSaved,
}: {
  shopId: string;
  row: CostRow;
  onSaved: () => Promise<void>;
}) {
  const toast = useToast();
  const [value, setValue] = useState(row.unitCost ?? "");
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => api.saveCost(shopId, row.skuId, value.trim()),
    onSuccess: async () => {
      setError(null);
      toast.success(`Cost of SKU ${row.skuId} saved`);
      await onSaved();
    },
    onError: (failure) => setError(failure.message),
  });
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <input
        aria-label={`Unit cost of SKU ${row.skuId}`}
        aria-invalid={error ? true : undefined}
        title={error ?? undefined}
        inputMode="decimal"
        className="w-24 rounded-md border border-line-strong bg-surface px-2 py-1 text-right"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <Button
        type="submit"
        size="sm"
        variant="secondary"
        isPending={save.isPending}
        aria-label={`Save the cost of SKU ${row.skuId}`}
      >
        Save
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-critical-fg">
          {error}
        </span>
      ) : null}
    </form>
  );
}
