import { currencyDigits } from "@tts-kit/ui";

/**
 * What the seller typed in a stock or price cell, checked as they type. The server checks the
 * same rules again before anything reaches TikTok; these only spare a round trip.
 */

export const MAX_STOCK = 99_999;

export function stockError(text: string): string | null {
  const value = text.trim();
  if (value === "") return "Enter the stock.";
  if (value.startsWith("-")) return "Stock cannot be negative.";
  if (!/^\d+$/.test(value) || Number(value) > MAX_STOCK) {
    return `Stock must be a whole number of units from 0 to ${MAX_STOCK.toLocaleString("en-US")}.`;
  }
  return null;
}

export function priceError(text: string, currency: string): string | null {
  const value = text.trim();
  const digits = currencyDigits(currency);
  if (value === "") return "Enter a price.";
  if (value.startsWith("-")) return "A price cannot be negative.";
  if (!/^\d+(\.\d+)?$/.test(value)) {
    return `Enter the price as a number such as ${digits === 0 ? "1500" : "12.50"}, with a dot for decimals and no currency sign or thousands separator.`;
  }
  const fraction = (value.split(".")[1] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) {
    return digits === 0
      ? `${currency} prices have no decimals.`
      : `${currency} prices have at most ${digits} decimals.`;
  }
  if (/^0*(\.0*)?$/.test(value)) return "A price must be more than zero.";
  return null;
}
