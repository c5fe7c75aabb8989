/**
 * Money display. Amounts are decimal strings (TikTok Shop sends "12.50"); they are never turned into
 * a float, because a float cannot hold "12345678901234567.89" or sums like 0.1 + 0.2 exactly.
 */

export interface MoneyFormatOptions {
  /** How the currency is shown. Default "symbol" ($, £, ¥). */
  currencyDisplay?: "symbol" | "narrowSymbol" | "code" | "name";
  /** "accounting" wraps negatives in parentheses in locales that do so. */
  currencySign?: "standard" | "accounting";
  signDisplay?: "auto" | "always" | "exceptZero" | "never" | "negative";
  /**
   * Keep every digit the amount carries instead of rounding to the currency's minor unit
   * (for unit prices such as "0.125" USD). Amounts are always padded to the minor unit.
   */
  exact?: boolean;
}

interface ParsedDecimal {
  negative: boolean;
  integer: string;
  fraction: string;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

/** Parses a plain decimal string ("-1234.5", "+0.10", "7."); null when it is not one. */
export function parseDecimal(amount: string): ParsedDecimal | null {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return null;
  const integer = (match[2] ?? "0").replace(/^0+(?=\d)/, "");
  return { negative: match[1] === "-", integer, fraction: match[3] ?? "" };
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  // Building an Intl.NumberFormat costs far more than formatting, and a table formats thousands of cells.
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let nf = formatters.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, options);
    formatters.set(key, nf);
  }
  return nf;
}

let exactStrings: boolean | undefined;

/** Whether this engine formats numeric strings as exact decimals (Intl.NumberFormat v3, ES2023). */
export function supportsExactStringFormatting(): boolean {
  if (exactStrings === undefined) {
    try {
      const probe = new Intl.NumberFormat("en-US", {
        useGrouping: false,
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
      exactStrings =
        probe.format("12345678901234567.89" as Intl.StringNumericLiteral) === "12345678901234567.89";
    } catch {
      exactStrings = false;
    }
  }
  return exactStrings;
}

/** Rounds half away from zero (Intl's default "halfExpand") on the digits themselves. */
function roundDigits(
  integer: string,
  fraction: string,
  digits: number,
): { integer: string; fraction: string } {
  if (fraction.length <= digits) return { integer, fraction: fraction.padEnd(digits, "0") };
  const roundUp = fraction.charCodeAt(digits) - 48 >= 5;
  const scaled = BigInt(integer + fraction.slice(0, digits)) + (roundUp ? 1n : 0n);
  const text = scaled.toString().padStart(digits + 1, "0");
  return digits === 0
    ? { integer: text, fraction: "" }
    : { integer: text.slice(0, -digits), fraction: text.slice(-digits) };
}

function localDigits(locale: string | undefined): string[] {
  const nf = formatter(locale, { useGrouping: false });
  return Array.from({ length: 10 }, (_, d) => nf.format(d));
}

function decimalSeparator(locale: string | undefined): string {
  const parts = formatter(locale, { minimumFractionDigits: 1 }).formatToParts(1.5);
  return parts.find((p) => p.type === "decimal")?.value ?? ".";
}

/**
 * Formats by splitting integer and fraction digits: the integer goes through Intl as a BigInt
 * (exact), the fraction digits are rounded as text and put back into the localized parts.
 * Used where Intl.NumberFormat cannot take a string; exported for the parity tests.
 */
export function formatMoneySplit(
  value: ParsedDecimal,
  nf: Intl.NumberFormat,
  locale: string | undefined,
): string {
  const { minimumFractionDigits = 0, maximumFractionDigits = 0 } = nf.resolvedOptions();
  const rounded = roundDigits(value.integer, value.fraction, maximumFractionDigits);
  let fraction = rounded.fraction;
  while (fraction.length > minimumFractionDigits && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  const integer = BigInt(rounded.integer);
  // BigInt has no negative zero: format -1 and swap the digits so "-0.50" keeps its sign and layout.
  const zeroNegative = value.negative && integer === 0n;
  const parts = nf.formatToParts(zeroNegative ? -1n : value.negative ? -integer : integer);
  const digits = localDigits(locale);
  const localize = (s: string) => s.replace(/\d/g, (d) => digits[Number(d)] ?? d);
  const hasFractionPart = parts.some((p) => p.type === "fraction");
  let lastInteger = -1;
  parts.forEach((p, i) => {
    if (p.type === "integer") lastInteger = i;
  });
  let out = "";
  parts.forEach((p, i) => {
    if (p.type === "integer") out += zeroNegative ? localize("0") : p.value;
    else if (p.type === "fraction") out += localize(fraction);
    else if (p.type === "decimal") out += fraction ? p.value : "";
    else out += p.value;
    // A currency without minor units (JPY) has no fraction part to fill; add one when exact digits exist.
    if (i === lastInteger && !hasFractionPart && fraction)
      out += decimalSeparator(locale) + localize(fraction);
  });
  return out;
}

/**
 * Formats a decimal-string amount in a currency, e.g. formatMoney("1234.5", "USD") → "$1,234.50".
 * Rounds to the currency's minor unit (half away from zero) unless `exact` is set.
 * An amount that is not a decimal string is returned as "amount CUR" rather than throwing in the UI.
 */
export function formatMoney(
  amount: string,
  currency: string,
  locale?: string,
  options: MoneyFormatOptions = {},
): string {
  const parsed = parseDecimal(amount);
  const code = currency.trim().toUpperCase();
  if (!parsed || !/^[A-Z]{3}$/.test(code)) return `${amount} ${currency}`.trim();
  const base: Intl.NumberFormatOptions = {
    style: "currency",
    currency: code,
    currencyDisplay: options.currencyDisplay ?? "symbol",
    currencySign: options.currencySign ?? "standard",
    signDisplay: options.signDisplay ?? "auto",
  };
  let nf = formatter(locale, base);
  if (options.exact) {
    const minor = nf.resolvedOptions().maximumFractionDigits ?? 2;
    const digits = Math.min(100, Math.max(minor, parsed.fraction.replace(/0+$/, "").length));
    nf = formatter(locale, { ...base, minimumFractionDigits: minor, maximumFractionDigits: digits });
  }
  if (supportsExactStringFormatting()) {
    const normalized = `${parsed.negative ? "-" : ""}${parsed.integer}${parsed.fraction ? `.${parsed.fraction}` : ""}`;
    return nf.format(normalized as Intl.StringNumericLiteral);
  }
  return formatMoneySplit(parsed, nf, locale);
}

/** The number of minor-unit digits of a currency (USD 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  return formatter("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
