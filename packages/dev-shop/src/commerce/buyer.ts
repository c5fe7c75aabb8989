import type { DevShopStore } from "../state/store.ts";
import {
  buyerAnswersPartialRefund,
  buyerCancel,
  buyerShipsReturn,
  buyerWithdrawsReturn,
  openReturn,
  requireReturn,
} from "./aftersale-ops.ts";
import { codes, raise } from "./errors.ts";
import { payOrder } from "./fulfillment-ops.ts";
import type { ShopEventEmitter } from "./lifecycle.ts";
import { buildOrder, type UnitSpec } from "./order-factory.ts";
import { reserveStock } from "./order-model.ts";
import { Rng } from "./rng.ts";
import type { Scope } from "./scope.ts";
import { fakerFor, makeBuyer } from "./seed/people.ts";
import { findShopData } from "./shop-data.ts";
import type { Address, Order, Product, ShopCommerce, Sku } from "./state.ts";

/**
 * The buyer simulation behind Seller Center's buyer page and the tests: what a TikTok buyer can
 * do to a shop. Every action goes through the same operations as the API and emits the same
 * webhooks. Errors are CommerceErrors carrying TikTok-style codes and a readable message.
 */

function scopeFor(store: DevShopStore, shop: ShopCommerce, emit: ShopEventEmitter): Scope {
  return { state: store.commerce, shop, emit: (type, data) => emit(shop.shopId, type, data) };
}

function shopOfOrder(store: DevShopStore, orderId: string): ShopCommerce {
  const shop = Object.values(store.commerce.shops).find((candidate) => orderId in candidate.orders);
  if (!shop) raise(codes.notBelong, `No order ${orderId} in the dev shop.`);
  return shop;
}

function shopOfReturn(store: DevShopStore, returnId: string): ShopCommerce {
  const shop = Object.values(store.commerce.shops).find((candidate) => returnId in candidate.returns);
  if (!shop) raise(codes.aftersaleNotFound, `No return ${returnId} in the dev shop.`);
  return shop;
}

export interface PlaceOrderOptions {
  /** SKUs to buy (default: one or two random live SKUs in stock). */
  skuIds?: string[];
  quantityPerSku?: number;
  /** Pay into the one-hour ON_HOLD window (default) or straight to AWAITING_SHIPMENT. */
  onHold?: boolean;
  shippingType?: "TIKTOK" | "SELLER";
  /** Leave the order UNPAID (it is cancelled by the platform after 24 hours). */
  unpaid?: boolean;
  /** Buy as this existing buyer (e.g. to create combinable orders). */
  buyerUserId?: string;
  warehouseId?: string;
  isSample?: boolean;
  /** Add a free gift unit of this SKU. */
  giftSkuId?: string;
}

function liveSku(shop: ShopCommerce, skuId: string): { product: Product; sku: Sku } {
  for (const product of Object.values(shop.products)) {
    const sku = product.skus.find((candidate) => candidate.id === skuId);
    if (!sku) continue;
    if (product.status !== "ACTIVATE" || sku.status !== "NORMAL") {
      raise(
        codes.productStatusInvalid,
        `The SKU ${skuId} is not on sale (product status ${product.status}).`,
      );
    }
    return { product, sku };
  }
  raise(codes.skuNotInProduct, `The SKU ${skuId} does not exist in this shop.`);
}

/** Places an order and returns its id. Units are reserved (available -> committed) at once. */
export function placeOrder(
  store: DevShopStore,
  shopId: string,
  now: number,
  emit: ShopEventEmitter,
  opts: PlaceOrderOptions = {},
): string {
  const shop = findShopData(store, shopId);
  if (!shop) raise(codes.notBelong, `No shop ${shopId} in the dev shop.`);
  const rng = new Rng(store.commerce.seq * 7919 + now);
  const quantity = Math.max(1, Math.floor(opts.quantityPerSku ?? 1));
  const sales = shop.warehouses.filter((w) => w.type === "SALES_WAREHOUSE");
  const fits = (sku: Sku, warehouseId: string) =>
    (sku.stock.find((row) => row.warehouseId === warehouseId)?.available ?? 0) >= quantity;

  let picks: Array<{ product: Product; sku: Sku }>;
  if (opts.skuIds && opts.skuIds.length > 0) {
    picks = opts.skuIds.map((id) => liveSku(shop, id));
  } else {
    const candidates = Object.values(shop.products)
      .filter((product) => product.status === "ACTIVATE")
      .flatMap((product) =>
        product.skus.filter((sku) => sku.status === "NORMAL").map((sku) => ({ product, sku })),
      )
      .filter(({ sku }) => sales.some((w) => fits(sku, w.id)));
    if (candidates.length === 0) raise(codes.stockInvalid, "No live SKU has stock to sell.");
    const first = rng.pick(candidates);
    const warehouse = sales.find((w) => fits(first.sku, w.id))!;
    const second = rng.chance(0.4)
      ? candidates.find((c) => c.sku.id !== first.sku.id && fits(c.sku, warehouse.id))
      : undefined;
    picks = second ? [first, second] : [first];
  }
  const warehouse =
    (opts.warehouseId ? sales.find((w) => w.id === opts.warehouseId) : undefined) ??
    sales.find((w) => picks.every(({ sku }) => fits(sku, w.id)));
  if (!warehouse || !picks.every(({ sku }) => fits(sku, warehouse.id))) {
    raise(codes.stockInvalid, "Not enough stock in a single warehouse for this order.");
  }
  const option =
    opts.shippingType === "SELLER"
      ? shop.deliveryOptions.find((o) => o.type === "SEND_BY_SELLER")
      : shop.deliveryOptions.find((o) => o.type === "STANDARD" && o.warehouseIds.includes(warehouse.id));
  if (!option) raise(codes.providerInvalid, "The shop has no matching delivery option.");

  let buyer = opts.buyerUserId ? shop.buyers.find((b) => b.userId === opts.buyerUserId) : undefined;
  if (opts.buyerUserId && !buyer) raise(codes.invalidParam, `No buyer ${opts.buyerUserId} in this shop.`);
  if (!buyer && shop.buyers.length === 0) {
    shop.buyers.push(makeBuyer(store.commerce, shop.region, fakerFor(shop.region, store.commerce.seq), rng));
  }
  buyer ??= rng.pick(shop.buyers);

  const units: UnitSpec[] = picks.flatMap((pick) => Array.from({ length: quantity }, () => ({ ...pick })));
  if (opts.giftSkuId) units.push({ ...liveSku(shop, opts.giftSkuId), isGift: true });
  const scope = scopeFor(store, shop, emit);
  const order = buildOrder(scope, {
    buyer,
    warehouseId: warehouse.id,
    deliveryOption: option,
    units,
    at: now,
    isSample: Boolean(opts.isSample),
    onHold: opts.onHold ?? true,
  });
  reserveStock(shop, order, order.lineItems);
  if (!opts.unpaid) payOrder(scope, order, now, opts.onHold ?? true);
  return order.id;
}

/**
 * Completes payment of an UNPAID order: into ON_HOLD unless the order was placed on (or `onHold`
 * asks for) the legacy flow that goes straight to AWAITING_SHIPMENT.
 */
export function payForOrder(
  store: DevShopStore,
  orderId: string,
  now: number,
  emit: ShopEventEmitter,
  onHold?: boolean,
): void {
  const shop = shopOfOrder(store, orderId);
  const order = shop.orders[orderId]!;
  if (order.status !== "UNPAID") raise(codes.aftersaleStatus, `The order is ${order.status}, not UNPAID.`);
  payOrder(scopeFor(store, shop, emit), order, now, onHold ?? order.isOnHoldOrder);
}

/** Cancels at once while UNPAID or ON_HOLD; afterwards opens a request the seller must answer. */
export function requestCancellation(
  store: DevShopStore,
  orderId: string,
  now: number,
  emit: ShopEventEmitter,
  reason?: string,
): string {
  const shop = shopOfOrder(store, orderId);
  return buyerCancel(scopeFor(store, shop, emit), shop.orders[orderId]!, now, reason).id;
}

export interface ReturnOptions {
  type?: "REFUND" | "RETURN_AND_REFUND";
  lineItemIds?: string[];
  reason?: string;
}

export function requestReturn(
  store: DevShopStore,
  orderId: string,
  now: number,
  emit: ShopEventEmitter,
  opts: ReturnOptions = {},
): string {
  const shop = shopOfOrder(store, orderId);
  const order: Order = shop.orders[orderId]!;
  return openReturn(
    scopeFor(store, shop, emit),
    order,
    {
      type: opts.type ?? "RETURN_AND_REFUND",
      ...(opts.lineItemIds ? { lineIds: opts.lineItemIds } : {}),
      ...(opts.reason ? { reasonName: opts.reason } : {}),
    },
    now,
  ).id;
}

/** The buyer hands an approved return to the carrier. */
export function shipReturn(store: DevShopStore, returnId: string, now: number, emit: ShopEventEmitter): void {
  const shop = shopOfReturn(store, returnId);
  buyerShipsReturn(scopeFor(store, shop, emit), requireReturn(shop, returnId), now);
}

export function answerPartialRefund(
  store: DevShopStore,
  returnId: string,
  accept: boolean,
  now: number,
  emit: ShopEventEmitter,
): void {
  const shop = shopOfReturn(store, returnId);
  buyerAnswersPartialRefund(scopeFor(store, shop, emit), requireReturn(shop, returnId), accept, now);
}

export function withdrawReturn(
  store: DevShopStore,
  returnId: string,
  now: number,
  emit: ShopEventEmitter,
): void {
  const shop = shopOfReturn(store, returnId);
  buyerWithdrawsReturn(scopeFor(store, shop, emit), requireReturn(shop, returnId), now);
}

/**
 * The buyer changes the delivery address before the order ships (webhook 3). The new address
 * defaults to another address of the same market.
 */
export function updateAddress(
  store: DevShopStore,
  orderId: string,
  now: number,
  emit: ShopEventEmitter,
  address?: Partial<Address>,
): void {
  const shop = shopOfOrder(store, orderId);
  const order = shop.orders[orderId]!;
  if (!["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT"].includes(order.status)) {
    raise(codes.aftersaleStatus, `The address can no longer be changed: the order is ${order.status}.`);
  }
  const fresh = makeBuyer(
    store.commerce,
    shop.region,
    fakerFor(shop.region, store.commerce.seq),
    new Rng(now),
  ).address;
  order.address = {
    ...fresh,
    name: order.address.name,
    firstName: order.address.firstName,
    lastName: order.address.lastName,
    ...address,
  };
  order.hasUpdatedRecipientAddress = true;
  order.updateTime = now;
  emit(shop.shopId, 3, { order_id: order.id, update_time: now });
}

export const buyer = {
  placeOrder,
  payForOrder,
  requestCancellation,
  requestReturn,
  shipReturn,
  answerPartialRefund,
  withdrawReturn,
  updateAddress,
};
