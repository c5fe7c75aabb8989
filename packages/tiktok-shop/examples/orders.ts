import type { ShopClient } from "@tts-kit/tiktok-shop";
import { contract } from "@tts-kit/tiktok-shop/contract";

// Every order updated in the last hour, across pages; the cursor is handled for you.
export async function recentlyUpdated(shop: ShopClient, now = Math.floor(Date.now() / 1000)) {
  const ids: string[] = [];
  for await (const order of shop.items(contract.order.getOrderList, {
    query: { page_size: 100, sort_field: "update_time" },
    body: { update_time_ge: now - 3600, update_time_lt: now },
  })) {
    ids.push(order.id);
  }
  // Details take at most 50 ids a call.
  return ids.length ? shop.order.getOrderDetail({ query: { ids: ids.slice(0, 50) } }) : { orders: [] };
}
