import { z } from "zod";
import { id } from "./common.ts";
import { endpoint } from "./define.ts";
import { scopes } from "./scopes.ts";

const text = z.string().optional();
const count = z.number().optional();

export const warehouseEffectStatus = z.enum(["ENABLED", "DISABLED", "RESTRICTED"]);
export const warehouseType = z.enum(["SALES_WAREHOUSE", "RETURN_WAREHOUSE"]);
export const warehouseSubType = z.enum([
  "DOMESTIC_WAREHOUSE",
  "CB_OVERSEA_WAREHOUSE",
  "CB_DIRECT_SHIPPING_WAREHOUSE",
]);
export const deliveryOptionType = z.enum(["STANDARD", "EXPRESS", "ECONOMY", "SEND_BY_SELLER"]);
export const deliveryOptionPlatform = z.enum(["TIKTOK_SHOP", "TOKOPEDIA"]);
export const globalWarehouseOwnership = z.enum(["SELLER", "PLATFORM_COOPERATION"]);

export const warehouseAddress = z.looseObject({
  region: text,
  region_code: text,
  state: text,
  city: text,
  // Misspelled `distict` in TikTok's spec and on the wire.
  distict: text,
  town: text,
  contact_person: text,
  first_name: text,
  last_name: text,
  first_name_local_script: text,
  last_name_local_script: text,
  postal_code: text,
  full_address: text,
  phone_number: text,
  address_line1: text,
  address_line2: text,
  address_line3: text,
  address_line4: text,
  /** Coordinates as decimal strings. */
  geolocation: z.looseObject({ latitude: text, longitude: text }).optional(),
});

export const warehouse = z.looseObject({
  id,
  entity_id: text,
  name: text,
  effect_status: warehouseEffectStatus.or(z.string()).optional(),
  type: warehouseType.or(z.string()).optional(),
  sub_type: warehouseSubType.or(z.string()).optional(),
  is_default: z.boolean().optional(),
  address: warehouseAddress.optional(),
});
export type Warehouse = z.infer<typeof warehouse>;

export const deliveryOption = z.looseObject({
  id,
  name: text,
  type: deliveryOptionType.or(z.string()).optional(),
  description: text,
  platform: z.array(deliveryOptionPlatform.or(z.string())).default([]),
  dimension_limit: z
    .looseObject({ max_length: count, max_width: count, max_height: count, unit: text })
    .optional(),
  weight_limit: z.looseObject({ max_weight: count, min_weight: count, unit: text }).optional(),
});

export const shippingProvider = z.looseObject({ id, name: text });

export const globalWarehouse = z.looseObject({
  id,
  name: text,
  ownership: globalWarehouseOwnership.or(z.string()).optional(),
});

const base = { cipher: "required", scope: scopes.logistics } as const;

export const logistics = {
  getWarehouseList: endpoint({
    ...base,
    name: "getWarehouseList",
    summary: "The shop's sales and return warehouses with their addresses.",
    method: "GET",
    path: "/logistics/202309/warehouses",
    response: z.looseObject({ warehouses: z.array(warehouse).default([]) }),
  }),
  getWarehouseDeliveryOptions: endpoint({
    ...base,
    name: "getWarehouseDeliveryOptions",
    summary: "Delivery options (standard, express, ...) available from a warehouse.",
    method: "GET",
    path: "/logistics/202309/warehouses/{warehouse_id}/delivery_options",
    params: z.object({ warehouse_id: id }),
    query: z.object({ scope: z.enum(["WAREHOUSE", "PRODUCT"]).optional() }),
    response: z.looseObject({ delivery_options: z.array(deliveryOption).default([]) }),
  }),
  getShippingProviders: endpoint({
    ...base,
    name: "getShippingProviders",
    summary: "Carriers that can serve a delivery option.",
    method: "GET",
    path: "/logistics/202309/delivery_options/{delivery_option_id}/shipping_providers",
    params: z.object({ delivery_option_id: id }),
    response: z.looseObject({ shipping_providers: z.array(shippingProvider).default([]) }),
  }),
  getGlobalSellerWarehouse: endpoint({
    name: "getGlobalSellerWarehouse",
    summary: "A cross-border seller's global warehouses.",
    method: "GET",
    path: "/logistics/202309/global_warehouses",
    // Seller-level: TikTok rejects a shop_cipher here (36009004).
    cipher: "refused",
    scope: scopes.logistics,
    response: z.looseObject({ global_warehouses: z.array(globalWarehouse).default([]) }),
  }),
};
