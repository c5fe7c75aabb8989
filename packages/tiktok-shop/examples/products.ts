import type { ShopClient } from "@tts-kit/tiktok-shop";

// Set stock per warehouse; per-SKU failures come back in `errors`, never dropped.
export async function setStock(
  shop: ShopClient,
  productId: string,
  skuId: string,
  warehouseId: string,
  quantity: number,
) {
  const data = await shop.product.updateInventory({
    params: { product_id: productId },
    body: { skus: [{ id: skuId, inventory: [{ warehouse_id: warehouseId, quantity }] }] },
  });
  return "errors" in data ? data.errors : [];
}
