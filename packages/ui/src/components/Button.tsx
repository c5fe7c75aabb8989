import type { ReactNode } from "react";
import {
  Button as RACButton,
  type ButtonProps as RACButtonProps,
  Link as RACLink,
  type LinkProps as RACLinkProps,
} from "react-aria-components";
import { cx } from "../lib/cx.ts";

export type ButtonVariant = "primary" | "secondary" | "plain" | "critical";
export type ButtonSize = "sm" | "md" | "lg";

export const focusRing =
  "outline-none data-focus-visible:outline-2 data-focus-visible:outline-offset-2 data-focus-visible:outline-focus";

const base =
  "relative inline-flex items-center justify-center gap-1.5 rounded-lg font-medium whitespace-nowrap select-none cursor-pointer transition-colors data-disabled:cursor-not-allowed data-disabled:opacity-50";

const variants: Record<ButtonVariant, string> = {
  primary:
    "bg-primary text-primary-fg shadow-card data-hovered:bg-primary-hover data-pressed:bg-primary-hover",
  secondary:
    "border border-line bg-surface text-fg shadow-card data-hovered:bg-surface-hover data-pressed:bg-surface-hover",
  plain: "bg-transparent text-fg data-hovered:bg-surface-hover data-pressed:bg-surface-hover",
  critical:
    "bg-critical-solid text-white shadow-card data-hovered:bg-critical-solid-hover data-pressed:bg-critical-solid-hover",
};

const sizes: Record<ButtonSize, string> = {
  sm: "h-7 px-2.5 text-xs",
  md: "h-8 px-3 text-sm",
  lg: "h-10 px-4 text-sm",
};

/** The class string of a button look; for app elements that must look like a kit button. */
export function buttonClass(variant: ButtonVariant = "secondary", size: ButtonSize = "md"): string {
  return cx(base, focusRing, variants[variant], sizes[size]);
}

export interface ButtonProps extends Omit<RACButtonProps, "className" | "children" | "style"> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Icon before the label (decorative). */
  icon?: ReactNode;
  children?: ReactNode;
  className?: string;
}

/**
 * A button (React Aria: press events that work for mouse, touch and keyboard). `isPending` keeps the
 * button focusable but inert (aria-disabled, a submit button stops submitting) and shows a spinner;
 * React Aria announces the pending state, and focus is not lost as it would be with `disabled`.
 */
export function Button({
  variant = "secondary",
  size = "md",
  icon,
  children,
  className,
  ...props
}: ButtonProps) {
  return (
    <RACButton {...props} className={cx(buttonClass(variant, size), className)}>
      {({ isPending }) => (
        <>
          <span className={cx("inline-flex items-center gap-1.5", isPending && "invisible")}>
            {icon}
            {children}
          </span>
          {isPending && (
            <span className="absolute inset-0 flex items-center justify-center">
              <Spinner />
            </span>
          )}
        </>
      )}
    </RACButton>
  );
}

export function Spinner({ className }: { className?: string }) {
  return (
    <svg
      viewBox="0 0 20 20"
      width="1em"
      height="1em"
      aria-hidden="true"
      focusable="false"
      className={cx("animate-spin motion-reduce:animate-none", className)}
    >
      <circle
        cx="10"
        cy="10"
        r="7.5"
        fill="none"
        stroke="currentColor"
        strokeOpacity="0.25"
        strokeWidth="2.5"
      />
      <path d="M17.5 10a7.5 7.5 0 00-7.5-7.5" fill="none" stroke="currentColor" strokeWidth="2.5" />
    </svg>
  );
}

export interface LinkButtonProps extends Omit<RACLinkProps, "className" | "children" | "style"> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  icon?: ReactNode;
  children?: ReactNode;
  className?: string;
}

/** A link that looks like a button: navigation (href) rather than an action. */
export function LinkButton({
  variant = "secondary",
  size = "md",
  icon,
  children,
  className,
  ...props
}: LinkButtonProps) {
  return (
    <RACLink {...props} className={cx(buttonClass(variant, size), "no-underline", className)}>
      {icon}
      {children}
    </RACLink>
  );
}

/** An inline text link in the kit's link colour. Client-side navigation comes from AppShell's onNavigate. */
export function TextLink({ className, ...props }: Omit<RACLinkProps, "className"> & { className?: string }) {
  return (
    <RACLink
      {...props}
      className={cx(
        "text-link underline-offset-2 data-hovered:underline rounded-sm cursor-pointer",
        focusRing,
        className,
      )}
    />
  );
}
