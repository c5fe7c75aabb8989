import BigBase from "big.js";

/**
 * Money arithmetic. TikTok sends amounts as decimal strings; every sum, difference and rate here is
 * done by big.js on those strings, never on floats. A constructor of our own keeps the settings
 * (strict parsing, half-up rounding) from leaking into or out of other users of big.js.
 */
export const Big = BigBase();
Big.DP = 12;
Big.RM = Big.roundHalfUp;
export type Decimal = BigBase.Big;

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** Whether `value` is a plain decimal string ("12", "-3.50"); no exponents, no thousands separators. */
export function isDecimal(value: string): boolean {
  return DECIMAL.test(value);
}

/** A decimal from a TikTok amount; empty and missing amounts count as zero. */
export function dec(value: string | null | undefined): Decimal {
  if (value === undefined || value === null || value === "") return new Big(0);
  // big.js refuses anything that is not a number literal; the hot path skips a second check.
  try {
    return new Big(value);
  } catch {
    throw new Error(`not a decimal amount: ${JSON.stringify(value)}`);
  }
}

/** The sum of amounts (decimal strings or decimals). */
export function sum(values: Iterable<string | null | undefined | Decimal>): Decimal {
  let total = new Big(0);
  for (const value of values)
    total = total.add(typeof value === "object" && value !== null ? value : dec(value));
  return total;
}

const zeroDecimal = new Set(["JPY", "KRW", "VND", "IDR", "CLP", "HUF", "TWD"]);

/** Minor-unit digits of a currency (2 unless it has none). */
export function currencyDigits(currency: string): number {
  return zeroDecimal.has(currency.toUpperCase()) ? 0 : 2;
}

/** The amount as a string at the currency's precision, rounded half up ("-0.00" never appears). */
export function toAmount(value: Decimal, currency: string): string {
  const text = value.round(currencyDigits(currency), Big.roundHalfUp).toFixed(currencyDigits(currency));
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

const minorUnits = new Map<string, Decimal>();

/** The smallest amount of a currency: differences below it are rounding, not discrepancies. */
export function tolerance(currency: string): Decimal {
  let unit = minorUnits.get(currency);
  if (!unit) {
    unit = new Big(1).div(10 ** currencyDigits(currency));
    minorUnits.set(currency, unit);
  }
  return unit;
}

/** Whether two amounts differ by more than rounding (one minor unit). */
export function differs(a: Decimal, b: Decimal, currency: string): boolean {
  return a.minus(b).abs().gt(tolerance(currency));
}
