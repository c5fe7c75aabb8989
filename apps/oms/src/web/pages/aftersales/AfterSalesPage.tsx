import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ShopView } from "@tts-kit/auth";
import {
  Button,
  ConfirmDialog,
  columnHelper,
  createTableState,
  DataTable,
  type DataTableState,
  formatCountdown,
  formatDateTime,
  formatMoney,
  PageHeader,
  StatusBadge,
  Tabs,
  TextLink,
  type Tone,
  useToast,
} from "@tts-kit/ui";
import { useMemo, useState } from "react";
import { afterSalesApi, type CancellationRow, type InboxView, type ReturnRow } from "../../aftersales-api.ts";
import { ApiError } from "../../api.ts";

type Kind = "cancellations" | "returns";
type Row = CancellationRow | (ReturnRow & { nextAction: string | null });

const STATUS: Record<string, { label: string; tone: Tone }> = {
  CANCELLATION_REQUEST_PENDING: { label: "Waiting for you", tone: "warning" },
  CANCELLATION_REQUEST_SUCCESS: { label: "Approved", tone: "success" },
  CANCELLATION_REQUEST_COMPLETE: { label: "Refunded", tone: "success" },
  CANCELLATION_REQUEST_CANCEL: { label: "Rejected or withdrawn", tone: "neutral" },
  RETURN_OR_REFUND_REQUEST_PENDING: { label: "Waiting for you", tone: "warning" },
  BUYER_SHIPPED_ITEM: { label: "Parcel on its way back", tone: "warning" },
  AWAITING_BUYER_SHIP: { label: "Buyer to send the item", tone: "info" },
  AWAITING_BUYER_RESPONSE: { label: "Buyer to answer", tone: "info" },
  REFUND_OR_RETURN_REQUEST_REJECT: { label: "Rejected", tone: "neutral" },
  REJECT_RECEIVE_PACKAGE: { label: "Parcel rejected", tone: "neutral" },
  RETURN_OR_REFUND_REQUEST_SUCCESS: { label: "Approved, refund pending", tone: "success" },
  RETURN_OR_REFUND_REQUEST_COMPLETE: { label: "Refunded", tone: "success" },
  RETURN_OR_REFUND_REQUEST_CANCEL: { label: "Closed", tone: "neutral" },
};
const TYPE: Record<string, string> = {
  BUYER_CANCEL: "Buyer's cancellation",
  CANCEL: "Cancelled by seller or TikTok",
  REFUND: "Refund only",
  RETURN_AND_REFUND: "Return and refund",
  REPLACEMENT: "Replacement",
};

/** A refusal that retrying cannot change: the request was decided meanwhile, or is gone. */
function settled(error: Error): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 409);
}

/** What the seller can do with a request now, in words for its buttons and dialogs. */
function actions(kind: Kind, row: Row) {
  if (kind === "cancellations") {
    return row.status === "CANCELLATION_REQUEST_PENDING" && row.type === "BUYER_CANCEL"
      ? {
          approve: "Approve",
          reject: "Reject",
          consequence: `Order ${row.orderId} will be cancelled and the buyer refunded${row.refundTotal && row.currency ? ` ${formatMoney(row.refundTotal, row.currency)}` : ""}.`,
        }
      : null;
  }
  if (row.status === "BUYER_SHIPPED_ITEM") {
    return {
      approve: "Accept parcel",
      reject: "Reject parcel",
      consequence: `You confirm the returned item arrived as expected; the buyer is refunded${row.refundTotal && row.currency ? ` ${formatMoney(row.refundTotal, row.currency)}` : ""}.`,
    };
  }
  if (row.status !== "RETURN_OR_REFUND_REQUEST_PENDING") return null;
  return row.type === "REFUND"
    ? {
        approve: "Approve",
        reject: "Reject",
        consequence: `The buyer is refunded${row.refundTotal && row.currency ? ` ${formatMoney(row.refundTotal, row.currency)}` : ""} without sending anything back.`,
      }
    : {
        approve: "Approve",
        reject: "Reject",
        consequence:
          "The buyer is asked to send the item back; the refund follows once you accept the parcel.",
      };
}

function Deadline({ at, now }: { at: number | null; now: number }) {
  if (at === null) return <span className="text-fg-muted">—</span>;
  const left = at - now;
  const tone: Tone = left <= 0 ? "critical" : left < 6 * 3600 ? "warning" : "neutral";
  return (
    <span title={`TikTok decides for you at ${formatDateTime(at)}`}>
      <StatusBadge tone={tone}>{left <= 0 ? "overdue" : `${formatCountdown(left)} left`}</StatusBadge>
    </span>
  );
}

function RejectDialog({
  shopId,
  kind,
  row,
  onDone,
  onGone,
  onCancel,
}: {
  shopId: string;
  kind: Kind;
  row: Row;
  onDone: () => void;
  onGone: (message: string) => void;
  onCancel: () => void;
}) {
  const reasons = useQuery({
    queryKey: ["reject-reasons", shopId, row.id, row.status],
    queryFn: () => afterSalesApi.rejectReasons(shopId, row.id),
  });
  const [reason, setReason] = useState("");
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <ConfirmDialog
      isOpen
      destructive
      title={
        kind === "cancellations" ? `Reject the cancellation of order ${row.orderId}?` : `Reject ${row.id}?`
      }
      confirmLabel="Reject"
      onCancel={onCancel}
      onConfirm={() => {
        if (!reason) {
          setProblem("Choose a reason: TikTok Shop only accepts the reasons listed.");
          return;
        }
        setProblem(null);
        return afterSalesApi
          .decide(shopId, kind, row.id, "reject", {
            reason,
            ...(comment.trim() ? { comment: comment.trim() } : {}),
          })
          .then(onDone, (error: Error) => {
            if (settled(error)) {
              onGone(error.message);
              return;
            }
            setProblem(error.message);
            throw error;
          });
      }}
    >
      <div className="flex flex-col gap-3 text-fg">
        <p className="text-fg-muted">
          {kind === "cancellations"
            ? "The order stays with you to ship; the buyer sees your reason."
            : "The buyer sees your reason and may appeal to TikTok Shop."}
        </p>
        <label className="flex flex-col gap-1">
          <span className="font-medium">Reason</span>
          <select
            className="h-9 rounded-lg border border-line-strong bg-surface px-2 text-sm"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            disabled={reasons.isPending}
          >
            <option value="">{reasons.isPending ? "Loading TikTok's reasons…" : "Choose a reason"}</option>
            {(reasons.data?.reasons ?? []).map((r) => (
              <option key={r.name} value={r.name}>
                {r.text}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">Note to the buyer (optional)</span>
          <textarea
            className="min-h-16 rounded-lg border border-line-strong bg-surface px-2 py-1 text-sm"
            maxLength={500}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
        </label>
        {reasons.error && <p className="text-critical-fg">{reasons.error.message}</p>}
        {problem && (
          <p role="alert" className="text-critical-fg">
            {problem}
          </p>
        )}
      </div>
    </ConfirmDialog>
  );
}

function RequestTable({
  shop,
  kind,
  href,
  onDecided,
}: {
  shop: ShopView;
  kind: Kind;
  href: (path: string) => string;
  onDecided: () => void;
}) {
  const toast = useToast();
  const [state, setState] = useState<DataTableState>(() =>
    createTableState({ pageSize: 50, filters: { view: "action" } }),
  );
  const view: InboxView = state.filters.view === "all" ? "all" : "action";
  const page = state.page.mode === "offset" ? state.page.index + 1 : 1;
  const list = useQuery({
    queryKey: ["after-sales", shop.id, kind, view, page, state.page.size],
    queryFn: async () => {
      const fetchedAt = Date.now();
      if (kind === "cancellations") {
        const r = await afterSalesApi.cancellations(shop.id, view, page, state.page.size);
        return { rows: r.cancellations as Row[], total: r.total, now: r.now, fetchedAt };
      }
      const r = await afterSalesApi.returns(shop.id, view, page, state.page.size);
      return { rows: r.returns as Row[], total: r.total, now: r.now, fetchedAt };
    },
    refetchInterval: 30_000,
  });
  const [approving, setApproving] = useState<Row | null>(null);
  const [rejecting, setRejecting] = useState<Row | null>(null);
  // The server's clock, carried forward: deadlines are TikTok's times.
  const now = list.data ? list.data.now + Math.floor((Date.now() - list.data.fetchedAt) / 1000) : 0;

  const decided = (message: string) => {
    toast.success(message);
    onDecided();
  };

  const columns = useMemo(() => {
    const col = columnHelper<Row>();
    return [
      col.accessor("id", {
        header: kind === "cancellations" ? "Request" : "Return",
        cell: (info) => (
          <div className="flex flex-col">
            <span className="font-mono">{info.getValue()}</span>
            <span className="text-xs text-fg-muted">
              {TYPE[info.row.original.type] ?? info.row.original.type}
            </span>
          </div>
        ),
      }),
      col.accessor("orderId", {
        header: "Order",
        cell: (info) => (
          <TextLink href={href(`/orders/${info.getValue()}`)} className="font-mono">
            {info.getValue()}
          </TextLink>
        ),
      }),
      col.accessor("reasonText", {
        header: "Reason",
        cell: (info) => info.getValue() || info.row.original.reason || "—",
      }),
      col.accessor("refundTotal", {
        header: "Refund",
        meta: { align: "end" },
        cell: (info) =>
          info.getValue() && info.row.original.currency
            ? formatMoney(info.getValue()!, info.row.original.currency)
            : "—",
      }),
      col.accessor("status", {
        header: "Status",
        cell: (info) => {
          const status = STATUS[info.getValue()] ?? { label: info.getValue(), tone: "neutral" as Tone };
          return <StatusBadge tone={status.tone}>{status.label}</StatusBadge>;
        },
      }),
      col.accessor("respondBy", {
        header: "Answer within",
        cell: (info) =>
          actions(kind, info.row.original) ? <Deadline at={info.getValue()} now={now} /> : "—",
      }),
      col.display({
        id: "actions",
        header: "Actions",
        cell: (info) => {
          const row = info.row.original;
          const can = actions(kind, row);
          if (!can) return null;
          return (
            <div className="flex gap-2">
              <Button
                size="sm"
                variant="primary"
                onPress={() => setApproving(row)}
                aria-label={`${can.approve} ${row.id}`}
              >
                {can.approve}
              </Button>
              <Button
                size="sm"
                variant="secondary"
                onPress={() => setRejecting(row)}
                aria-label={`${can.reject} ${row.id}`}
              >
                {can.reject}
              </Button>
            </div>
          );
        },
      }),
    ];
  }, [kind, href, now]);

  const approval = approving ? actions(kind, approving) : null;
  return (
    <>
      <DataTable
        label={kind === "cancellations" ? "Cancellation requests" : "Returns and refunds"}
        columns={columns}
        data={list.data?.rows}
        getRowId={(row) => row.id}
        state={state}
        onStateChange={setState}
        totalRows={list.data?.total}
        isLoading={list.isPending}
        isFetching={list.isFetching}
        error={list.error}
        onRetry={() => list.refetch()}
        filters={[
          {
            type: "select",
            id: "view",
            label: "Show",
            options: [
              { value: "action", label: "Waiting for your answer" },
              { value: "all", label: "All requests" },
            ],
          },
        ]}
        emptyState={
          view === "action"
            ? {
                title: "Nothing waits for you",
                description: "New requests appear here as soon as TikTok Shop reports them.",
              }
            : { title: "No requests yet", description: "Requests of the last 90 days appear here." }
        }
      />
      {approving && approval && (
        <ConfirmDialog
          isOpen
          title={
            kind === "cancellations"
              ? `Approve the cancellation of order ${approving.orderId}?`
              : `${approval.approve} for ${approving.id}?`
          }
          confirmLabel={approval.approve}
          onCancel={() => setApproving(null)}
          onConfirm={() =>
            afterSalesApi.decide(shop.id, kind, approving.id, "approve").then(
              () => {
                setApproving(null);
                decided(
                  kind === "cancellations"
                    ? `Order ${approving.orderId} cancelled.`
                    : `${approving.id} approved.`,
                );
              },
              (error: Error) => {
                toast.error(error.message);
                // Decided meanwhile (409) or gone (404): nothing to retry, the list is refreshed.
                if (settled(error)) {
                  setApproving(null);
                  onDecided();
                  return;
                }
                throw error;
              },
            )
          }
        >
          {approval.consequence}
        </ConfirmDialog>
      )}
      {rejecting && (
        <RejectDialog
          shopId={shop.id}
          kind={kind}
          row={rejecting}
          onCancel={() => setRejecting(null)}
          onGone={(message) => {
            setRejecting(null);
            toast.error(message);
            onDecided();
          }}
          onDone={() => {
            setRejecting(null);
            decided(
              kind === "cancellations"
                ? `Cancellation of order ${rejecting.orderId} rejected.`
                : `${rejecting.id} rejected.`,
            );
          }}
        />
      )}
    </>
  );
}

/**
 * The returns and cancellations inbox (ORD-CANCEL-BUYER and return/refund requests): what waits
 * for the seller, most urgent first, with the time left before TikTok decides for them.
 */
export function AfterSalesPage({ shop, href }: { shop: ShopView; href: (path: string) => string }) {
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<Kind>("cancellations");
  const summary = useQuery({
    queryKey: ["after-sales", shop.id, "summary"],
    queryFn: () => afterSalesApi.summary(shop.id),
    refetchInterval: 30_000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["after-sales", shop.id] });
  const s = summary.data;
  const deadline = (at: number | null | undefined) =>
    s && at ? ` · next answer due ${at - s.now <= 0 ? "now" : `in ${formatCountdown(at - s.now)}`}` : "";
  return (
    <>
      <PageHeader
        title="Returns & cancellations"
        subtitle={
          s
            ? `${shop.name} · ${s.cancellations.needsAction + s.returns.needsAction} waiting for your answer. A request left unanswered when its time runs out is decided by TikTok Shop, usually in the buyer's favour.`
            : shop.name
        }
      />
      <Tabs
        aria-label="Requests"
        selectedId={tab}
        onSelectionChange={(id) => setTab(id as Kind)}
        items={[
          {
            id: "cancellations",
            label: `Cancellation requests${deadline(s?.cancellations.nextDeadline)}`,
            badge: s ? String(s.cancellations.needsAction) : undefined,
            content: <RequestTable shop={shop} kind="cancellations" href={href} onDecided={refresh} />,
          },
          {
            id: "returns",
            label: `Returns and refunds${deadline(s?.returns.nextDeadline)}`,
            badge: s ? String(s.returns.needsAction) : undefined,
            content: <RequestTable shop={shop} kind="returns" href={href} onDecided={refresh} />,
          },
        ]}
      />
    </>
  );
}
