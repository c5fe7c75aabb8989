import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  Banner,
  Card,
  columnHelper,
  DataTable,
  type DataTableState,
  PageHeader,
  StatusBadge,
  TextLink,
  useToast,
} from "@tts-kit/ui";
import { useMemo, useState } from "react";
import { ApiError, api, type CompareRow, type CompareState } from "../api.ts";
import { DateRangeBar, FileInput, ImportFailure, money, newTable, pageParams, useRange } from "../common.tsx";
import type { PageContext } from "../routes.tsx";

export const COMPARE_LABELS: Record<
  CompareState,
  { label: string; tone: "success" | "warning" | "critical" | "neutral" }
> = {
  agrees: { label: "In both, same gross", tone: "success" },
  differs: { label: "In both, gross differs", tone: "warning" },
  only_tiktok: { label: "Only in TikTok", tone: "critical" },
  only_other: { label: "Only in the other store", tone: "critical" },
};

interface Failure {
  message: string;
  fields: Array<{ path: string; message: string }>;
}

/**
 * ACC-R4: TikTok orders routed into the seller's other store (Shopify). The other store books the
 * gross sale; this page imports its orders export and shows, per TikTok order, whether both have
 * it with the same gross.
 */
export function OtherStorePage({ shop, href }: PageContext) {
  const toast = useToast();
  const queryClient = useQueryClient();
  const [range, setRange] = useRange();
  const [table, setTable] = useState<DataTableState>(() => newTable());
  const { page, pageSize } = pageParams(table);
  const state = typeof table.filters.state === "string" ? (table.filters.state as CompareState) : undefined;
  const [failure, setFailure] = useState<Failure | null>(null);
  const report = useQuery({
    queryKey: ["other-store", shop.id, range, state, page, pageSize],
    queryFn: () => api.otherStoreReport(shop.id, range, state, page, pageSize),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const importFile = useMutation({
    mutationFn: async (file: File) => api.importOtherStore(shop.id, await file.text()),
    onSuccess: async ({ imported, withTikTokId }) => {
      setFailure(null);
      toast.success(`Imported ${imported} orders (${withTikTokId} from TikTok)`);
      await queryClient.invalidateQueries({ queryKey: ["other-store", shop.id] });
    },
    onError: (error) =>
      setFailure({
        message: error.message,
        fields:
          error instanceof ApiError
            ? ((error.body as { fields?: Failure["fields"] } | undefined)?.fields ?? [])
            : [],
      }),
  });
  const columns = useMemo(() => {
    const col = columnHelper<CompareRow>();
    return [
      col.accessor("tiktokOrderId", {
        header: "TikTok order",
        meta: { width: 210 },
        cell: (info) =>
          info.getValue() && info.row.original.state !== "only_other" ? (
            <TextLink href={href(`/orders/${info.getValue()}`)} className="font-mono">
              {info.getValue()}
            </TextLink>
          ) : (
            <span className="font-mono">{info.getValue() ?? "—"}</span>
          ),
      }),
      col.accessor("otherName", { header: "Other store order", cell: (info) => info.getValue() ?? "—" }),
      col.accessor("state", {
        header: "Result",
        cell: (info) => (
          <StatusBadge tone={COMPARE_LABELS[info.getValue()].tone}>
            {COMPARE_LABELS[info.getValue()].label}
          </StatusBadge>
        ),
      }),
      col.accessor("tiktokGross", {
        header: "TikTok gross",
        meta: { align: "end" },
        cell: (info) => money(info.getValue(), info.row.original.currency),
      }),
      col.accessor("otherGross", {
        header: "Other store gross",
        meta: { align: "end" },
        cell: (info) => money(info.getValue(), info.row.original.currency),
      }),
      col.accessor("difference", {
        header: "Difference",
        meta: { align: "end" },
        cell: (info) => money(info.getValue(), info.row.original.currency),
      }),
    ];
  }, [href]);
  const mode = report.data?.mode;
  return (
    <>
      <PageHeader
        title="Other store orders"
        subtitle="TikTok Shop orders that your other store (Shopify) also books: is each one in both, with the same gross?"
      />
      {mode && !mode.otherStoreBooking ? (
        <div className="mb-4">
          <Banner tone="info" title="Journals still book TikTok sales">
            Turn on “Orders are also booked in another store” for this shop in{" "}
            <TextLink href={href("/accounting")} className="underline">
              Accounting › Settings
            </TextLink>{" "}
            so journals post sales, buyer shipping and taxes to the TikTok Shop clearing account instead of
            booking them twice.
          </Banner>
        </div>
      ) : null}
      <Card title="Import the other store's orders" className="mb-4">
        <p className="text-sm text-fg-muted">
          Shopify: Orders › Export › CSV. Each order's TikTok order id is found in Note Attributes, Tags or
          its Name by the rule in Accounting › Settings{mode ? ` (now: ${mode.otherStoreIdPattern})` : ""}. If
          any row is wrong, nothing is imported; a later export of the same order replaces it.
        </p>
        <FileInput
          label="Orders export (CSV)"
          accept=".csv,text/csv"
          onFile={(file) => importFile.mutate(file)}
        />
        {failure ? (
          <ImportFailure
            message={failure.message}
            // The first problem is the message itself; a list only when there are more.
            problems={failure.fields.length > 1 ? failure.fields.map((f) => `${f.path}: ${f.message}`) : []}
          />
        ) : null}
      </Card>
      <DateRangeBar
        range={range}
        applied={report.data?.range}
        error={report.error?.message ?? null}
        onApply={(next) => {
          setRange(next);
          setTable((t) => ({ ...t, page: { mode: "offset", index: 0, size: pageSize } }));
        }}
      />
      {report.data ? (
        <p className="mb-2 text-sm">
          {Object.entries(report.data.summary)
            .map(([key, count]) => `${COMPARE_LABELS[key as CompareState].label}: ${count}`)
            .join(" · ")}
          {` · ${report.data.imported} other-store orders imported, ${report.data.notTikTok} not from TikTok`}
        </p>
      ) : null}
      <DataTable
        label="TikTok orders in the other store"
        columns={columns}
        data={report.error ? [] : report.data?.rows.rows}
        getRowId={(row) => `${row.tiktokOrderId}-${row.otherName}`}
        state={table}
        onStateChange={setTable}
        totalRows={report.data?.rows.total}
        isLoading={report.isPending}
        isFetching={report.isFetching}
        filters={[
          {
            type: "select",
            id: "state",
            label: "Result",
            options: Object.entries(COMPARE_LABELS).map(([value, { label }]) => ({ value, label })),
          },
        ]}
        emptyState={{ title: "No TikTok orders in these dates" }}
      />
    </>
  );
}
