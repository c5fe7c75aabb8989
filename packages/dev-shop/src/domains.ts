import * as commerce from "./commerce/index.ts";
import type { CommerceState } from "./commerce/state.ts";
import type { Handler } from "./handler.ts";
import type { Shop } from "./state/platform.ts";
import type { DevShopStore } from "./state/store.ts";

/**
 * The seam between the platform (gateway, tokens, authorization, Seller Center) and the commerce
 * side (catalog, orders, fulfillment, returns, finance...), which lives in ./commerce and is
 * written separately. The platform only needs what is re-exported here.
 */

export type ShopEventEmitter = (shopId: string, type: number, data: Record<string, unknown>) => void;

/** Handlers keyed by `"METHOD /path/{placeholders}"` exactly as in the contract. */
export const commerceHandlers: Readonly<Record<string, Handler>> = commerce.commerceHandlers;

export function seedCommerce(
  shops: Shop[],
  opts: { seed: number; now: number; productsPerShop?: number; ordersPerShop?: number },
): CommerceState {
  return commerce.seedCommerce(shops, opts);
}

/** The PDF of a shipped package's label or packing slip, or null when there is none. */
export function renderLabelPdf(
  store: DevShopStore,
  packageId: string,
  options: { documentType: string; documentSize: string },
): Uint8Array | null {
  const size = options.documentSize === "A5" ? "A5" : "A6";
  return commerce.renderLabelPdf(store, packageId, { documentType: options.documentType, size });
}

/** Time-driven transitions (orders paid, shipped, delivered...), run on every clock tick. */
export function tickCommerce(store: DevShopStore, now: number, emit: ShopEventEmitter): void {
  commerce.tickCommerce(store, now, emit);
}

/**
 * The buyer simulation (place an order, pay, cancel, request a return, ship it back...), used by
 * Seller Center's buyer page, the control API and tests through control/buyer.ts.
 */
export const buyer = commerce.buyer;
export const CommerceError = commerce.CommerceError;
export type { PlaceOrderOptions, ReturnOptions } from "./commerce/index.ts";
export type { Address, Order, ReturnOrder } from "./commerce/state.ts";
