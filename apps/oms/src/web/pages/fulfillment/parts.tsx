import { Banner, Card, formatDateTime, TextLink } from "@tts-kit/ui";
import { useEffect, useState } from "react";
import type { SetupIssue, ShipmentNotification } from "../../fulfillment-api.ts";

/** Shared pieces of the fulfilment pages: a ticking clock, countdowns, what was sent, setup issues. */

/** The current Unix second, updated every second while mounted. */
export function useNow(): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** "2 d 4 h", "3 h 05 m", "12:09" (minutes:seconds under an hour). */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} m`;
  return `${minutes}:${String(s % 60).padStart(2, "0")}`;
}

/** A live countdown to `until`; `label` reads before it, `over` replaces it once it has passed. */
export function Countdown({
  until,
  now,
  label,
  over,
}: {
  until: number;
  now: number;
  label: string;
  over: string;
}) {
  const left = until - now;
  return (
    <span role="timer" aria-live="off" className="font-medium tabular-nums">
      {left > 0 ? `${label} ${formatDuration(left)}` : over}
    </span>
  );
}

/** Ship-by as a countdown with urgency: overdue, due within a day, or later. */
export function ShipBy({ shipBy, now }: { shipBy: number | null; now: number }) {
  if (!shipBy) return <span className="text-fg-muted">—</span>;
  const left = shipBy - now;
  const tone = left < 0 ? "text-critical-fg" : left < 86400 ? "text-warning-fg" : "text-fg";
  return (
    <span className={`tabular-nums ${tone}`} title={formatDateTime(shipBy)}>
      {left < 0 ? `Late by ${formatDuration(-left)}` : `Ship within ${formatDuration(left)}`}
    </span>
  );
}

const ACTION_TITLES: Record<ShipmentNotification["action"], string> = {
  ship: "Shipment sent to TikTok Shop",
  update: "Tracking correction sent to TikTok Shop",
  label: "Label bought from TikTok Shipping",
  handover: "Handover arranged with TikTok Shipping",
};

/** OMS-R2: exactly what the app told TikTok (status, tracking, carrier, service, items). */
export function NotificationSummary({ notification }: { notification: ShipmentNotification }) {
  return (
    <Card>
      <section aria-label="Sent to TikTok Shop" className="space-y-2">
        <h2 className="text-base font-semibold">{ACTION_TITLES[notification.action]}</h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-fg-muted">Order status</dt>
          <dd data-field="status">{notification.status ?? "—"}</dd>
          <dt className="text-fg-muted">Tracking number</dt>
          <dd data-field="tracking" className="font-mono">
            {notification.trackingNumber ?? "—"}
          </dd>
          <dt className="text-fg-muted">Carrier</dt>
          <dd data-field="carrier">{notification.carrier?.name ?? "—"}</dd>
          <dt className="text-fg-muted">Service</dt>
          <dd data-field="service">{notification.service ?? "—"}</dd>
          <dt className="text-fg-muted">Items</dt>
          <dd data-field="items">
            {notification.items
              .map((item) => `${item.quantity} × ${item.sellerSku || item.skuId}`)
              .join(", ") || "—"}
          </dd>
          <dt className="text-fg-muted">Package</dt>
          <dd className="font-mono">{notification.packageId ?? "—"}</dd>
          <dt className="text-fg-muted">Sent with</dt>
          <dd>
            {notification.operation}
            {notification.rule ? ` · rule "${notification.rule.name}"` : ""} ·{" "}
            {formatDateTime(notification.sentAt)}
          </dd>
        </dl>
        {notification.warning ? (
          <Banner tone="warning" title="TikTok Shop warns about this tracking number">
            {notification.warning}
          </Banner>
        ) : null}
      </section>
    </Card>
  );
}

/** OMS-R3: what the seller must set up, each with where to do it. */
export function SetupIssues({ issues, href }: { issues: SetupIssue[]; href: (path: string) => string }) {
  if (issues.length === 0) return null;
  return (
    <Banner tone="critical" title="Finish your shipping setup to ship with your own carrier" role="alert">
      <ul className="list-disc space-y-1 pl-5">
        {issues.map((issue) => (
          <li key={issue.code + issue.message}>
            {issue.message}{" "}
            {issue.link ? (
              <TextLink className="underline" href={href(issue.link)}>
                {issue.link === "/connections" ? "Open carrier mapping" : "Open shipping rules"}
              </TextLink>
            ) : null}
          </li>
        ))}
      </ul>
    </Banner>
  );
}

export const inputClass =
  "h-9 rounded-lg border border-line-strong bg-surface px-2 text-sm text-fg focus-visible:outline-2 focus-visible:outline-focus";
