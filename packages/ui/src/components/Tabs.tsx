import type { Key, ReactNode } from "react";
import { Tabs as RACTabs, Tab, TabList, TabPanel } from "react-aria-components";
import { cx } from "../lib/cx.ts";
import { focusRing } from "./Button.tsx";

export interface TabItem {
  id: string;
  label: ReactNode;
  /** Count shown next to the label ("Awaiting shipment 12"). */
  badge?: ReactNode;
  content: ReactNode;
  isDisabled?: boolean;
}

export interface TabsProps {
  items: TabItem[];
  /** Name of the tab list for screen readers ("Order status"). */
  "aria-label": string;
  selectedId?: string;
  defaultSelectedId?: string;
  onSelectionChange?: (id: string) => void;
  className?: string;
}

/** Tabs with arrow-key navigation (React Aria). Control `selectedId` to keep the tab in the URL. */
export function Tabs({
  items,
  selectedId,
  defaultSelectedId,
  onSelectionChange,
  className,
  "aria-label": ariaLabel,
}: TabsProps) {
  const disabledKeys = items.filter((i) => i.isDisabled).map((i) => i.id);
  return (
    <RACTabs
      {...(selectedId !== undefined ? { selectedKey: selectedId } : {})}
      {...(defaultSelectedId !== undefined ? { defaultSelectedKey: defaultSelectedId } : {})}
      onSelectionChange={(key: Key) => onSelectionChange?.(String(key))}
      disabledKeys={disabledKeys}
      className={cx("w-full", className)}
    >
      <TabList aria-label={ariaLabel} className="flex gap-1 overflow-x-auto border-b border-line">
        {items.map((item) => (
          <Tab
            key={item.id}
            id={item.id}
            className={cx(
              "-mb-px inline-flex cursor-pointer items-center gap-2 rounded-t-md border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-fg-muted",
              "data-hovered:text-fg data-selected:border-primary data-selected:text-fg data-disabled:cursor-not-allowed data-disabled:opacity-50",
              focusRing,
            )}
          >
            {item.label}
            {item.badge !== undefined && (
              <span className="rounded-full bg-surface-hover px-1.5 text-xs text-fg-muted">{item.badge}</span>
            )}
          </Tab>
        ))}
      </TabList>
      {items.map((item) => (
        <TabPanel key={item.id} id={item.id} className={cx("pt-4", focusRing)}>
          {item.content}
        </TabPanel>
      ))}
    </RACTabs>
  );
}
