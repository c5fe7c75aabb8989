import type { ShopEmit } from "./shop-data.ts";
import type { CommerceState, ShopCommerce } from "./state.ts";

/**
 * What a domain operation works on: the whole commerce state (for the id counter), the shop it
 * acts in, and the shop's webhook outlet. Handlers, the tick, the buyer simulation and the seeder
 * all build one, so a transition behaves the same whoever triggers it.
 */
export interface Scope {
  state: CommerceState;
  shop: ShopCommerce;
  emit: ShopEmit;
}

/** An outlet that drops everything; the seeder builds history without notifying anyone. */
export const silent: ShopEmit = () => {};
