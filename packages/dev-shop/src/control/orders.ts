import type { Hono } from "hono";
import { z } from "zod";
import { type CommerceState, findShopData, placeHistoricalOrder, renderOrder } from "../commerce/index.ts";
import { CommerceError } from "../domains.ts";
import type { Runtime } from "../platform/runtime.ts";
import { BuyerActionError } from "./buyer.ts";
import { ControlError } from "./control.ts";

/**
 * Orders as the dev shop holds them, for tests and tooling, under /control/orders: every order
 * exactly as Get Order Detail would return it (so an app's mirror can be compared field by field)
 * plus what TikTok does not send (when the hold ends), and orders placed in the past (history the
 * seed may not have, such as an order shipped after its deadline or one fulfilled by TikTok).
 */

type ShopCommerce = CommerceState["shops"][string];
type Order = ShopCommerce["orders"][string];

export const ordersControlRouteList = [
  "GET /control/orders?shop_id=&status=&limit=",
  "GET /control/orders/:id",
  "POST /control/orders/history",
];

const historyBody = z
  .object({
    shop_id: z.string().min(1),
    placed_at: z.number().int().nonnegative(),
    shipped_at: z.number().int().nonnegative().optional(),
    fulfillment_type: z.enum(["FULFILLMENT_BY_SELLER", "FULFILLMENT_BY_TIKTOK"]).optional(),
    on_hold: z.boolean().optional(),
    unpaid: z.boolean().optional(),
    shipping_type: z.enum(["TIKTOK", "SELLER"]).optional(),
    sku_ids: z.array(z.string().min(1)).optional(),
    quantity_per_sku: z.number().int().min(1).max(50).optional(),
    buyer_user_id: z.string().min(1).optional(),
    is_sample: z.boolean().optional(),
    gift_sku_id: z.string().min(1).optional(),
  })
  .strict();

function view(shop: ShopCommerce, order: Order) {
  const packageIds = [
    ...new Set(order.lineItems.flatMap((line) => (line.packageId ? [line.packageId] : []))),
  ];
  return {
    shop_id: shop.shopId,
    /** When the one-hour hold ends (null when the order never held). */
    hold_until: order.holdUntil,
    order: renderOrder(shop, order, true),
    /** The carrier's events of the order's packages (what Get Tracking reports). */
    tracking: packageIds.flatMap((id) =>
      (shop.packages[id]?.tracking ?? []).map((event) => ({
        package_id: id,
        description: event.description,
        time: event.time,
      })),
    ),
  };
}

export function ordersControlRoutes(
  routes: Hono,
  runtime: Runtime,
  json: (c: { req: { text(): Promise<string> } }) => Promise<unknown>,
): void {
  routes.get("/orders", (c) => {
    const shopId = c.req.query("shop_id");
    const shop = shopId ? findShopData(runtime.store, shopId) : undefined;
    if (!shop) throw new ControlError(`Unknown shop ${shopId ?? "(give shop_id)"}`);
    const status = c.req.query("status");
    const limit = Math.min(Math.max(Number(c.req.query("limit") ?? 100) || 100, 1), 100_000);
    const orders = Object.values(shop.orders)
      .filter((order) => !status || order.status === status)
      .sort((a, b) => b.createTime - a.createTime || (a.id < b.id ? 1 : -1))
      .slice(0, limit);
    return c.json({
      total: Object.keys(shop.orders).length,
      orders: orders.map((order) => view(shop, order)),
    });
  });

  routes.get("/orders/:id", (c) => {
    const id = c.req.param("id");
    for (const shop of Object.values(runtime.store.commerce.shops)) {
      const order = shop.orders[id];
      if (order) return c.json(view(shop, order));
    }
    throw new ControlError(`Unknown order ${id}`);
  });

  routes.post("/orders/history", async (c) => {
    const b = historyBody.parse(await json(c));
    if (!findShopData(runtime.store, b.shop_id)) throw new ControlError(`Unknown shop ${b.shop_id}`);
    try {
      const orderId = placeHistoricalOrder(
        runtime.store,
        b.shop_id,
        runtime.clock.now(),
        (shopId, type, data) => runtime.webhooks.emitForShop(shopId, type, data),
        {
          placedAt: b.placed_at,
          ...(b.shipped_at !== undefined ? { shippedAt: b.shipped_at } : {}),
          ...(b.fulfillment_type ? { fulfillmentType: b.fulfillment_type } : {}),
          ...(b.on_hold !== undefined ? { onHold: b.on_hold } : {}),
          ...(b.unpaid !== undefined ? { unpaid: b.unpaid } : {}),
          ...(b.shipping_type ? { shippingType: b.shipping_type } : {}),
          ...(b.sku_ids ? { skuIds: b.sku_ids } : {}),
          ...(b.quantity_per_sku ? { quantityPerSku: b.quantity_per_sku } : {}),
          ...(b.buyer_user_id ? { buyerUserId: b.buyer_user_id } : {}),
          ...(b.is_sample !== undefined ? { isSample: b.is_sample } : {}),
          ...(b.gift_sku_id ? { giftSkuId: b.gift_sku_id } : {}),
        },
      );
      runtime.markDirty();
      return c.json({ order_id: orderId });
    } catch (error) {
      if (error instanceof CommerceError) throw new BuyerActionError(error.code, error.message);
      throw error;
    }
  });
}
