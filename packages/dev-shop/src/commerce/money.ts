/**
 * Money arithmetic in integer minor units. TikTok sends and receives decimal strings; we parse
 * them into whole cents (or whole units for zero-decimal currencies) and never touch floats.
 */

const zeroDecimal = new Set(["JPY", "VND", "IDR", "KRW", "CLP"]);

export function currencyDigits(currency: string): number {
  return zeroDecimal.has(currency) ? 0 : 2;
}

/** Parses a decimal string into minor units; null when malformed or more precise than the currency. */
export function parseMinor(value: string, currency: string): number | null {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return null;
  const [, sign, whole, fraction = ""] = match;
  const digits = currencyDigits(currency);
  // "19.90" is fine for USD, "19.999" is not; trailing zeros beyond the precision are tolerated.
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > digits) return null;
  const minor =
    Number(whole) * 10 ** digits + Number((significant + "0".repeat(digits)).slice(0, digits) || "0");
  if (!Number.isSafeInteger(minor)) return null;
  return sign === "-" ? -minor : minor;
}

/** Like parseMinor but for values we produced ourselves: a malformed one is a bug. */
export function toMinor(value: string, currency: string): number {
  const minor = parseMinor(value, currency);
  if (minor === null) throw new Error(`not a ${currency} amount: ${value}`);
  return minor;
}

export function fromMinor(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(minor));
  if (digits === 0) return sign + String(abs);
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, "0")}`;
}

/** Sums decimal strings of one currency. */
export function sumAmounts(values: string[], currency: string): string {
  return fromMinor(
    values.reduce((total, value) => total + toMinor(value, currency), 0),
    currency,
  );
}

/**
 * Applies a rate given in basis points of a percent (1/10000: 725 = 7.25 %) with half-up
 * rounding, all in integers.
 */
export function applyRate(minor: number, rateBp: number): number {
  return Math.floor((minor * rateBp + 5000) / 10000);
}

/** "0.0725" for 725. */
export function rateString(rateBp: number): string {
  return `0.${String(rateBp).padStart(4, "0")}`;
}
