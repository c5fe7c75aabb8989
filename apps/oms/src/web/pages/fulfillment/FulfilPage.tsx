import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ShopView } from "@tts-kit/auth";
import {
  Banner,
  Button,
  Card,
  ErrorState,
  formatDateTime,
  formatMoney,
  LoadingState,
  PageHeader,
  StatusBadge,
  useToast,
} from "@tts-kit/ui";
import { type FormEvent, useState } from "react";
import { ApiError } from "../../api.ts";
import {
  type FulfilView,
  fulfillmentApi,
  type ServiceOption,
  type ShipmentNotification,
  saveFile,
} from "../../fulfillment-api.ts";
import { Countdown, inputClass, NotificationSummary, SetupIssues, ShipBy, useNow } from "./parts.tsx";

type Package = FulfilView["packages"][number];

/**
 * /orders/:orderId/fulfil: everything about shipping one order. Seller shipping (3PL) with a
 * tracking number and the planned carrier, per package or per chosen items (a split); TikTok
 * Shipping (4PL) with a bought label or a handover; tracking corrections within 72 hours; the
 * shipment history. ON_HOLD orders show a live countdown and no working ship button; FBT orders
 * are read-only.
 */
export function FulfilPage({
  shop,
  orderId,
  href,
}: {
  shop: ShopView;
  orderId: string;
  href: (path: string) => string;
}) {
  const queryClient = useQueryClient();
  const now = useNow();
  const [sent, setSent] = useState<ShipmentNotification | null>(null);
  const view = useQuery({
    queryKey: ["fulfil", shop.id, orderId],
    queryFn: () => fulfillmentApi.view(shop.id, orderId),
    // While on hold, look again when the hold should be over.
    refetchInterval: (query) => (query.state.data?.order.status === "ON_HOLD" ? 15_000 : false),
  });
  const onSent = async (notification: ShipmentNotification) => {
    setSent(notification);
    await queryClient.invalidateQueries({ queryKey: ["fulfil", shop.id] });
    await queryClient.invalidateQueries({ queryKey: ["shipping", shop.id] });
  };

  if (view.isPending) return <LoadingState label="Loading the order from TikTok Shop" />;
  if (view.error) {
    return (
      <ErrorState
        title="Could not load this order"
        message={view.error.message}
        onRetry={() => view.refetch()}
      />
    );
  }
  const data = view.data;
  const { order, blocker, plan } = data;
  const onHold = blocker?.code === "order_on_hold";
  const readOnly = order.mode === "FBT";
  const canShip = !blocker;
  const unshipped = data.lines.filter((l) => l.state === "unshipped");

  return (
    <>
      <PageHeader
        title={`Fulfil order ${order.id}`}
        subtitle={`${shop.name} · ${order.mode === "FBT" ? "Fulfilled by TikTok" : order.mode === "4PL" ? "Shipped via TikTok (TikTok Shipping)" : "Shipped by you (your carrier)"}`}
        breadcrumbs={[
          { label: "Shipping", href: href("/shipping") },
          { label: `Order ${order.id}`, href: href(`/orders/${order.id}`) },
        ]}
        titleMeta={
          <StatusBadge tone={onHold ? "warning" : canShip ? "info" : "neutral"}>{order.status}</StatusBadge>
        }
      />
      <div className="space-y-4">
        {sent ? <NotificationSummary notification={sent} /> : null}
        {readOnly ? (
          <Banner tone="info" title="Fulfilled by TikTok" role="status">
            {blocker?.message} Nothing can be shipped or changed from this app.
          </Banner>
        ) : onHold ? (
          <Banner tone="warning" title="On hold: shipping is blocked" role="status">
            <p>{blocker?.message}</p>
            {blocker?.holdUntil ? (
              <p className="mt-1">
                <Countdown
                  until={blocker.holdUntil}
                  now={now}
                  label="Shipping opens in"
                  over="The hold is over; TikTok is releasing the order."
                />
              </p>
            ) : null}
          </Banner>
        ) : blocker ? (
          <Banner tone="neutral" title="Nothing to ship" role="status">
            {blocker.message}
          </Banner>
        ) : null}
        {plan && !readOnly ? <SetupIssues issues={plan.issues} href={href} /> : null}

        <Card>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-fg-muted">Ship by</dt>
            <dd>
              <ShipBy shipBy={order.shipBy} now={now} />
            </dd>
            <dt className="text-fg-muted">Delivery option</dt>
            <dd>{order.deliveryOptionName || "—"}</dd>
            {plan ? (
              <>
                <dt className="text-fg-muted">Ships from</dt>
                <dd>{plan.warehouseName}</dd>
                {order.mode === "3PL" ? (
                  <>
                    <dt className="text-fg-muted">Carrier</dt>
                    <dd data-field="planned-carrier">
                      {plan.carrier
                        ? `${plan.carrier.name} (${plan.carrier.source === "rule" ? `shipping rule "${plan.rule?.name}"` : "your carrier mapping"})`
                        : "Not mapped"}
                    </dd>
                  </>
                ) : null}
                {plan.rule ? (
                  <>
                    <dt className="text-fg-muted">Shipping rule</dt>
                    <dd data-field="rule">{plan.rule.name}</dd>
                  </>
                ) : null}
              </>
            ) : null}
            <dt className="text-fg-muted">Ship to</dt>
            <dd>
              {order.recipient
                ? `${order.recipient.name}, ${order.recipient.address}`
                : "Released by TikTok when the order leaves its hold"}
            </dd>
            {order.total && order.currency ? (
              <>
                <dt className="text-fg-muted">Total</dt>
                <dd>{formatMoney(order.total, order.currency)}</dd>
              </>
            ) : null}
          </dl>
        </Card>

        <section aria-labelledby="packages-title" className="space-y-3">
          <h2 id="packages-title" className="text-lg font-semibold">
            Packages
          </h2>
          {data.packages.length === 0 ? (
            <p className="text-sm text-fg-muted">TikTok has not assigned a package yet.</p>
          ) : null}
          {data.packages.map((pkg) => (
            <PackageCard
              key={pkg.id}
              shop={shop}
              view={data}
              pkg={pkg}
              now={now}
              canShip={canShip && !readOnly}
              shipDisabledReason={onHold ? "Shipping opens when the hold ends." : undefined}
              onSent={onSent}
            />
          ))}
        </section>

        {order.mode === "3PL" && !readOnly && (onHold || unshipped.some((l) => !l.packageId)) ? (
          <Card>
            <section aria-labelledby="ship-order-title" className="space-y-2">
              <h2 id="ship-order-title" className="text-base font-semibold">
                Ship this order
              </h2>
              <TrackingForm
                id="order-tracking"
                label="Tracking number"
                submitLabel="Ship order"
                disabled={!canShip}
                disabledReason={onHold ? "Shipping opens when the hold ends." : blocker?.message}
                onSubmit={async (trackingNumber, confirm) => {
                  const { notification } = await fulfillmentApi.shipOrder(shop.id, order.id, {
                    trackingNumber,
                    confirmUnusualTracking: confirm,
                  });
                  await onSent(notification);
                }}
              />
            </section>
          </Card>
        ) : null}
        {order.mode === "3PL" && canShip && unshipped.length >= 2 ? (
          <SplitShipForm shop={shop} view={data} canShip={canShip} onSent={onSent} />
        ) : null}

        <History history={data.history} />
      </div>
    </>
  );
}

function describeError(error: unknown): { message: string; code?: string | undefined } {
  return error instanceof ApiError
    ? { message: error.message, code: error.code }
    : { message: String(error) };
}

/** A tracking-number form; an unusual number is sent only after "Send anyway". */
function TrackingForm({
  id,
  label,
  submitLabel,
  disabled,
  disabledReason,
  onSubmit,
  extra,
}: {
  id: string;
  label: string;
  submitLabel: string;
  disabled?: boolean;
  disabledReason?: string | undefined;
  onSubmit: (trackingNumber: string, confirm: boolean) => Promise<unknown>;
  extra?: React.ReactNode;
}) {
  const [tracking, setTracking] = useState("");
  const [error, setError] = useState<{ message: string; code?: string | undefined } | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (confirm: boolean) => {
    setPending(true);
    setError(null);
    try {
      await onSubmit(tracking, confirm);
      setTracking("");
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setPending(false);
    }
  };
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void submit(false);
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        {extra}
        <label className="flex flex-col gap-1 text-sm font-medium" htmlFor={id}>
          {label}
          <input
            id={id}
            className={`${inputClass} w-72 font-mono`}
            value={tracking}
            onChange={(event) => setTracking(event.target.value)}
            autoComplete="off"
            disabled={disabled}
          />
        </label>
        <Button type="submit" variant="primary" isPending={pending} isDisabled={disabled}>
          {submitLabel}
        </Button>
      </div>
      {disabled && disabledReason ? <p className="text-sm text-fg-muted">{disabledReason}</p> : null}
      {error ? (
        <div
          role="alert"
          className="rounded-lg border border-critical-line bg-critical-bg p-2 text-sm text-critical-fg"
        >
          <p>{error.message}</p>
          {error.code === "tracking_unusual" ? (
            <Button className="mt-2" variant="secondary" onPress={() => void submit(true)}>
              Send anyway
            </Button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

function PackageCard({
  shop,
  view,
  pkg,
  now,
  canShip,
  shipDisabledReason,
  onSent,
}: {
  shop: ShopView;
  view: FulfilView;
  pkg: Package;
  now: number;
  canShip: boolean;
  shipDisabledReason?: string | undefined;
  onSent: (n: ShipmentNotification) => Promise<void>;
}) {
  const toast = useToast();
  const lines = view.lines.filter((l) => pkg.lineItemIds.includes(l.id));
  const unshipped = pkg.status === "PROCESSING" || pkg.status === "TO_FULFILL";
  const combined = pkg.orderIds.length > 1;
  const seller = pkg.shippingType === "SELLER";
  const queryClient = useQueryClient();
  const label = useMutation({
    mutationFn: () => fulfillmentApi.label(shop.id, pkg.id),
    onSuccess: (file) => saveFile(file),
    onError: (error) => toast.error(`No label: ${error.message}`),
  });
  const uncombine = useMutation({
    mutationFn: () =>
      fulfillmentApi.uncombine(
        shop.id,
        pkg.id,
        pkg.orderIds.filter((id) => id !== view.order.id),
      ),
    onSuccess: async () => {
      toast.success(`Package ${pkg.id} uncombined: each order ships on its own.`);
      await queryClient.invalidateQueries({ queryKey: ["fulfil", shop.id] });
    },
    onError: (error) => toast.error(`Not uncombined: ${error.message}`),
  });
  return (
    <Card>
      <section aria-label={`Package ${pkg.id}`} className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="font-mono text-sm font-semibold">Package {pkg.id}</h3>
          <StatusBadge tone={unshipped ? "info" : "success"}>
            {unshipped ? "Not shipped" : pkg.status}
          </StatusBadge>
          {combined ? (
            <StatusBadge tone="neutral">Combined: orders {pkg.orderIds.join(", ")}</StatusBadge>
          ) : null}
          {pkg.splitOrCombine === "SPLIT" ? <StatusBadge tone="neutral">Split</StatusBadge> : null}
        </div>
        <ul className="text-sm">
          {lines.map((line) => (
            <li key={line.id}>
              {line.productName} · {line.skuName} <span className="text-fg-muted">({line.sellerSku})</span>
            </li>
          ))}
          {combined ? (
            <li className="text-fg-muted">
              and the items of order{pkg.orderIds.length > 2 ? "s" : ""}{" "}
              {pkg.orderIds.filter((id) => id !== view.order.id).join(", ")}
            </li>
          ) : null}
        </ul>
        {combined && unshipped && canShip ? (
          <Button variant="secondary" onPress={() => uncombine.mutate()} isPending={uncombine.isPending}>
            Uncombine
          </Button>
        ) : null}
        {!unshipped ? (
          <p className="text-sm" data-field="package-tracking">
            {pkg.carrier?.name ?? "Carrier"} · <span className="font-mono">{pkg.trackingNumber ?? "—"}</span>
            {pkg.shippedAt ? ` · shipped ${formatDateTime(pkg.shippedAt)}` : ""}
          </p>
        ) : null}
        {unshipped && seller ? (
          <TrackingForm
            id={`tracking-${pkg.id}`}
            label="Tracking number"
            submitLabel={combined ? "Ship combined package" : "Ship package"}
            disabled={!canShip}
            disabledReason={shipDisabledReason}
            onSubmit={async (trackingNumber, confirm) => {
              const { notification } = await fulfillmentApi.shipPackage(shop.id, pkg.id, {
                trackingNumber,
                confirmUnusualTracking: confirm,
              });
              await onSent(notification);
            }}
          />
        ) : null}
        {unshipped && !seller ? (
          <TikTokShipping
            shop={shop}
            view={view}
            pkg={pkg}
            canShip={canShip}
            reason={shipDisabledReason}
            onSent={onSent}
          />
        ) : null}
        {!unshipped && !seller ? (
          <Button variant="secondary" onPress={() => label.mutate()} isPending={label.isPending}>
            Download label
          </Button>
        ) : null}
        {!unshipped && seller && pkg.correctableUntil ? (
          <CorrectTracking shop={shop} view={view} pkg={pkg} now={now} onSent={onSent} />
        ) : null}
      </section>
    </Card>
  );
}

/** 4PL: services and a bought label (US, one order), or a pickup/drop-off handover otherwise. */
function TikTokShipping({
  shop,
  view,
  pkg,
  canShip,
  reason,
  onSent,
}: {
  shop: ShopView;
  view: FulfilView;
  pkg: Package;
  canShip: boolean;
  reason?: string | undefined;
  onSent: (n: ShipmentNotification) => Promise<void>;
}) {
  const [services, setServices] = useState<ServiceOption[] | null>(null);
  const [chosen, setChosen] = useState<string>("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const labelsHere = view.order.region === "US" && pkg.orderIds.length === 1;
  const run = async (action: () => Promise<void>) => {
    setPending(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(describeError(caught).message);
    } finally {
      setPending(false);
    }
  };
  if (!canShip) return reason ? <p className="text-sm text-fg-muted">{reason}</p> : null;
  if (!labelsHere) {
    return (
      <div className="flex flex-wrap gap-2">
        {(["PICKUP", "DROP_OFF"] as const).map((method) => (
          <Button
            key={method}
            variant="primary"
            isPending={pending}
            onPress={() =>
              run(async () => {
                const { notification } = await fulfillmentApi.shipPackage(shop.id, pkg.id, {
                  handoverMethod: method,
                });
                await onSent(notification);
              })
            }
          >
            {method === "PICKUP" ? "Arrange carrier pickup" : "Arrange drop-off"}
          </Button>
        ))}
        {error ? (
          <p role="alert" className="text-sm text-critical-fg">
            {error}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="space-y-2">
      {services === null ? (
        <Button
          variant="primary"
          isPending={pending}
          onPress={() =>
            run(async () => {
              const answer = await fulfillmentApi.services(shop.id, view.order.id, {
                lineItemIds: pkg.lineItemIds,
              });
              setServices(answer.services);
              setChosen(answer.services[0]?.id ?? "");
            })
          }
        >
          Get shipping services
        </Button>
      ) : (
        <form
          className="space-y-2"
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              const { notification } = await fulfillmentApi.buyLabel(shop.id, view.order.id, {
                shippingServiceId: chosen,
                lineItemIds: pkg.lineItemIds,
              });
              await onSent(notification);
            });
          }}
        >
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">Shipping service</legend>
            {services.map((service) => (
              <label key={service.id} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={`service-${pkg.id}`}
                  value={service.id}
                  checked={chosen === service.id}
                  onChange={() => setChosen(service.id)}
                />
                {service.name}
                {service.price && service.currency
                  ? ` · ${formatMoney(service.price, service.currency)}`
                  : ""}
                {service.earliestDays !== null ? ` · ${service.earliestDays}-${service.latestDays} days` : ""}
                {service.isDefault ? " · TikTok's default" : ""}
              </label>
            ))}
          </fieldset>
          <Button type="submit" variant="primary" isPending={pending} isDisabled={!chosen}>
            Buy label
          </Button>
        </form>
      )}
      {error ? (
        <p role="alert" className="text-sm text-critical-fg">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** ORD-3PL-UPDATE: tracking and carrier corrections while the 72-hour window is open. */
function CorrectTracking({
  shop,
  view,
  pkg,
  now,
  onSent,
}: {
  shop: ShopView;
  view: FulfilView;
  pkg: Package;
  now: number;
  onSent: (n: ShipmentNotification) => Promise<void>;
}) {
  const providers = view.plan?.providers ?? [];
  const [carrier, setCarrier] = useState(pkg.carrier?.id ?? providers[0]?.id ?? "");
  const until = pkg.correctableUntil ?? 0;
  return (
    <div className="space-y-1 border-t border-line pt-3">
      <h4 className="text-sm font-semibold">Correct tracking details</h4>
      <p className="text-sm text-fg-muted">
        <Countdown
          until={until}
          now={now}
          label="Corrections allowed for"
          over="The 72-hour correction window has closed."
        />
      </p>
      <TrackingForm
        id={`correct-${pkg.id}`}
        label="Corrected tracking number"
        submitLabel="Update tracking"
        extra={
          <label className="flex flex-col gap-1 text-sm font-medium" htmlFor={`carrier-${pkg.id}`}>
            Carrier
            <select
              id={`carrier-${pkg.id}`}
              className={inputClass}
              value={carrier}
              onChange={(event) => setCarrier(event.target.value)}
            >
              {providers.map((provider) => (
                <option key={provider.id} value={provider.id}>
                  {provider.name}
                </option>
              ))}
            </select>
          </label>
        }
        onSubmit={async (trackingNumber, confirm) => {
          const { notification } = await fulfillmentApi.updateTracking(shop.id, view.order.id, pkg.id, {
            trackingNumber,
            shippingProviderId: carrier,
            confirmUnusualTracking: confirm,
          });
          await onSent(notification);
        }}
      />
    </div>
  );
}

/** ORD-SPLIT-API: ship the chosen items now, in a package of their own. */
function SplitShipForm({
  shop,
  view,
  canShip,
  onSent,
}: {
  shop: ShopView;
  view: FulfilView;
  canShip: boolean;
  onSent: (n: ShipmentNotification) => Promise<void>;
}) {
  const unshipped = view.lines.filter((l) => l.state === "unshipped");
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <Card>
      <section aria-labelledby="split-title" className="space-y-2">
        <h2 id="split-title" className="text-base font-semibold">
          Ship some items separately
        </h2>
        <p className="text-sm text-fg-muted">
          Tick the items going in this parcel; the others wait for their own tracking number.
        </p>
        <fieldset className="space-y-1">
          <legend className="sr-only">Items to ship now</legend>
          {unshipped.map((line) => (
            <label key={line.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={chosen.includes(line.id)}
                disabled={!canShip}
                onChange={(event) =>
                  setChosen((current) =>
                    event.target.checked ? [...current, line.id] : current.filter((id) => id !== line.id),
                  )
                }
              />
              {line.productName} · {line.skuName} ({line.sellerSku}){" "}
              <span className="font-mono text-fg-muted">item {line.id}</span>
            </label>
          ))}
        </fieldset>
        <TrackingForm
          id="split-tracking"
          label="Tracking number for the ticked items"
          submitLabel="Ship ticked items"
          disabled={!canShip || chosen.length === 0}
          onSubmit={async (trackingNumber, confirm) => {
            const { notification } = await fulfillmentApi.shipOrder(shop.id, view.order.id, {
              trackingNumber,
              lineItemIds: chosen,
              confirmUnusualTracking: confirm,
            });
            setChosen([]);
            await onSent(notification);
          }}
        />
      </section>
    </Card>
  );
}

function History({ history }: { history: ShipmentNotification[] }) {
  return (
    <section aria-labelledby="history-title" className="space-y-2">
      <h2 id="history-title" className="text-lg font-semibold">
        Shipment history
      </h2>
      {history.length === 0 ? (
        <p className="text-sm text-fg-muted">
          Nothing has been sent to TikTok Shop for this order from this app yet.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line">
          <table className="w-full text-sm" aria-label="Shipment history">
            <thead>
              <tr className="border-b border-line text-left text-fg-muted">
                <th scope="col" className="p-2">
                  Sent
                </th>
                <th scope="col" className="p-2">
                  What
                </th>
                <th scope="col" className="p-2">
                  Status
                </th>
                <th scope="col" className="p-2">
                  Tracking
                </th>
                <th scope="col" className="p-2">
                  Carrier
                </th>
                <th scope="col" className="p-2">
                  Service
                </th>
                <th scope="col" className="p-2">
                  Items
                </th>
              </tr>
            </thead>
            <tbody>
              {history.map((entry) => (
                <tr key={entry.id} className="border-b border-line align-top">
                  <td className="p-2">{formatDateTime(entry.sentAt)}</td>
                  <td className="p-2">
                    {entry.operation}
                    {entry.via !== "fulfil" ? ` (${entry.via})` : ""}
                    {entry.warning ? <p className="text-warning-fg">{entry.warning}</p> : null}
                  </td>
                  <td className="p-2">{entry.status ?? "—"}</td>
                  <td className="p-2 font-mono">{entry.trackingNumber ?? "—"}</td>
                  <td className="p-2">{entry.carrier?.name ?? "—"}</td>
                  <td className="p-2">{entry.service ?? "—"}</td>
                  <td className="p-2">
                    {entry.items.map((i) => `${i.quantity} × ${i.sellerSku || i.skuId}`).join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
