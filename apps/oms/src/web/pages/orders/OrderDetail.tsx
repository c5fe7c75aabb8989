import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ShopView } from "@tts-kit/auth";
import {
  Banner,
  Button,
  Card,
  EmptyState,
  ErrorState,
  formatCountdown,
  formatDateTime,
  formatMoney,
  formatRelative,
  LoadingState,
  type PageAction,
  PageHeader,
  StatusBadge,
} from "@tts-kit/ui";
import { type ReactNode, useState } from "react";
import { ApiError } from "../../api.ts";
import { type OrderDetail, ordersApi } from "../../orders-api.ts";
import { holdCountdown, OrderStatusBadge, ShipByBadge, useNow } from "./status.tsx";

const money = (amount: string | undefined, currency: string) =>
  amount === undefined || amount === "" ? "—" : formatMoney(amount, currency);

/** Payment fields in the order a receipt reads, with the seller-facing names. */
const PAYMENT_ROWS: Array<[string, string]> = [
  ["original_total_product_price", "Items before discounts"],
  ["seller_discount", "Seller discount"],
  ["platform_discount", "TikTok discount"],
  ["sub_total", "Subtotal"],
  ["original_shipping_fee", "Shipping before discounts"],
  ["shipping_fee_seller_discount", "Shipping: seller discount"],
  ["shipping_fee_platform_discount", "Shipping: TikTok discount"],
  ["shipping_fee", "Shipping"],
  ["product_tax", "Tax on items"],
  ["shipping_fee_tax", "Tax on shipping"],
  ["retail_delivery_fee", "Retail delivery fee"],
  ["tax", "Tax"],
  ["total_amount", "Total paid"],
];

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-fg-muted">{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Lines({ order }: { order: OrderDetail }) {
  return (
    <Card title="Items">
      <div className="overflow-x-auto">
        <table className="w-full text-sm" aria-label="Items">
          <thead>
            <tr className="text-left text-fg-muted">
              <th scope="col" className="py-1 pr-3">
                Product
              </th>
              <th scope="col" className="py-1 pr-3">
                SKU
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                Qty
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                Unit price
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                Tax
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                Amount
              </th>
              <th scope="col" className="py-1">
                Status
              </th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => (
              <tr key={line.key} className="border-t border-line align-top">
                <td className="py-2 pr-3">
                  <div className="font-medium">
                    {line.productName}
                    {line.isGift ? (
                      <span className="ml-2">
                        <StatusBadge tone="success">Gift</StatusBadge>
                      </span>
                    ) : null}
                  </div>
                  <div className="text-fg-muted">{line.skuName}</div>
                </td>
                <td className="py-2 pr-3">
                  <div className="font-mono">{line.sellerSku || "—"}</div>
                  <div className="font-mono text-xs text-fg-muted">{line.skuId}</div>
                </td>
                <td className="py-2 pr-3 text-right">{line.quantity}</td>
                <td className="py-2 pr-3 text-right">
                  {money(line.unitPrice, line.currency)}
                  {line.unitOriginalPrice !== line.unitPrice ? (
                    <div className="text-xs text-fg-muted line-through">
                      {money(line.unitOriginalPrice, line.currency)}
                    </div>
                  ) : null}
                </td>
                <td className="py-2 pr-3 text-right">
                  {line.taxes.length === 0
                    ? "—"
                    : line.taxes.map((tax) => (
                        <div key={`${tax.type}${tax.rate}`}>
                          {money(tax.amount, line.currency)}
                          <span className="ml-1 text-xs text-fg-muted">
                            {tax.type === "SALES_TAX" ? "sales tax" : tax.type} {formatRate(tax.rate)}
                          </span>
                        </div>
                      ))}
                </td>
                <td className="py-2 pr-3 text-right">{money(line.subtotal, line.currency)}</td>
                <td className="py-2">
                  <OrderStatusBadge status={line.status} />
                  {line.cancelReason ? (
                    <div className="text-xs text-fg-muted">{line.cancelReason}</div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** TikTok sends rates as fractions ("0.0825"): shown as percentages. */
function formatRate(rate: string): string {
  const n = Number(rate);
  if (rate === "" || !Number.isFinite(n)) return rate;
  return `${(n * 100).toFixed(3).replace(/\.?0+$/, "")}%`;
}

function Payment({ order, shopId }: { order: OrderDetail; shopId: string }) {
  const [wantPrices, setWantPrices] = useState(false);
  const prices = useQuery({
    queryKey: ["price-detail", shopId, order.id, order.updateTime],
    queryFn: () => ordersApi.priceDetail(shopId, order.id),
    enabled: wantPrices,
  });
  return (
    <Card title="Payment">
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm" aria-label="Payment breakdown">
        {PAYMENT_ROWS.filter(([key]) => order.payment[key] !== undefined).map(([key, label]) => (
          <Field key={key} label={label}>
            <span className={key === "total_amount" ? "font-semibold" : undefined}>
              {money(order.payment[key], order.currency)}
            </span>
          </Field>
        ))}
      </dl>
      {order.tax.byType.length > 0 ? (
        <div className="mt-3 border-t border-line pt-2 text-sm">
          <h3 className="font-medium">Tax from the items</h3>
          <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1" aria-label="Tax by rate">
            {order.tax.byType.map((tax) => (
              <Field
                key={`${tax.type}${tax.rate}`}
                label={`${tax.type === "SALES_TAX" ? "Sales tax" : tax.type} ${formatRate(tax.rate)}`}
              >
                {money(tax.amount, order.currency)}
              </Field>
            ))}
            <Field label="Total tax on items">
              <span className="font-semibold">{money(order.tax.fromLines, order.currency)}</span>
            </Field>
          </dl>
        </div>
      ) : null}
      {order.priceDetailAvailable ? (
        <div className="mt-3 text-sm">
          {!wantPrices ? (
            <Button variant="secondary" size="sm" onPress={() => setWantPrices(true)}>
              Show TikTok's price detail
            </Button>
          ) : prices.isPending ? (
            <LoadingState label="Loading the price detail" variant="lines" rows={3} />
          ) : prices.error ? (
            <ErrorState
              title="Could not load the price detail"
              message={prices.error.message}
              onRetry={() => prices.refetch()}
            />
          ) : (
            <PriceDetailTable detail={prices.data.priceDetail} currency={order.currency} />
          )}
        </div>
      ) : null}
    </Card>
  );
}

const PRICE_FIELDS: Array<[string, string]> = [
  ["sku_list_price", "List price"],
  ["sku_sale_price", "Sale price"],
  ["subtotal_deduction_seller", "Seller discount"],
  ["subtotal_deduction_platform", "TikTok discount"],
  ["subtotal_tax_amount", "Tax"],
  ["net_price_amount", "Net price"],
];

function PriceDetailTable({
  detail,
  currency,
}: {
  detail: Record<string, unknown> & { line_items?: Array<Record<string, unknown> & { id: string }> };
  currency: string;
}) {
  const text = (value: unknown) => (typeof value === "string" ? money(value, currency) : "—");
  return (
    <table className="w-full text-sm" aria-label="TikTok price detail">
      <thead>
        <tr className="text-left text-fg-muted">
          <th scope="col">Line item</th>
          {PRICE_FIELDS.map(([key, label]) => (
            <th key={key} scope="col" className="text-right">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {(detail.line_items ?? []).map((line) => (
          <tr key={line.id} className="border-t border-line">
            <td className="font-mono text-xs">{line.id}</td>
            {PRICE_FIELDS.map(([key]) => (
              <td key={key} className="text-right">
                {text(line[key])}
              </td>
            ))}
          </tr>
        ))}
        <tr className="border-t border-line font-semibold">
          <td>Order</td>
          {PRICE_FIELDS.map(([key]) => (
            <td key={key} className="text-right">
              {text(detail[key])}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

function BuyerAndAddress({ order, now }: { order: OrderDetail; now: number }) {
  const a = order.address;
  return (
    <Card title="Buyer and shipping address">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <Field label="Buyer">{order.buyer.userId || "—"}</Field>
        <Field label="E-mail">{order.buyer.email || "—"}</Field>
        {order.buyer.message ? <Field label="Message">“{order.buyer.message}”</Field> : null}
        {a.withheld ? (
          <Field label="Ship to">
            <span className="text-fg-muted" data-testid="address-withheld">
              {order.status === "ON_HOLD"
                ? `The address is released when the hold ends${order.onHoldUntil ? ` (${holdCountdown(order.onHoldUntil, now).toLowerCase()})` : ""}.`
                : order.status === "UNPAID"
                  ? "The address is released once the buyer has paid and the hold has ended."
                  : "TikTok has not released the address."}
            </span>
          </Field>
        ) : (
          <>
            <Field label="Recipient">{a.name}</Field>
            <Field label="Phone">{a.phone || "—"}</Field>
            <Field label="Ship to">{a.fullAddress}</Field>
            <Field label="Postal code">{a.postalCode || "—"}</Field>
          </>
        )}
        <Field label="Delivery">
          {order.shipping.deliveryOption || "—"}
          {order.shipping.type === "SELLER"
            ? " · shipped by the seller"
            : order.shipping.type === "TIKTOK"
              ? " · TikTok shipping"
              : ""}
        </Field>
        <Field label="Warehouse">{order.shipping.warehouseId || "—"}</Field>
      </dl>
    </Card>
  );
}

function Packages({ order }: { order: OrderDetail }) {
  if (order.packages.length === 0) {
    return (
      <Card title="Packages">
        <p className="text-sm text-fg-muted">
          {order.status === "ON_HOLD" || order.status === "UNPAID"
            ? "TikTok creates the package when the hold ends."
            : "No package yet."}
        </p>
      </Card>
    );
  }
  return (
    <Card title="Packages">
      <table className="w-full text-sm" aria-label="Packages">
        <thead>
          <tr className="text-left text-fg-muted">
            <th scope="col">Package</th>
            <th scope="col">Status</th>
            <th scope="col">Carrier</th>
            <th scope="col">Tracking number</th>
            <th scope="col" className="text-right">
              Units
            </th>
            <th scope="col">Shipped</th>
          </tr>
        </thead>
        <tbody>
          {order.packages.map((pkg) => (
            <tr key={pkg.id} className="border-t border-line">
              <td className="font-mono text-xs">{pkg.id}</td>
              <td>{packageStatus(pkg.status)}</td>
              <td>{pkg.shippingProvider || "—"}</td>
              <td className="font-mono">{pkg.trackingNumber || "—"}</td>
              <td className="text-right">{pkg.units}</td>
              <td>{pkg.shippedAt ? formatDateTime(pkg.shippedAt) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function packageStatus(status: string): string {
  switch (status) {
    case "PROCESSING":
      return "To ship";
    case "FULFILLING":
      return "On its way";
    case "COMPLETED":
      return "Delivered";
    case "CANCELLED":
      return "Cancelled";
    case "TO_FULFILL":
      return "Not packed";
    default:
      return status || "—";
  }
}

/** Get Tracking on demand (shipped orders only), cached on the server; "Refresh" asks TikTok again. */
function TrackingTimeline({ order, shopId }: { order: OrderDetail; shopId: string }) {
  const [refreshing, setRefreshing] = useState(false);
  const queryClient = useQueryClient();
  const key = ["tracking", shopId, order.id];
  const tracking = useQuery({
    queryKey: key,
    queryFn: () => ordersApi.tracking(shopId, order.id),
    enabled: order.shippedAt !== null,
  });
  if (order.shippedAt === null) return null;
  const refresh = async () => {
    setRefreshing(true);
    try {
      queryClient.setQueryData(key, await ordersApi.tracking(shopId, order.id, true));
    } catch {
      await tracking.refetch();
    } finally {
      setRefreshing(false);
    }
  };
  return (
    <Card
      title="Tracking"
      actions={
        <Button variant="secondary" size="sm" onPress={refresh} isPending={refreshing}>
          Refresh tracking
        </Button>
      }
    >
      {tracking.isPending ? (
        <LoadingState label="Loading tracking" variant="lines" rows={3} />
      ) : tracking.error ? (
        <ErrorState
          title="Could not load tracking"
          message={tracking.error.message}
          onRetry={() => tracking.refetch()}
        />
      ) : tracking.data.events.length === 0 ? (
        <p className="text-sm text-fg-muted">The carrier has reported nothing yet.</p>
      ) : (
        <>
          <ol className="space-y-2 text-sm" aria-label="Tracking events">
            {tracking.data.events.map((event) => (
              <li key={`${event.time}-${event.description}`} className="flex gap-3">
                <span className="w-40 shrink-0 text-fg-muted">
                  {event.time ? formatDateTime(event.time) : "—"}
                </span>
                <span>{event.description}</span>
              </li>
            ))}
          </ol>
          {tracking.data.fetchedAt ? (
            <p className="mt-2 text-xs text-fg-muted">
              From TikTok {formatRelative(tracking.data.fetchedAt)}
              {tracking.data.cached ? " (saved copy)" : ""}
            </p>
          ) : null}
        </>
      )}
    </Card>
  );
}

function Timeline({ order }: { order: OrderDetail }) {
  const steps: Array<[string, number | null]> = [
    ["Placed", order.createTime],
    ["Paid", order.paidTime],
    ["Shipped", order.shippedAt],
    ["Delivered", order.deliveredAt],
  ];
  return (
    <Card title="Dates">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {steps.map(([label, time]) => (
          <Field key={label} label={label}>
            {time ? formatDateTime(time) : "—"}
          </Field>
        ))}
        <Field label="Ship by">{order.shipBy ? formatDateTime(order.shipBy) : "—"}</Field>
        <Field label="Hold">
          {order.isOnHoldOrder ? "One-hour hold after payment" : "No hold (legacy flow: shippable once paid)"}
        </Field>
      </dl>
    </Card>
  );
}

/**
 * One order (ORD-SYNC-IMPORT, -TAX, -SAMPLE, -GIFT, OMS-R1, R4, R5): lines with SKUs, quantities,
 * prices and taxes, the payment breakdown, the buyer and (once released) the address, packages and
 * tracking, the hold and ship-by countdowns, and the links to fulfil or cancel it where allowed.
 */
export function OrderDetailPage({
  shop,
  orderId,
  href,
}: {
  shop: ShopView;
  orderId: string;
  href: (path: string) => string;
}) {
  const now = useNow(15_000);
  const detail = useQuery({
    queryKey: ["order", shop.id, orderId, shop.lastSyncedAt],
    queryFn: () => ordersApi.detail(shop.id, orderId),
    // Webhooks change orders behind the page (a hold ending, a cancellation): keep it current.
    refetchInterval: 20_000,
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
  const breadcrumbs = [{ label: "Orders", href: href("/") }];
  if (detail.isPending) return <LoadingState label="Loading the order" />;
  if (detail.error) {
    if (detail.error instanceof ApiError && detail.error.status === 404) {
      return (
        <>
          <PageHeader title={`Order ${orderId}`} breadcrumbs={breadcrumbs} />
          <EmptyState title="Order not found" description={detail.error.message} />
        </>
      );
    }
    return (
      <ErrorState
        title="Could not load the order"
        message={detail.error.message}
        onRetry={() => detail.refetch()}
      />
    );
  }
  const order = detail.data.order;
  const secondary: PageAction[] = order.actions.cancel
    ? [{ label: "Cancel order", href: href(`/orders/${order.id}/cancel`), destructive: true }]
    : [];
  return (
    <>
      <PageHeader
        title={`Order ${order.id}`}
        breadcrumbs={breadcrumbs}
        titleMeta={
          <span className="flex flex-wrap items-center gap-2">
            <OrderStatusBadge status={order.status} />
            {order.isSample ? <StatusBadge tone="info">Sample</StatusBadge> : null}
            {order.fulfilledByTikTok ? <StatusBadge tone="neutral">Fulfilled by TikTok</StatusBadge> : null}
          </span>
        }
        subtitle={`${order.units} ${order.units === 1 ? "unit" : "units"} · ${money(order.payment.total_amount, order.currency)} · placed ${order.createTime ? formatDateTime(order.createTime) : "—"}`}
        {...(order.actions.fulfil
          ? { primaryAction: { label: "Fulfil", href: href(`/orders/${order.id}/fulfil`) } }
          : {})}
        secondaryActions={secondary}
      />
      <div className="space-y-4">
        {order.status === "ON_HOLD" && order.onHoldUntil ? (
          <Banner tone="warning" title={`On hold: ${holdCountdown(order.onHoldUntil, now).toLowerCase()}`}>
            The buyer may still cancel until {formatDateTime(order.onHoldUntil)}. TikTok releases the address
            and allows shipping when the hold ends.
          </Banner>
        ) : null}
        {order.fulfilledByTikTok ? (
          <Banner tone="info" title="Fulfilled by TikTok">
            TikTok ships this order from its own warehouse. It is shown here for your records and reporting;
            there is nothing to ship or cancel.
          </Banner>
        ) : null}
        {order.isSample ? (
          <Banner tone="info" title="Free sample">
            A sample order: the buyer pays nothing, and you ship it like any other order.
          </Banner>
        ) : null}
        {order.shipBy && order.shipByState ? (
          <Banner
            tone={
              order.shipByState === "late"
                ? "critical"
                : order.shipByState === "due_soon"
                  ? "warning"
                  : "info"
            }
            title={
              <span>
                Ship by {formatDateTime(order.shipBy)}:{" "}
                <ShipByBadge shipBy={order.shipBy} state={order.shipByState} now={now} />
              </span>
            }
          >
            {order.shipBy - now < 0
              ? `The deadline passed ${formatCountdown(now - order.shipBy)} ago. Late shipments count against the shop's late dispatch rate.`
              : "Orders shipped after this time count against the shop's late dispatch rate (TikTok's limit: 4%)."}
          </Banner>
        ) : null}
        <Lines order={order} />
        <div className="grid gap-4 lg:grid-cols-2">
          <Payment order={order} shopId={shop.id} />
          <BuyerAndAddress order={order} now={now} />
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          <Packages order={order} />
          <Timeline order={order} />
        </div>
        <TrackingTimeline order={order} shopId={shop.id} />
      </div>
    </>
  );
}
