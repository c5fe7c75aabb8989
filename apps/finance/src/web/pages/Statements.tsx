import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Banner,
  Card,
  columnHelper,
  DataTable,
  type DataTableState,
  ErrorState,
  LoadingState,
  PageHeader,
  StatusBadge,
  TextLink,
} from "@tts-kit/ui";
import { useMemo, useState } from "react";
import { api, type StatementRow, type TransactionRow } from "../api.ts";
import {
  DateRangeBar,
  dateOf,
  ISSUE_LABELS,
  Money,
  money,
  newTable,
  PaymentStatus,
  pageParams,
  useRange,
} from "../common.tsx";
import type { PageContext } from "../routes.tsx";

/** FIN-GET-STATEMENT: daily statements for a date range, with their totals; each opens its transactions. */
export function StatementsPage({ shop, href }: PageContext) {
  const [range, setRange] = useRange();
  const [table, setTable] = useState<DataTableState>(() => newTable());
  const { page, pageSize } = pageParams(table);
  const status = typeof table.filters.status === "string" ? table.filters.status : undefined;
  const query = useQuery({
    queryKey: ["statements", shop.id, range, page, pageSize, status],
    queryFn: () => api.statements(shop.id, range, page, pageSize, status),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const columns = useMemo(() => {
    const col = columnHelper<StatementRow>();
    return [
      col.accessor("id", {
        header: "Statement",
        meta: { width: 230 },
        cell: (info) => (
          <TextLink href={href(`/statements/${info.getValue()}`)} className="font-mono">
            {info.getValue()}
          </TextLink>
        ),
      }),
      col.accessor("statementTime", {
        header: "Date",
        meta: { width: 120 },
        cell: (info) => dateOf(info.getValue()),
      }),
      col.accessor("revenueAmount", {
        header: "Revenue",
        meta: { align: "end" },
        cell: (info) => money(info.getValue(), info.row.original.currency),
      }),
      col.accessor("feeAmount", {
        header: "Fees",
        meta: { align: "end" },
        cell: (info) => money(info.getValue(), info.row.original.currency),
      }),
      col.accessor("shippingCostAmount", {
        header: "Shipping",
        meta: { align: "end" },
        cell: (info) => money(info.getValue(), info.row.original.currency),
      }),
      col.accessor("adjustmentAmount", {
        header: "Adjustments",
        meta: { align: "end" },
        cell: (info) => money(info.getValue(), info.row.original.currency),
      }),
      col.accessor("settlementAmount", {
        header: "Settlement",
        meta: { align: "end" },
        cell: (info) => <strong>{money(info.getValue(), info.row.original.currency)}</strong>,
      }),
      col.accessor("paymentStatus", {
        header: "Payment",
        cell: (info) => <PaymentStatus status={info.getValue()} />,
      }),
    ];
  }, [href]);
  const rangeError = query.error?.message ?? null;
  return (
    <>
      <PageHeader
        title="Statements"
        subtitle="One statement a day: what TikTok Shop settled, and whether it was paid."
      />
      <DateRangeBar
        range={range}
        applied={query.data?.range}
        error={rangeError}
        onApply={(next) => {
          setRange(next);
          setTable((t) => ({ ...t, page: { mode: "offset", index: 0, size: pageSize } }));
        }}
      />
      {query.data && query.data.totals.length > 0 ? (
        <p className="mb-3 text-sm" aria-live="polite">
          {query.data.total} statements, settled{" "}
          {query.data.totals.map((t) => money(t.settlementAmount, t.currency)).join(" + ")}
        </p>
      ) : null}
      <DataTable
        label="Statements"
        columns={columns}
        data={rangeError ? [] : query.data?.statements}
        getRowId={(row) => row.id}
        state={table}
        onStateChange={setTable}
        totalRows={query.data?.total}
        isLoading={query.isPending}
        isFetching={query.isFetching}
        filters={[
          {
            type: "select",
            id: "status",
            label: "Payment",
            options: [
              { value: "PAID", label: "Paid" },
              { value: "PROCESSING", label: "Processing" },
              { value: "FAILED", label: "Failed" },
            ],
          },
        ]}
        emptyState={{
          title: "No statements in these dates",
          description: "Statements appear after TikTok closes a day.",
        }}
      />
    </>
  );
}

/** FIN-TXGET-STATEMENT: one statement's transactions (orders, adjustments, reserves), with its checks. */
export function StatementPage({ shop, params, href }: PageContext) {
  const statementId = params.statementId!;
  const [table, setTable] = useState<DataTableState>(() => newTable(100));
  const { page, pageSize } = pageParams(table);
  const type = typeof table.filters.type === "string" ? table.filters.type : undefined;
  const query = useQuery({
    queryKey: ["statement", shop.id, statementId, page, pageSize, type],
    queryFn: () => api.statement(shop.id, statementId, page, pageSize, type),
    placeholderData: keepPreviousData,
  });
  const columns = useMemo(() => {
    const col = columnHelper<TransactionRow>();
    const amount = (
      key: "revenueAmount" | "shippingCostAmount" | "feeTaxAmount" | "adjustmentAmount" | "settlementAmount",
      header: string,
    ) =>
      col.accessor(key, {
        header,
        meta: { align: "end" },
        cell: (info) => money(info.getValue(), info.row.original.currency),
      });
    return [
      col.accessor("type", {
        header: "Type",
        meta: { width: 200 },
        cell: (info) => info.getValue().replaceAll("_", " ").toLowerCase(),
      }),
      col.accessor("orderId", {
        header: "Order",
        meta: { width: 210 },
        cell: (info) => {
          const id = info.getValue() ?? info.row.original.relatedOrderId;
          return id && id !== "0" ? (
            <TextLink href={href(`/orders/${id}`)} className="font-mono">
              {id}
            </TextLink>
          ) : (
            "—"
          );
        },
      }),
      amount("revenueAmount", "Revenue"),
      amount("shippingCostAmount", "Shipping"),
      amount("feeTaxAmount", "Fees and taxes"),
      amount("adjustmentAmount", "Adjustment"),
      col.accessor("reserveAmount", {
        header: "Reserve",
        meta: { align: "end" },
        cell: (info) =>
          info.row.original.type === "RESERVE" ? money(info.getValue(), info.row.original.currency) : "—",
      }),
      amount("settlementAmount", "Settlement"),
    ];
  }, [href]);
  if (query.isPending) return <LoadingState label="Loading the statement" />;
  if (query.error)
    return (
      <ErrorState
        title="Could not load the statement"
        message={query.error.message}
        onRetry={() => query.refetch()}
      />
    );
  const { statement, issues, payment } = query.data;
  return (
    <>
      <PageHeader
        title={`Statement ${statement.id}`}
        breadcrumbs={[{ label: "Statements", href: href("/statements") }]}
        titleMeta={<PaymentStatus status={statement.paymentStatus} />}
      />
      <Card title="Totals" className="mb-4">
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          <dt className="text-fg-muted">Date</dt>
          <dd>{dateOf(statement.statementTime)}</dd>
          <dt className="text-fg-muted">Settlement</dt>
          <dd>
            <Money amount={statement.settlementAmount} currency={statement.currency} />
          </dd>
          <dt className="text-fg-muted">Reserve</dt>
          <dd>
            <Money amount={statement.totalReserveAmount} currency={statement.currency} />
          </dd>
          <dt className="text-fg-muted">Payable</dt>
          <dd>
            <Money amount={statement.payableAmount} currency={statement.currency} />
          </dd>
          <dt className="text-fg-muted">Paid by</dt>
          <dd>
            {payment ? (
              <TextLink href={href(`/payouts/${payment.id}`)} className="font-mono">
                {payment.id}
              </TextLink>
            ) : (
              "Not paid yet"
            )}
          </dd>
          <dt className="text-fg-muted">Transactions</dt>
          <dd>{statement.transactionCount ?? "not fetched yet"}</dd>
        </dl>
      </Card>
      {issues.length > 0 ? (
        <Banner
          tone="critical"
          title={`${issues.length} problem${issues.length === 1 ? "" : "s"} with this statement`}
        >
          <ul className="list-disc pl-5">
            {issues.map((issue) => (
              <li key={`${issue.kind}-${issue.subject}`}>
                <strong>{ISSUE_LABELS[issue.kind] ?? issue.kind}:</strong> {issue.message}
              </li>
            ))}
          </ul>
        </Banner>
      ) : statement.transactionsFetched ? (
        <p className="mb-3 text-sm">
          <StatusBadge tone="success">Adds up</StatusBadge> The transactions add up to the statement.
        </p>
      ) : null}
      <div className="mt-4">
        <DataTable
          label="Transactions"
          columns={columns}
          data={query.data.transactions}
          getRowId={(row) => row.id}
          state={table}
          onStateChange={setTable}
          totalRows={query.data.total}
          isFetching={query.isFetching}
          filters={[
            {
              type: "select",
              id: "type",
              label: "Type",
              options: [
                { value: "ORDER", label: "Orders" },
                { value: "RESERVE", label: "Reserves" },
                ...[
                  "SHIPPING_FEE_ADJUSTMENT",
                  "CHARGE_BACK",
                  "PLATFORM_PENALTY",
                  "PLATFORM_COMPENSATION",
                  "PLATFORM_REIMBURSEMENT",
                  "LOGISTICS_REIMBURSEMENT",
                  "CUSTOMER_SERVICE_COMPENSATION",
                  "PROMOTION_ADJUSTMENT",
                  "DEDUCTIONS_INCURRED_BY_SELLER",
                  "SHIPPING_FEE_COMPENSATION",
                  "SAMPLE_SHIPPING_FEE",
                ].map((value) => ({
                  value,
                  label: value.replaceAll("_", " ").toLowerCase(),
                })),
              ],
            },
          ]}
          emptyState={{ title: "No transactions" }}
        />
      </div>
    </>
  );
}
