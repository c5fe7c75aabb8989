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

export function seedCommerce(shops: Shop[], opts: { seed: number; now: number }): CommerceState {
  return commerce.seedCommerce(shops, opts);
}

/** Time-driven transitions (orders paid, shipped, delivered...), run on every clock tick. */
export function tickCommerce(store: DevShopStore, now: number, emit: ShopEventEmitter): void {
  commerce.tickCommerce(store, now, emit);
}

/**
 * The buyer simulation (place an order, cancel, request a return...) when the commerce side
 * exports one as `buyer`: an object of functions. Seller Center's buyer page renders from it.
 */
export const buyerSimulation: Readonly<Record<string, unknown>> | null = (() => {
  const exported = (commerce as unknown as Record<string, unknown>).buyer;
  return exported !== null && typeof exported === "object" ? (exported as Record<string, unknown>) : null;
})();
