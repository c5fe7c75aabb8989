import { type ReactNode, useId } from "react";
import { cx } from "../lib/cx.ts";

export interface CardProps {
  title?: ReactNode;
  description?: ReactNode;
  /** Controls at the right of the title row (buttons, links). */
  actions?: ReactNode;
  footer?: ReactNode;
  children?: ReactNode;
  /** Inner padding; turn off for edge-to-edge content such as a table. Default true. */
  padded?: boolean;
  headingLevel?: 2 | 3 | 4;
  className?: string;
}

/** A surface grouping related content. With a title it is a labelled region (a landmark for screen readers). */
export function Card({
  title,
  description,
  actions,
  footer,
  children,
  padded = true,
  headingLevel = 2,
  className,
}: CardProps) {
  const headingId = useId();
  const Heading = `h${headingLevel}` as const;
  const body = (
    <>
      {(title || actions) && (
        <div className="flex items-start justify-between gap-3 px-4 pt-4">
          <div className="min-w-0">
            {title && (
              <Heading id={headingId} className="text-sm font-semibold text-fg">
                {title}
              </Heading>
            )}
            {description && <p className="mt-0.5 text-sm text-fg-muted">{description}</p>}
          </div>
          {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
        </div>
      )}
      <div className={cx(padded && "p-4")}>{children}</div>
      {footer && <div className="border-t border-line px-4 py-3">{footer}</div>}
    </>
  );
  const classes = cx("rounded-xl bg-surface text-fg shadow-card", className);
  return title ? (
    <section aria-labelledby={headingId} className={classes}>
      {body}
    </section>
  ) : (
    <div className={classes}>{body}</div>
  );
}
