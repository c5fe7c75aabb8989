import { getOrAdd } from "../collections.ts";
import { Big, type Decimal, dec, toAmount } from "../money.ts";

/**
 * Net profit: what TikTok settled for a sale (revenue after its fees, shipping and adjustments)
 * minus the cost of the goods sold. Computed per SKU line of each settled order, then summed per
 * order, per SKU and per period. A line whose SKU has no cost is counted, but its order and SKU are
 * marked incomplete rather than shown with an invented margin.
 */

export interface SoldLine {
  orderId: string;
  statementTime: number;
  skuId: string;
  skuName: string | null;
  productName: string | null;
  quantity: number;
  currency: string;
  revenueAmount: string | null;
  settlementAmount: string | null;
}

export interface ProfitRow {
  revenue: string;
  settlement: string;
  cogs: string;
  profit: string;
  /** profit / revenue in percent, two decimals; null without revenue or with a missing cost. */
  marginPercent: string | null;
  currency: string;
  /** Some SKU of it has no cost of goods. */
  missingCost: boolean;
}

export interface OrderProfit extends ProfitRow {
  orderId: string;
  settledAt: number;
  quantity: number;
}

export interface SkuProfit extends ProfitRow {
  skuId: string;
  skuName: string | null;
  productName: string | null;
  quantity: number;
  unitCost: string | null;
}

export interface PeriodProfit extends ProfitRow {
  period: string;
}

interface Acc {
  revenue: Decimal;
  settlement: Decimal;
  cogs: Decimal;
  currency: string;
  missingCost: boolean;
  quantity: number;
}

const empty = (currency: string): Acc => ({
  revenue: new Big(0),
  settlement: new Big(0),
  cogs: new Big(0),
  currency,
  missingCost: false,
  quantity: 0,
});

function row(acc: Acc): ProfitRow {
  const profit = acc.settlement.minus(acc.cogs);
  return {
    revenue: toAmount(acc.revenue, acc.currency),
    settlement: toAmount(acc.settlement, acc.currency),
    cogs: toAmount(acc.cogs, acc.currency),
    profit: toAmount(profit, acc.currency),
    marginPercent:
      acc.missingCost || acc.revenue.eq(0) ? null : profit.div(acc.revenue).times(100).round(2).toFixed(2),
    currency: acc.currency,
    missingCost: acc.missingCost,
  };
}

export type Interval = "day" | "week" | "month";

export function periodOf(unix: number, interval: Interval): string {
  const date = new Date(unix * 1000);
  if (interval === "month") return date.toISOString().slice(0, 7);
  if (interval === "week") {
    // ISO weeks start on Monday; the period is named by its Monday.
    const day = (date.getUTCDay() + 6) % 7;
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day))
      .toISOString()
      .slice(0, 10);
  }
  return date.toISOString().slice(0, 10);
}

export function computeProfit(lines: SoldLine[], costs: Map<string, string>, interval: Interval = "day") {
  const orders = new Map<string, Acc & { settledAt: number }>();
  const skus = new Map<string, Acc & { skuName: string | null; productName: string | null }>();
  const periods = new Map<string, Acc>();
  const total = new Map<string, Acc>();
  for (const line of lines) {
    const cost = costs.get(line.skuId);
    const lineCogs = cost === undefined ? new Big(0) : dec(cost).times(line.quantity);
    const apply = (acc: Acc) => {
      acc.revenue = acc.revenue.add(dec(line.revenueAmount));
      acc.settlement = acc.settlement.add(dec(line.settlementAmount));
      acc.cogs = acc.cogs.add(lineCogs);
      acc.quantity += line.quantity;
      if (cost === undefined) acc.missingCost = true;
    };
    const order = getOrAdd(orders, line.orderId, () => ({
      ...empty(line.currency),
      settledAt: line.statementTime,
    }));
    order.settledAt = Math.max(order.settledAt, line.statementTime);
    apply(order);
    apply(
      getOrAdd(skus, line.skuId, () => ({
        ...empty(line.currency),
        skuName: line.skuName,
        productName: line.productName,
      })),
    );
    apply(
      getOrAdd(periods, `${periodOf(line.statementTime, interval)}|${line.currency}`, () =>
        empty(line.currency),
      ),
    );
    apply(getOrAdd(total, line.currency, () => empty(line.currency)));
  }
  return {
    orders: [...orders].map(
      ([orderId, acc]): OrderProfit => ({
        orderId,
        settledAt: acc.settledAt,
        quantity: acc.quantity,
        ...row(acc),
      }),
    ),
    skus: [...skus].map(
      ([skuId, acc]): SkuProfit => ({
        skuId,
        skuName: acc.skuName,
        productName: acc.productName,
        quantity: acc.quantity,
        unitCost: costs.get(skuId) ?? null,
        ...row(acc),
      }),
    ),
    periods: [...periods]
      .map(([key, acc]): PeriodProfit => ({ period: key.split("|")[0]!, ...row(acc) }))
      .sort((a, b) => a.period.localeCompare(b.period)),
    totals: [...total.values()].map(row),
  };
}
