import type { Hono } from "hono";
import { z } from "zod";
import { buyer } from "../commerce/buyer.ts";
import { CommerceError, codes, raise } from "../commerce/errors.ts";
import { combinableGroups } from "../commerce/fulfillment.ts";
import { combineOrders, splitOrder, uncombine } from "../commerce/fulfillment-ops.ts";
import { activeLines, lineStage, orderPackages, releaseStock } from "../commerce/order-model.ts";
import { packageStatus, renderOrder } from "../commerce/order-view.ts";
import type { Scope } from "../commerce/scope.ts";
import type { Order, Package, ShopCommerce } from "../commerce/state.ts";
import type { Runtime } from "../platform/runtime.ts";
import { BuyerActionError } from "./buyer.ts";

/**
 * What a seller does to orders in Seller Center rather than through the Open API (split an order,
 * combine orders into one package, uncombine), plus test conveniences: read an order's packages as
 * the dev shop holds them, place an FBT order, change the default warehouse. Seller Center's orders
 * page and the control API (/control/fulfillment/...) both run these,
 * with the same domain operations as the Split Orders and Combine Package endpoints, so the same
 * webhook 4 is sent. Failures are BuyerActionError with TikTok-style codes.
 */
export interface SellerFulfillmentControl {
  /** The order as Get Order Detail shows it, plus every package with its stage and tracking. */
  orderState(orderId: string): OrderState;
  /** Splits an order into one package per group of line item ids; returns the new package ids. */
  split(orderId: string, groups: string[][]): string[];
  /** Combines the single unshipped packages of several orders into one; returns its id. */
  combine(orderIds: string[]): string;
  /** Takes orders out of a combined package; returns the resulting package ids. */
  uncombine(packageId: string, orderIds: string[]): string[];
  /** Groups of packages TikTok would let the seller combine (as Search Combinable Packages). */
  combinable(shopId: string): Array<{ id: string; orderIds: string[] }>;
  /** Places a paid order fulfilled by TikTok (FBT): TikTok's warehouse dispatches it, not the seller. */
  placeFbtOrder(shopId: string): string;
  /** Makes a sales warehouse the default one, or leaves the shop without a default (`null`). */
  setDefaultWarehouse(shopId: string, warehouseId: string | null): void;
}

export interface PackageState {
  id: string;
  status: string;
  stage: Package["stage"];
  order_ids: string[];
  line_item_ids: string[];
  shipping_type: string;
  shipping_provider_id: string | null;
  shipping_provider_name: string | null;
  tracking_number: string | null;
  shipped_time: number | null;
  split_and_combine_tag: string;
  shipping_service_id: string | null;
  tracking: Array<{ description: string; time: number }>;
}

export interface OrderState {
  shop_id: string;
  hold_until: number | null;
  order: Record<string, unknown>;
  packages: PackageState[];
}

export function createSellerFulfillmentControl(runtime: Runtime): SellerFulfillmentControl {
  const store = runtime.store;
  const now = () => runtime.clock.now();
  const shopData = (shopId: string): ShopCommerce => {
    const shop = store.commerce.shops[shopId];
    if (!shop) raise(codes.notBelong, `No shop ${shopId} in the dev shop.`);
    return shop;
  };
  const holding = (has: (shop: ShopCommerce) => boolean): ShopCommerce => {
    const shop = Object.values(store.commerce.shops).find(has);
    if (!shop) raise(codes.notBelong, "The order or package does not exist in the dev shop.");
    return shop;
  };
  const scopeOf = (shop: ShopCommerce): Scope => ({
    state: store.commerce,
    shop,
    emit: (type, data) => runtime.webhooks.emitForShop(shop.shopId, type, data),
  });
  const orderOf = (orderId: string): { shop: ShopCommerce; order: Order } => {
    const shop = holding((s) => orderId in s.orders);
    return { shop, order: shop.orders[orderId]! };
  };
  const run = <T>(action: () => T): T => {
    try {
      const result = action();
      runtime.markDirty();
      return result;
    } catch (error) {
      if (error instanceof CommerceError) throw new BuyerActionError(error.code, error.message);
      throw error;
    }
  };

  return {
    orderState: (orderId) =>
      run(() => {
        const { shop, order } = orderOf(orderId);
        return {
          shop_id: shop.shopId,
          hold_until: order.holdUntil,
          order: renderOrder(shop, order, true),
          packages: orderPackages(shop, order).map((pkg) => packageState(shop, pkg)),
        };
      }),
    split: (orderId, groups) =>
      run(() => {
        const { shop, order } = orderOf(orderId);
        const created = splitOrder(
          scopeOf(shop),
          order,
          groups.map((lineIds, index) => ({ id: String(index + 1), lineIds })),
          now(),
        );
        return created.map(({ pkg }) => pkg.id);
      }),
    combine: (orderIds) =>
      run(() => {
        const first = orderIds[0];
        if (!first) raise(codes.combineNotAllowed, "Choose at least two orders to combine.");
        const { shop } = orderOf(first);
        const orders = orderIds.map((id) => {
          const order = shop.orders[id];
          if (!order) raise(codes.combineNotAllowed, `The order ${id} is not in the same shop.`);
          return order;
        });
        return combineOrders(scopeOf(shop), orders, now()).id;
      }),
    uncombine: (packageId, orderIds) =>
      run(() => {
        const shop = holding((s) => packageId in s.packages);
        return uncombine(scopeOf(shop), shop.packages[packageId]!, orderIds, now()).map((pkg) => pkg.id);
      }),
    combinable: (shopId) => combinableGroups(shopData(shopId)),
    placeFbtOrder: (shopId) => run(() => placeFbt(runtime, shopId)),
    setDefaultWarehouse: (shopId, warehouseId) =>
      run(() => {
        const shop = shopData(shopId);
        const sales = shop.warehouses.filter((w) => w.type === "SALES_WAREHOUSE");
        if (warehouseId !== null && !sales.some((w) => w.id === warehouseId)) {
          raise(codes.warehouseNotSales, `Warehouse ${warehouseId} is not a sales warehouse of the shop.`);
        }
        for (const warehouse of sales) warehouse.isDefault = warehouse.id === warehouseId;
      }),
  };
}

/** A paid order whose units TikTok's own warehouse ships; its stock is TikTok's, not the seller's. */
function placeFbt(runtime: Runtime, shopId: string): string {
  const emit = (id: string, type: number, data: Record<string, unknown>) =>
    runtime.webhooks.emitForShop(id, type, data);
  const orderId = buyer.placeOrder(runtime.store, shopId, runtime.clock.now(), emit, { onHold: false });
  const shop = runtime.store.commerce.shops[shopId]!;
  const order = shop.orders[orderId]!;
  releaseStock(shop, order, activeLines(order));
  order.fulfillmentType = "FULFILLMENT_BY_TIKTOK";
  return orderId;
}

function packageState(shop: ShopCommerce, pkg: Package): PackageState {
  const provider = shop.shippingProviders.find((p) => p.id === pkg.shippingProviderId);
  return {
    id: pkg.id,
    status: packageStatus(pkg.stage),
    stage: pkg.stage,
    order_ids: [...pkg.orderIds],
    line_item_ids: [...pkg.lineItemIds],
    shipping_type: pkg.shippingType,
    shipping_provider_id: pkg.shippingProviderId,
    shipping_provider_name: provider?.name ?? null,
    tracking_number: pkg.trackingNumber,
    shipped_time: pkg.shippedTime,
    split_and_combine_tag: pkg.splitAndCombineTag,
    shipping_service_id: pkg.shippingServiceId,
    tracking: pkg.tracking.map((event) => ({ ...event })),
  };
}

/** Line items of an order that are still waiting to ship (what a split may regroup). */
export function unshippedLines(shop: ShopCommerce, order: Order) {
  return activeLines(order).filter((line) => lineStage(shop, line) === "UNSHIPPED");
}

const splitBody = z.object({ groups: z.array(z.array(z.string().min(1)).min(1)).min(2) }).strict();
const combineBody = z.object({ order_ids: z.array(z.string().min(1)).min(2) }).strict();
const uncombineBody = z.object({ order_ids: z.array(z.string().min(1)).min(1) }).strict();
const fbtBody = z.object({ shop_id: z.string().min(1) }).strict();
const defaultWarehouseBody = z
  .object({ shop_id: z.string().min(1), warehouse_id: z.string().min(1).nullable() })
  .strict();

export const fulfillmentControlRouteList = [
  "GET /control/fulfillment/orders/:id",
  "POST /control/fulfillment/orders/:id/split",
  "POST /control/fulfillment/combine",
  "POST /control/fulfillment/packages/:id/uncombine",
  "GET /control/fulfillment/combinable?shop_id=",
  "POST /control/fulfillment/fbt-orders",
  "POST /control/fulfillment/default-warehouse",
];

/**
 * /control/fulfillment/...: an order's packages as the dev shop holds them, and the seller's
 * Seller Center actions over HTTP, for end-to-end tests.
 */
export function fulfillmentControlRoutes(
  routes: Hono,
  control: SellerFulfillmentControl,
  json: (c: { req: { text(): Promise<string> } }) => Promise<unknown>,
): void {
  routes.get("/fulfillment/orders/:id", (c) => c.json(control.orderState(c.req.param("id"))));
  routes.post("/fulfillment/orders/:id/split", async (c) => {
    const { groups } = splitBody.parse(await json(c));
    return c.json({ package_ids: control.split(c.req.param("id"), groups) });
  });
  routes.post("/fulfillment/combine", async (c) => {
    const { order_ids } = combineBody.parse(await json(c));
    return c.json({ package_id: control.combine(order_ids) });
  });
  routes.post("/fulfillment/packages/:id/uncombine", async (c) => {
    const { order_ids } = uncombineBody.parse(await json(c));
    return c.json({ package_ids: control.uncombine(c.req.param("id"), order_ids) });
  });
  routes.get("/fulfillment/combinable", (c) =>
    c.json({
      groups: control
        .combinable(c.req.query("shop_id") ?? "")
        .map((group) => ({ id: group.id, order_ids: group.orderIds })),
    }),
  );
  routes.post("/fulfillment/fbt-orders", async (c) => {
    const { shop_id } = fbtBody.parse(await json(c));
    return c.json({ order_id: control.placeFbtOrder(shop_id) });
  });
  routes.post("/fulfillment/default-warehouse", async (c) => {
    const body = defaultWarehouseBody.parse(await json(c));
    control.setDefaultWarehouse(body.shop_id, body.warehouse_id);
    return c.json({ ok: true });
  });
}
