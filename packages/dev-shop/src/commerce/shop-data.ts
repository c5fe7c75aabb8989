import type { HandlerContext } from "../handler.ts";
import type { Shop } from "../state/platform.ts";
import type { DevShopStore } from "../state/store.ts";
import { codes, raise } from "./errors.ts";
import { hash32, Rng } from "./rng.ts";
import { buildLogistics } from "./seed/logistics.ts";
import type { Cancellation, Order, Package, Product, ReturnOrder, ShopCommerce } from "./state.ts";

/** Webhook emission scoped to one shop (the handler context's `emit`, or a wrapper in tick). */
export type ShopEmit = (type: number, data: Record<string, unknown>) => void;

export function findShopData(store: DevShopStore, shopId: string): ShopCommerce | undefined {
  return store.commerce.shops[shopId];
}

/** An empty commerce record with the market's logistics, for shops created after seeding. */
export function ensureShopCommerce(store: DevShopStore, shop: Shop): ShopCommerce {
  const existing = store.commerce.shops[shop.id];
  if (existing) return existing;
  const created = emptyShopCommerce(store.commerce, shop);
  store.commerce.shops[shop.id] = created;
  return created;
}

export function emptyShopCommerce(state: DevShopStore["commerce"], shop: Shop): ShopCommerce {
  const logistics = buildLogistics(state, shop, new Rng(hash32(shop.id)));
  return {
    shopId: shop.id,
    region: shop.region,
    currency: shop.currency,
    sellerType: shop.sellerType,
    ...logistics,
    buyers: [],
    products: {},
    orders: {},
    packages: {},
    cancellations: {},
    returns: {},
    externalOrders: [],
    firstMileBundles: [],
    idempotency: {},
  };
}

/** The commerce record of the shop named by `shop_cipher` (the gateway has resolved it). */
export function shopOf(ctx: HandlerContext): ShopCommerce {
  if (!ctx.shop) {
    raise(
      106013,
      "Missing identifier. The `shop_cipher` query parameter is required to identify the target shop.",
    );
  }
  return ensureShopCommerce(ctx.store, ctx.shop);
}

/** The shop holding an order, if any; used to tell "another seller's order" from "no such order". */
export function ownerOfOrder(store: DevShopStore, orderId: string): ShopCommerce | undefined {
  return Object.values(store.commerce.shops).find((shop) => orderId in shop.orders);
}

/**
 * An order of the current shop. Unknown ids and other shops' ids get the same answer, 21008111:
 * from the caller's side both are orders that do not belong to it.
 */
export function requireOrder(shop: ShopCommerce, orderId: string): Order {
  const order = shop.orders[orderId];
  if (!order) raise(codes.notBelong, "The order or package does not belong to the current seller.");
  return order;
}

export function listOrders(store: DevShopStore, shopId: string): Order[] {
  return Object.values(store.commerce.shops[shopId]?.orders ?? {});
}

export function listProducts(store: DevShopStore, shopId: string): Product[] {
  return Object.values(store.commerce.shops[shopId]?.products ?? {});
}

export function listPackages(store: DevShopStore, shopId: string): Package[] {
  return Object.values(store.commerce.shops[shopId]?.packages ?? {});
}

export function listCancellations(store: DevShopStore, shopId: string): Cancellation[] {
  return Object.values(store.commerce.shops[shopId]?.cancellations ?? {});
}

export function listReturns(store: DevShopStore, shopId: string): ReturnOrder[] {
  return Object.values(store.commerce.shops[shopId]?.returns ?? {});
}
