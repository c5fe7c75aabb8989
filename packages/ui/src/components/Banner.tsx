import { type ReactNode, useId } from "react";
import { Button as RACButton } from "react-aria-components";
import { cx } from "../lib/cx.ts";
import { focusRing } from "./Button.tsx";
import { AlertIcon, CloseIcon, CriticalIcon, InfoIcon, SuccessIcon } from "./icons.tsx";
import { type Tone, toneSurface } from "./tone.ts";

export interface BannerProps {
  tone?: Tone;
  title: ReactNode;
  children?: ReactNode;
  /** Buttons or links shown under the text. */
  actions?: ReactNode;
  onDismiss?: () => void;
  dismissLabel?: string;
  /**
   * "alert" announces the banner as soon as it appears (form errors after submit). Without it the
   * banner is a labelled region that screen-reader users can jump to but that does not interrupt.
   */
  role?: "alert" | "status";
  className?: string;
}

const toneIcon: Record<Tone, ReactNode> = {
  neutral: <InfoIcon />,
  info: <InfoIcon />,
  success: <SuccessIcon />,
  warning: <AlertIcon />,
  critical: <CriticalIcon />,
};

/** An inline message about the page or the account (Polaris' Banner). */
export function Banner({
  tone = "info",
  title,
  children,
  actions,
  onDismiss,
  dismissLabel = "Dismiss",
  role,
  className,
}: BannerProps) {
  const titleId = useId();
  const content = (
    <>
      <span className="mt-0.5 shrink-0 text-base">{toneIcon[tone]}</span>
      <div className="min-w-0 flex-1">
        <p id={titleId} className="text-sm font-semibold">
          {title}
        </p>
        {children && <div className="mt-1 text-sm">{children}</div>}
        {actions && <div className="mt-3 flex flex-wrap items-center gap-2">{actions}</div>}
      </div>
      {onDismiss && (
        <RACButton
          aria-label={dismissLabel}
          onPress={onDismiss}
          className={cx("-m-1 shrink-0 cursor-pointer rounded-md p-1 data-hovered:bg-black/5", focusRing)}
        >
          <CloseIcon />
        </RACButton>
      )}
    </>
  );
  const classes = cx("flex items-start gap-3 rounded-xl border px-4 py-3", toneSurface[tone], className);
  // An alert or status is read out whole when it appears, so it needs no label of its own.
  if (role === "alert") {
    return (
      <div role="alert" className={classes}>
        {content}
      </div>
    );
  }
  if (role === "status") {
    return (
      <div role="status" className={classes}>
        {content}
      </div>
    );
  }
  return (
    <section aria-labelledby={titleId} className={classes}>
      {content}
    </section>
  );
}
