/**
 * Prices as the catalog handles them: decimal strings checked and compared in integer minor units
 * (BigInt), never as floats. The number of decimals is the currency's own (ISO 4217, as the
 * runtime's Intl knows it): 2 for USD and GBP, 0 for JPY or IDR.
 */

/** TikTok's upper bound on a SKU price in minor units (the reference's 99,999,999). */
const MAX_PRICE_MINOR = 99_999_999n;

export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits as number;
  } catch {
    return 2;
  }
}

/** Minor units of a decimal string, or null when it is not a plain decimal within the currency's precision. */
export function toMinorUnits(value: string, currency: string): bigint | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return null;
  const [, whole = "0", fraction = ""] = match;
  const digits = currencyDigits(currency);
  // "19.90" is fine for USD; "19.999" is not. Zeros past the precision say nothing and pass.
  const significant = fraction.replace(/0+$/, "");
  if (significant.length > digits) return null;
  return BigInt(whole + significant.padEnd(digits, "0"));
}

/** The canonical spelling at the currency's precision: "19.9" → "19.90". */
export function fromMinorUnits(minor: bigint, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return minor.toString();
  const text = minor.toString().padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

export type PriceCheck = { ok: true; amount: string } | { ok: false; message: string };

/** Checks a seller's price input; the message says exactly what is wrong. */
export function checkPrice(input: string, currency: string): PriceCheck {
  const value = input.trim();
  const digits = currencyDigits(currency);
  const example = digits === 0 ? "1500" : `12.${"5".padEnd(digits, "0")}`;
  if (value === "") return { ok: false, message: "Enter a price." };
  if (value.startsWith("-")) return { ok: false, message: "A price cannot be negative." };
  if (!/^\d+(\.\d+)?$/.test(value)) {
    return {
      ok: false,
      message: `Enter the price as a number such as ${example}, with a dot for decimals and no currency sign or thousands separator.`,
    };
  }
  const minor = toMinorUnits(value, currency);
  if (minor === null) {
    return {
      ok: false,
      message:
        digits === 0
          ? `${currency} prices have no decimals.`
          : `${currency} prices have at most ${digits} decimals.`,
    };
  }
  if (minor <= 0n) return { ok: false, message: "A price must be more than zero." };
  if (minor > MAX_PRICE_MINOR) {
    return {
      ok: false,
      message: `A price can be at most ${fromMinorUnits(MAX_PRICE_MINOR, currency)} ${currency}.`,
    };
  }
  return { ok: true, amount: fromMinorUnits(minor, currency) };
}

/** Compares two decimal strings of one currency; undefined when either is not a valid amount. */
export function compareAmounts(a: string, b: string, currency: string): number | undefined {
  const left = toMinorUnits(a, currency);
  const right = toMinorUnits(b, currency);
  if (left === null || right === null) return undefined;
  return left === right ? 0 : left < right ? -1 : 1;
}
