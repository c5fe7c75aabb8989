import type { ReactNode } from "react";
import { Breadcrumb, Breadcrumbs, Link } from "react-aria-components";
import { cx } from "../lib/cx.ts";
import { Button, focusRing, LinkButton } from "./Button.tsx";
import { ChevronRightIcon } from "./icons.tsx";

export interface PageAction {
  label: string;
  /** An action runs onPress; with href it is a link (navigation). */
  onPress?: () => void;
  href?: string;
  icon?: ReactNode;
  isDisabled?: boolean;
  isPending?: boolean;
  destructive?: boolean;
}

export interface BreadcrumbItem {
  label: string;
  href: string;
}

export interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Parent pages, outermost first; the current page (the title) is added as the last crumb. */
  breadcrumbs?: BreadcrumbItem[];
  primaryAction?: PageAction;
  secondaryActions?: PageAction[];
  /** Next to the title, e.g. a StatusBadge on an order page. */
  titleMeta?: ReactNode;
  className?: string;
}

function ActionButton({ action, variant }: { action: PageAction; variant: "primary" | "secondary" }) {
  const look = action.destructive ? "critical" : variant;
  if (action.href) {
    return (
      <LinkButton href={action.href} variant={look} icon={action.icon} isDisabled={action.isDisabled}>
        {action.label}
      </LinkButton>
    );
  }
  return (
    <Button
      variant={look}
      icon={action.icon}
      onPress={action.onPress}
      isDisabled={action.isDisabled}
      isPending={action.isPending}
    >
      {action.label}
    </Button>
  );
}

/** The top of a page: breadcrumbs, the page's h1, a subtitle and its actions. */
export function PageHeader({
  title,
  subtitle,
  breadcrumbs,
  primaryAction,
  secondaryActions,
  titleMeta,
  className,
}: PageHeaderProps) {
  return (
    <div className={cx("mb-5 flex flex-col gap-2", className)}>
      {breadcrumbs && breadcrumbs.length > 0 && (
        <nav aria-label="Breadcrumb">
          <Breadcrumbs className="flex flex-wrap items-center gap-1 text-sm text-fg-muted">
            {breadcrumbs.map((crumb) => (
              <Breadcrumb key={crumb.href} id={crumb.href} className="flex items-center gap-1">
                <Link
                  href={crumb.href}
                  className={cx("rounded-sm data-hovered:text-fg data-hovered:underline", focusRing)}
                >
                  {crumb.label}
                </Link>
                <ChevronRightIcon className="text-fg-subtle" />
              </Breadcrumb>
            ))}
            <Breadcrumb id="__current" className="text-fg">
              <Link className="rounded-sm">{typeof title === "string" ? title : "Current page"}</Link>
            </Breadcrumb>
          </Breadcrumbs>
        </nav>
      )}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight text-fg">{title}</h1>
            {titleMeta}
          </div>
          {subtitle && <p className="mt-1 text-sm text-fg-muted">{subtitle}</p>}
        </div>
        {(primaryAction || (secondaryActions && secondaryActions.length > 0)) && (
          <div className="flex flex-wrap items-center gap-2">
            {secondaryActions?.map((action) => (
              <ActionButton key={action.label} action={action} variant="secondary" />
            ))}
            {primaryAction && <ActionButton action={primaryAction} variant="primary" />}
          </div>
        )}
      </div>
    </div>
  );
}
