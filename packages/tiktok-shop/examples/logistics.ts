import type { ShopClient } from "@tts-kit/tiktok-shop";

// Warehouses, their delivery options and each option's carriers: what a carrier mapping needs.
export async function carrierOptions(shop: ShopClient) {
  const { warehouses } = await shop.logistics.getWarehouseList();
  const result = [];
  for (const warehouse of warehouses) {
    const { delivery_options } = await shop.logistics.getWarehouseDeliveryOptions({
      params: { warehouse_id: warehouse.id },
    });
    for (const option of delivery_options) {
      const { shipping_providers } = await shop.logistics.getShippingProviders({
        params: { delivery_option_id: option.id },
      });
      result.push({
        warehouse: warehouse.name,
        option: option.name,
        carriers: shipping_providers.map((p) => p.name),
      });
    }
  }
  return result;
}
