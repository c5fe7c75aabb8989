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
import { api, type PaymentRow, type WithdrawalRow } from "../api.ts";
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
import { MatchBadge } from "./Bank.tsx";

/** FIN-GET-PAYMENT: payouts to the bank, each matched to the statements it pays. */
export function PayoutsPage({ shop, href }: PageContext) {
  const [range, setRange] = useRange();
  const [table, setTable] = useState<DataTableState>(() => newTable());
  const { page, pageSize } = pageParams(table);
  const query = useQuery({
    queryKey: ["payments", shop.id, range, page, pageSize],
    queryFn: () => api.payments(shop.id, range, page, pageSize),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const bank = useQuery({ queryKey: ["bank", shop.id], queryFn: () => api.bankMatches(shop.id) });
  const bankStatus = useMemo(
    () => new Map((bank.data?.payouts ?? []).map((p) => [p.paymentId, p.match])),
    [bank.data],
  );
  const columns = useMemo(() => {
    const col = columnHelper<PaymentRow>();
    return [
      col.accessor("id", {
        header: "Payout",
        meta: { width: 220 },
        cell: (info) => (
          <TextLink href={href(`/payouts/${info.getValue()}`)} className="font-mono">
            {info.getValue()}
          </TextLink>
        ),
      }),
      col.accessor("createTime", {
        header: "Created",
        meta: { width: 110 },
        cell: (info) => dateOf(info.getValue()),
      }),
      col.accessor("paidTime", {
        header: "Paid",
        meta: { width: 110 },
        cell: (info) => dateOf(info.getValue()),
      }),
      col.accessor("status", {
        header: "Status",
        cell: (info) => <PaymentStatus status={info.getValue()} />,
      }),
      col.accessor("settlementAmount", {
        header: "Settlement",
        meta: { align: "end" },
        cell: (info) =>
          money(info.getValue(), info.row.original.settlementCurrency ?? info.row.original.currency),
      }),
      col.accessor("reserveAmount", {
        header: "Reserve",
        meta: { align: "end" },
        cell: (info) =>
          money(info.getValue(), info.row.original.settlementCurrency ?? info.row.original.currency),
      }),
      col.accessor("amount", {
        header: "Deposited",
        meta: { align: "end" },
        cell: (info) => <strong>{money(info.getValue(), info.row.original.currency)}</strong>,
      }),
      col.accessor("bankAccount", { header: "Bank account", cell: (info) => info.getValue() ?? "—" }),
      col.accessor("matchesStatements", {
        header: "Check",
        cell: (info) => {
          const row = info.row.original;
          if (row.issues.length > 0) return <StatusBadge tone="critical">Does not add up</StatusBadge>;
          if (row.statementCount === 0) return <StatusBadge tone="neutral">No statements</StatusBadge>;
          return row.matchesStatements ? (
            <StatusBadge tone="success">{`${row.statementCount} statement${row.statementCount === 1 ? "" : "s"}`}</StatusBadge>
          ) : (
            <StatusBadge tone="warning">Statements differ</StatusBadge>
          );
        },
      }),
      col.display({
        id: "bank",
        header: "Bank",
        cell: (info) => {
          const status = bankStatus.get(info.row.original.id);
          return status ? <MatchBadge status={status} /> : "—";
        },
      }),
    ];
  }, [href, bankStatus]);
  return (
    <>
      <PageHeader
        title="Payouts"
        subtitle="What TikTok Shop paid to your bank account, and the statements each payout covers."
      />
      <DateRangeBar
        range={range}
        applied={undefined}
        error={query.error?.message ?? null}
        onApply={(next) => {
          setRange(next);
          setTable((t) => ({ ...t, page: { mode: "offset", index: 0, size: pageSize } }));
        }}
      />
      <DataTable
        label="Payouts"
        columns={columns}
        data={query.error ? [] : query.data?.payments}
        getRowId={(row) => row.id}
        state={table}
        onStateChange={setTable}
        totalRows={query.data?.total}
        isLoading={query.isPending}
        isFetching={query.isFetching}
        emptyState={{ title: "No payouts in these dates" }}
      />
    </>
  );
}

/** One payout: the bank deposit, the statements it pays, and whether they add up. */
export function PayoutPage({ shop, params, href }: PageContext) {
  const paymentId = params.paymentId!;
  const query = useQuery({
    queryKey: ["payment", shop.id, paymentId],
    queryFn: () => api.payment(shop.id, paymentId),
  });
  if (query.isPending) return <LoadingState label="Loading the payout" />;
  if (query.error)
    return (
      <ErrorState
        title="Could not load the payout"
        message={query.error.message}
        onRetry={() => query.refetch()}
      />
    );
  const { payment, deposit, statements, statementsTotal, withdrawals, issues, months } = query.data;
  const settlementCurrency = payment.settlementCurrency ?? payment.currency;
  return (
    <>
      <PageHeader
        title={`Payout ${payment.id}`}
        breadcrumbs={[{ label: "Payouts", href: href("/payouts") }]}
        titleMeta={<PaymentStatus status={payment.status} />}
      />
      {months.spans ? (
        <div className="mb-4">
          <Banner tone="info" title={`This payout spans ${months.list.join(" and ")}`}>
            {months.splitOn
              ? `Its journal is split at month end (${months.timeZone}): each month books its own statements, and the earlier month's net rolls over to the month of the deposit through the Split-month rollover account.`
              : `Split-month rollovers are off, so its journal books everything on the deposit date. Turn on “Split payouts at month end” in Accounting › Settings to keep each month's money in its month.`}
          </Banner>
        </div>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Bank deposit">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt className="text-fg-muted">Amount</dt>
            <dd className="font-semibold">
              <Money amount={deposit.amount} currency={deposit.currency} />
            </dd>
            <dt className="text-fg-muted">Date</dt>
            <dd>{deposit.date ? dateOf(deposit.date) : "Not paid yet"}</dd>
            <dt className="text-fg-muted">Account</dt>
            <dd>{deposit.bankAccount ?? "—"}</dd>
            {payment.exchangeRate && payment.currency !== settlementCurrency ? (
              <>
                <dt className="text-fg-muted">Before exchange</dt>
                <dd>
                  <Money amount={payment.amountBeforeExchange} currency={settlementCurrency} /> at{" "}
                  {payment.exchangeRate}
                </dd>
              </>
            ) : null}
            {withdrawals.map((w) => (
              <div key={w.id} className="contents">
                <dt className="text-fg-muted">Balance movement</dt>
                <dd>
                  {w.type.toLowerCase()} {w.id} on {dateOf(w.createTime)}
                </dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title="Settlement plus reserve">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
            <dt className="text-fg-muted">Settlement</dt>
            <dd>
              <Money amount={payment.settlementAmount} currency={settlementCurrency} />
            </dd>
            <dt className="text-fg-muted">Reserve</dt>
            <dd>
              <Money amount={payment.reserveAmount} currency={settlementCurrency} />
            </dd>
            <dt className="text-fg-muted">Statements settle</dt>
            <dd>
              <Money amount={statementsTotal} currency={settlementCurrency} />
            </dd>
          </dl>
        </Card>
      </div>
      <div className="mt-4">
        {issues.length > 0 ? (
          <Banner
            tone="critical"
            title={`${issues.length} problem${issues.length === 1 ? "" : "s"} with this payout`}
          >
            <ul className="list-disc pl-5">
              {issues.map((issue) => (
                <li key={`${issue.kind}-${issue.subject}`}>
                  <strong>{ISSUE_LABELS[issue.kind] ?? issue.kind}:</strong> {issue.message}
                </li>
              ))}
            </ul>
          </Banner>
        ) : (
          <p className="text-sm">
            <StatusBadge tone="success">Matches</StatusBadge> The deposit equals settlement plus reserve, and
            the statements it pays.
          </p>
        )}
      </div>
      <h2 className="mt-6 mb-2 text-lg font-semibold">Statements paid</h2>
      <table className="w-full text-sm" aria-label="Statements paid by this payout">
        <thead>
          <tr className="text-left text-fg-muted">
            <th scope="col">Statement</th>
            <th scope="col">Date</th>
            <th scope="col">Books in</th>
            <th scope="col" className="text-right">
              Settlement
            </th>
            <th scope="col" className="text-right">
              Reserve
            </th>
          </tr>
        </thead>
        <tbody>
          {statements.map((s) => (
            <tr key={s.id} className="border-t border-line">
              <td className="py-1">
                <TextLink href={href(`/statements/${s.id}`)} className="font-mono">
                  {s.id}
                </TextLink>
              </td>
              <td>{dateOf(s.statementTime)}</td>
              <td>{months.byStatement[s.id] ?? "—"}</td>
              <td className="text-right">{money(s.settlementAmount, s.currency)}</td>
              <td className="text-right">{money(s.totalReserveAmount, s.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** FIN-GET-WITHDRAWALS: withdrawals, settlements, transfers and reversals of the balance. */
export function WithdrawalsPage({ shop }: PageContext) {
  const [range, setRange] = useRange();
  const [table, setTable] = useState<DataTableState>(() => newTable());
  const { page, pageSize } = pageParams(table);
  const type = typeof table.filters.type === "string" ? table.filters.type : undefined;
  const query = useQuery({
    queryKey: ["withdrawals", shop.id, range, page, pageSize, type],
    queryFn: () => api.withdrawals(shop.id, range, page, pageSize, type),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const columns = useMemo(() => {
    const col = columnHelper<WithdrawalRow>();
    return [
      col.accessor("id", {
        header: "Movement",
        cell: (info) => <span className="font-mono">{info.getValue()}</span>,
      }),
      col.accessor("type", { header: "Type", cell: (info) => info.getValue().toLowerCase() }),
      col.accessor("createTime", { header: "Date", cell: (info) => dateOf(info.getValue()) }),
      col.accessor("status", {
        header: "Status",
        cell: (info) => <PaymentStatus status={info.getValue()} />,
      }),
      col.accessor("amount", {
        header: "Amount",
        meta: { align: "end" },
        cell: (info) => money(info.getValue(), info.row.original.currency),
      }),
    ];
  }, []);
  return (
    <>
      <PageHeader
        title="Withdrawals"
        subtitle="Every movement of your TikTok Shop balance: settlements in, withdrawals out."
      />
      <DateRangeBar
        range={range}
        applied={undefined}
        error={query.error?.message ?? null}
        onApply={(next) => {
          setRange(next);
          setTable((t) => ({ ...t, page: { mode: "offset", index: 0, size: pageSize } }));
        }}
      />
      <DataTable
        label="Withdrawals"
        columns={columns}
        data={query.error ? [] : query.data?.withdrawals}
        getRowId={(row) => row.id}
        state={table}
        onStateChange={setTable}
        totalRows={query.data?.total}
        isLoading={query.isPending}
        isFetching={query.isFetching}
        filters={[
          {
            type: "select",
            id: "type",
            label: "Type",
            options: ["SETTLE", "WITHDRAW", "TRANSFER", "REVERSE"].map((value) => ({
              value,
              label: value.toLowerCase(),
            })),
          },
        ]}
        emptyState={{ title: "No balance movements in these dates" }}
      />
    </>
  );
}
