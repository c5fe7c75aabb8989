import { describe, expect, it } from "vitest";
import { checkStock } from "../src/server/catalog/api.ts";
import { checkPrice, compareAmounts, fromMinorUnits, toMinorUnits } from "../src/server/catalog/money.ts";

/** Price and stock input rules: exact decimals per currency, whole units, a message for every refusal. */
describe("catalog input rules", () => {
  it("reads prices at the currency's own precision, never through floats", () => {
    expect(toMinorUnits("19.9", "USD")).toBe(1990n);
    expect(toMinorUnits("19.900", "USD")).toBe(1990n);
    expect(toMinorUnits("19.999", "USD")).toBeNull();
    expect(toMinorUnits("1500", "JPY")).toBe(1500n);
    expect(toMinorUnits("1500.5", "JPY")).toBeNull();
    expect(toMinorUnits("0.1", "USD")! + toMinorUnits("0.2", "USD")!).toBe(toMinorUnits("0.3", "USD"));
    expect(fromMinorUnits(5n, "GBP")).toBe("0.05");
    expect(fromMinorUnits(1500n, "JPY")).toBe("1500");
    expect(compareAmounts("10.00", "9.99", "USD")).toBe(1);
    expect(compareAmounts("9.9", "9.90", "USD")).toBe(0);
  });

  it("accepts a price and spells it canonically, or says exactly what is wrong", () => {
    expect(checkPrice(" 23.5 ", "USD")).toEqual({ ok: true, amount: "23.50" });
    expect(checkPrice("1500", "JPY")).toEqual({ ok: true, amount: "1500" });
    const refusal = (input: string, currency = "USD") => {
      const result = checkPrice(input, currency);
      return result.ok ? "accepted" : result.message;
    };
    expect(refusal("")).toBe("Enter a price.");
    expect(refusal("-1")).toBe("A price cannot be negative.");
    expect(refusal("12.345")).toBe("USD prices have at most 2 decimals.");
    expect(refusal("10.5", "JPY")).toBe("JPY prices have no decimals.");
    expect(refusal("0.00")).toBe("A price must be more than zero.");
    expect(refusal("1,5")).toMatch(/dot for decimals/);
    expect(refusal("1e3")).toMatch(/number such as 12.50/);
    expect(refusal("1000000.00")).toBe("A price can be at most 999999.99 USD.");
  });

  it("accepts stock as whole units from 0 to 99,999 only", () => {
    expect(checkStock(0)).toEqual({ ok: true, quantity: 0 });
    expect(checkStock(" 42 ")).toEqual({ ok: true, quantity: 42 });
    expect(checkStock("99999")).toEqual({ ok: true, quantity: 99_999 });
    for (const [value, message] of [
      [-1, "Stock cannot be negative."],
      ["2.5", /whole number/],
      [2.5, /whole number/],
      ["100000", /0 to 99,999/],
      ["", "Enter the stock."],
      [null, "Enter the stock."],
      ["1e3", /whole number/],
    ] as const) {
      const result = checkStock(value);
      expect(result.ok, String(value)).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
    }
  });
});
