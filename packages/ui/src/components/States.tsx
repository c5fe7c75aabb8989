import type { ReactNode } from "react";
import { cx } from "../lib/cx.ts";
import { Button } from "./Button.tsx";
import { CriticalIcon, InboxIcon } from "./icons.tsx";

export interface EmptyStateProps {
  title: ReactNode;
  description?: ReactNode;
  /** Usually one primary button ("Create promotion") or a link. */
  action?: ReactNode;
  icon?: ReactNode;
  className?: string;
}

/** What a list or page shows when it has nothing yet, with the next step to take. */
export function EmptyState({ title, description, action, icon, className }: EmptyStateProps) {
  return (
    <div className={cx("flex flex-col items-center justify-center px-6 py-12 text-center", className)}>
      <div
        aria-hidden="true"
        className="mb-3 flex size-12 items-center justify-center rounded-full bg-surface-hover text-2xl text-fg-muted"
      >
        {icon ?? <InboxIcon />}
      </div>
      <p className="text-base font-semibold text-fg">{title}</p>
      {description && <p className="mt-1 max-w-md text-sm text-fg-muted">{description}</p>}
      {action && <div className="mt-4 flex flex-wrap justify-center gap-2">{action}</div>}
    </div>
  );
}

export function Skeleton({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cx("block h-3 animate-pulse rounded bg-surface-hover motion-reduce:animate-none", className)}
    />
  );
}

export interface LoadingStateProps {
  /** Announced to screen readers; the skeleton itself is hidden from them. */
  label?: string;
  /** "lines" for text blocks and cards, "table" for lists, "page" for a whole page body. */
  variant?: "lines" | "table" | "page";
  rows?: number;
  className?: string;
}

const widths = ["w-11/12", "w-4/5", "w-2/3", "w-3/4", "w-1/2"];

/** Skeleton placeholders shaped like the content that is coming, plus a polite status for screen readers. */
export function LoadingState({ label = "Loading…", variant = "lines", rows, className }: LoadingStateProps) {
  const count = rows ?? (variant === "table" ? 6 : 3);
  return (
    <div role="status" aria-live="polite" className={cx("w-full", className)}>
      <span className="sr-only">{label}</span>
      {variant === "page" && (
        <div className="space-y-4">
          <Skeleton className="h-6 w-1/3" />
          <div className="space-y-3 rounded-xl bg-surface p-4 shadow-card">
            {Array.from({ length: count + 2 }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders never reorder
              <Skeleton key={i} className={widths[i % widths.length]} />
            ))}
          </div>
        </div>
      )}
      {variant === "table" && (
        <div className="divide-y divide-line">
          {Array.from({ length: count }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders never reorder
            <div key={i} className="flex items-center gap-4 px-4 py-3">
              <Skeleton className="size-4 shrink-0" />
              <Skeleton className="w-1/4" />
              <Skeleton className="w-1/3" />
              <Skeleton className="ml-auto w-16" />
            </div>
          ))}
        </div>
      )}
      {variant === "lines" && (
        <div className="space-y-2.5">
          {Array.from({ length: count }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders never reorder
            <Skeleton key={i} className={widths[i % widths.length]} />
          ))}
        </div>
      )}
    </div>
  );
}

export interface ErrorStateProps {
  title?: ReactNode;
  /** What went wrong, in words the seller can act on. */
  message?: ReactNode;
  onRetry?: () => void;
  retryLabel?: string;
  isRetrying?: boolean;
  className?: string;
}

/** A failed load: what happened and a way to try again. Announced as an alert. */
export function ErrorState({
  title = "Something went wrong",
  message,
  onRetry,
  retryLabel = "Try again",
  isRetrying = false,
  className,
}: ErrorStateProps) {
  return (
    <div
      role="alert"
      className={cx("flex flex-col items-center justify-center px-6 py-12 text-center", className)}
    >
      <div
        aria-hidden="true"
        className="mb-3 flex size-12 items-center justify-center rounded-full bg-critical-bg text-2xl text-critical-fg"
      >
        <CriticalIcon />
      </div>
      <p className="text-base font-semibold text-fg">{title}</p>
      {message && <p className="mt-1 max-w-md text-sm text-fg-muted">{message}</p>}
      {onRetry && (
        <div className="mt-4">
          <Button onPress={onRetry} isPending={isRetrying}>
            {retryLabel}
          </Button>
        </div>
      )}
    </div>
  );
}

/** A readable message from whatever a query or mutation threw. */
export function errorMessage(error: unknown): string | undefined {
  if (error == null) return undefined;
  if (typeof error === "string") return error;
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && "message" in error && typeof error.message === "string")
    return error.message;
  return undefined;
}
