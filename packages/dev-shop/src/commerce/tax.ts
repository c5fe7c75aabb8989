/**
 * US sales tax for order line items (`item_tax`). Rates are combined state and average local
 * rates in hundredths of a percent (725 = 7.25 %); the five states without a sales tax charge none.
 * GB prices include VAT, so GB orders carry no item tax, as on TikTok.
 */
const usRates: Record<string, number> = {
  Alabama: 925,
  Arizona: 840,
  California: 882,
  Colorado: 778,
  Florida: 700,
  Georgia: 738,
  Illinois: 886,
  Massachusetts: 625,
  Michigan: 600,
  "New Jersey": 660,
  "New York": 852,
  "North Carolina": 700,
  Ohio: 724,
  Pennsylvania: 634,
  Tennessee: 955,
  Texas: 820,
  Virginia: 577,
  Washington: 938,
  Alaska: 0,
  Delaware: 0,
  Montana: 0,
  "New Hampshire": 0,
  Oregon: 0,
};

/** The rate for an address in basis points of a percent; 0 means no item tax. */
export function salesTaxRate(regionCode: string, state: string): number {
  if (regionCode !== "US") return 0;
  return usRates[state] ?? 650;
}
