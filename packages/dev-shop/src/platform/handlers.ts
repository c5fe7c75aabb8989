import { fail, type Handler, ok } from "../handler.ts";
import type { Shop } from "../state/platform.ts";
import { WEBHOOK_TYPES } from "../webhooks/types.ts";
import { findActiveAuthorization, removeShop } from "./authorizations.ts";
import type { Runtime } from "./runtime.ts";

/**
 * Open API handlers of the platform itself: authorization, seller and shop webhook endpoints.
 * The gateway has already checked the token, the cipher and the scope.
 */

const authorizedShop = (shop: Shop) => ({
  cipher: shop.cipher,
  code: shop.code,
  id: shop.id,
  name: shop.name,
  region: shop.region,
  seller_type: shop.sellerType,
});

export function deauthorizationMessage(shopId: string): string {
  return `Shop_id ${shopId} is deauthorized from your APP by merchant.`;
}

export function createPlatformHandlers(runtime: Runtime): Record<string, Handler> {
  return {
    "GET /authorization/202309/shops": (ctx) => ok({ shops: ctx.authorizedShops.map(authorizedShop) }),

    "DELETE /authorization/202403/shops": (ctx) => {
      const shop = ctx.shop;
      const authorization = findActiveAuthorization(
        ctx.store.platform,
        ctx.app.appKey,
        ctx.seller.id,
        ctx.now,
      );
      if (!shop || !authorization) return fail(101000, "The shop is not authorized for this app.", 401);
      removeShop(authorization, shop.id, ctx.now);
      runtime.webhooks.emitToApp(ctx.app.appKey, shop.id, WEBHOOK_TYPES.SELLER_DEAUTHORIZATION, {
        message: deauthorizationMessage(shop.id),
      });
      runtime.markDirty();
      return ok({});
    },

    "GET /seller/202309/shops": (ctx) =>
      ok({
        shops: ctx.store.platform.shops
          .filter((s) => s.sellerId === ctx.seller.id)
          .map((s) => ({ id: s.id, region: s.region })),
      }),

    "GET /seller/202309/permissions": (ctx) => {
      const crossBorder = ctx.store.platform.shops.some(
        (s) => s.sellerId === ctx.seller.id && s.sellerType === "CROSS_BORDER",
      );
      // Global product management is what distinguishes a cross-border seller.
      return ok({ permissions: crossBorder ? ["MANAGE_GLOBAL_PRODUCT"] : [] });
    },

    "GET /event/202309/webhooks": (ctx) => {
      const prefix = `${ctx.app.appKey}:${ctx.shop?.id}:`;
      const webhooks = Object.entries(ctx.store.platform.shopWebhooks)
        .filter(([key]) => key.startsWith(prefix))
        .map(([key, hook]) => ({
          address: hook.address,
          create_time: hook.createTime,
          event_type: key.slice(prefix.length),
          update_time: hook.updateTime,
        }))
        .sort((a, b) => a.event_type.localeCompare(b.event_type));
      return ok({ total_count: webhooks.length, webhooks });
    },

    "PUT /event/202309/webhooks": (ctx) => {
      const body = ctx.body as { address: string; event_type: string };
      if (body.address.length > 255) {
        return fail(36009004, "Invalid param `address`: the address must not exceed 255 characters.", 400);
      }
      const key = `${ctx.app.appKey}:${ctx.shop?.id}:${body.event_type}`;
      const existing = ctx.store.platform.shopWebhooks[key];
      ctx.store.platform.shopWebhooks[key] = {
        address: body.address,
        createTime: existing?.createTime ?? ctx.now,
        updateTime: ctx.now,
      };
      runtime.markDirty();
      return ok({});
    },

    "DELETE /event/202309/webhooks": (ctx) => {
      const body = ctx.body as { event_type: string };
      // Succeeds whether or not a URL was configured.
      delete ctx.store.platform.shopWebhooks[`${ctx.app.appKey}:${ctx.shop?.id}:${body.event_type}`];
      runtime.markDirty();
      return ok({});
    },
  };
}
