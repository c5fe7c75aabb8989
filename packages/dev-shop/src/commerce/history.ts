import type { DevShopStore } from "../state/store.ts";
import { type PlaceOrderOptions, placeOrder } from "./buyer.ts";
import { mintTrackingNumber } from "./carriers.ts";
import { codes, raise } from "./errors.ts";
import { deliveryOptionOf, providerOf, type ShipOptions, shipPackage } from "./fulfillment-ops.ts";
import { advanceOrder, type ShopEventEmitter } from "./lifecycle.ts";
import { HOLD_SECONDS, orderPackages } from "./order-model.ts";
import type { Scope } from "./scope.ts";
import { findShopData } from "./shop-data.ts";
import type { FulfillmentType, Package } from "./state.ts";

/**
 * Orders placed in the past, for tests and demos that need history the seed may not have: an
 * order shipped after its ship-by deadline, one fulfilled by TikTok, one still waiting days after
 * payment. Like the seeder, it places the order at its time through the buyer simulation and then
 * replays it to now with the same operations and lifecycle rules, so every field agrees.
 */

export interface HistoricalOrderOptions extends PlaceOrderOptions {
  /** When the buyer placed (and, unless `unpaid`, paid for) the order; at most 90 days ago. */
  placedAt: number;
  /** Ship every package of the order at this time (after the hold ends). */
  shippedAt?: number;
  fulfillmentType?: FulfillmentType;
}

const MAX_AGE_SECONDS = 90 * 86_400;

function sellerShipment(scope: Scope, pkg: Package): ShipOptions {
  const option = deliveryOptionOf(scope.shop, pkg.deliveryOptionId);
  const provider = providerOf(scope.shop, option?.providerIds[0] ?? null);
  if (!provider) return {};
  return {
    selfShipment: {
      trackingNumber: mintTrackingNumber(provider.trackingFormat, `${pkg.id}:seller`),
      providerId: provider.id,
    },
  };
}

export function placeHistoricalOrder(
  store: DevShopStore,
  shopId: string,
  now: number,
  emit: ShopEventEmitter,
  options: HistoricalOrderOptions,
): string {
  const { placedAt, shippedAt, fulfillmentType, ...placement } = options;
  if (!Number.isInteger(placedAt) || placedAt > now || placedAt < now - MAX_AGE_SECONDS) {
    raise(codes.invalidParam, "placed_at must be a Unix time within the last 90 days.");
  }
  if (shippedAt !== undefined) {
    if (!Number.isInteger(shippedAt) || shippedAt <= placedAt || shippedAt > now) {
      raise(codes.invalidParam, "shipped_at must be after placed_at and not in the future.");
    }
    if (fulfillmentType === "FULFILLMENT_BY_TIKTOK" || placement.unpaid) {
      raise(codes.invalidParam, "Only a paid order fulfilled by the seller can be given a shipped_at.");
    }
    if (placement.onHold !== false && shippedAt < placedAt + HOLD_SECONDS) {
      raise(codes.invalidParam, "shipped_at falls in the one-hour hold after payment: ship it later.");
    }
  }
  const orderId = placeOrder(store, shopId, placedAt, emit, placement);
  const shop = findShopData(store, shopId)!;
  const order = shop.orders[orderId]!;
  if (fulfillmentType) order.fulfillmentType = fulfillmentType;
  const scope: Scope = { state: store.commerce, shop, emit: (type, data) => emit(shopId, type, data) };
  if (shippedAt !== undefined) {
    advanceOrder(scope, order, shippedAt);
    if (order.status !== "AWAITING_SHIPMENT") {
      raise(
        codes.invalidParam,
        `At shipped_at the order is ${order.status}: ship it after the one-hour hold.`,
      );
    }
    for (const pkg of orderPackages(shop, order)) {
      if (pkg.stage !== "UNSHIPPED") continue;
      shipPackage(scope, pkg, shippedAt, pkg.shippingType === "SELLER" ? sellerShipment(scope, pkg) : {});
    }
  }
  advanceOrder(scope, order, now);
  return orderId;
}
