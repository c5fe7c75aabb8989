import type { Auth } from "@tts-kit/auth";
import type { Logger } from "@tts-kit/server";
import type { ShopClient } from "@tts-kit/tiktok-shop";

/**
 * The API client of the shop a webhook names, or null when that shop is not connected to this app
 * (never installed, disconnected, deauthorized). TikTok's signature proves the delivery is TikTok's,
 * not that the shop is ours: such an event is acknowledged (so TikTok stops retrying), logged once
 * and otherwise ignored; nothing is written for it.
 */
export async function connectedShopClient(
  auth: Auth,
  shopId: string,
  type: number,
  logger: Logger,
): Promise<ShopClient | null> {
  const client = await auth.backgroundShopClient(shopId).catch(() => null);
  if (!client) {
    logger.warn(
      { shopId, webhookType: type },
      `webhook ${type} for shop ${shopId}, which is not connected to this app: ignored, nothing written`,
    );
  }
  return client;
}
