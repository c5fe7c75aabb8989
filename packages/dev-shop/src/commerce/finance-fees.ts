import { isReturnOpen } from "./aftersale-ops.ts";
import {
  adjustmentId,
  type Component,
  type Components,
  DAY,
  type FeeModel,
  type FeeOverride,
  type SkuShare,
} from "./finance-model.ts";
import { applyRate, toMinor } from "./money.ts";
import { activeLines, orderPackages } from "./order-model.ts";
import { hash32, hashInt } from "./rng.ts";
import { defaultParcel, eligibleServices, gramsOf, serviceId } from "./shipping-services.ts";
import type { LineItem, Order, Package, ReturnOrder, ShopCommerce } from "./state.ts";

/**
 * What an order is worth to the seller once TikTok has taken its fees: the fee model applied to
 * the order, its refunds and its parcels, per SKU. Everything is integer minor units; each fee is
 * computed per SKU and rounded half-up there, and order-level amounts (shipping) are spread over
 * the SKUs by units, so the order's figures are exact sums of its SKU lines.
 */

// ---- settlement timing --------------------------------------------------------------------------

/**
 * When an order becomes settleable: once COMPLETED (the return window closed, 15 days after
 * delivery) and every return or refund on it is closed. Null while it is not. Sample orders
 * never settle as orders (their label is an adjustment).
 */
export function settleableAt(order: Order, returns: ReturnOrder[]): number | null {
  if (order.status !== "COMPLETED" || order.completedTime === null || order.isSampleOrder) return null;
  let at = order.completedTime;
  for (const ret of returns) {
    if (isReturnOpen(ret)) return null;
    at = Math.max(at, ret.updateTime);
  }
  return at;
}

/** Returns by order id, built once per pass instead of scanning all returns per order. */
export function returnsByOrder(shop: ShopCommerce): Map<string, ReturnOrder[]> {
  const byOrder = new Map<string, ReturnOrder[]>();
  for (const ret of Object.values(shop.returns)) {
    const list = byOrder.get(ret.orderId);
    if (list) list.push(ret);
    else byOrder.set(ret.orderId, [ret]);
  }
  return byOrder;
}

// ---- parcels ------------------------------------------------------------------------------------

/** TikTok Shipping's STANDARD tariff (as quoted by shipping-services.ts), for return labels. */
const RETURN_TARIFF = { baseCents: 595, perPoundCents: 85 };

function pkgLines(shop: ShopCommerce, pkg: Package): LineItem[] {
  const wanted = new Set(pkg.lineItemIds);
  return pkg.orderIds.flatMap((id) => shop.orders[id]?.lineItems.filter((line) => wanted.has(line.id)) ?? []);
}

/**
 * The price TikTok charges for a package's label: its shipping service's quote for the parcel
 * (the bought service, else the option + carrier it shipped with, else the option's default).
 * Seller-shipped and FBT packages have no TikTok label.
 */
export function labelCost(shop: ShopCommerce, pkg: Package): number {
  const order = shop.orders[pkg.orderIds[0] ?? ""];
  if (!order || pkg.shippingType !== "TIKTOK" || order.fulfillmentType === "FULFILLMENT_BY_TIKTOK") return 0;
  const parcel =
    pkg.weight && pkg.dimension
      ? { dimension: pkg.dimension, weight: pkg.weight }
      : defaultParcel(shop, pkgLines(shop, pkg));
  const services = eligibleServices(shop, order, parcel);
  const wanted =
    pkg.shippingServiceId ??
    (pkg.shippingProviderId ? serviceId(pkg.deliveryOptionId, pkg.shippingProviderId) : null);
  const service =
    services.find((candidate) => candidate.id === wanted) ??
    services.find((candidate) => candidate.isDefault) ??
    services[0];
  return service ? toMinor(service.price, shop.currency) : 0;
}

/** The order's share of its packages' labels (a combined package is split by units). */
export function orderLabelCost(shop: ShopCommerce, order: Order): number {
  let total = 0;
  for (const pkg of orderPackages(shop, order)) {
    if (pkg.stage === "CANCELLED") continue;
    const cost = labelCost(shop, pkg);
    if (cost === 0) continue;
    const units = pkg.orderIds.map((id) => {
      const ids = new Set(shop.orders[id]?.lineItems.map((line) => line.id) ?? []);
      return pkg.lineItemIds.filter((lineId) => ids.has(lineId)).length;
    });
    total += allocate(cost, units)[pkg.orderIds.indexOf(order.id)] ?? 0;
  }
  return total;
}

export function returnLabelCost(shop: ShopCommerce, lines: LineItem[]): number {
  const grams = gramsOf(defaultParcel(shop, lines).weight);
  const pounds = Math.max(1, Math.ceil((grams * 10_000) / 4_535_924));
  return RETURN_TARIFF.baseCents + RETURN_TARIFF.perPoundCents * pounds;
}

// ---- allocation -----------------------------------------------------------------------------------

/** Splits an integer over weights (largest remainder, ties to the first), keeping the exact total. */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || weights.length === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const base = weights.map((w) => Math.floor((abs * w) / sum));
  let left = abs - base.reduce((a, b) => a + b, 0);
  const order = weights
    .map((w, i) => ({ i, rest: (abs * w) % sum }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    base[i] = (base[i] ?? 0) + 1;
    left -= 1;
  }
  return base.map((value) => value * sign);
}

// ---- the order transaction ------------------------------------------------------------------------

/** Whether an affiliate creator brought the order, and at what commission rate (0 when not). */
export function affiliateRateBp(order: Order, model: FeeModel): number {
  const h = hash32(`${order.id}:affiliate`);
  if (h % 100 >= model.affiliateShare) return 0;
  return model.affiliateRatesBp[(h >>> 8) % model.affiliateRatesBp.length] ?? 0;
}

interface Refunds {
  /** Lines refunded in full. */
  full: Set<string>;
  /** Partial refund amount per line. */
  partial: Map<string, number>;
  shipping: number;
  /** Return label cost per line. */
  returnLabel: Map<string, number>;
}

function refundsOf(shop: ShopCommerce, order: Order, returns: ReturnOrder[]): Refunds {
  const currency = shop.currency;
  const refunds: Refunds = { full: new Set(), partial: new Map(), shipping: 0, returnLabel: new Map() };
  for (const ret of returns) {
    if (ret.status !== "RETURN_OR_REFUND_REQUEST_COMPLETE") continue;
    const lines = ret.lineItemIds.flatMap((id) => order.lineItems.filter((line) => line.id === id));
    if (lines.length === 0) continue;
    const r = ret.refund;
    const whole =
      toMinor(r.refundSubtotal, currency) +
      toMinor(r.refundTax, currency) +
      toMinor(r.refundShippingFee, currency) +
      toMinor(r.retailDeliveryFee, currency);
    const paid = toMinor(r.refundTotal, currency);
    if (paid >= whole) {
      for (const line of lines) refunds.full.add(line.id);
      refunds.shipping += toMinor(r.refundShippingFee, currency);
    } else {
      // A partial refund comes off the units' prices, in line order.
      let left = paid;
      lines.forEach((line, index) => {
        const take = index === lines.length - 1 ? left : Math.min(left, toMinor(line.salePrice, currency));
        refunds.partial.set(line.id, (refunds.partial.get(line.id) ?? 0) + take);
        left -= take;
      });
    }
    if (ret.type === "RETURN_AND_REFUND" && ret.trackingNumber !== null && ret.shipmentType === "PLATFORM") {
      const shares = allocate(
        returnLabelCost(shop, lines),
        lines.map(() => 1),
      );
      lines.forEach((line, index) => {
        refunds.returnLabel.set(line.id, (refunds.returnLabel.get(line.id) ?? 0) + (shares[index] ?? 0));
      });
    }
  }
  return refunds;
}

/**
 * The order's transaction, one share per SKU: sales, discounts, refunds, shipping and fees by the
 * shop's fee model. Overrides (injected overcharges) land on the first SKU.
 */
export function orderShares(
  shop: ShopCommerce,
  order: Order,
  returns: ReturnOrder[],
  model: FeeModel,
  overrides: FeeOverride[] = [],
): SkuShare[] {
  const currency = shop.currency;
  const m = (value: string) => toMinor(value, currency);
  const lines = activeLines(order);
  if (lines.length === 0) return [];
  const refunds = refundsOf(shop, order, returns);

  const groups: Array<{ skuId: string; skuName: string; productName: string; lines: LineItem[] }> = [];
  for (const line of lines) {
    const group = groups.find((candidate) => candidate.skuId === line.skuId);
    if (group) group.lines.push(line);
    else
      groups.push({ skuId: line.skuId, skuName: line.skuName, productName: line.productName, lines: [line] });
  }
  const units = groups.map((group) => group.lines.length);
  const fbt = order.fulfillmentType === "FULFILLMENT_BY_TIKTOK";
  const customerShipping = allocate(m(order.payment.shippingFee) + m(order.payment.shippingFeeTax), units);
  const shippingRefund = allocate(-refunds.shipping, units);
  const subsidy = allocate(m(order.payment.shippingFeePlatformDiscount), units);
  const labels = allocate(-orderLabelCost(shop, order), units);
  const affiliateBp = affiliateRateBp(order, model);

  const shares = groups.map((group, index): SkuShare => {
    let gross = 0;
    let sellerDiscount = 0;
    let platformDiscount = 0;
    let tax = 0;
    let paidForUnits = 0;
    let refundedGross = 0;
    let refundedSellerDiscount = 0;
    let refundedPlatformDiscount = 0;
    let refundedTax = 0;
    let customerRefund = 0;
    let refundedBase = 0;
    let refundedUnits = 0;
    let returnLabel = 0;
    for (const line of group.lines) {
      const original = m(line.originalPrice);
      const seller = m(line.sellerDiscount);
      const platform = m(line.platformDiscount);
      const sale = m(line.salePrice);
      const lineTax = line.itemTax.reduce((sum, item) => sum + m(item.taxAmount), 0);
      gross += original;
      sellerDiscount += seller;
      platformDiscount += platform;
      tax += lineTax;
      paidForUnits += sale + lineTax;
      returnLabel += refunds.returnLabel.get(line.id) ?? 0;
      if (refunds.full.has(line.id)) {
        refundedGross += original;
        refundedSellerDiscount += seller;
        refundedPlatformDiscount += platform;
        refundedTax += lineTax;
        customerRefund += sale + lineTax;
        refundedBase += original - seller;
        refundedUnits += 1;
      }
      const partial = refunds.partial.get(line.id) ?? 0;
      if (partial > 0) {
        refundedGross += partial;
        customerRefund += partial;
        refundedBase += partial;
        refundedUnits += 1;
      }
    }
    const base = gross - sellerDiscount;
    refundedBase = Math.min(refundedBase, base);
    const charged = applyRate(base, model.commissionBp);
    const givenBack = applyRate(refundedBase, model.commissionBp);
    const adminFee = Math.min(
      applyRate(givenBack, model.refundAdminBp),
      model.refundAdminCapPerUnit * refundedUnits,
    );
    const keptPayment =
      paidForUnits - customerRefund + (customerShipping[index] ?? 0) + (shippingRefund[index] ?? 0);
    const amounts: Components = {
      grossSales: gross,
      sellerDiscount: -sellerDiscount,
      grossSalesRefund: -refundedGross,
      sellerDiscountRefund: refundedSellerDiscount,
      platformDiscount,
      platformDiscountRefund: -refundedPlatformDiscount,
      salesTaxPayment: tax,
      salesTaxRefund: refundedTax,
      customerRefund: -customerRefund,
      customerShippingFee: customerShipping[index] ?? 0,
      customerShippingFeeRefund: shippingRefund[index] ?? 0,
      shippingFeeSubsidy: subsidy[index] ?? 0,
      fbmShippingCost: labels[index] ?? 0,
      fbtFulfillmentFee: fbt ? -model.fbtFeePerUnit * group.lines.length : 0,
      returnShippingFee: -returnLabel,
      [model.commissionField]: -charged + givenBack,
      transactionFee: -applyRate(Math.max(0, keptPayment), model.transactionFeeBp),
      refundAdministrationFee: -adminFee,
      affiliateCommission: -applyRate(base - refundedBase, affiliateBp),
    };
    return {
      skuId: group.skuId,
      skuName: group.skuName,
      productName: group.productName,
      quantity: group.lines.length,
      amounts: sparse(amounts),
    };
  });
  const first = shares[0];
  if (first) {
    for (const override of overrides) {
      first.amounts[override.component] = (first.amounts[override.component] ?? 0) - override.amount;
    }
  }
  return shares;
}

/** Drops zero components (the views print them as "0"). */
export function sparse(amounts: Components): Components {
  const out: Components = {};
  for (const [key, value] of Object.entries(amounts) as Array<[Component, number | undefined]>) {
    if (value !== undefined && value !== 0) out[key] = value;
  }
  return out;
}

// ---- totals ---------------------------------------------------------------------------------------

export function sumComponents(list: Components[]): Components {
  const out: Components = {};
  for (const amounts of list) {
    for (const [key, value] of Object.entries(amounts) as Array<[Component, number | undefined]>) {
      if (value) out[key] = (out[key] ?? 0) + value;
    }
  }
  return out;
}

/** The documented aggregates of a set of components (202309 and 202501 alike; see README). */
export interface Totals {
  netSales: number;
  afterSellerDiscounts: number;
  customerPayment: number;
  customerOrderRefund: number;
  /** 202309's revenue (customer payment based); informational for UK/US local sellers. */
  revenue: number;
  shippingCost: number;
  fee: number;
  tax: number;
  adjustment: number;
  settlement: number;
}

export function totalsOf(c: Components): Totals {
  const v = (key: Component) => c[key] ?? 0;
  const netSales = v("grossSales") + v("grossSalesRefund") + v("sellerDiscount") + v("sellerDiscountRefund");
  const afterSellerDiscounts = v("grossSales") + v("sellerDiscount");
  const customerPayment =
    afterSellerDiscounts - v("platformDiscount") + v("customerShippingFee") + v("salesTaxPayment");
  const customerOrderRefund = v("customerRefund") + v("customerShippingFeeRefund");
  const revenue =
    customerPayment +
    v("platformDiscount") +
    v("platformDiscountRefund") +
    customerOrderRefund +
    v("shippingFeeSubsidy");
  const shippingCost =
    v("customerShippingFee") +
    v("customerShippingFeeRefund") +
    v("shippingFeeSubsidy") +
    v("fbmShippingCost") +
    v("fbtShippingCost") +
    v("fbtFulfillmentFee") +
    v("returnShippingFee");
  const fee =
    v("referralFee") +
    v("platformCommission") +
    v("transactionFee") +
    v("refundAdministrationFee") +
    v("affiliateCommission");
  const tax = 0;
  const adjustment = v("adjustment");
  return {
    netSales,
    afterSellerDiscounts,
    customerPayment,
    customerOrderRefund,
    revenue,
    shippingCost,
    fee,
    tax,
    adjustment,
    settlement: netSales + shippingCost + fee + tax + adjustment,
  };
}

// ---- adjustments ----------------------------------------------------------------------------------

/** An adjustment derived from an order; it exists once its create time has passed. */
export interface DerivedAdjustment {
  id: string;
  type: string;
  orderId: string;
  orderCreateTime: number;
  createTime: number;
  amount: number;
}

interface AdjustmentKind {
  type: string;
  /** Days after delivery the adjustment is booked. */
  afterDays: number;
  amount: (order: Order, currency: string, key: string) => number;
}

const range =
  (min: number, max: number, sign: 1 | -1) =>
  (_order: Order, _currency: string, key: string): number =>
    sign * hashInt(key, min, max);

/** The adjustment types of the reference (§2.10) that hit ordinary orders, with plausible amounts. */
const ADJUSTMENT_KINDS: AdjustmentKind[] = [
  // The carrier re-weighed the parcel.
  { type: "SHIPPING_FEE_ADJUSTMENT", afterDays: 2, amount: range(50, 300, -1) },
  // Late delivery by the platform's carrier.
  { type: "SHIPPING_FEE_COMPENSATION", afterDays: 3, amount: range(100, 500, 1) },
  // The buyer's bank reversed the payment: the order's subtotal is taken back.
  {
    type: "CHARGE_BACK",
    afterDays: 20,
    amount: (order, currency) => -toMinor(order.payment.subTotal, currency),
  },
  { type: "CUSTOMER_SERVICE_COMPENSATION", afterDays: 4, amount: range(200, 1000, -1) },
  { type: "PROMOTION_ADJUSTMENT", afterDays: 1, amount: range(50, 500, 1) },
  { type: "PLATFORM_COMPENSATION", afterDays: 5, amount: range(500, 2000, 1) },
  { type: "PLATFORM_PENALTY", afterDays: 1, amount: range(100, 500, -1) },
  { type: "PLATFORM_REIMBURSEMENT", afterDays: 6, amount: range(100, 1000, 1) },
  { type: "LOGISTICS_REIMBURSEMENT", afterDays: 7, amount: range(300, 1500, 1) },
  { type: "DEDUCTIONS_INCURRED_BY_SELLER", afterDays: 2, amount: range(100, 800, -1) },
];

/** Orders (in 100) with an adjustment after delivery. */
const ADJUSTED_SHARE = 5;

/**
 * The adjustments an order brings, whether or not they exist yet (compare `createTime` with now):
 * the sample label for a sample order, and for about one delivered order in twenty one of the
 * adjustment kinds above, chosen by a hash of the order id.
 */
export function orderAdjustments(shop: ShopCommerce, order: Order): DerivedAdjustment[] {
  if (order.status === "CANCELLED" || order.paidTime === null) return [];
  const out: DerivedAdjustment[] = [];
  if (order.isSampleOrder) {
    const cost = orderLabelCost(shop, order);
    if (order.rtsTime !== null && cost > 0) {
      out.push({
        id: adjustmentId(order.id, 0),
        type: "SAMPLE_SHIPPING_FEE",
        orderId: order.id,
        orderCreateTime: order.createTime,
        createTime: order.rtsTime,
        amount: -cost,
      });
    }
    return out;
  }
  if (order.deliveryTime === null) return out;
  const h = hash32(`${order.id}:adjustment`);
  if (h % 100 >= ADJUSTED_SHARE) return out;
  const kind = ADJUSTMENT_KINDS[(h >>> 7) % ADJUSTMENT_KINDS.length]!;
  const amount = kind.amount(order, shop.currency, `${order.id}:adjustment-amount`);
  if (amount === 0) return out;
  out.push({
    id: adjustmentId(order.id, 1),
    type: kind.type,
    orderId: order.id,
    orderCreateTime: order.createTime,
    createTime: order.deliveryTime + kind.afterDays * DAY + (h % 7200),
    amount,
  });
  return out;
}
