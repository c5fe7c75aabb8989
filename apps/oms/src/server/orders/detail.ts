import Big from "big.js";
import { FBT, type Order, onHoldUntilOf, shipByOf, shippedAtOf } from "./mirror.ts";
import { type ShipByState, shipByState } from "./sla.ts";
import { FINAL_STATUSES } from "./views.ts";

/**
 * The order detail as the workspace shows it, built from the mirrored order: units grouped into
 * lines with quantities (TikTok sends one line item per unit), taxes per line and summed, the
 * payment breakdown, the address once TikTok releases it, packages, and what the seller may do.
 * Money stays decimal strings; sums go through big.js.
 */

export interface TaxView {
  type: string;
  rate: string;
  amount: string;
}

export interface LineView {
  key: string;
  productId: string;
  productName: string;
  skuId: string;
  skuName: string;
  sellerSku: string;
  image: string;
  quantity: number;
  isGift: boolean;
  currency: string;
  /** Per unit, after discounts (what the buyer paid for it); "0.00"-like for gifts and samples. */
  unitPrice: string;
  unitOriginalPrice: string;
  /** unitPrice × quantity. */
  subtotal: string;
  status: string;
  packageId: string;
  packageStatus: string;
  trackingNumber: string;
  shippingProvider: string;
  taxes: TaxView[];
  taxTotal: string;
  lineItemIds: string[];
  cancelReason: string;
}

export interface PackageView {
  id: string;
  status: string;
  trackingNumber: string;
  shippingProvider: string;
  shippedAt: number | null;
  units: number;
}

export interface AddressView {
  /** TikTok withholds the recipient while the order is unpaid or on hold. */
  withheld: boolean;
  name: string;
  phone: string;
  fullAddress: string;
  postalCode: string;
  regionCode: string;
}

export interface OrderDetailView {
  id: string;
  status: string;
  createTime: number | null;
  updateTime: number | null;
  paidTime: number | null;
  fulfillmentType: string;
  fulfilledByTikTok: boolean;
  isSample: boolean;
  /** The order went through the one-hour hold (TikTok's current flow) or not (the legacy flow). */
  isOnHoldOrder: boolean;
  onHoldUntil: number | null;
  shipBy: number | null;
  shipByState: ShipByState | null;
  shippedAt: number | null;
  deliveredAt: number | null;
  cancelReason: string;
  buyer: { userId: string; email: string; message: string };
  address: AddressView;
  shipping: { type: string; deliveryOption: string; warehouseId: string; provider: string; tracking: string };
  payment: Record<string, string>;
  currency: string;
  lines: LineView[];
  units: number;
  tax: { fromLines: string; byType: TaxView[] };
  packages: PackageView[];
  actions: { fulfil: boolean; cancel: boolean };
  /** Get Price Detail is worth offering (US shops: sales tax per line). */
  priceDetailAvailable: boolean;
}

const dec = (value: string | undefined): Big => {
  try {
    return new Big(value && value.trim() !== "" ? value : "0");
  } catch {
    return new Big(0);
  }
};

/** Formats a sum with as many decimals as its widest addend (so "1.50" + "2.25" is "3.75"). */
function sum(values: Array<string | undefined>): string {
  const places = Math.max(0, ...values.map((v) => (v?.split(".")[1] ?? "").length));
  return values.reduce((total, value) => total.plus(dec(value)), new Big(0)).toFixed(places);
}

function taxesOf(lines: Order["line_items"]): TaxView[] {
  const byKey = new Map<string, { type: string; rate: string; amounts: string[] }>();
  for (const line of lines) {
    for (const tax of line.item_tax) {
      const type = String(tax.tax_type ?? "TAX");
      const rate = tax.tax_rate ?? "";
      const key = `${type}|${rate}`;
      const entry = byKey.get(key) ?? { type, rate, amounts: [] };
      entry.amounts.push(tax.tax_amount ?? "0");
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].map((entry) => ({
    type: entry.type,
    rate: entry.rate,
    amount: sum(entry.amounts),
  }));
}

function groupLines(order: Order): LineView[] {
  const groups = new Map<string, Order["line_items"]>();
  for (const line of order.line_items) {
    const key = [
      line.sku_id,
      line.is_gift ? "gift" : "",
      line.sale_price,
      line.display_status,
      line.package_id,
    ].join("|");
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return [...groups].map(([key, lines]) => {
    const first = lines[0]!;
    const taxes = taxesOf(lines);
    return {
      key,
      productId: first.product_id ?? "",
      productName: first.product_name ?? "",
      skuId: first.sku_id ?? "",
      skuName: first.sku_name ?? "",
      sellerSku: first.seller_sku ?? "",
      image: first.sku_image ?? "",
      quantity: lines.length,
      isGift: first.is_gift === true,
      currency: first.currency ?? order.payment?.currency ?? "",
      unitPrice: first.sale_price ?? "0",
      unitOriginalPrice: first.original_price ?? first.sale_price ?? "0",
      subtotal: sum(lines.map((line) => line.sale_price)),
      status: String(first.display_status ?? ""),
      packageId: first.package_id ?? "",
      packageStatus: String(first.package_status ?? ""),
      trackingNumber: first.tracking_number ?? "",
      shippingProvider: first.shipping_provider_name ?? "",
      taxes,
      taxTotal: sum(taxes.map((tax) => tax.amount)),
      lineItemIds: lines.map((line) => line.id),
      cancelReason: first.cancel_reason ?? "",
    };
  });
}

function packagesOf(order: Order): PackageView[] {
  const ids = [
    ...new Set([
      ...order.packages.map((pkg) => pkg.id),
      ...order.line_items.flatMap((line) => (line.package_id ? [line.package_id] : [])),
    ]),
  ];
  return ids.map((id) => {
    const lines = order.line_items.filter((line) => line.package_id === id);
    const shipped = lines.flatMap((line) => (line.rts_time === undefined ? [] : [line.rts_time]));
    const first = lines[0];
    return {
      id,
      status: String(first?.package_status ?? ""),
      trackingNumber: lines.find((line) => line.tracking_number)?.tracking_number ?? "",
      shippingProvider: lines.find((line) => line.shipping_provider_name)?.shipping_provider_name ?? "",
      shippedAt: shipped.length > 0 ? Math.min(...shipped) : null,
      units: lines.length,
    };
  });
}

function addressOf(order: Order): AddressView {
  const a = order.recipient_address;
  const fullAddress = a?.full_address ?? "";
  const name = a?.name ?? "";
  const withheld =
    order.status === "UNPAID" || order.status === "ON_HOLD" || (fullAddress === "" && name === "");
  return {
    withheld,
    name: withheld ? "" : name,
    phone: withheld ? "" : (a?.phone_number ?? ""),
    fullAddress: withheld ? "" : fullAddress,
    postalCode: withheld ? "" : (a?.postal_code ?? ""),
    regionCode: a?.region_code ?? "",
  };
}

export function orderDetail(order: Order, now: number): OrderDetailView {
  const status = String(order.status);
  const fulfillmentType = String(order.fulfillment_type ?? "FULFILLMENT_BY_SELLER");
  const fbt = fulfillmentType === FBT;
  const shipBy = shipByOf(order);
  const lines = groupLines(order);
  const payment = Object.fromEntries(
    Object.entries(order.payment ?? {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    ),
  );
  const liveLines = order.line_items.filter((line) => line.display_status !== "CANCELLED");
  const shipped = ["AWAITING_COLLECTION", "IN_TRANSIT"].includes(status);
  return {
    id: order.id,
    status,
    createTime: order.create_time ?? null,
    updateTime: order.update_time ?? null,
    paidTime: order.paid_time ?? null,
    fulfillmentType,
    fulfilledByTikTok: fbt,
    isSample: order.is_sample_order === true,
    isOnHoldOrder: order.is_on_hold_order === true,
    onHoldUntil: onHoldUntilOf(order),
    shipBy,
    shipByState: shipByState({ status, fulfillmentType, shipBy }, now),
    shippedAt: shippedAtOf(order),
    deliveredAt: order.delivery_time ?? null,
    cancelReason: order.cancel_reason ?? "",
    buyer: {
      userId: order.user_id ?? "",
      email: order.buyer_email ?? "",
      message: order.buyer_message ?? "",
    },
    address: addressOf(order),
    shipping: {
      type: String(order.shipping_type ?? ""),
      deliveryOption: order.delivery_option_name ?? "",
      warehouseId: order.warehouse_id ?? "",
      provider: order.shipping_provider ?? "",
      tracking: order.tracking_number ?? "",
    },
    payment,
    currency: order.payment?.currency ?? "",
    lines,
    units: order.line_items.length,
    tax: {
      fromLines: sum(liveLines.flatMap((line) => line.item_tax.map((t) => t.tax_amount))),
      byType: taxesOf(liveLines),
    },
    packages: packagesOf(order),
    actions: {
      // FBT orders are TikTok's to ship and cancel; final orders have nothing left to do.
      fulfil: !fbt && !FINAL_STATUSES.includes(status),
      cancel: !fbt && !FINAL_STATUSES.includes(status) && !shipped,
    },
    priceDetailAvailable: order.line_items.some((line) => line.item_tax.length > 0),
  };
}
