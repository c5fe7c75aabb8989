import { isTikTokShopError, type ShopClient } from "@tts-kit/tiktok-shop";

// Seller shipping: mark the order's lines as shipped with our own carrier's tracking number.
export async function shipWithOwnCarrier(
  shop: ShopClient,
  orderId: string,
  lineIds: string[],
  tracking: string,
) {
  try {
    return await shop.fulfillment.markPackageAsShipped({
      params: { order_id: orderId },
      body: {
        order_line_item_ids: lineIds,
        tracking_number: tracking,
        shipping_provider_id: "6617675021119438849",
      },
    });
  } catch (error) {
    if (isTikTokShopError(error) && error.kind === "business") return { refused: error.tiktokMessage };
    throw error;
  }
}
