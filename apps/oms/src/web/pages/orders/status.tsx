import { formatCountdown, formatDateTime, StatusBadge, type Tone } from "@tts-kit/ui";
import { useEffect, useState } from "react";
import type { ShipByState } from "../../orders-api.ts";

/**
 * How the workspace names TikTok's order statuses (OMS-R1): every status of the flow, ON_HOLD and
 * PARTIALLY_SHIPPING included, has its own label; nothing is folded into "Unknown".
 */
export const ORDER_STATUSES: Array<{ value: string; label: string; tone: Tone }> = [
  { value: "UNPAID", label: "Awaiting payment", tone: "neutral" },
  { value: "ON_HOLD", label: "On hold", tone: "warning" },
  { value: "AWAITING_SHIPMENT", label: "Awaiting shipment", tone: "info" },
  { value: "PARTIALLY_SHIPPING", label: "Partially shipped", tone: "info" },
  { value: "AWAITING_COLLECTION", label: "Awaiting collection", tone: "info" },
  { value: "IN_TRANSIT", label: "In transit", tone: "info" },
  { value: "DELIVERED", label: "Delivered", tone: "success" },
  { value: "COMPLETED", label: "Completed", tone: "success" },
  { value: "CANCELLED", label: "Cancelled", tone: "critical" },
];

export function statusOf(value: string): { value: string; label: string; tone: Tone } {
  return ORDER_STATUSES.find((s) => s.value === value) ?? { value, label: value, tone: "neutral" };
}

export function OrderStatusBadge({ status }: { status: string }) {
  const s = statusOf(status);
  return <StatusBadge tone={s.tone}>{s.label}</StatusBadge>;
}

/** Unix seconds now, ticking every `everyMs` so countdowns move on screen. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "Releases in 35m" for an ON_HOLD order (the hold ends one hour after payment). */
export function holdCountdown(onHoldUntil: number, now: number): string {
  const left = onHoldUntil - now;
  return left > 0 ? `Releases in ${formatCountdown(left)}` : "Releasing now";
}

/** The ship-by deadline against now: late, due within a day, or time left. */
export function ShipByBadge({
  shipBy,
  state,
  now,
}: {
  shipBy: number;
  state: ShipByState | null;
  now: number;
}) {
  const left = shipBy - now;
  const title = `Ship by ${formatDateTime(shipBy)}`;
  // The server's state was computed at its clock; re-derive so the badge moves with the countdown.
  const current: ShipByState | null =
    state === null ? null : left < 0 ? "late" : left <= 86_400 ? "due_soon" : "on_track";
  if (current === "late") {
    return (
      <span title={title}>
        <StatusBadge tone="critical">Late by {formatCountdown(-left)}</StatusBadge>
      </span>
    );
  }
  if (current === "due_soon") {
    return (
      <span title={title}>
        <StatusBadge tone="warning">Due in {formatCountdown(left)}</StatusBadge>
      </span>
    );
  }
  if (current === "on_track") return <span title={title}>{formatCountdown(left)} left</span>;
  return <span className="text-fg-muted">{formatDateTime(shipBy)}</span>;
}
