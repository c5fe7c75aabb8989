import { type CalendarDate, parseDate } from "@internationalized/date";
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  CalendarGridBody,
  CalendarGridHeader,
  CalendarHeaderCell,
  DateInput,
  DateSegment,
  Heading,
  RangeCalendar,
} from "react-aria-components";
import { cx } from "../lib/cx.ts";
import { focusRing } from "./Button.tsx";
import { ChevronLeftIcon, ChevronRightIcon } from "./icons.tsx";

/** "2025-01-31" → CalendarDate; null for empty or malformed strings instead of throwing in render. */
export function toCalendarDate(value: string | null | undefined): CalendarDate | null {
  if (!value) return null;
  try {
    return parseDate(value);
  } catch {
    return null;
  }
}

const navButton = cx(
  "flex size-7 cursor-pointer items-center justify-center rounded-md text-fg-muted data-hovered:bg-surface-hover data-hovered:text-fg",
  focusRing,
);

function CalendarHeader() {
  return (
    <header className="mb-2 flex items-center justify-between gap-2">
      <Button slot="previous" className={navButton}>
        <ChevronLeftIcon />
      </Button>
      <Heading className="text-sm font-semibold" />
      <Button slot="next" className={navButton}>
        <ChevronRightIcon />
      </Button>
    </header>
  );
}

function Grid({ range }: { range: boolean }) {
  return (
    <CalendarGrid className="border-separate border-spacing-y-0.5">
      <CalendarGridHeader>
        {(day) => (
          <CalendarHeaderCell className="pb-1 text-xs font-medium text-fg-muted">{day}</CalendarHeaderCell>
        )}
      </CalendarGridHeader>
      <CalendarGridBody>
        {(date) => (
          <CalendarCell
            date={date}
            className={cx(
              "flex size-8 cursor-pointer items-center justify-center rounded-md text-sm outline-none",
              "data-hovered:bg-surface-hover data-outside-month:hidden data-disabled:text-fg-subtle data-unavailable:text-fg-subtle data-unavailable:line-through",
              "data-focus-visible:outline-2 data-focus-visible:-outline-offset-2 data-focus-visible:outline-focus",
              range
                ? "data-selected:rounded-none data-selected:bg-surface-selected data-selection-start:rounded-l-md data-selection-start:bg-primary data-selection-start:text-primary-fg data-selection-end:rounded-r-md data-selection-end:bg-primary data-selection-end:text-primary-fg"
                : "data-selected:bg-primary data-selected:text-primary-fg",
            )}
          />
        )}
      </CalendarGridBody>
    </CalendarGrid>
  );
}

/** Month grid for a single date (used inside DateField's popover). */
export function KitCalendar() {
  return (
    <Calendar className="p-3">
      <CalendarHeader />
      <Grid range={false} />
    </Calendar>
  );
}

/** Month grid for a date range (used inside the FilterBar's date-range popover). */
export function KitRangeCalendar() {
  return (
    <RangeCalendar className="p-3">
      <CalendarHeader />
      <Grid range />
    </RangeCalendar>
  );
}

/** Editable date segments (month / day / year in the user's locale order). */
export function KitDateInput({ slot, className }: { slot?: "start" | "end"; className?: string }) {
  return (
    <DateInput slot={slot} className={cx("flex items-center", className)}>
      {(segment) => (
        <DateSegment
          segment={segment}
          className="rounded px-0.5 tabular-nums outline-none data-placeholder:text-fg-subtle data-[type=literal]:px-0 data-focused:bg-primary data-focused:text-primary-fg"
        />
      )}
    </DateInput>
  );
}
