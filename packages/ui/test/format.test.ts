import { describe, expect, test } from "vitest";
import {
  formatCountdown,
  formatDate,
  formatDateTime,
  formatMoney,
  formatRelative,
  parseDecimal,
  toDate,
} from "../src/format/index.ts";
import { currencyDigits, formatMoneySplit, supportsExactStringFormatting } from "../src/format/money.ts";

describe("formatMoney", () => {
  test("formats USD, GBP and JPY in their locales", () => {
    expect(formatMoney("1234.5", "USD", "en-US")).toBe("$1,234.50");
    expect(formatMoney("1234.5", "GBP", "en-GB")).toBe("£1,234.50");
    // JPY has no minor unit: rounds half away from zero.
    expect(formatMoney("1234.5", "JPY", "ja-JP")).toBe("￥1,235");
    expect(formatMoney("1234", "JPY", "en-US")).toBe("¥1,234");
    expect(formatMoney("1234.567", "EUR", "de-DE")).toBe("1.234,57\u00a0€");
  });

  test("negative amounts, and accounting style", () => {
    expect(formatMoney("-1234.5", "USD", "en-US")).toBe("-$1,234.50");
    expect(formatMoney("-0.5", "GBP", "en-GB")).toBe("-£0.50");
    expect(formatMoney("-5", "USD", "en-US", { currencySign: "accounting" })).toBe("($5.00)");
    expect(formatMoney("+3", "USD", "en-US")).toBe("$3.00");
  });

  test("large values keep every digit (a float would print ...568.00)", () => {
    expect(formatMoney("12345678901234567.89", "USD", "en-US")).toBe("$12,345,678,901,234,567.89");
    expect(Number("12345678901234567.89").toFixed(2)).toBe("12345678901234568.00");
    expect(formatMoney("9007199254740993.01", "USD", "en-US")).toBe("$9,007,199,254,740,993.01");
    expect(formatMoney("-99999999999999999999.99", "GBP", "en-GB")).toBe("-£99,999,999,999,999,999,999.99");
  });

  test("no float rounding errors: decimal strings stay exact", () => {
    // 0.1 + 0.2 as floats is 0.30000000000000004; the string "0.3" must print as 0.30.
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(formatMoney("0.3", "USD", "en-US")).toBe("$0.30");
    expect(formatMoney("0.30000000000000004", "USD", "en-US", { exact: true })).toBe("$0.30000000000000004");
    // 1.005 is 1.00499999999999989... as a float, so float rounding gives 1.00; the decimal rounds to 1.01.
    expect((1.005).toFixed(2)).toBe("1.00");
    expect(formatMoney("1.005", "USD", "en-US")).toBe("$1.01");
    expect(formatMoney("0.125", "USD", "en-US", { exact: true })).toBe("$0.125");
    expect(formatMoney("0.10", "USD", "en-US", { exact: true })).toBe("$0.10");
    expect(formatMoney("1234.5", "JPY", "en-US", { exact: true })).toBe("¥1,234.5");
  });

  test("currency display options", () => {
    expect(formatMoney("10", "USD", "en-US", { currencyDisplay: "code" })).toMatch(/^USD\s10\.00$/);
    expect(formatMoney("10", "usd", "en-US")).toBe("$10.00");
  });

  test("bad input is shown as given instead of throwing in a render", () => {
    expect(formatMoney("abc", "USD", "en-US")).toBe("abc USD");
    expect(formatMoney("1e5", "USD", "en-US")).toBe("1e5 USD");
    expect(formatMoney("12.00", "US$", "en-US")).toBe("12.00 US$");
  });

  test("the split-digits fallback gives the same text as Intl with strings", () => {
    expect(supportsExactStringFormatting()).toBe(true);
    const amounts = [
      "0",
      "-0",
      "0.004",
      "-0.005",
      "1.005",
      "999.995",
      "-1234.5",
      "12345678901234567.89",
      "7.",
      "0.1",
    ];
    const cases: Array<[string, string]> = [
      ["en-US", "USD"],
      ["en-GB", "GBP"],
      ["ja-JP", "JPY"],
      ["de-DE", "EUR"],
      ["ar-EG", "EGP"],
      ["en-IN", "INR"],
      ["fr-FR", "KWD"],
    ];
    for (const [locale, currency] of cases) {
      for (const amount of amounts) {
        for (const exact of [false, true]) {
          const parsed = parseDecimal(amount);
          if (!parsed) throw new Error(amount);
          const minor = currencyDigits(currency);
          const nf = new Intl.NumberFormat(locale, {
            style: "currency",
            currency,
            ...(exact
              ? {
                  minimumFractionDigits: minor,
                  maximumFractionDigits: Math.max(minor, parsed.fraction.replace(/0+$/, "").length),
                }
              : {}),
          });
          expect(formatMoneySplit(parsed, nf, locale), `${amount} ${currency} ${locale} exact=${exact}`).toBe(
            formatMoney(amount, currency, locale, { exact }),
          );
        }
      }
    }
  });
});

describe("dates", () => {
  test("numbers are Unix seconds, strings ISO", () => {
    expect(toDate(1736000000).toISOString()).toBe("2025-01-04T14:13:20.000Z");
    expect(formatDate(1736000000, "en-GB", { timeZone: "UTC" })).toBe("4 Jan 2025");
    expect(formatDateTime("2025-01-04T14:13:20Z", "en-US", { timeZone: "America/Los_Angeles" })).toBe(
      "Jan 4, 2025, 6:13 AM",
    );
  });

  test("a date-only string is the same calendar day in every time zone", () => {
    expect(formatDate("2025-01-05", "en-US", { timeZone: "America/Los_Angeles" })).toBe("Jan 5, 2025");
    expect(formatDate("2025-01-05", "en-US", { timeZone: "Asia/Tokyo" })).toBe("Jan 5, 2025");
  });

  test("invalid input shows a dash", () => {
    expect(formatDate("not a date")).toBe("—");
    expect(formatDateTime(Number.NaN)).toBe("—");
  });

  test("formatRelative picks the largest unit", () => {
    const now = new Date("2025-01-10T12:00:00Z");
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    expect(formatRelative(at(3 * 3600), "en", { now })).toBe("in 3h");
    expect(formatRelative(at(-2 * 86400), "en", { now })).toBe("2d ago");
    expect(formatRelative(at(-20), "en", { now })).toBe("now");
    expect(formatRelative(at(20 * 86400), "en", { now })).toBe("in 20d");
    expect(formatRelative(at(-90 * 60), "en", { now })).toBe("1h ago");
    expect(formatRelative(at(3 * 3600), "en", { now, style: "long" })).toBe("in 3 hours");
    expect(formatRelative(at(-2 * 86400), "de", { now, style: "long" })).toBe("vorgestern");
  });

  test("formatCountdown shows the two largest units", () => {
    expect(formatCountdown(2 * 86400 + 4 * 3600 + 5, "en")).toBe("2d 4h");
    expect(formatCountdown(3 * 3600 + 5 * 60 + 9, "en")).toBe("3h 5m");
    expect(formatCountdown(3600, "en")).toBe("1h");
    expect(formatCountdown(45.9, "en")).toBe("45s");
    expect(formatCountdown(0, "en")).toBe("0s");
    expect(formatCountdown(-4800, "en")).toBe("-1h 20m");
    expect(formatCountdown(Number.POSITIVE_INFINITY, "en")).toBe("—");
  });
});
