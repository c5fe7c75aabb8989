import { renderRecipientAddress, renderSenderAddress } from "./address-view.ts";
import { deliveryOptionOf, linesOfPackage, ordersOfPackage, providerOf } from "./fulfillment-ops.ts";
import { packageStatus } from "./order-view.ts";
import type { Package, ShopCommerce } from "./state.ts";

/** Package objects as Search Package and Get Package Detail return them (reference §5.3). */

function packageOrders(shop: ShopCommerce, pkg: Package) {
  const byOrder = new Map<
    string,
    Map<string, { id: string; name: string; image_url: string; quantity: number }>
  >();
  for (const { order, line } of linesOfPackage(shop, pkg)) {
    const skus = byOrder.get(order.id) ?? new Map();
    const entry = skus.get(line.skuId) ?? {
      id: line.skuId,
      name: line.skuName,
      image_url: line.skuImage,
      quantity: 0,
    };
    entry.quantity += 1;
    skus.set(line.skuId, entry);
    byOrder.set(order.id, skus);
  }
  return pkg.orderIds.map((id) => ({ id, skus: [...(byOrder.get(id)?.values() ?? [])] }));
}

export function renderPackageSummary(shop: ShopCommerce, pkg: Package): Record<string, unknown> {
  const provider = providerOf(shop, pkg.shippingProviderId);
  return {
    id: pkg.id,
    status: packageStatus(pkg.stage),
    create_time: pkg.createTime,
    update_time: pkg.updateTime,
    order_line_item_ids: [...pkg.lineItemIds],
    orders: packageOrders(shop, pkg),
    shipping_provider_id: provider?.id ?? "",
    shipping_provider_name: provider?.name ?? "",
    tracking_number: pkg.trackingNumber ?? "",
  };
}

export function renderPackageDetail(shop: ShopCommerce, pkg: Package): Record<string, unknown> {
  const provider = providerOf(shop, pkg.shippingProviderId);
  const option = deliveryOptionOf(shop, pkg.deliveryOptionId);
  const orders = ordersOfPackage(shop, pkg);
  const first = orders[0];
  const warehouse = shop.warehouses.find((w) => w.id === pkg.warehouseId);
  const skus = new Set(linesOfPackage(shop, pkg).map(({ line }) => line.skuId));
  const withheld = orders.some((order) => order.status === "ON_HOLD" || order.status === "UNPAID");
  return {
    package_id: pkg.id,
    package_status: packageStatus(pkg.stage),
    create_time: pkg.createTime,
    update_time: pkg.updateTime,
    orders: packageOrders(shop, pkg),
    order_line_item_ids: [...pkg.lineItemIds],
    handover_method: pkg.handoverMethod,
    ...(pkg.pickupSlot
      ? { pickup_slot: { start_time: pkg.pickupSlot.startTime, end_time: pkg.pickupSlot.endTime } }
      : {}),
    shipping_type: pkg.shippingType,
    shipping_provider_id: provider?.id ?? "",
    shipping_provider_name: provider?.name ?? "",
    tracking_number: pkg.trackingNumber ?? "",
    last_mile_tracking_number: pkg.trackingNumber ?? "",
    delivery_option_id: pkg.deliveryOptionId,
    delivery_option_name: option?.name ?? "",
    ...(pkg.dimension ? { dimension: { ...pkg.dimension } } : {}),
    ...(pkg.weight ? { weight: { ...pkg.weight } } : {}),
    has_multi_skus: skus.size > 1,
    note_tag: orders.some((order) => order.buyerMessage !== "") ? "BUYER_NOTED" : "BUYER_UNNOTED",
    split_and_combine_tag: pkg.splitAndCombineTag,
    ...(first ? { recipient_address: renderRecipientAddress(first.address, withheld) } : {}),
    ...(warehouse ? { sender_address: renderSenderAddress(warehouse.address) } : {}),
    insurance: { is_purchased: false, coverage_amount: "0.00", claim_status: "", is_claim_eligible: false },
  };
}
