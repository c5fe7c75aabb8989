import type { Key } from "react";
import { Button, Label, ListBox, ListBoxItem, Popover, Select, SelectValue } from "react-aria-components";
import { focusRing } from "../components/Button.tsx";
import { CheckIcon, ChevronDownIcon } from "../components/icons.tsx";
import { type Tone, toneDot } from "../components/tone.ts";
import { cx } from "../lib/cx.ts";

export type ShopStatus = "active" | "expiring" | "expired" | "disconnected";

export interface ShopSummary {
  id: string;
  name: string;
  /** Region code as TikTok reports it ("US", "GB", "MY"...). */
  region: string;
  status?: ShopStatus;
}

const statusInfo: Record<ShopStatus, { label: string; tone: Tone }> = {
  active: { label: "Connected", tone: "success" },
  expiring: { label: "Authorization expiring", tone: "warning" },
  expired: { label: "Authorization expired", tone: "critical" },
  disconnected: { label: "Disconnected", tone: "neutral" },
};

function StatusDot({ status }: { status: ShopStatus }) {
  return (
    <span
      aria-hidden="true"
      className={cx("size-2 shrink-0 rounded-full", toneDot[statusInfo[status].tone])}
    />
  );
}

/** The status in words, read after the name and region ("Acme US US, Authorization expired"). */
function StatusText({ status }: { status: ShopStatus }) {
  return <span className="sr-only">, {statusInfo[status].label}</span>;
}

export interface ShopSwitcherProps {
  shops: readonly ShopSummary[];
  currentShopId: string | null | undefined;
  onShopChange: (shopId: string) => void;
  label?: string;
  className?: string;
}

/** A select of the seller's connected shops: name, region and a status dot (with a text equivalent). */
export function ShopSwitcher({
  shops,
  currentShopId,
  onShopChange,
  label = "Shop",
  className,
}: ShopSwitcherProps) {
  return (
    <Select
      value={currentShopId ?? null}
      onChange={(key: Key | null) => {
        if (key !== null) onShopChange(String(key));
      }}
      className={cx("min-w-0", className)}
    >
      <Label className="sr-only">{label}</Label>
      <Button
        className={cx(
          "flex h-9 max-w-72 min-w-0 cursor-pointer items-center gap-2 rounded-lg border border-line bg-surface px-2.5 text-sm data-hovered:bg-surface-hover",
          focusRing,
        )}
      >
        <SelectValue<ShopSummary> className="flex min-w-0 items-center gap-2">
          {({ selectedItem }) =>
            selectedItem ? (
              <>
                <StatusDot status={selectedItem.status ?? "active"} />
                <span className="truncate font-medium">{selectedItem.name}</span>{" "}
                <span className="shrink-0 text-xs text-fg-muted">{selectedItem.region}</span>
                <StatusText status={selectedItem.status ?? "active"} />
              </>
            ) : (
              <span className="text-fg-muted">Select a shop</span>
            )
          }
        </SelectValue>
        <ChevronDownIcon className="shrink-0 text-fg-muted" />
      </Button>
      <Popover className="min-w-(--trigger-width) overflow-auto rounded-xl bg-surface p-1 text-fg shadow-popover outline-none">
        <ListBox<ShopSummary> items={shops} className="max-h-80 outline-none">
          {(shop) => (
            <ListBoxItem
              id={shop.id}
              textValue={`${shop.name} ${shop.region}`}
              className="flex cursor-pointer items-center gap-2 rounded-lg px-2.5 py-2 text-sm outline-none data-focused:bg-surface-hover data-selected:font-medium"
            >
              {({ isSelected }) => (
                <>
                  <StatusDot status={shop.status ?? "active"} />
                  <span className="min-w-0 flex-1 truncate">{shop.name}</span>{" "}
                  <span className="text-xs text-fg-muted">{shop.region}</span>
                  <StatusText status={shop.status ?? "active"} />
                  <CheckIcon className={cx("shrink-0", !isSelected && "invisible")} />
                </>
              )}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
