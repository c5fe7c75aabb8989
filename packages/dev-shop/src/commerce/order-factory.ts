import { nextId } from "./ids.ts";
import { applyRate, fromMinor, rateString, toMinor } from "./money.ts";
import { emitOrderStatus, UNPAID_TIMEOUT_SECONDS } from "./order-model.ts";
import type { Scope } from "./scope.ts";
import type { Buyer, DeliveryOption, FulfillmentType, LineItem, Order, Product, Sku } from "./state.ts";
import { salesTaxRate } from "./tax.ts";

/**
 * Builds a new UNPAID order with TikTok's price arithmetic: one line item per unit,
 * `sale = original - seller discount - platform discount`, `sub_total` and `shipping_fee` by the
 * documented identities, US sales tax per line, and `total = sub_total + shipping + tax`.
 * The buyer simulation and the seeder both place orders through here.
 */

export interface UnitSpec {
  product: Product;
  sku: Sku;
  isGift?: boolean;
}

export interface NewOrder {
  buyer: Buyer;
  warehouseId: string;
  deliveryOption: DeliveryOption;
  units: UnitSpec[];
  at: number;
  isSample?: boolean;
  fulfillmentType?: FulfillmentType;
  buyerMessage?: string;
  /** Seller- and platform-funded discounts on each paid unit, in hundredths of a percent. */
  sellerDiscountBp?: number;
  platformDiscountBp?: number;
  paymentMethodName?: string;
  /**
   * Whether the order follows the ON_HOLD flow once paid (default true). TikTok flags this from
   * the start: its own sample webhook shows an UNPAID order with is_on_hold_order true.
   */
  onHold?: boolean;
}

/** Shipping list prices per delivery option type, in minor units. */
const shippingFees: Record<string, Record<string, number>> = {
  US: { STANDARD: 599, EXPRESS: 1299, ECONOMY: 399, SEND_BY_SELLER: 599 },
  GB: { STANDARD: 349, EXPRESS: 699, ECONOMY: 249, SEND_BY_SELLER: 349 },
};
/** Orders at or above this subtotal ship free, funded by the platform. */
const freeShippingFrom: Record<string, number> = { US: 3500, GB: 2500 };

export function buildOrder(scope: Scope, spec: NewOrder): Order {
  const { shop } = scope;
  const currency = shop.currency;
  const money = (minor: number) => fromMinor(minor, currency);
  const taxBp = salesTaxRate(spec.buyer.address.regionCode, spec.buyer.address.state);
  const orderId = nextId(scope.state, "order");

  const lines: LineItem[] = spec.units.map(({ product, sku, isGift }) => {
    const original = toMinor(sku.price, currency);
    const free = Boolean(isGift) || Boolean(spec.isSample);
    const seller = free ? original : applyRate(original, spec.sellerDiscountBp ?? 0);
    const platform = free ? 0 : applyRate(original, spec.platformDiscountBp ?? 0);
    const sale = original - seller - platform;
    const tax = taxBp > 0 && sale > 0 ? applyRate(sale, taxBp) : 0;
    return {
      id: nextId(scope.state, "lineItem"),
      productId: product.id,
      productName: product.title,
      skuId: sku.id,
      skuName: sku.salesAttributes.map((attribute) => attribute.valueName).join(", ") || "Default",
      skuImage: sku.imageUrl,
      sellerSku: sku.sellerSku,
      originalPrice: money(original),
      salePrice: money(sale),
      sellerDiscount: money(seller),
      platformDiscount: money(platform),
      isGift: Boolean(isGift),
      itemTax: tax > 0 ? [{ taxType: "SALES_TAX", taxAmount: money(tax), taxRate: rateString(taxBp) }] : [],
      packageId: null,
      cancelled: false,
      cancelReason: "",
      cancelUser: null,
    };
  });

  const sum = (pick: (line: LineItem) => string) =>
    lines.reduce((total, line) => total + toMinor(pick(line), currency), 0);
  const originalProducts = sum((line) => line.originalPrice);
  const sellerDiscount = sum((line) => line.sellerDiscount);
  const platformDiscount = sum((line) => line.platformDiscount);
  const subTotal = originalProducts - sellerDiscount - platformDiscount;
  const productTax = lines.reduce(
    (total, line) => total + line.itemTax.reduce((inner, tax) => inner + toMinor(tax.taxAmount, currency), 0),
    0,
  );
  const originalShipping = shippingFees[shop.region]?.[spec.deliveryOption.type] ?? 499;
  // Samples ship at the seller's cost; large baskets ship free at the platform's.
  const shippingSeller = spec.isSample ? originalShipping : 0;
  const shippingPlatform =
    !spec.isSample && subTotal >= (freeShippingFrom[shop.region] ?? 3000) ? originalShipping : 0;
  const shippingFee = originalShipping - shippingSeller - shippingPlatform;

  const order: Order = {
    id: orderId,
    status: "UNPAID",
    createTime: spec.at,
    updateTime: spec.at,
    paidTime: null,
    holdUntil: null,
    isOnHoldOrder: spec.onHold ?? true,
    userId: spec.buyer.userId,
    buyerEmail: spec.buyer.email,
    buyerMessage: spec.buyerMessage ?? "",
    sellerNote: "",
    address: { ...spec.buyer.address },
    hasUpdatedRecipientAddress: false,
    lineItems: lines,
    payment: {
      currency,
      subTotal: money(subTotal),
      shippingFee: money(shippingFee),
      sellerDiscount: money(sellerDiscount),
      platformDiscount: money(platformDiscount),
      totalAmount: money(subTotal + shippingFee + productTax),
      originalTotalProductPrice: money(originalProducts),
      originalShippingFee: money(originalShipping),
      shippingFeeSellerDiscount: money(shippingSeller),
      shippingFeePlatformDiscount: money(shippingPlatform),
      tax: money(productTax),
      productTax: money(productTax),
      shippingFeeTax: money(0),
      retailDeliveryFee: money(0),
    },
    paymentMethodName: spec.paymentMethodName ?? "Credit card",
    shippingType: spec.deliveryOption.type === "SEND_BY_SELLER" ? "SELLER" : "TIKTOK",
    fulfillmentType: spec.fulfillmentType ?? "FULFILLMENT_BY_SELLER",
    deliveryOptionId: spec.deliveryOption.id,
    warehouseId: spec.warehouseId,
    isSampleOrder: Boolean(spec.isSample),
    isBuyerRequestCancel: false,
    requestCancelTime: null,
    cancelOrderSlaTime: null,
    cancelReason: "",
    cancellationInitiator: null,
    cancelTime: null,
    rtsSlaTime: null,
    rtsTime: null,
    collectionTime: null,
    deliveryTime: null,
    completedTime: null,
    splitOrCombineTag: null,
  };
  scope.shop.orders[order.id] = order;
  emitOrderStatus(scope, order);
  return order;
}

/** When an unpaid order is cancelled by the platform. */
export function unpaidDeadline(order: Order): number {
  return order.createTime + UNPAID_TIMEOUT_SECONDS;
}
