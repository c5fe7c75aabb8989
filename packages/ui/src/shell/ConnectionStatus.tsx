import { useSyncExternalStore } from "react";
import { toneDot } from "../components/tone.ts";
import { cx } from "../lib/cx.ts";

export type ConnectionState = "connected" | "syncing" | "degraded" | "offline";

export interface ConnectionStatusProps {
  state: ConnectionState;
  /** Overrides the default words ("Connected", "Syncing…", "Sync delayed", "Offline"). */
  label?: string;
  /** Secondary text, e.g. "Last synced 2 min ago". */
  detail?: string;
  className?: string;
}

const defaults: Record<ConnectionState, { label: string; dot: string }> = {
  connected: { label: "Connected", dot: toneDot.success },
  syncing: { label: "Syncing…", dot: toneDot.info },
  degraded: { label: "Sync delayed", dot: toneDot.warning },
  offline: { label: "Offline", dot: toneDot.critical },
};

/**
 * The top bar's connection area: how fresh the shop data is. A polite live region, so a change
 * ("Offline") is announced without moving focus.
 */
export function ConnectionStatus({ state, label, detail, className }: ConnectionStatusProps) {
  const info = defaults[state];
  return (
    <div role="status" className={cx("flex min-w-0 items-center gap-2 text-sm", className)}>
      <span
        aria-hidden="true"
        className={cx(
          "size-2 shrink-0 rounded-full",
          info.dot,
          state === "syncing" && "motion-safe:animate-pulse",
        )}
      />
      <span className="font-medium whitespace-nowrap">{label ?? info.label}</span>
      {detail && <span className="hidden truncate text-fg-muted lg:inline">{detail}</span>}
    </div>
  );
}

function subscribeOnline(callback: () => void): () => void {
  window.addEventListener("online", callback);
  window.addEventListener("offline", callback);
  return () => {
    window.removeEventListener("online", callback);
    window.removeEventListener("offline", callback);
  };
}

/** Whether the browser reports a network connection; pair with query state to pick a ConnectionState. */
export function useBrowserOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}
