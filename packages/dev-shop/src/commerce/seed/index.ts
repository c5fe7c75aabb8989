import type { Shop } from "../../state/platform.ts";
import { advanceFinance } from "../finance-ledger.ts";
import { Rng } from "../rng.ts";
import type { Scope } from "../scope.ts";
import { silent } from "../scope.ts";
import { emptyShopCommerce } from "../shop-data.ts";
import type { CommerceState, ShopCommerce } from "../state.ts";
import { seedProducts } from "./catalog.ts";
import { seedOrders } from "./orders.ts";
import { fakerFor, makeBuyer } from "./people.ts";

/**
 * The commerce seed: per shop, logistics, a catalog, a pool of buyers and ~90 days of order
 * history. The same seed and `now` give byte-identical state (faker and our own PRNG are both
 * seeded; ids come from the state's counter; nothing reads the wall clock).
 */

export interface SeedOptions {
  seed: number;
  /** Unix seconds; the history ends here. */
  now: number;
  productsPerShop?: number;
  ordersPerShop?: number;
}

/** Sized so that the default dev shop has about 150 products and 2,000 orders in total. */
const TOTAL_PRODUCTS = 150;
const TOTAL_ORDERS = 2000;

export function seedCommerce(shops: Shop[], opts: SeedOptions): CommerceState {
  const state: CommerceState = { seq: 0, shops: {} };
  const count = Math.max(1, shops.length);
  const productsPerShop = opts.productsPerShop ?? Math.round(TOTAL_PRODUCTS / count);
  const ordersPerShop = opts.ordersPerShop ?? Math.round(TOTAL_ORDERS / count);
  shops.forEach((shop, index) => {
    const shopSeed = (Math.imul(opts.seed >>> 0, 2654435761) + index * 97 + 1) >>> 0;
    const rng = new Rng(shopSeed);
    const data = emptyShopCommerce(state, shop);
    state.shops[shop.id] = data;
    seedShop(state, data, { productsPerShop, ordersPerShop, now: opts.now, rng, fakerSeed: shopSeed });
    // Finance: the statements, payments and reserves of that history, up to now.
    advanceFinance(state, data, opts.now);
  });
  return state;
}

function seedShop(
  state: CommerceState,
  shop: ShopCommerce,
  opts: { productsPerShop: number; ordersPerShop: number; now: number; rng: Rng; fakerSeed: number },
): void {
  const { rng, now } = opts;
  const faker = fakerFor(shop.region, opts.fakerSeed);
  const products = seedProducts(state, shop, opts.productsPerShop, now, faker, rng);
  for (const product of products) shop.products[product.id] = product;
  const buyerCount = Math.max(3, Math.ceil(opts.ordersPerShop / 2.5));
  shop.buyers = Array.from({ length: buyerCount }, () => makeBuyer(state, shop.region, faker, rng));
  // The history moves stock around as it replays; the catalog's stock is what the shop has now.
  const available = new Map(
    products.flatMap((product) =>
      product.skus.map((sku) => [sku.id, sku.stock.map((row) => row.available)] as const),
    ),
  );
  const scope: Scope = { state, shop, emit: silent };
  seedOrders({ scope, rng, now, buyers: shop.buyers, products, returnFates: new Set() }, opts.ordersPerShop);
  settleStock(shop, available);
}

/** Available stock as seeded; committed stock is exactly what open orders reserve. */
function settleStock(shop: ShopCommerce, available: Map<string, number[]>): void {
  const committed = new Map<string, number>();
  for (const order of Object.values(shop.orders)) {
    if (order.fulfillmentType !== "FULFILLMENT_BY_SELLER" || order.status === "CANCELLED") continue;
    for (const line of order.lineItems) {
      if (line.cancelled) continue;
      const pkg = line.packageId ? shop.packages[line.packageId] : undefined;
      if (pkg && pkg.stage !== "UNSHIPPED") continue;
      const key = `${line.skuId}|${order.warehouseId}`;
      committed.set(key, (committed.get(key) ?? 0) + 1);
    }
  }
  for (const product of Object.values(shop.products)) {
    for (const sku of product.skus) {
      const rows = available.get(sku.id) ?? [];
      sku.stock.forEach((row, index) => {
        row.available = rows[index] ?? row.available;
        row.committed = committed.get(`${sku.id}|${row.warehouseId}`) ?? 0;
      });
    }
  }
}
