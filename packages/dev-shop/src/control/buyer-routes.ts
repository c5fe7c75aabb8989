import type { Hono } from "hono";
import { z } from "zod";
import type { BuyerControl } from "./buyer.ts";

/**
 * Buyer simulation over HTTP, for e2e tests and scripts: /control/buyer/...
 * Business failures answer 400 {"error", "code"} (the onError of the control routes).
 */

const placeOrderBody = z
  .object({
    shop_id: z.string().min(1),
    sku_ids: z.array(z.string().min(1)).optional(),
    quantity_per_sku: z.number().int().min(1).max(50).optional(),
    on_hold: z.boolean().optional(),
    unpaid: z.boolean().optional(),
    shipping_type: z.enum(["TIKTOK", "SELLER"]).optional(),
    buyer_user_id: z.string().min(1).optional(),
    warehouse_id: z.string().min(1).optional(),
    is_sample: z.boolean().optional(),
    gift_sku_id: z.string().min(1).optional(),
  })
  .strict();

const returnBody = z
  .object({
    type: z.enum(["REFUND", "RETURN_AND_REFUND"]).optional(),
    line_item_ids: z.array(z.string().min(1)).optional(),
    reason: z.string().min(1).optional(),
  })
  .strict();

const addressBody = z
  .object({
    address: z
      .object({
        name: z.string(),
        first_name: z.string(),
        last_name: z.string(),
        phone: z.string(),
        address_line1: z.string(),
        address_line2: z.string(),
        city: z.string(),
        state: z.string(),
        postal_code: z.string(),
        region_code: z.string(),
        country: z.string(),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

/** Drops undefined members so that optional options stay absent. */
function defined<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

export function buyerControlRoutes(
  routes: Hono,
  buyer: BuyerControl,
  json: (c: { req: { text(): Promise<string> } }) => Promise<unknown>,
): void {
  routes.post("/buyer/orders", async (c) => {
    const b = placeOrderBody.parse(await json(c));
    const orderId = buyer.placeOrder(
      b.shop_id,
      defined({
        skuIds: b.sku_ids,
        quantityPerSku: b.quantity_per_sku,
        onHold: b.on_hold,
        unpaid: b.unpaid,
        shippingType: b.shipping_type,
        buyerUserId: b.buyer_user_id,
        warehouseId: b.warehouse_id,
        isSample: b.is_sample,
        giftSkuId: b.gift_sku_id,
      }),
    );
    return c.json({ order_id: orderId });
  });

  routes.post("/buyer/orders/:id/pay", async (c) => {
    const b = z
      .object({ on_hold: z.boolean().optional() })
      .strict()
      .parse(await json(c));
    buyer.payForOrder(c.req.param("id"), b.on_hold);
    return c.json({ ok: true });
  });

  routes.post("/buyer/orders/:id/cancel", async (c) => {
    const b = z
      .object({ reason: z.string().min(1).optional() })
      .strict()
      .parse(await json(c));
    return c.json({ cancel_id: buyer.requestCancellation(c.req.param("id"), b.reason) });
  });

  routes.post("/buyer/orders/:id/return", async (c) => {
    const b = returnBody.parse(await json(c));
    const returnId = buyer.requestReturn(
      c.req.param("id"),
      defined({ type: b.type, lineItemIds: b.line_item_ids, reason: b.reason }),
    );
    return c.json({ return_id: returnId });
  });

  routes.post("/buyer/orders/:id/address", async (c) => {
    const b = addressBody.parse(await json(c));
    const a = b.address;
    buyer.updateAddress(
      c.req.param("id"),
      a
        ? defined({
            name: a.name,
            firstName: a.first_name,
            lastName: a.last_name,
            phone: a.phone,
            addressLine1: a.address_line1,
            addressLine2: a.address_line2,
            city: a.city,
            state: a.state,
            postalCode: a.postal_code,
            regionCode: a.region_code,
            country: a.country,
          })
        : undefined,
    );
    return c.json({ ok: true });
  });

  routes.post("/buyer/returns/:id/ship", (c) => {
    buyer.shipReturn(c.req.param("id"));
    return c.json({ ok: true });
  });

  routes.post("/buyer/returns/:id/withdraw", (c) => {
    buyer.withdrawReturn(c.req.param("id"));
    return c.json({ ok: true });
  });

  routes.post("/buyer/returns/:id/partial-refund", async (c) => {
    const b = z
      .object({ accept: z.boolean() })
      .strict()
      .parse(await json(c));
    buyer.answerPartialRefund(c.req.param("id"), b.accept);
    return c.json({ ok: true });
  });
}
