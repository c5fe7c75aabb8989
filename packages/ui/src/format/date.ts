/**
 * Date and time display. Numbers are Unix seconds, the project's convention (TikTok Shop's
 * create_time, *_expire_in); strings are ISO 8601; Date objects pass through.
 */

export type DateInput = Date | number | string;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Converts a DateInput to a Date; numbers are Unix seconds. Invalid input gives an invalid Date. */
export function toDate(value: DateInput): Date {
  if (value instanceof Date) return value;
  if (typeof value === "number") return new Date(value * 1000);
  // A bare calendar date means that day everywhere: read it as UTC midnight and show it in UTC (below).
  if (DATE_ONLY.test(value)) return new Date(`${value}T00:00:00Z`);
  return new Date(value);
}

export interface DateFormatOptions {
  /** IANA time zone, e.g. the shop's ("America/Los_Angeles"). Default: the browser's. */
  timeZone?: string;
  dateStyle?: "full" | "long" | "medium" | "short";
  timeStyle?: "full" | "long" | "medium" | "short";
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let f = dateFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    dateFormatters.set(key, f);
  }
  return f;
}

const INVALID = "—";

/** "Jan 5, 2025". A date-only string ("2025-01-05") is shown as that calendar day in every time zone. */
export function formatDate(value: DateInput, locale?: string, options: DateFormatOptions = {}): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return INVALID;
  const timeZone = typeof value === "string" && DATE_ONLY.test(value) ? "UTC" : options.timeZone;
  return dateFormatter(locale, { dateStyle: options.dateStyle ?? "medium", timeZone }).format(date);
}

/** "Jan 5, 2025, 3:04 PM". */
export function formatDateTime(value: DateInput, locale?: string, options: DateFormatOptions = {}): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return INVALID;
  return dateFormatter(locale, {
    dateStyle: options.dateStyle ?? "medium",
    timeStyle: options.timeStyle ?? "short",
    timeZone: options.timeZone,
  }).format(date);
}

export interface RelativeFormatOptions {
  /** The reference time; default now. */
  now?: DateInput;
  /** "narrow" gives "in 3h" / "2d ago" in English; "long" gives "in 3 hours". */
  style?: "long" | "short" | "narrow";
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

/**
 * "in 3h", "2d ago", "now": the largest unit that fits, rounded toward zero. Weeks are skipped on
 * purpose: "in 20d" reads better than "in 2w" for deadlines.
 */
export function formatRelative(
  value: DateInput,
  locale?: string,
  options: RelativeFormatOptions = {},
): string {
  const date = toDate(value);
  const now = options.now === undefined ? new Date() : toDate(options.now);
  if (Number.isNaN(date.getTime()) || Number.isNaN(now.getTime())) return INVALID;
  const seconds = (date.getTime() - now.getTime()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale, { style: options.style ?? "narrow", numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 45) return rtf.format(0, "second");
  for (const [unit, size] of UNITS) {
    if (abs >= size) return rtf.format(Math.trunc(seconds / size), unit);
  }
  return rtf.format(0, "second");
}

const unitFormatters = new Map<string, Intl.NumberFormat>();

function unitFormat(locale: string | undefined, unit: string, n: number): string {
  const key = `${locale ?? ""}|${unit}`;
  let f = unitFormatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "narrow" });
    unitFormatters.set(key, f);
  }
  return f.format(n);
}

/**
 * A countdown for deadlines (ship-by, auto-cancel, authorization expiry): the two largest units,
 * e.g. "2d 4h", "3h 5m", "45s". Negative values (overdue) carry a minus sign: "-1h 20m".
 */
export function formatCountdown(secondsLeft: number, locale?: string): string {
  if (!Number.isFinite(secondsLeft)) return INVALID;
  const negative = secondsLeft < 0;
  let rest = Math.floor(Math.abs(secondsLeft));
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  const all: Array<[string, number]> = [
    ["day", days],
    ["hour", hours],
    ["minute", minutes],
    ["second", seconds],
  ];
  const first = all.findIndex(([, n]) => n > 0);
  const shown = first === -1 ? [all[3]!] : all.slice(first, first + 2).filter(([, n], i) => i === 0 || n > 0);
  const parts = shown.map(([unit, n], i) => unitFormat(locale, unit, negative && i === 0 ? -n : n));
  return new Intl.ListFormat(locale, { style: "narrow", type: "unit" }).format(parts);
}
