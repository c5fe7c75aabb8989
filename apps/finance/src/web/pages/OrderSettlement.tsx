import { useQuery } from "@tanstack/react-query";
import { Banner, Card, ErrorState, LoadingState, PageHeader, StatusBadge, TextLink } from "@tts-kit/ui";
import { api } from "../api.ts";
import { dateOf, money } from "../common.tsx";
import type { PageContext } from "../routes.tsx";

function entries(value: unknown): Array<[string, string]> {
  if (!value || typeof value !== "object") return [];
  return Object.entries(value as Record<string, unknown>).filter(
    (e): e is [string, string] => typeof e[1] === "string" && e[1] !== "" && Number(e[1]) !== 0,
  );
}

const label = (key: string) => key.replace(/_amount$/, "").replaceAll("_", " ");

/** FIN-TXGET-ORDER: an order's settlement per statement, down to its SKU lines and fee components. */
export function OrderSettlementPage({ shop, params, href }: PageContext) {
  const orderId = params.orderId!;
  const query = useQuery({
    queryKey: ["order", shop.id, orderId],
    queryFn: () => api.order(shop.id, orderId),
  });
  if (query.isPending) return <LoadingState label="Loading the order's settlement" />;
  if (query.error)
    return (
      <ErrorState
        title="Could not load this order"
        message={query.error.message}
        onRetry={() => query.refetch()}
      />
    );
  const { order, transactions, skus, estimate, currency, settlementAmount } = query.data;
  return (
    <>
      <PageHeader
        title={`Order ${orderId}`}
        breadcrumbs={[{ label: "Statements", href: href("/statements") }]}
        titleMeta={
          settlementAmount !== null ? (
            <StatusBadge tone="success">Settled</StatusBadge>
          ) : estimate ? (
            <StatusBadge tone="warning">Not settled yet</StatusBadge>
          ) : (
            <StatusBadge tone="neutral">No settlement</StatusBadge>
          )
        }
      />
      <Card title="Summary" className="mb-4">
        <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
          <dt className="text-fg-muted">Status</dt>
          <dd>{order?.status.replaceAll("_", " ").toLowerCase() ?? "—"}</dd>
          <dt className="text-fg-muted">Delivered</dt>
          <dd>{dateOf(order?.deliveryTime)}</dd>
          <dt className="text-fg-muted">Buyer paid</dt>
          <dd>{money(order?.totalAmount, order?.currency)}</dd>
          <dt className="text-fg-muted">Settled</dt>
          <dd>{money(settlementAmount, currency)}</dd>
        </dl>
      </Card>
      {estimate ? (
        <Banner tone="info" title="Not settled yet">
          TikTok expects to settle {money(estimate.estSettlementAmount, estimate.currency)}
          {estimate.estimatedSettlement
            ? /^\d+$/.test(estimate.estimatedSettlement)
              ? ` on ${dateOf(Number(estimate.estimatedSettlement))}`
              : ` (${estimate.estimatedSettlement})`
            : ""}
          . {estimate.unsettledReason}
        </Banner>
      ) : null}
      <h2 className="mt-6 mb-2 text-lg font-semibold">Statement lines</h2>
      {transactions.length === 0 ? (
        <p className="text-sm text-fg-muted">This order is in no statement yet.</p>
      ) : (
        <table className="w-full text-sm" aria-label="Statement lines of the order">
          <thead>
            <tr className="text-left text-fg-muted">
              <th scope="col">Statement</th>
              <th scope="col">Type</th>
              <th scope="col" className="text-right">
                Revenue
              </th>
              <th scope="col" className="text-right">
                Shipping
              </th>
              <th scope="col" className="text-right">
                Fees and taxes
              </th>
              <th scope="col" className="text-right">
                Settlement
              </th>
            </tr>
          </thead>
          <tbody>
            {transactions.map((t) => (
              <tr key={t.id} className="border-t border-line">
                <td className="py-1">
                  <TextLink href={href(`/statements/${t.statementId}`)} className="font-mono">
                    {t.statementId}
                  </TextLink>
                </td>
                <td>{t.type.replaceAll("_", " ").toLowerCase()}</td>
                <td className="text-right">{money(t.revenueAmount, t.currency)}</td>
                <td className="text-right">{money(t.shippingCostAmount, t.currency)}</td>
                <td className="text-right">{money(t.feeTaxAmount, t.currency)}</td>
                <td className="text-right">{money(t.settlementAmount, t.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 className="mt-6 mb-2 text-lg font-semibold">SKU lines</h2>
      {skus.length === 0 ? (
        <p className="text-sm text-fg-muted">No SKU-level settlement yet.</p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" aria-label="SKU lines">
          {skus.map((sku) => {
            const raw = sku.raw;
            const fee = (raw.fee_tax_breakdown as { fee?: unknown; tax?: unknown } | undefined) ?? {};
            const parts = [
              ...entries(raw.revenue_breakdown),
              ...entries(raw.shipping_cost_breakdown),
              ...entries(fee.fee),
              ...entries(fee.tax),
            ];
            return (
              <li key={`${sku.statementId}-${sku.skuId}`}>
                <Card
                  title={`${sku.productName ?? "Product"} · ${sku.skuName ?? sku.skuId}`}
                  headingLevel={3}
                >
                  <p className="text-sm text-fg-muted">
                    SKU {sku.skuId} · {sku.quantity} unit{sku.quantity === 1 ? "" : "s"} · statement{" "}
                    {sku.statementId}
                  </p>
                  <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
                    {parts.map(([key, value]) => (
                      <div key={key} className="contents">
                        <dt className="text-fg-muted">{label(key)}</dt>
                        <dd className="text-right">{money(value, sku.currency)}</dd>
                      </div>
                    ))}
                    <dt className="font-semibold">Settlement</dt>
                    <dd className="text-right font-semibold">{money(sku.settlementAmount, sku.currency)}</dd>
                  </dl>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
