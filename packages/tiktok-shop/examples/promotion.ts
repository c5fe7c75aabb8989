import type { ShopClient } from "@tts-kit/tiktok-shop";

// A 10%-off discount starting in an hour for one week.
export async function weekLongDiscount(shop: ShopClient, title: string, now = Math.floor(Date.now() / 1000)) {
  return shop.promotion.createActivity({
    body: {
      title,
      activity_type: "DIRECT_DISCOUNT",
      product_level: "PRODUCT",
      begin_time: now + 3600,
      end_time: now + 3600 + 7 * 86_400,
    },
  });
}
