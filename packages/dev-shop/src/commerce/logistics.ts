import { type Handler, ok } from "../handler.ts";
import { fullAddress } from "./address-view.ts";
import { attempt, raise } from "./errors.ts";
import { shopOf } from "./shop-data.ts";
import type { DeliveryOption, Warehouse } from "./state.ts";

/** Logistics endpoints (reference §5.4). */

/** TikTok reports an unknown warehouse or delivery option with a generic parameter error. */
const UNKNOWN_LOGISTICS_ID = 36009004;

function renderWarehouse(warehouse: Warehouse): Record<string, unknown> {
  const a = warehouse.address;
  return {
    id: warehouse.id,
    entity_id: warehouse.entityId,
    name: warehouse.name,
    effect_status: warehouse.effectStatus,
    type: warehouse.type,
    sub_type: warehouse.subType,
    is_default: warehouse.isDefault,
    address: {
      region: a.country,
      region_code: a.regionCode,
      state: a.state,
      city: a.city,
      // Misspelled on the wire, as in TikTok's spec.
      distict: "",
      town: "",
      contact_person: a.name,
      first_name: a.firstName,
      last_name: a.lastName,
      first_name_local_script: "",
      last_name_local_script: "",
      postal_code: a.postalCode,
      full_address: fullAddress(a),
      phone_number: a.phone,
      address_line1: a.addressLine1,
      address_line2: a.addressLine2,
      address_line3: "",
      address_line4: "",
      geolocation: { ...warehouse.geolocation },
    },
  };
}

function renderDeliveryOption(option: DeliveryOption, imperial: boolean): Record<string, unknown> {
  return {
    id: option.id,
    name: option.name,
    type: option.type,
    description: option.description,
    platform: ["TIKTOK_SHOP"],
    dimension_limit: imperial
      ? {
          max_length: Math.floor((option.maxDimensionCm * 100) / 254),
          max_width: 60,
          max_height: 60,
          unit: "INCH",
        }
      : { max_length: option.maxDimensionCm, max_width: 150, max_height: 150, unit: "CM" },
    weight_limit: imperial
      ? { max_weight: Math.floor((option.maxWeightGrams * 1000) / 453_592), min_weight: 0, unit: "POUND" }
      : { max_weight: option.maxWeightGrams, min_weight: 1, unit: "GRAM" },
  };
}

const getWarehouses: Handler = (ctx) =>
  attempt(() => ok({ warehouses: shopOf(ctx).warehouses.map(renderWarehouse) }));

const getDeliveryOptions: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const warehouseId = String(ctx.params.warehouse_id);
    const warehouse = shop.warehouses.find((w) => w.id === warehouseId);
    if (!warehouse)
      raise(UNKNOWN_LOGISTICS_ID, `Invalid param error. The warehouse ${warehouseId} does not exist.`, 400);
    return ok({
      delivery_options: shop.deliveryOptions
        .filter((option) => option.warehouseIds.includes(warehouseId))
        .map((option) => renderDeliveryOption(option, shop.region === "US")),
    });
  });

const getShippingProviders: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const optionId = String(ctx.params.delivery_option_id);
    const option = shop.deliveryOptions.find((candidate) => candidate.id === optionId);
    if (!option)
      raise(
        UNKNOWN_LOGISTICS_ID,
        `Invalid param error. The delivery option ${optionId} does not exist.`,
        400,
      );
    return ok({
      shipping_providers: option.providerIds.flatMap((id) => {
        const provider = shop.shippingProviders.find((candidate) => candidate.id === id);
        return provider ? [{ id: provider.id, name: provider.name }] : [];
      }),
    });
  });

/** Seller-level: the cross-border seller's warehouses across its authorized shops. */
const getGlobalWarehouses: Handler = (ctx) =>
  attempt(() => {
    const seen = new Set<string>();
    const warehouses: Record<string, unknown>[] = [];
    for (const shop of ctx.authorizedShops) {
      if (shop.sellerType !== "CROSS_BORDER") continue;
      for (const warehouse of ctx.store.commerce.shops[shop.id]?.warehouses ?? []) {
        if (warehouse.type !== "SALES_WAREHOUSE" || seen.has(warehouse.id)) continue;
        seen.add(warehouse.id);
        warehouses.push({ id: warehouse.id, name: warehouse.name, ownership: "SELLER" });
      }
    }
    return ok({ global_warehouses: warehouses });
  });

export const logisticsHandlers: Record<string, Handler> = {
  "GET /logistics/202309/warehouses": getWarehouses,
  "GET /logistics/202309/warehouses/{warehouse_id}/delivery_options": getDeliveryOptions,
  "GET /logistics/202309/delivery_options/{delivery_option_id}/shipping_providers": getShippingProviders,
  "GET /logistics/202309/global_warehouses": getGlobalWarehouses,
};
