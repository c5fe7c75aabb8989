export type { DateFormatOptions, DateInput, RelativeFormatOptions } from "./date.ts";
export { formatCountdown, formatDate, formatDateTime, formatRelative, toDate } from "./date.ts";
export type { MoneyFormatOptions } from "./money.ts";
export { currencyDigits, formatMoney, parseDecimal } from "./money.ts";
