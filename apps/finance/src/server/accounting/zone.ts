/**
 * Calendar days and months in the seller's accounting time zone (an IANA name, "UTC" by default).
 * Journals are dated and months are closed in it; Intl does the zone arithmetic, so daylight
 * saving changes are the zone database's, not ours.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `name` is a time zone Intl knows. */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

function wallClock(unix: number, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(unix * 1000))
      .map((p) => [p.type, p.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    // The wall-clock time read as if it were UTC, to find the zone's offset at this instant.
    asUtc:
      Date.UTC(
        Number(parts.year),
        Number(parts.month) - 1,
        Number(parts.day),
        Number(parts.hour),
        Number(parts.minute),
        Number(parts.second),
      ) / 1000,
  };
}

/** The calendar day (YYYY-MM-DD) of an instant in the zone. */
export function dayIn(unix: number, timeZone: string): string {
  return wallClock(unix, timeZone).day;
}

/** The month (YYYY-MM) of an instant in the zone. */
export function monthIn(unix: number, timeZone: string): string {
  return dayIn(unix, timeZone).slice(0, 7);
}

/** Unix seconds of 00:00 of a calendar day in the zone. */
export function startOfDay(day: string, timeZone: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`) / 1000;
  // The offset at the guess, then at the corrected instant (they differ only across a DST change).
  let start = guess - (wallClock(guess, timeZone).asUtc - guess);
  start = guess - (wallClock(start, timeZone).asUtc - start);
  return start;
}

/** The day after a calendar day. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The last calendar day of a month (YYYY-MM). */
export function lastDayOfMonth(month: string): string {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, mon, 0)).toISOString().slice(0, 10);
}

/** Unix seconds of 00:00 on the first day of the month after `month`, in the zone. */
export function endOfMonth(month: string, timeZone: string): number {
  return startOfDay(nextDay(lastDayOfMonth(month)), timeZone);
}

/**
 * The instant a statement's money belongs to. TikTok closes a statement at 00:00 UTC for the day
 * before (the statement "for Oct 5" has statement_time Oct 6 00:00), so its last covered second is
 * the one before statement_time: October's last statement stays in October.
 */
export function statementInstant(statementTime: number): number {
  return statementTime - 1;
}
