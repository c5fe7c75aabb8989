import { fail, type Handler, ok } from "../handler.ts";
import { attempt, codes, messages } from "./errors.ts";
import { fromMinor, toMinor } from "./money.ts";
import { renderOrder } from "./order-view.ts";
import { pageSize, paginate, sortByKey } from "./paging.ts";
import { asObj, bool, idList, num, objList, str } from "./params.ts";
import { ownerOfOrder, requireOrder, shopOf } from "./shop-data.ts";
import type { LineItem, Order, ShopCommerce } from "./state.ts";

/** Order endpoints (reference §5.2). */

export function matchesOrderFilter(order: Order, filter: Record<string, unknown>): boolean {
  const status = str(filter.order_status);
  if (status !== undefined && order.status !== status) return false;
  const createGe = num(filter.create_time_ge);
  if (createGe !== undefined && order.createTime < createGe) return false;
  const createLt = num(filter.create_time_lt);
  if (createLt !== undefined && order.createTime >= createLt) return false;
  const updateGe = num(filter.update_time_ge);
  if (updateGe !== undefined && order.updateTime < updateGe) return false;
  const updateLt = num(filter.update_time_lt);
  if (updateLt !== undefined && order.updateTime >= updateLt) return false;
  const shippingType = str(filter.shipping_type);
  if (shippingType !== undefined && order.shippingType !== shippingType) return false;
  const buyer = str(filter.buyer_user_id);
  if (buyer !== undefined && buyer !== "" && order.userId !== buyer) return false;
  const requested = bool(filter.is_buyer_request_cancel);
  if (requested !== undefined && order.isBuyerRequestCancel !== requested) return false;
  const warehouses = idList(filter.warehouse_ids);
  if (warehouses !== undefined && warehouses.length > 0 && !warehouses.includes(order.warehouseId))
    return false;
  return true;
}

const searchOrders: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const filter = asObj(ctx.body);
    const sortField = str(ctx.query.sort_field) === "update_time" ? "update_time" : "create_time";
    const descending = str(ctx.query.sort_order) !== "ASC";
    const key = (order: Order) => ({
      value: sortField === "update_time" ? order.updateTime : order.createTime,
      id: order.id,
    });
    const matching = Object.values(shop.orders).filter((order) => matchesOrderFilter(order, filter));
    const page = paginate(sortByKey(matching, key, descending), {
      pageSize: pageSize(ctx.query.page_size, 20, 100),
      token: str(ctx.query.page_token),
      descending,
      key,
      query: { filter, sortField, descending },
    });
    return ok({
      orders: page.items.map((order) => renderOrder(shop, order, false)),
      next_page_token: page.nextPageToken,
      total_count: page.totalCount,
    });
  });

/**
 * Get Order Detail. Ids of another seller's orders fail the whole call with 21008111; ids that
 * exist nowhere are left out of `orders` (TikTok does not document either case; failing on a
 * typo'd id would make one bad id hide 49 good ones, leaving it out is what batch readers expect).
 */
const getOrderDetail: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const ids = idList(ctx.query.ids) ?? [];
    if (ids.length === 0 || ids.length > 50) {
      return fail(
        codes.invalidParam,
        "Invalid param error. `ids` must list between 1 and 50 order IDs.",
        400,
      );
    }
    const orders: Record<string, unknown>[] = [];
    for (const id of [...new Set(ids)]) {
      const order = shop.orders[id];
      if (order) {
        orders.push(renderOrder(shop, order, true));
        continue;
      }
      if (ownerOfOrder(ctx.store, id)) return fail(codes.notBelong, messages.notBelong);
    }
    return ok({ orders });
  });

const getPriceDetail: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const order = requireOrder(shop, String(ctx.params.order_id));
    return ok(priceDetail(order));
  });

function priceDetail(order: Order): Record<string, unknown> {
  const currency = order.payment.currency;
  const m = (value: string) => toMinor(value, currency);
  const s = (minor: number) => fromMinor(minor, currency);
  const lineTax = (line: LineItem) => line.itemTax.reduce((sum, tax) => sum + m(tax.taxAmount), 0);
  const lineFields = (lines: LineItem[]) => {
    const list = lines.reduce((sum, line) => sum + m(line.originalPrice), 0);
    const sale = lines.reduce((sum, line) => sum + m(line.salePrice), 0);
    const seller = lines.reduce((sum, line) => sum + m(line.sellerDiscount), 0);
    const platform = lines.reduce((sum, line) => sum + m(line.platformDiscount), 0);
    const tax = lines.reduce((sum, line) => sum + lineTax(line), 0);
    const gifts = lines.filter((line) => line.isGift);
    return {
      currency,
      sku_list_price: s(list),
      sku_sale_price: s(sale),
      subtotal: s(sale),
      subtotal_deduction_seller: s(seller),
      subtotal_deduction_platform: s(platform),
      subtotal_tax_amount: s(tax),
      voucher_deduction_seller: s(0),
      voucher_deduction_platform: s(0),
      tax_amount: s(tax),
      tax_rate: lines.find((line) => line.itemTax.length > 0)?.itemTax[0]?.taxRate ?? "",
      net_price_amount: s(sale),
      cod_fee: s(0),
      cod_fee_net_amount: s(0),
      sku_gift_original_price: s(gifts.reduce((sum, line) => sum + m(line.originalPrice), 0)),
      sku_gift_net_price: s(gifts.reduce((sum, line) => sum + m(line.salePrice), 0)),
    };
  };
  const live = order.lineItems.filter((line) => !line.cancelled);
  const p = order.payment;
  return {
    ...lineFields(live),
    total: p.totalAmount,
    payment: p.totalAmount,
    shipping_list_price: p.originalShippingFee,
    shipping_sale_price: p.shippingFee,
    shipping_fee_deduction_seller: p.shippingFeeSellerDiscount,
    shipping_fee_deduction_platform: p.shippingFeePlatformDiscount,
    shipping_fee_deduction_platform_voucher: s(0),
    tax_amount: p.tax,
    line_items: order.lineItems.map((line) => ({
      id: line.id,
      ...lineFields([line]),
      total: s(m(line.salePrice) + lineTax(line)),
      payment: s(m(line.salePrice) + lineTax(line)),
    })),
  };
}

// ---- external order references --------------------------------------------------------------

const addExternalOrders: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const errors: Record<string, unknown>[] = [];
    for (const entry of objList(asObj(ctx.body).orders)) {
      const orderId = str(entry.id) ?? "";
      const external = asObj(entry.external_order);
      if (!shop.orders[orderId]) {
        errors.push({ code: codes.notBelong, message: messages.notBelong, detail: { order_id: orderId } });
        continue;
      }
      const platform = str(external.platform) ?? "";
      const ref = {
        orderId,
        platform,
        externalOrderId: str(external.id) ?? "",
        lineItems: objList(external.line_items).map((line) => ({ id: str(line.id) ?? "" })),
      };
      const index = shop.externalOrders.findIndex((r) => r.orderId === orderId && r.platform === platform);
      if (index >= 0) shop.externalOrders[index] = ref;
      else shop.externalOrders.push(ref);
    }
    return ok({ errors });
  });

function renderExternal(ref: ShopCommerce["externalOrders"][number]) {
  return { id: ref.externalOrderId, platform: ref.platform, line_items: ref.lineItems };
}

const getExternalOrders: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const order = requireOrder(shop, String(ctx.params.order_id));
    const platform = str(ctx.query.platform);
    return ok({
      external_orders: shop.externalOrders
        .filter((ref) => ref.orderId === order.id && (platform === undefined || ref.platform === platform))
        .map(renderExternal),
    });
  });

const searchExternalOrders: Handler = (ctx) =>
  attempt(() => {
    const shop = shopOf(ctx);
    const platform = str(ctx.query.platform);
    const externalId = str(ctx.query.external_order_id);
    return ok({
      orders: shop.externalOrders
        .filter((ref) => ref.platform === platform && ref.externalOrderId === externalId)
        .map((ref) => ({ id: ref.orderId, external_order: renderExternal(ref) })),
    });
  });

export const orderHandlers: Record<string, Handler> = {
  "POST /order/202309/orders/search": searchOrders,
  "GET /order/202309/orders": getOrderDetail,
  "GET /order/202507/orders": getOrderDetail,
  "GET /order/202407/orders/{order_id}/price_detail": getPriceDetail,
  "POST /order/202406/orders/external_orders": addExternalOrders,
  "GET /order/202406/orders/{order_id}/external_orders": getExternalOrders,
  "POST /order/202406/orders/external_order_search": searchExternalOrders,
};
