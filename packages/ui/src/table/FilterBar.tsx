import { type ReactNode, useEffect, useRef, useState } from "react";
import {
  DateRangePicker,
  Dialog,
  Group,
  Input,
  Label,
  Popover,
  Button as RACButton,
  SearchField,
  Select,
  SelectValue,
} from "react-aria-components";
import { Button, focusRing } from "../components/Button.tsx";
import { KitDateInput, KitRangeCalendar, toCalendarDate } from "../components/Calendar.tsx";
import { CalendarIcon, ChevronDownIcon, CloseIcon, SearchIcon } from "../components/icons.tsx";
import { OptionsPopover } from "../components/OptionsPopover.tsx";
import { cx } from "../lib/cx.ts";
import { type DateRangeValue, type FilterValue, type FilterValues, isFilterActive } from "./state.ts";

export interface FilterOption {
  value: string;
  label: string;
}

export type FilterDef =
  | { type: "search"; id: string; label: string; placeholder?: string }
  | { type: "select"; id: string; label: string; options: readonly FilterOption[]; allLabel?: string }
  | { type: "dateRange"; id: string; label: string };

export interface FilterBarProps {
  filters: readonly FilterDef[];
  value: FilterValues;
  onChange: (next: FilterValues) => void;
  /** Typing in the search box reports after this pause (Enter reports at once). Default 300 ms. */
  searchDebounceMs?: number;
  /** Controls after the filters (e.g. "Export"). */
  actions?: ReactNode;
  className?: string;
}

const ALL = "__all__";

const control = cx(
  "flex h-8 items-center gap-1.5 rounded-lg border border-line-strong/40 bg-surface px-2.5 text-sm text-fg",
  "data-hovered:border-line-strong",
);

function SearchFilter({
  def,
  value,
  debounceMs,
  onCommit,
}: {
  def: Extract<FilterDef, { type: "search" }>;
  value: string;
  debounceMs: number;
  onCommit: (next: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  const committed = useRef(value);
  const commitRef = useRef(onCommit);
  commitRef.current = onCommit;

  // Follow outside changes (Clear all, back button) without clobbering what is being typed.
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setDraft(value);
    }
  }, [value]);

  useEffect(() => {
    if (draft === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = draft;
      commitRef.current(draft);
    }, debounceMs);
    return () => clearTimeout(timer);
  }, [draft, debounceMs]);

  const commitNow = (text: string) => {
    committed.current = text;
    setDraft(text);
    commitRef.current(text);
  };

  return (
    <SearchField
      value={draft}
      onChange={setDraft}
      onSubmit={commitNow}
      onClear={() => commitNow("")}
      className="group min-w-48 flex-1 sm:max-w-80"
    >
      <Label className="sr-only">{def.label}</Label>
      <div
        className={cx(
          control,
          "group-data-focus-within:outline-2 group-data-focus-within:outline-offset-1 group-data-focus-within:outline-focus",
        )}
      >
        <SearchIcon className="shrink-0 text-fg-muted" />
        <Input
          placeholder={def.placeholder ?? def.label}
          className="min-w-0 flex-1 bg-transparent outline-none placeholder:text-fg-subtle [&::-webkit-search-cancel-button]:hidden"
        />
        <RACButton
          className={cx(
            "cursor-pointer rounded p-0.5 text-fg-muted data-hovered:text-fg group-data-empty:invisible",
            focusRing,
          )}
        >
          <CloseIcon />
        </RACButton>
      </div>
    </SearchField>
  );
}

function SelectFilter({
  def,
  value,
  onCommit,
}: {
  def: Extract<FilterDef, { type: "select" }>;
  value: string | undefined;
  onCommit: (next: string | undefined) => void;
}) {
  const items = [{ value: ALL, label: def.allLabel ?? "All" }, ...def.options];
  return (
    <Select
      value={value ?? ALL}
      onChange={(key) => onCommit(key === null || key === ALL ? undefined : String(key))}
      className="flex min-w-0 items-center gap-1.5"
    >
      {/* A visible label beside the button, not inside it: the button's accessible name ("All
          statuses Status") then contains all of its visible text (WCAG 2.5.3, label in name). */}
      <Label className="text-sm text-fg-muted">{def.label}</Label>
      <RACButton
        className={cx(control, "cursor-pointer", focusRing, value !== undefined && "border-line-strong")}
      >
        {/* Only the text: the option's own markup (check mark) would misalign the button. */}
        <SelectValue className="truncate font-medium">{({ selectedText }) => selectedText}</SelectValue>
        <ChevronDownIcon className="shrink-0 text-fg-muted" />
      </RACButton>
      <OptionsPopover options={items} />
    </Select>
  );
}

function DateRangeFilter({
  def,
  value,
  onCommit,
}: {
  def: Extract<FilterDef, { type: "dateRange" }>;
  value: DateRangeValue | undefined;
  onCommit: (next: DateRangeValue | undefined) => void;
}) {
  const start = toCalendarDate(value?.start);
  const end = toCalendarDate(value?.end);
  return (
    <DateRangePicker
      value={start && end ? { start, end } : null}
      onChange={(range) =>
        onCommit(range ? { start: range.start.toString(), end: range.end.toString() } : undefined)
      }
      className="group min-w-0"
    >
      <Label className="sr-only">{def.label}</Label>
      <Group
        className={cx(
          control,
          "group-data-focus-within:outline-2 group-data-focus-within:outline-offset-1 group-data-focus-within:outline-focus",
        )}
      >
        <span aria-hidden="true" className="text-fg-muted">
          {def.label}:
        </span>
        <KitDateInput slot="start" />
        <span aria-hidden="true" className="text-fg-muted">
          –
        </span>
        <KitDateInput slot="end" />
        <RACButton
          className={cx("cursor-pointer rounded p-0.5 text-fg-muted data-hovered:text-fg", focusRing)}
        >
          <CalendarIcon />
        </RACButton>
      </Group>
      <Popover className="rounded-xl bg-surface text-fg shadow-popover outline-none">
        <Dialog className="outline-none">
          <KitRangeCalendar />
        </Dialog>
      </Popover>
    </DateRangePicker>
  );
}

/**
 * Controlled filters for a list: a search box, selects and date ranges, plus "Clear all". It reports
 * whole FilterValues objects; pair it with DataTable (its `filters` prop) or any list.
 */
export function FilterBar({
  filters,
  value,
  onChange,
  searchDebounceMs = 300,
  actions,
  className,
}: FilterBarProps) {
  // Debounced search commits land after other changes; read the newest values, not a stale render's.
  const latest = useRef(value);
  latest.current = value;
  const set = (id: string, next: FilterValue | undefined) => {
    onChange({ ...latest.current, [id]: next === "" ? undefined : next });
  };
  const anyActive = filters.some((f) => isFilterActive(value[f.id]));

  return (
    <div className={cx("flex flex-wrap items-center gap-2", className)}>
      {filters.map((def) => {
        const current = value[def.id];
        switch (def.type) {
          case "search":
            return (
              <SearchFilter
                key={def.id}
                def={def}
                value={typeof current === "string" ? current : ""}
                debounceMs={searchDebounceMs}
                onCommit={(text) => set(def.id, text)}
              />
            );
          case "select":
            return (
              <SelectFilter
                key={def.id}
                def={def}
                value={typeof current === "string" ? current : undefined}
                onCommit={(next) => set(def.id, next)}
              />
            );
          case "dateRange":
            return (
              <DateRangeFilter
                key={def.id}
                def={def}
                value={typeof current === "object" ? current : undefined}
                onCommit={(next) => set(def.id, next)}
              />
            );
          default:
            return null;
        }
      })}
      {anyActive && (
        <Button variant="plain" size="md" onPress={() => onChange({})}>
          Clear all
        </Button>
      )}
      {actions && <div className="ml-auto flex items-center gap-2">{actions}</div>}
    </div>
  );
}
