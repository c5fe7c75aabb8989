import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ShopView } from "@tts-kit/auth";
import { Banner, Button, PageHeader } from "@tts-kit/ui";
import { useEffect, useRef, useState } from "react";
import { ApiError } from "../../api.ts";
import { type FulfilView, fulfillmentApi, type ShipmentNotification } from "../../fulfillment-api.ts";
import { inputClass, NotificationSummary } from "./parts.tsx";

/**
 * /shipping/scan: scan-to-ship for a packing bench, keyboard only. Scan (or type) an order id and
 * press Enter, or pick an order from the list; then scan the parcel's tracking number and press
 * Enter: the order ships with the carrier from the shipping rules or the carrier mapping, and the
 * cursor is back in the order field for the next parcel.
 */
export function ScanPage({ shop, href }: { shop: ShopView; href: (path: string) => string }) {
  const queryClient = useQueryClient();
  const orderField = useRef<HTMLInputElement>(null);
  const trackingField = useRef<HTMLInputElement>(null);
  const [orderInput, setOrderInput] = useState("");
  const [trackingInput, setTrackingInput] = useState("");
  const [order, setOrder] = useState<FulfilView | null>(null);
  const [message, setMessage] = useState<{ tone: "critical" | "warning"; text: string } | null>(null);
  /** The unusual number the seller was warned about; Enter again on it sends it anyway. */
  const [warnedFor, setWarnedFor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [shipped, setShipped] = useState<ShipmentNotification[]>([]);

  const ready = useQuery({
    queryKey: ["shipping", shop.id, "scan"],
    queryFn: () => fulfillmentApi.queue(shop.id, { state: "ready", mode: "3PL", page: 1, pageSize: 20 }),
  });

  useEffect(() => {
    orderField.current?.focus();
  }, []);

  const selectOrder = async (orderId: string) => {
    const id = orderId.trim();
    if (!id) return;
    setBusy(true);
    setMessage(null);
    setWarnedFor(null);
    try {
      const view = await fulfillmentApi.view(shop.id, id);
      setOrder(view);
      setOrderInput(id);
      if (view.blocker) {
        setMessage({ tone: "critical", text: view.blocker.message });
        orderField.current?.select();
      } else if (view.order.mode !== "3PL") {
        setMessage({
          tone: "critical",
          text: "This order ships via TikTok Shipping: buy its label on the order's fulfil page.",
        });
        orderField.current?.select();
      } else if (view.plan?.issues.length && !view.plan.carrier) {
        setMessage({ tone: "critical", text: view.plan.issues.map((i) => i.message).join(" ") });
      } else {
        trackingField.current?.focus();
      }
    } catch (error) {
      setOrder(null);
      setMessage({ tone: "critical", text: error instanceof Error ? error.message : String(error) });
      orderField.current?.select();
    } finally {
      setBusy(false);
    }
  };

  const ship = async () => {
    if (busy) return;
    if (!order) {
      setMessage({ tone: "critical", text: "Scan or choose an order first." });
      orderField.current?.focus();
      return;
    }
    setBusy(true);
    setMessage(null);
    const confirm = warnedFor !== null && warnedFor === trackingInput.trim();
    try {
      const { notification } = await fulfillmentApi.shipOrder(shop.id, order.order.id, {
        trackingNumber: trackingInput,
        confirmUnusualTracking: confirm,
        via: "scan",
      });
      setShipped((current) => [notification, ...current]);
      setOrder(null);
      setOrderInput("");
      setTrackingInput("");
      setWarnedFor(null);
      await queryClient.invalidateQueries({ queryKey: ["shipping", shop.id] });
      orderField.current?.focus();
    } catch (error) {
      if (error instanceof ApiError && error.code === "tracking_unusual") {
        setWarnedFor(trackingInput.trim());
        setMessage({ tone: "warning", text: `${error.message} Press Enter again to send it anyway.` });
      } else {
        setMessage({ tone: "critical", text: error instanceof Error ? error.message : String(error) });
      }
      trackingField.current?.select();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Scan to ship"
        subtitle={`${shop.name} · scan an order, then its tracking number; Enter ships it`}
        breadcrumbs={[{ label: "Shipping", href: href("/shipping") }]}
      />
      <div className="grid gap-6 md:grid-cols-[1fr_18rem]">
        <div className="space-y-4">
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void selectOrder(orderInput);
            }}
          >
            <label className="flex flex-col gap-1 text-sm font-medium" htmlFor="scan-order">
              Order id
              <input
                id="scan-order"
                ref={orderField}
                className={`${inputClass} h-11 font-mono text-base`}
                value={orderInput}
                onChange={(event) => {
                  setOrderInput(event.target.value);
                  if (order && event.target.value.trim() !== order.order.id) setOrder(null);
                }}
                autoComplete="off"
                aria-describedby="scan-order-help"
              />
            </label>
            <p id="scan-order-help" className="text-xs text-fg-muted">
              Scan the order's barcode or type its id, then press Enter.
            </p>
          </form>
          {order ? (
            <div
              className="rounded-lg border border-line p-3 text-sm"
              aria-live="polite"
              data-field="scan-order"
            >
              <p className="font-semibold">
                Order <span className="font-mono">{order.order.id}</span> · {order.order.status}
              </p>
              <p>
                {order.lines
                  .filter((l) => l.state === "unshipped")
                  .map((l) => `${l.productName} (${l.sellerSku})`)
                  .join(", ") || "No items left to ship"}
              </p>
              {order.plan?.carrier ? (
                <p data-field="scan-carrier">
                  Carrier: {order.plan.carrier.name}
                  {order.plan.rule ? ` (rule "${order.plan.rule.name}")` : " (carrier mapping)"}
                </p>
              ) : null}
            </div>
          ) : null}
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void ship();
            }}
          >
            <label className="flex flex-col gap-1 text-sm font-medium" htmlFor="scan-tracking">
              Tracking number
              <input
                id="scan-tracking"
                ref={trackingField}
                className={`${inputClass} h-11 font-mono text-base`}
                value={trackingInput}
                onChange={(event) => setTrackingInput(event.target.value)}
                autoComplete="off"
              />
            </label>
            <Button type="submit" variant="primary" className="mt-2" isPending={busy}>
              Ship (Enter)
            </Button>
          </form>
          {message ? (
            <Banner
              tone={message.tone}
              title={message.tone === "warning" ? "Check the tracking number" : "Not shipped"}
              role="alert"
            >
              {message.text}
            </Banner>
          ) : null}
          {shipped[0] ? <NotificationSummary notification={shipped[0]} /> : null}
          {shipped.length > 0 ? (
            <section aria-labelledby="scan-done">
              <h2 id="scan-done" className="text-base font-semibold">
                Shipped here ({shipped.length})
              </h2>
              <ul className="text-sm">
                {shipped.map((n) => (
                  <li key={n.id}>
                    <span className="font-mono">{n.orderId}</span> · {n.carrier?.name} ·{" "}
                    <span className="font-mono">{n.trackingNumber}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
        <aside aria-labelledby="scan-ready" className="space-y-2">
          <h2 id="scan-ready" className="text-base font-semibold">
            Ready to ship
          </h2>
          <ul className="space-y-1">
            {(ready.data?.orders ?? []).map((row) => (
              <li key={row.id}>
                <Button
                  variant="secondary"
                  size="sm"
                  onPress={() => void selectOrder(row.id)}
                  aria-label={`Choose order ${row.id}`}
                >
                  <span className="font-mono">{row.id}</span>
                </Button>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </>
  );
}
