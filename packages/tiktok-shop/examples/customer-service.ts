import type { ShopClient } from "@tts-kit/tiktok-shop";

// Reply to a buyer: message content is itself a JSON string.
export async function reply(shop: ShopClient, conversationId: string, text: string) {
  return shop.customerService.sendMessage({
    params: { conversation_id: conversationId },
    body: { type: "TEXT", content: JSON.stringify({ content: text }) },
  });
}
