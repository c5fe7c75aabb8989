/**
 * A saved page cursor with the window start it belongs to. The jobs widen a window back to their
 * oldest still-open record, so a resumed run must reuse the exact start the page token came from.
 */
export function saveCursor(start: number, token: string): string {
  return `${start}:${token}`;
}

export function resumeCursor(cursor: string | undefined): { start: number; token: string } | undefined {
  if (!cursor) return undefined;
  const at = cursor.indexOf(":");
  const start = Number(cursor.slice(0, at));
  if (at < 1 || !Number.isSafeInteger(start)) return undefined;
  return { start, token: cursor.slice(at + 1) };
}
