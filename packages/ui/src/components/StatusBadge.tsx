import type { ReactNode } from "react";
import { cx } from "../lib/cx.ts";
import { type Tone, toneDot, toneSurface } from "./tone.ts";

export interface StatusBadgeProps {
  tone?: Tone;
  children: ReactNode;
  /** Show the leading status dot. Default true. */
  dot?: boolean;
  size?: "sm" | "md";
  className?: string;
}

/**
 * A short status label (order status, sync state). Colour is never the only signal: the text says it,
 * and the dot only repeats it.
 */
export function StatusBadge({
  tone = "neutral",
  children,
  dot = true,
  size = "md",
  className,
}: StatusBadgeProps) {
  return (
    <span
      className={cx(
        "inline-flex max-w-full items-center gap-1.5 rounded-full font-medium whitespace-nowrap",
        size === "sm" ? "px-1.5 py-px text-[11px]" : "px-2 py-0.5 text-xs",
        toneSurface[tone],
        className,
      )}
    >
      {dot && <span aria-hidden="true" className={cx("size-1.5 shrink-0 rounded-full", toneDot[tone])} />}
      <span className="truncate">{children}</span>
    </span>
  );
}
