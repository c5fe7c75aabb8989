import type { Hono } from "hono";
import { type CommerceState, findShopData } from "../commerce/index.ts";
import type { Runtime } from "../platform/runtime.ts";
import { ControlError } from "./control.ts";

/**
 * After-sales state for tests and tooling, under /control/aftersales: an order's status with its
 * cancellations and returns as the dev shop holds them, so a test can check what an app's
 * approve, reject or cancel really did. Read-only.
 */

type ShopCommerce = CommerceState["shops"][string];
type Order = ShopCommerce["orders"][string];
type Cancellation = ShopCommerce["cancellations"][string];
type ReturnOrder = ShopCommerce["returns"][string];

export const afterSalesControlRouteList = [
  "GET /control/aftersales/orders?shop_id=&status=",
  "GET /control/aftersales/orders/:id",
  "GET /control/aftersales/cancellations/:id",
  "GET /control/aftersales/returns/:id",
];

const orderView = (shop: ShopCommerce, order: Order) => ({
  id: order.id,
  shop_id: shop.shopId,
  status: order.status,
  update_time: order.updateTime,
  is_buyer_request_cancel: order.isBuyerRequestCancel,
  cancel_reason: order.cancelReason,
  cancellation_initiator: order.cancellationInitiator,
  line_items: order.lineItems.map((line) => ({
    id: line.id,
    sku_id: line.skuId,
    sale_price: line.salePrice,
    cancelled: line.cancelled,
  })),
});

const cancellationView = (cancellation: Cancellation) => ({
  id: cancellation.id,
  order_id: cancellation.orderId,
  type: cancellation.type,
  status: cancellation.status,
  role: cancellation.role,
  reason: cancellation.reason,
  reject_reason: cancellation.rejectReason,
  reject_comment: cancellation.rejectComment,
  sla_time: cancellation.slaTime,
  refund_total: cancellation.refund.refundTotal,
  currency: cancellation.refund.currency,
  update_time: cancellation.updateTime,
});

const returnView = (ret: ReturnOrder) => ({
  id: ret.id,
  order_id: ret.orderId,
  type: ret.type,
  status: ret.status,
  role: ret.role,
  reason: ret.reason,
  seller_deadline: ret.sellerDeadline,
  refund_total: ret.refund.refundTotal,
  currency: ret.refund.currency,
  update_time: ret.updateTime,
  records: ret.records.map((r) => ({
    role: r.role,
    description: r.description,
    note: r.note,
    reason_text: r.reasonText,
    create_time: r.createTime,
  })),
});

export function afterSalesControlRoutes(routes: Hono, runtime: Runtime): void {
  const shops = () => Object.values(runtime.store.commerce.shops);
  const holding = <T>(pick: (shop: ShopCommerce) => T | undefined, what: string) => {
    for (const shop of shops()) {
      const found = pick(shop);
      if (found) return { shop, found };
    }
    throw new ControlError(`Unknown ${what}`);
  };

  routes.get("/aftersales/orders", (c) => {
    const shopId = c.req.query("shop_id");
    const shop = shopId ? findShopData(runtime.store, shopId) : undefined;
    if (!shop) throw new ControlError(`Unknown shop ${shopId ?? "(give shop_id)"}`);
    const status = c.req.query("status");
    const orders = Object.values(shop.orders)
      .filter((order) => !status || order.status === status)
      .sort((a, b) => b.updateTime - a.updateTime)
      .slice(0, 100);
    return c.json({ orders: orders.map((order) => orderView(shop, order)) });
  });

  routes.get("/aftersales/orders/:id", (c) => {
    const id = c.req.param("id");
    const { shop, found: order } = holding((s) => s.orders[id], `order ${id}`);
    return c.json({
      order: orderView(shop, order),
      cancellations: Object.values(shop.cancellations)
        .filter((item) => item.orderId === id)
        .map(cancellationView),
      returns: Object.values(shop.returns)
        .filter((item) => item.orderId === id)
        .map(returnView),
    });
  });

  routes.get("/aftersales/cancellations/:id", (c) => {
    const id = c.req.param("id");
    return c.json({
      cancellation: cancellationView(holding((s) => s.cancellations[id], `cancellation ${id}`).found),
    });
  });

  routes.get("/aftersales/returns/:id", (c) => {
    const id = c.req.param("id");
    return c.json({ return: returnView(holding((s) => s.returns[id], `return ${id}`).found) });
  });
}
