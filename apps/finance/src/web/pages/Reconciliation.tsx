import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Banner,
  Button,
  Card,
  columnHelper,
  DataTable,
  type DataTableState,
  ErrorState,
  LoadingState,
  PageHeader,
  StatusBadge,
  Tabs,
  TextLink,
  useToast,
} from "@tts-kit/ui";
import { useEffect, useId, useMemo, useState } from "react";
import { api, type FeeRate, type Issue, type OrderAccount, type ShippingLine } from "../api.ts";
import { DateRangeBar, dateOf, ISSUE_LABELS, money, newTable, pageParams, useRange } from "../common.tsx";
import type { PageContext } from "../routes.tsx";

/**
 * Reconciliation: every delivered or completed order accounted for, statements and payouts that add
 * up, fees at the expected rates, and the overcharged shipping report (ACC-R7).
 */
export function ReconciliationPage({ shop, href }: PageContext) {
  const [range, setRange] = useRange();
  const [tab, setTab] = useState("issues");
  const [table, setTable] = useState<DataTableState>(() => newTable());
  const { page, pageSize } = pageParams(table);
  const filter = typeof table.filters.filter === "string" ? table.filters.filter : undefined;
  const query = useQuery({
    queryKey: ["reconciliation", shop.id, range, tab, page, pageSize, filter],
    queryFn: () =>
      api.reconciliation(
        shop.id,
        range,
        page,
        pageSize,
        tab === "orders" ? { state: filter } : { kind: filter },
      ),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const issueColumns = useMemo(() => {
    const col = columnHelper<Issue>();
    return [
      col.accessor("kind", {
        header: "Problem",
        meta: { width: 250 },
        cell: (info) => ISSUE_LABELS[info.getValue()] ?? info.getValue(),
      }),
      col.accessor("subject", {
        header: "About",
        meta: { width: 220 },
        cell: (info) => {
          const row = info.row.original;
          if (row.orderId)
            return <TextLink href={href(`/orders/${row.orderId}`)}>{info.getValue()}</TextLink>;
          if (row.statementId)
            return <TextLink href={href(`/statements/${row.statementId}`)}>{info.getValue()}</TextLink>;
          if (row.paymentId)
            return <TextLink href={href(`/payouts/${row.paymentId}`)}>{info.getValue()}</TextLink>;
          return info.getValue();
        },
      }),
      col.accessor("difference", {
        header: "Difference",
        meta: { align: "end", width: 120 },
        cell: (info) => money(info.getValue(), info.row.original.currency),
      }),
      col.accessor("message", {
        header: "Details",
        cell: (info) => <span className="whitespace-normal">{info.getValue()}</span>,
      }),
    ];
  }, [href]);
  const orderColumns = useMemo(() => {
    const col = columnHelper<OrderAccount>();
    return [
      col.accessor("orderId", {
        header: "Order",
        meta: { width: 210 },
        cell: (info) => (
          <TextLink href={href(`/orders/${info.getValue()}`)} className="font-mono">
            {info.getValue()}
          </TextLink>
        ),
      }),
      col.accessor("state", {
        header: "Accounted for",
        cell: (info) =>
          info.getValue() === "settled" ? (
            <StatusBadge tone="success">Settled</StatusBadge>
          ) : info.getValue() === "unsettled" ? (
            <StatusBadge tone="warning">Unsettled</StatusBadge>
          ) : (
            <StatusBadge tone="critical">Missing</StatusBadge>
          ),
      }),
      col.accessor("deliveryTime", { header: "Delivered", cell: (info) => dateOf(info.getValue()) }),
      col.accessor("amount", {
        header: "Amount",
        meta: { align: "end" },
        cell: (info) => money(info.getValue(), info.row.original.currency),
      }),
      col.accessor("statementIds", {
        header: "Statement or reason",
        cell: (info) => {
          const row = info.row.original;
          if (row.statementIds.length > 0)
            return row.statementIds.map((id) => (
              <TextLink key={id} href={href(`/statements/${id}`)} className="mr-2 font-mono">
                {id}
              </TextLink>
            ));
          return <span className="whitespace-normal">{row.reason ?? "—"}</span>;
        },
      }),
    ];
  }, [href]);
  const shippingColumns = useMemo(() => {
    const col = columnHelper<ShippingLine>();
    return [
      col.accessor("orderId", {
        header: "Order",
        cell: (info) => (
          <TextLink href={href(`/orders/${info.getValue()}`)} className="font-mono">
            {info.getValue()}
          </TextLink>
        ),
      }),
      col.accessor("estimated", {
        header: "Estimated",
        meta: { align: "end" },
        cell: (info) => money(info.getValue(), info.row.original.currency),
      }),
      col.accessor("charged", {
        header: "Charged",
        meta: { align: "end" },
        cell: (info) => money(info.getValue(), info.row.original.currency),
      }),
      col.accessor("overchargedBy", {
        header: "Overcharged by",
        meta: { align: "end" },
        cell: (info) => <strong>{money(info.getValue(), info.row.original.currency)}</strong>,
      }),
    ];
  }, [href]);

  const summary = query.data?.summary;
  const issueTotal = summary ? Object.values(summary.issues).reduce((a, b) => a + b, 0) : 0;
  const resetPage = (next: string) => {
    setTab(next);
    setTable(newTable(pageSize));
  };
  return (
    <>
      <PageHeader
        title="Reconciliation"
        subtitle="Every delivered order accounted for; statements, payouts and fees checked against each other."
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
      {summary ? (
        <ul className="mb-4 grid gap-3 md:grid-cols-4" aria-label="Summary">
          <SummaryCard label="Orders settled" value={summary.ordersSettled} tone="success" />
          <SummaryCard label="Orders unsettled" value={summary.ordersUnsettled} tone="warning" />
          <SummaryCard
            label="Orders missing"
            value={summary.ordersMissing}
            tone={summary.ordersMissing > 0 ? "critical" : "success"}
          />
          <SummaryCard
            label="Problems found"
            value={issueTotal}
            tone={issueTotal > 0 ? "critical" : "success"}
          />
        </ul>
      ) : null}
      {summary ? (
        <p className="mb-3 text-sm text-fg-muted">
          Checked {summary.statementsChecked} statements, {summary.transactionsChecked} transactions and{" "}
          {summary.paymentsChecked} payouts.
        </p>
      ) : null}
      <Tabs
        aria-label="Reconciliation"
        selectedId={tab}
        onSelectionChange={resetPage}
        items={[
          {
            id: "issues",
            label: "Problems",
            badge: issueTotal,
            content: (
              <DataTable
                label="Problems"
                columns={issueColumns}
                data={query.error ? [] : query.data?.issues.rows}
                getRowId={(row) => `${row.kind}-${row.subject}`}
                state={table}
                onStateChange={setTable}
                totalRows={query.data?.issues.total}
                isLoading={query.isPending}
                isFetching={query.isFetching}
                filters={[
                  {
                    type: "select",
                    id: "filter",
                    label: "Problem",
                    options: Object.entries(ISSUE_LABELS).map(([value, label]) => ({ value, label })),
                  },
                ]}
                emptyState={{ title: "No problems found", description: "Everything in these dates adds up." }}
              />
            ),
          },
          {
            id: "orders",
            label: "Orders",
            content: (
              <DataTable
                label="Delivered and completed orders"
                columns={orderColumns}
                data={query.error ? [] : query.data?.orders.rows}
                getRowId={(row) => row.orderId}
                state={table}
                onStateChange={setTable}
                totalRows={query.data?.orders.total}
                isLoading={query.isPending}
                isFetching={query.isFetching}
                filters={[
                  {
                    type: "select",
                    id: "filter",
                    label: "Accounted for",
                    options: [
                      { value: "settled", label: "Settled" },
                      { value: "unsettled", label: "Unsettled" },
                      { value: "missing", label: "Missing" },
                    ],
                  },
                ]}
                emptyState={{ title: "No delivered orders in these dates" }}
              />
            ),
          },
          {
            id: "shipping",
            label: "Overcharged shipping",
            content: (
              <>
                <p className="my-2 text-sm">
                  Orders whose settled shipping cost is above what TikTok estimated before settling them.{" "}
                  <a className="text-link underline" href={api.shippingCsvHref(shop.id, range)} download>
                    Download the report (CSV)
                  </a>
                </p>
                <DataTable
                  label="Overcharged shipping"
                  columns={shippingColumns}
                  data={query.error ? [] : query.data?.shipping.rows}
                  getRowId={(row) => `${row.orderId}-${row.statementId}`}
                  state={table}
                  onStateChange={setTable}
                  totalRows={query.data?.shipping.total}
                  isLoading={query.isPending}
                  emptyState={{ title: "No overcharged shipping in these dates" }}
                />
              </>
            ),
          },
          { id: "rates", label: "Fee rates", content: <FeeRates shopId={shop.id} /> },
        ]}
      />
    </>
  );
}

function SummaryCard({
  label,
  value,
  tone,
}: {
  label: string;
  value: number;
  tone: "success" | "warning" | "critical";
}) {
  return (
    <li>
      <Card>
        <p className="text-sm text-fg-muted">{label}</p>
        <p className="text-2xl font-semibold">
          {value} <StatusBadge tone={tone}>{tone === "critical" ? "check" : "ok"}</StatusBadge>
        </p>
      </Card>
    </li>
  );
}

const BASIS_LABELS = { net_sales: "of net sales", customer_payment: "of what the buyer paid" };

/** The expected fee rates of the shop, which reconciliation checks every settled order against. */
function FeeRates({ shopId }: { shopId: string }) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ["fee-rates", shopId], queryFn: () => api.feeRates(shopId) });
  const [rows, setRows] = useState<FeeRate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The saved rates seed the form once; later refetches do not throw away what the seller typed.
  useEffect(() => {
    if (query.data && rows === null) setRows(query.data.rates);
  }, [query.data, rows]);
  const save = useMutation({
    mutationFn: () => api.saveFeeRates(shopId, rows ?? []),
    onSuccess: async (saved) => {
      setError(null);
      setRows(saved.rates);
      toast.success("Fee rates saved");
      await queryClient.invalidateQueries({ queryKey: ["fee-rates", shopId] });
      await queryClient.invalidateQueries({ queryKey: ["reconciliation", shopId] });
    },
    onError: (failure) => setError(failure.message),
  });
  if (query.error) {
    return (
      <ErrorState
        title="Could not load the fee rates"
        message={query.error.message}
        onRetry={() => query.refetch()}
      />
    );
  }
  if (!query.data || rows === null) return <LoadingState label="Loading the fee rates" />;
  const components = query.data.components;
  return (
    <form
      className="mt-3 max-w-3xl space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <p className="text-sm text-fg-muted">
        The rates your TikTok Shop agreement sets. Settled orders charged more than the rate (beyond a cent of
        rounding per SKU) are flagged.
      </p>
      {error ? (
        <Banner tone="critical" title="Fee rates not saved" role="alert">
          {error}
        </Banner>
      ) : null}
      {rows.map((row, index) => (
        <FeeRateRow
          key={row.component + String(index)}
          index={index}
          row={row}
          components={components}
          onChange={(next) => setRows(rows.map((r, i) => (i === index ? next : r)))}
          onRemove={() => setRows(rows.filter((_, i) => i !== index))}
        />
      ))}
      <div className="flex gap-2">
        <Button
          variant="secondary"
          onPress={() =>
            setRows([
              ...rows,
              {
                component: components[0] ?? "referral_fee_amount",
                ratePercent: "",
                basis: "net_sales",
                enabled: true,
              },
            ])
          }
        >
          Add a rate
        </Button>
        <Button type="submit" variant="primary" isPending={save.isPending}>
          Save fee rates
        </Button>
      </div>
    </form>
  );
}

function FeeRateRow({
  index,
  row,
  components,
  onChange,
  onRemove,
}: {
  index: number;
  row: FeeRate;
  components: string[];
  onChange: (row: FeeRate) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const field = "rounded-md border border-line-strong bg-surface px-2 py-1";
  return (
    <fieldset className="flex flex-wrap items-end gap-3">
      <legend className="sr-only">Rate {index + 1}</legend>
      <div className="flex flex-col text-sm">
        <label htmlFor={`${id}-fee`}>Fee</label>
        <select
          id={`${id}-fee`}
          className={field}
          value={row.component}
          onChange={(e) => onChange({ ...row, component: e.target.value })}
        >
          {components.map((c) => (
            <option key={c} value={c}>
              {c.replace(/_amount$/, "").replaceAll("_", " ")}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col text-sm">
        <label htmlFor={`${id}-rate`}>Rate (%)</label>
        <input
          id={`${id}-rate`}
          className={`${field} w-24`}
          inputMode="decimal"
          value={row.ratePercent}
          onChange={(e) => onChange({ ...row, ratePercent: e.target.value })}
        />
      </div>
      <div className="flex flex-col text-sm">
        <label htmlFor={`${id}-basis`}>Applied to</label>
        <select
          id={`${id}-basis`}
          className={field}
          value={row.basis}
          onChange={(e) => onChange({ ...row, basis: e.target.value as FeeRate["basis"] })}
        >
          {Object.entries(BASIS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <Button variant="plain" onPress={onRemove}>
        Remove
      </Button>
    </fieldset>
  );
}
