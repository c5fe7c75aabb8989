import { hash32 } from "./rng.ts";
import type { CommerceState, ShopCommerce } from "./state.ts";

/**
 * The settlement ledger of each shop: statements, the transactions on them, reserves, payments and
 * withdrawals. Plain JSON like the rest of the commerce state. Amounts are integer minor units
 * (cents, pence) so that nothing is ever a float; views turn them into TikTok's decimal strings.
 *
 * What was settled is stored (per SKU, sparse: zero components are left out), not recomputed,
 * so a statement never changes behind a client's back; totals are always sums of the stored
 * lines (plus an injected discrepancy, when a test asked for one).
 */

export const DAY = 86_400;

/**
 * One SKU's share of an order transaction, or the single amount of an adjustment. Every value is
 * signed from the seller's side: income positive, fees and costs negative. `salesTaxRefund` is
 * the one exception: TikTok documents `sales_tax = sales_tax_payment - sales_tax_refund`, so it is
 * a positive magnitude.
 */
export const COMPONENTS = [
  // revenue
  "grossSales",
  "sellerDiscount",
  "grossSalesRefund",
  "sellerDiscountRefund",
  "platformDiscount",
  "platformDiscountRefund",
  "salesTaxPayment",
  "salesTaxRefund",
  "customerRefund",
  // shipping
  "customerShippingFee",
  "customerShippingFeeRefund",
  "shippingFeeSubsidy",
  "fbmShippingCost",
  "fbtShippingCost",
  "fbtFulfillmentFee",
  "returnShippingFee",
  // fees
  "referralFee",
  "platformCommission",
  "transactionFee",
  "refundAdministrationFee",
  "affiliateCommission",
  // adjustments
  "adjustment",
] as const;
export type Component = (typeof COMPONENTS)[number];
export type Components = Partial<Record<Component, number>>;

export interface SkuShare {
  skuId: string;
  skuName: string;
  productName: string;
  /** Units of the SKU in the order (cancelled units excluded). */
  quantity: number;
  amounts: Components;
}

export interface ReserveLine {
  reserveId: string;
  /** Negative when collected, positive when released. */
  amount: number;
  status: "COLLECTED" | "RELEASED";
}

/** One line of a statement: an order, an adjustment or a reserve movement. */
export interface LedgerTransaction {
  id: string;
  /** ORDER, RESERVE or an adjustment type. */
  type: string;
  /** The order settled (ORDER), adjusted (adjustments) or reserved for (RESERVE); null for shop-level adjustments. */
  orderId: string | null;
  /** Sort key of the by-statement endpoints: the order's create time (an adjustment's own time without an order). */
  orderCreateTime: number;
  adjustmentId: string | null;
  /** ORDER: one entry per SKU; adjustments: a single entry with `adjustment`; RESERVE: none. */
  skus: SkuShare[];
  reserve: ReserveLine | null;
}

/** Totals a test may make disagree with the statement's lines (fault injection). */
export type TamperableTotal = "settlement" | "revenue" | "netSales" | "fee" | "shippingCost" | "adjustment";

export interface LedgerStatement {
  id: string;
  /** 00:00 UTC after the day it covers. */
  time: number;
  transactions: LedgerTransaction[];
  /** Null until a payment covers it (small amounts wait for the next statement). */
  paymentId: string | null;
  /** Injected differences between the stated totals and the sum of the lines. */
  tamper: Partial<Record<TamperableTotal, number>>;
}

export interface LedgerPayment {
  id: string;
  createTime: number;
  /** When the payout lands (status PAID from then on). */
  paidAt: number;
  status: "PROCESSING" | "PAID";
  statementIds: string[];
  /** Currency paid out; differs from the statements' for cross-border shops. */
  currency: string;
  /** Statement currency to payout currency, in millionths (1_000_000 = 1.000000). */
  rateMicros: number;
  /** Injected difference between the amount and settlement + reserve, before exchange. */
  amountDelta: number;
}

export interface LedgerWithdrawal {
  id: string;
  type: "SETTLE" | "WITHDRAW";
  createTime: number;
  /** SETTLE: the statement credited. */
  statementId: string | null;
  /** WITHDRAW: the payment sent to the bank. */
  paymentId: string | null;
}

export interface Reserve {
  id: string;
  orderId: string;
  orderCreateTime: number;
  /** Positive minor units held. */
  amount: number;
  collectedOn: string;
  releaseAt: number;
  releasedOn: string | null;
}

/** An overcharge injected on an order's fee; applied to its transaction when it settles. */
export interface FeeOverride {
  component: Component;
  /** Minor units added to the charge (the component gets this much more negative). */
  amount: number;
}

export interface ShopFinance {
  shopId: string;
  /**
   * Three digits that make this shop's finance ids unique, and a counter of its own: ids do not
   * depend on how the other shops' days were interleaved (one 8-day tick or 192 hourly ones).
   */
  tag: number;
  seq: number;
  currency: string;
  payoutCurrency: string;
  /** The next 00:00 UTC to close; null until the ledger has been started. */
  nextStatementAt: number | null;
  statements: LedgerStatement[];
  payments: LedgerPayment[];
  withdrawals: LedgerWithdrawal[];
  reserves: Record<string, Reserve>;
  /** Order id -> statement holding its ORDER transaction. */
  settledOrders: Record<string, string>;
  /** Adjustment id -> statement holding it. */
  settledAdjustments: Record<string, string>;
  /** Orders a test asked to leave out of every statement, with the time they were withheld. */
  withheldOrders: Record<string, number>;
  feeOverrides: Record<string, FeeOverride[]>;
}

export interface FinanceState {
  shops: Record<string, ShopFinance>;
}

// ---- fee model --------------------------------------------------------------------------------

/**
 * The dev shop's rates. TikTok's real rates depend on category, market and date; these are
 * plausible fixed figures, documented in the README, so that a finance app can recompute them.
 * Rates are in hundredths of a percent (600 = 6.00 %), money in minor units.
 */
export interface FeeModel {
  /** US: referral_fee_amount; elsewhere platform_commission_amount. */
  commissionField: "referralFee" | "platformCommission";
  commissionBp: number;
  transactionFeeBp: number;
  /** Share of the commission given back on a refund that TikTok keeps. */
  refundAdminBp: number;
  refundAdminCapPerUnit: number;
  affiliateRatesBp: number[];
  /** Orders (in 100) that came through an affiliate creator. */
  affiliateShare: number;
  fbtFeePerUnit: number;
  reserveBp: number;
  reserveDays: number;
  minimumPayout: number;
  /** Days from payment creation to PAID. */
  payoutDays: number;
  payoutCurrency: string;
}

export function feeModel(shop: Pick<ShopCommerce, "region" | "sellerType" | "currency">): FeeModel {
  const common = {
    refundAdminBp: 2000,
    refundAdminCapPerUnit: 500,
    affiliateRatesBp: [500, 1000, 1500, 2000],
    affiliateShare: 25,
    minimumPayout: 1000,
    payoutDays: 2,
  };
  if (shop.sellerType === "CROSS_BORDER") {
    // A Chinese seller's UK shop: statements in GBP, payouts converted to USD.
    return {
      ...common,
      commissionField: "platformCommission",
      commissionBp: 700,
      transactionFeeBp: 200,
      fbtFeePerUnit: 250,
      reserveBp: 1000,
      reserveDays: 30,
      payoutCurrency: "USD",
    };
  }
  if (shop.region === "US") {
    return {
      ...common,
      commissionField: "referralFee",
      commissionBp: 600,
      transactionFeeBp: 290,
      fbtFeePerUnit: 350,
      reserveBp: 500,
      reserveDays: 14,
      payoutCurrency: shop.currency,
    };
  }
  return {
    ...common,
    commissionField: "platformCommission",
    commissionBp: 900,
    transactionFeeBp: 0,
    fbtFeePerUnit: 250,
    reserveBp: 500,
    reserveDays: 14,
    payoutCurrency: shop.currency,
  };
}

/** GBP -> USD around 1.25, a little different every day, in millionths. */
export function exchangeRateMicros(from: string, to: string, day: number): number {
  if (from === to) return 1_000_000;
  return 1_250_000 + (hash32(`${from}${to}:${day}`) % 60_001) - 30_000;
}

/** The seller's bank account as TikTok shows it: masked, last four digits visible. */
export function bankAccount(shopId: string): string {
  return `***********${String(hash32(`${shopId}:bank`) % 10_000).padStart(4, "0")}`;
}

// ---- ids and lookup ---------------------------------------------------------------------------

const prefixes = {
  statement: "7230",
  payment: "3458",
  transaction: "1636",
  reserve: "5678",
  withdrawal: "8850",
} as const;

/** Finance ids have their own counters, so order ids never shift when finance is added. */
export function nextFinanceId(ledger: ShopFinance, kind: keyof typeof prefixes): string {
  ledger.seq += 1;
  return prefixes[kind] + String(ledger.tag).padStart(3, "0") + String(ledger.seq).padStart(12, "0");
}

/** Adjustments are derived from orders, so their ids are too: stable whenever they are computed. */
export function adjustmentId(orderId: string, slot: number): string {
  return `7238${orderId.slice(-14).padStart(14, "0")}${slot}`;
}

/** The id an order's estimate carries in Get Unsettled Transactions (it changes once settled). */
export function unsettledId(orderId: string): string {
  return `1637${orderId.slice(-14).padStart(14, "0")}0`;
}

export function financeState(state: CommerceState): FinanceState {
  state.finance ??= { shops: {} };
  return state.finance;
}

export function shopFinance(state: CommerceState, shop: ShopCommerce): ShopFinance {
  const finance = financeState(state);
  let ledger = finance.shops[shop.shopId];
  if (!ledger) {
    ledger = {
      shopId: shop.shopId,
      tag: Object.keys(finance.shops).length % 1000,
      seq: 0,
      currency: shop.currency,
      payoutCurrency: feeModel(shop).payoutCurrency,
      nextStatementAt: null,
      statements: [],
      payments: [],
      withdrawals: [],
      reserves: {},
      settledOrders: {},
      settledAdjustments: {},
      withheldOrders: {},
      feeOverrides: {},
    };
    finance.shops[shop.shopId] = ledger;
  }
  return ledger;
}

/** The first 00:00 UTC strictly after `time`. */
export function nextMidnight(time: number): number {
  return Math.floor(time / DAY) * DAY + DAY;
}
