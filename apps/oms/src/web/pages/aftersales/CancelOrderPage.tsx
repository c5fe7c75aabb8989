import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ShopView } from "@tts-kit/auth";
import {
  Banner,
  Button,
  Card,
  ConfirmDialog,
  ErrorState,
  formatMoney,
  LinkButton,
  LoadingState,
  PageHeader,
  StatusBadge,
} from "@tts-kit/ui";
import { useState } from "react";
import { afterSalesApi } from "../../aftersales-api.ts";

/**
 * The seller cancels an order (ORD-CANCEL-SELLER): the order as TikTok has it now, the reasons
 * that fit its state, the refund the buyer would get, and a confirmation. An order that has shipped
 * (or is waiting on the buyer's own request) says why it cannot be cancelled, and offers nothing.
 */
export function CancelOrderPage({
  shop,
  orderId,
  href,
}: {
  shop: ShopView;
  orderId: string;
  href: (path: string) => string;
}) {
  const queryClient = useQueryClient();
  const info = useQuery({
    queryKey: ["order-cancellation", shop.id, orderId],
    queryFn: () => afterSalesApi.orderCancellation(shop.id, orderId),
    refetchOnWindowFocus: false,
  });
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const cancel = useMutation({
    mutationFn: () => afterSalesApi.cancelOrder(shop.id, orderId, reason),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: ["order-cancellation", shop.id, orderId] });
      await queryClient.invalidateQueries({ queryKey: ["orders", shop.id] });
    },
    onError: async (error) => {
      setConfirming(false);
      setProblem(error.message);
      await info.refetch();
    },
  });

  if (info.isPending) return <LoadingState label="Loading the order from TikTok Shop" />;
  if (info.error || !info.data) {
    return (
      <ErrorState
        title="Could not load this order"
        message={info.error?.message ?? "Unknown error"}
        onRetry={() => info.refetch()}
      />
    );
  }
  const { order, cancellable, reasons, refund } = info.data;
  const money = (amount: string | null, currency: string | null) =>
    amount && currency ? formatMoney(amount, currency) : "—";
  const chosen = reasons.find((r) => r.name === reason);

  return (
    <>
      <PageHeader
        title={`Cancel order ${order.id}`}
        titleMeta={
          <StatusBadge tone={order.status === "CANCELLED" ? "critical" : "info"}>{order.status}</StatusBadge>
        }
        breadcrumbs={[
          { label: "Orders", href: href("/") },
          { label: order.id, href: href(`/orders/${order.id}`) },
        ]}
      />
      {cancel.isSuccess && (
        <Banner tone="success" title={`Order ${order.id} is cancelled`} role="status">
          TikTok Shop confirmed the cancellation; the buyer is refunded.
        </Banner>
      )}
      {problem && !cancel.isSuccess && (
        <Banner
          tone="critical"
          title="The order was not cancelled"
          role="alert"
          onDismiss={() => setProblem(null)}
        >
          {problem}
        </Banner>
      )}
      {!cancellable && !cancel.isSuccess && (
        <Banner tone="warning" title="This order cannot be cancelled" role="status">
          {info.data.reason}
        </Banner>
      )}
      <Card title="Order">
        <ul className="divide-y divide-line text-sm">
          {order.lines.map((line) => (
            <li key={line.id} className="flex justify-between gap-3 py-2">
              <span>
                {line.productName}
                {line.skuName ? ` · ${line.skuName}` : ""}
                {line.sellerSku ? <span className="text-fg-muted"> ({line.sellerSku})</span> : null}
              </span>
              <span className="tabular-nums">{money(line.salePrice, order.currency)}</span>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-right text-sm font-medium">
          Total {money(order.totalAmount, order.currency)}
        </p>
      </Card>
      {cancellable && !cancel.isSuccess && (
        <Card title="Cancel this order" description="The buyer sees the reason you give.">
          <div className="flex flex-col gap-3 text-sm">
            <label className="flex max-w-md flex-col gap-1">
              <span className="font-medium">Reason</span>
              <select
                className="h-9 rounded-lg border border-line-strong bg-surface px-2"
                value={reason}
                onChange={(event) => {
                  setReason(event.target.value);
                  setProblem(null);
                }}
              >
                <option value="">Choose a reason</option>
                {reasons.map((r) => (
                  <option key={r.name} value={r.name}>
                    {r.text}
                  </option>
                ))}
              </select>
            </label>
            {refund?.total && (
              <p>
                The buyer will be refunded <strong>{money(refund.total, refund.currency)}</strong>.
              </p>
            )}
            <div className="flex gap-2">
              <Button
                variant="critical"
                onPress={() =>
                  reason ? setConfirming(true) : setProblem("Choose a reason for the cancellation.")
                }
              >
                Cancel order
              </Button>
              <LinkButton href={href(`/orders/${order.id}`)}>Keep the order</LinkButton>
            </div>
          </div>
        </Card>
      )}
      <ConfirmDialog
        isOpen={confirming}
        destructive
        title={`Cancel order ${order.id}?`}
        confirmLabel="Cancel order"
        cancelLabel="Keep the order"
        isConfirming={cancel.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => cancel.mutate()}
      >
        Reason: {chosen?.text ?? reason}. This cannot be undone
        {refund?.total ? `; the buyer is refunded ${money(refund.total, refund.currency)}` : ""}.
      </ConfirmDialog>
    </>
  );
}
