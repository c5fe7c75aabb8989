import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { WebhookContext } from "@tts-kit/server";
import type { WebhookEvent } from "@tts-kit/tiktok-shop";
import type * as schema from "../db/schema.ts";
import { connectedShopClient } from "./connected-shop.ts";
import { refreshProducts } from "./mirror.ts";

/** What the product webhooks need to run. */
export interface CatalogWebhookDeps {
  db: AppDatabase<typeof schema>;
  auth: Auth;
  now: () => number;
  /** Queues a products sync of the shop now (for an event that names no product). */
  syncNow: (shopId: string) => Promise<unknown> | undefined;
}

/** The product a webhook names: `data.product_id` on 5, 15, 16 and 37; 27's payload is not documented. */
function productIdOf(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const value = (data as { product_id?: unknown }).product_id;
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/**
 * Product webhooks (5 status change, 15 information change, 16 creation, 27 inventory status
 * change, 37 audit status change) are hints: the product is fetched again and mirrored. A webhook
 * 27 without a product id queues a products sync of the shop instead, so low or out-of-stock news
 * is never dropped.
 */
export function productWebhook(deps: CatalogWebhookDeps) {
  return async (event: WebhookEvent, ctx: WebhookContext) => {
    const client = await connectedShopClient(deps.auth, event.shopId, event.type, ctx.logger);
    if (!client) return;
    const productId = productIdOf(event.data);
    if (productId) {
      await refreshProducts(deps.db, client, event.shopId, [productId], deps.now());
      return;
    }
    ctx.logger.info(
      { shopId: event.shopId, webhookType: event.type },
      "product webhook without a product id: syncing the shop's products",
    );
    await deps.syncNow(event.shopId);
  };
}

/** The product webhooks by type, for app.ts's handler table. */
export function catalogWebhooks(deps: CatalogWebhookDeps) {
  const handler = productWebhook(deps);
  return { 5: handler, 15: handler, 16: handler, 27: handler, 37: handler };
}
