import { providerOf } from "./fulfillment-ops.ts";
import { applyRate, fromMinor } from "./money.ts";
import { hash32 } from "./rng.ts";
import type { LineItem, Order, ShopCommerce } from "./state.ts";

/**
 * TikTok Shipping label offers (US Get Eligible Shipping Service / Create Packages). Each TikTok
 * delivery option of the order's warehouse, served by each of its carriers, is one service with a
 * price from the parcel's weight. Ids are derived from option and carrier so that the id a client
 * got from the query is still valid when it buys the label.
 */

export interface ShippingService {
  id: string;
  name: string;
  price: string;
  currency: string;
  earliestDeliveryDays: number;
  latestDeliveryDays: number;
  isDefault: boolean;
  providerId: string;
  providerName: string;
}

export interface Parcel {
  dimension: { length: string; width: string; height: string; unit: "CM" | "INCH" };
  weight: { value: string; unit: "GRAM" | "POUND" };
}

const tariff: Record<string, { baseCents: number; perPoundCents: number }> = {
  ECONOMY: { baseCents: 450, perPoundCents: 60 },
  STANDARD: { baseCents: 595, perPoundCents: 85 },
  EXPRESS: { baseCents: 1295, perPoundCents: 210 },
};

export function serviceId(optionId: string, providerId: string): string {
  return `71${String(hash32(`${optionId}|${providerId}`)).padStart(10, "0")}${String(hash32(`${providerId}|${optionId}`) % 10_000_000).padStart(7, "0")}`;
}

/** Whole grams of a weight given as a decimal string, using integer arithmetic only. */
export function weightToGrams(value: string, unit: "GRAM" | "KILOGRAM" | "POUND"): number {
  const [whole = "0", fraction = ""] = value.split(".");
  const thousandths = Number(whole) * 1000 + Number(`${fraction}000`.slice(0, 3));
  if (unit === "KILOGRAM") return thousandths;
  // 1 lb = 453.592 g.
  if (unit === "POUND") return Math.round((thousandths * 453_592) / 1_000_000);
  return Math.round(thousandths / 1000);
}

export function gramsOf(weight: Parcel["weight"]): number {
  return weightToGrams(weight.value, weight.unit);
}

/** The parcel TikTok assumes when the seller gives none: the products' package data summed. */
export function defaultParcel(shop: ShopCommerce, lines: LineItem[]): Parcel {
  let grams = 0;
  let longest = 10;
  for (const line of lines) {
    const product = shop.products[line.productId];
    if (!product) {
      grams += 500;
      continue;
    }
    grams += weightToGrams(product.packageWeight.value, product.packageWeight.unit);
    longest = Math.max(longest, Math.ceil(Number(product.packageDimensions.length)));
  }
  return {
    dimension: {
      length: String(longest),
      width: "20",
      height: String(Math.min(60, 5 * lines.length + 5)),
      unit: "CM",
    },
    weight: { value: String(Math.max(grams, 50)), unit: "GRAM" },
  };
}

export function eligibleServices(shop: ShopCommerce, order: Order, parcel: Parcel): ShippingService[] {
  const grams = gramsOf(parcel.weight);
  const pounds = Math.max(1, Math.ceil((grams * 10_000) / 4_535_924));
  const services: ShippingService[] = [];
  for (const option of shop.deliveryOptions) {
    if (option.type === "SEND_BY_SELLER" || !option.warehouseIds.includes(order.warehouseId)) continue;
    const rate = tariff[option.type] ?? { baseCents: 595, perPoundCents: 85 };
    option.providerIds.forEach((providerId, index) => {
      const provider = providerOf(shop, providerId);
      if (!provider) return;
      const cents = applyRate(rate.baseCents + rate.perPoundCents * pounds, 10_000 + index * 1_200);
      services.push({
        id: serviceId(option.id, providerId),
        name: `${provider.name} ${option.name}`,
        price: fromMinor(cents, shop.currency),
        currency: shop.currency,
        earliestDeliveryDays: option.transitDays.min,
        latestDeliveryDays: option.transitDays.max,
        isDefault: option.id === order.deliveryOptionId && index === 0,
        providerId,
        providerName: provider.name,
      });
    });
  }
  return services;
}

export function renderService(service: ShippingService): Record<string, unknown> {
  return {
    id: service.id,
    name: service.name,
    price: service.price,
    currency: service.currency,
    earliest_delivery_days: service.earliestDeliveryDays,
    latest_delivery_days: service.latestDeliveryDays,
    is_default: service.isDefault,
    shipping_provider_id: service.providerId,
    shipping_provider_name: service.providerName,
  };
}
