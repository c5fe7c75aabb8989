/**
 * The commerce side of the development shop: catalog, orders, fulfillment and after-sales, one
 * record per shop. Everything is plain JSON (no Maps, no Dates, no class instances) so that the
 * store can be snapshotted, diffed and restored by the control API. Money is kept as decimal
 * strings exactly as TikTok sends it; arithmetic goes through `money.ts` in integer minor units.
 * Times are Unix seconds on the dev shop's clock.
 *
 * Field names are camelCase here and mapped to TikTok's snake_case wire shapes by the `*-view.ts`
 * modules, so that derived wire fields (line item status, package status, tracking number) are
 * computed in one place instead of being copied around and going stale.
 */

import type { OrderStatus, ProductStatus, ReturnStatus } from "./contract-types.ts";
import type { FinanceState } from "./finance-model.ts";

export type { OrderStatus, ProductStatus, ReturnStatus };

export type ShippingType = "TIKTOK" | "SELLER";
export type FulfillmentType = "FULFILLMENT_BY_SELLER" | "FULFILLMENT_BY_TIKTOK";
export type Actor = "BUYER" | "SELLER" | "SYSTEM" | "OPERATOR";

/** A postal address as the dev shop stores it (full, never masked; views mask or withhold). */
export interface Address {
  name: string;
  firstName: string;
  lastName: string;
  /** Digits only with country code, e.g. "+12135550123"; masked on the wire. */
  phone: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  /** US state or GB county. */
  state: string;
  postalCode: string;
  /** ISO country code: US, GB. */
  regionCode: string;
  /** Country name for district_info L0, e.g. "United States". */
  country: string;
}

export interface Warehouse {
  id: string;
  entityId: string;
  name: string;
  type: "SALES_WAREHOUSE" | "RETURN_WAREHOUSE";
  subType: "DOMESTIC_WAREHOUSE" | "CB_OVERSEA_WAREHOUSE" | "CB_DIRECT_SHIPPING_WAREHOUSE";
  effectStatus: "ENABLED" | "DISABLED" | "RESTRICTED";
  isDefault: boolean;
  address: Address;
  /** Decimal strings. */
  geolocation: { latitude: string; longitude: string };
}

export type DeliveryOptionType = "STANDARD" | "EXPRESS" | "ECONOMY" | "SEND_BY_SELLER";

export interface DeliveryOption {
  id: string;
  name: string;
  type: DeliveryOptionType;
  description: string;
  /** Sales warehouses that offer this option. */
  warehouseIds: string[];
  /** Carriers serving the option, in preference order (the first is TikTok's default pick). */
  providerIds: string[];
  /** Business days from collection to delivery. */
  transitDays: { min: number; max: number };
  /** Whole centimetres / grams. */
  maxDimensionCm: number;
  maxWeightGrams: number;
}

export interface ShippingProvider {
  id: string;
  name: string;
  /** Shape of the carrier's tracking numbers, used to mint numbers and to warn on odd ones. */
  trackingFormat: TrackingFormat;
}

export type TrackingFormat = "USPS" | "UPS" | "FEDEX" | "ROYAL_MAIL" | "DPD" | "EVRI" | "DHL" | "GENERIC";

export interface Buyer {
  userId: string;
  /** The anonymized relay address TikTok shows instead of the buyer's own. */
  email: string;
  address: Address;
}

export interface SalesAttribute {
  id: string;
  name: string;
  valueId: string;
  valueName: string;
}

export interface WarehouseStock {
  warehouseId: string;
  /** Sellable units (what Update Inventory sets). */
  available: number;
  /** Units reserved by paid, unshipped orders. */
  committed: number;
}

export interface Sku {
  id: string;
  sellerSku: string;
  /** Sale price, decimal string in the shop currency. */
  price: string;
  /** Strike-through list price, or null. */
  listPrice: string | null;
  salesAttributes: SalesAttribute[];
  stock: WarehouseStock[];
  status: "NORMAL" | "DEACTIVATED";
  imageUrl: string;
  identifierCode: { code: string; type: "GTIN" | "EAN" | "UPC" | "ISBN" | "JAN" } | null;
}

export interface CategoryNode {
  id: string;
  parentId: string;
  localName: string;
  isLeaf: boolean;
}

export interface Product {
  id: string;
  title: string;
  /** HTML. */
  description: string;
  status: ProductStatus;
  auditStatus: "NONE" | "AUDITING" | "FAILED" | "PRE_APPROVED" | "APPROVED";
  /** When a PENDING product finishes its (re-)audit; null otherwise. */
  auditDueAt: number | null;
  categoryChain: CategoryNode[];
  brand: { id: string; name: string } | null;
  imageUrls: string[];
  packageWeight: { value: string; unit: "KILOGRAM" | "POUND" };
  packageDimensions: { length: string; width: string; height: string; unit: "CENTIMETER" | "INCH" };
  isCodAllowed: boolean;
  isNotForSale: boolean;
  skus: Sku[];
  createTime: number;
  updateTime: number;
}

export interface ItemTax {
  taxType: "SALES_TAX";
  /** Decimal strings. */
  taxAmount: string;
  taxRate: string;
}

/** One unit of one SKU: TikTok has no quantity field, two units are two line items. */
export interface LineItem {
  id: string;
  productId: string;
  productName: string;
  skuId: string;
  skuName: string;
  skuImage: string;
  sellerSku: string;
  /** Decimal strings in the order currency. sale = original - seller discount - platform discount. */
  originalPrice: string;
  salePrice: string;
  sellerDiscount: string;
  platformDiscount: string;
  isGift: boolean;
  itemTax: ItemTax[];
  /** The package carrying this unit; null before TikTok has assigned one. */
  packageId: string | null;
  cancelled: boolean;
  cancelReason: string;
  cancelUser: Actor | null;
}

export interface Payment {
  currency: string;
  subTotal: string;
  shippingFee: string;
  sellerDiscount: string;
  platformDiscount: string;
  totalAmount: string;
  originalTotalProductPrice: string;
  originalShippingFee: string;
  shippingFeeSellerDiscount: string;
  shippingFeePlatformDiscount: string;
  tax: string;
  productTax: string;
  shippingFeeTax: string;
  retailDeliveryFee: string;
}

export interface Order {
  id: string;
  status: OrderStatus;
  createTime: number;
  updateTime: number;
  paidTime: number | null;
  /** ON_HOLD ends at this time (paid time + 1 h); null when the order never held. */
  holdUntil: number | null;
  /** Whether the order went through the ON_HOLD flow (TikTok keeps the flag after release). */
  isOnHoldOrder: boolean;
  userId: string;
  buyerEmail: string;
  buyerMessage: string;
  sellerNote: string;
  address: Address;
  hasUpdatedRecipientAddress: boolean;
  lineItems: LineItem[];
  payment: Payment;
  paymentMethodName: string;
  shippingType: ShippingType;
  fulfillmentType: FulfillmentType;
  deliveryOptionId: string;
  warehouseId: string;
  isSampleOrder: boolean;
  isBuyerRequestCancel: boolean;
  requestCancelTime: number | null;
  cancelOrderSlaTime: number | null;
  cancelReason: string;
  cancellationInitiator: "SELLER" | "BUYER" | "SYSTEM" | null;
  cancelTime: number | null;
  /** Ship-by deadline (rts_sla_time / shipping_due_time). */
  rtsSlaTime: number | null;
  /** First time any unit of the order was shipped. */
  rtsTime: number | null;
  collectionTime: number | null;
  deliveryTime: number | null;
  /** When the order became COMPLETED. */
  completedTime: number | null;
  splitOrCombineTag: "SPLIT" | "COMBINED" | null;
}

/**
 * Where a package is in its life. `PROCESSING` (wire) covers unshipped packages; after shipping
 * the stage drives both the package status (FULFILLING, COMPLETED) and the order status.
 */
export type PackageStage = "UNSHIPPED" | "AWAITING_COLLECTION" | "IN_TRANSIT" | "DELIVERED" | "CANCELLED";

export interface TrackingEvent {
  description: string;
  time: number;
}

export interface Package {
  id: string;
  orderIds: string[];
  lineItemIds: string[];
  stage: PackageStage;
  createTime: number;
  updateTime: number;
  shippingType: ShippingType;
  deliveryOptionId: string;
  warehouseId: string;
  shippingProviderId: string | null;
  trackingNumber: string | null;
  handoverMethod: "PICKUP" | "DROP_OFF";
  pickupSlot: { startTime: number; endTime: number } | null;
  shippedTime: number | null;
  collectedTime: number | null;
  deliveredTime: number | null;
  splitAndCombineTag: "DEFAULT" | "COMBINE" | "SPLIT";
  /** Set when the label came from Create Packages (US label purchase). */
  shippingServiceId: string | null;
  dimension: { length: string; width: string; height: string; unit: "CM" | "INCH" } | null;
  weight: { value: string; unit: "GRAM" | "POUND" } | null;
  tracking: TrackingEvent[];
}

export interface RefundAmount {
  currency: string;
  refundTotal: string;
  refundSubtotal: string;
  refundShippingFee: string;
  refundTax: string;
  retailDeliveryFee: string;
}

export type CancelStatus =
  | "CANCELLATION_REQUEST_PENDING"
  | "CANCELLATION_REQUEST_SUCCESS"
  | "CANCELLATION_REQUEST_CANCEL"
  | "CANCELLATION_REQUEST_COMPLETE";

export interface Cancellation {
  id: string;
  orderId: string;
  /** BUYER_CANCEL: a buyer's request; CANCEL: seller or system cancelled outright. */
  type: "CANCEL" | "BUYER_CANCEL";
  status: CancelStatus;
  role: "BUYER" | "SELLER" | "SYSTEM";
  reason: string;
  reasonText: string;
  lineItemIds: string[];
  /** `cancel_line_item_id` of each entry of lineItemIds. */
  cancelLineIds: string[];
  refund: RefundAmount;
  createTime: number;
  updateTime: number;
  /** Seller must answer a pending request by then, or it is approved automatically. */
  slaTime: number | null;
  /** SUCCESS becomes COMPLETE once the refund has been paid out. */
  refundDueAt: number | null;
  rejectReason: string;
  rejectComment: string;
}

export interface ReturnRecord {
  event: "ORDER_RETURN";
  role: Actor;
  description: string;
  note: string;
  reasonText: string;
  createTime: number;
}

export interface ReturnOrder {
  id: string;
  orderId: string;
  type: "REFUND" | "RETURN_AND_REFUND";
  status: ReturnStatus;
  arbitrationStatus: "IN_PROGRESS" | "SUPPORT_BUYER" | "SUPPORT_SELLER" | "CLOSED" | null;
  role: "BUYER" | "SELLER";
  reason: string;
  reasonText: string;
  lineItemIds: string[];
  /** `return_line_item_id` of each entry of lineItemIds. */
  returnLineIds: string[];
  refund: RefundAmount;
  shipmentType: "PLATFORM" | "BUYER_ARRANGE";
  handoverMethod: "DROP_OFF" | "PICKUP";
  trackingNumber: string | null;
  providerId: string | null;
  providerName: string | null;
  partialRefund: { amount: string; currency: string } | null;
  sellerProposedReturnType: "PARTIAL_REFUND" | null;
  buyerRejectedPartialRefund: boolean;
  canBuyerKeepItem: boolean;
  returnWarehouseId: string;
  createTime: number;
  updateTime: number;
  /** Deadline of the seller's next action; the request is auto-approved at it. */
  sellerDeadline: number | null;
  refundDueAt: number | null;
  records: ReturnRecord[];
}

export interface ExternalOrderRef {
  orderId: string;
  platform: string;
  externalOrderId: string;
  lineItems: Array<{ id: string }>;
}

export interface FirstMileBundle {
  id: string;
  orderIds: string[];
  createTime: number;
}

/** Everything one shop sells, ships and refunds. */
export interface ShopCommerce {
  shopId: string;
  region: string;
  currency: string;
  sellerType: "LOCAL" | "CROSS_BORDER";
  warehouses: Warehouse[];
  deliveryOptions: DeliveryOption[];
  shippingProviders: ShippingProvider[];
  /** The buyer simulation's customers; several orders share a buyer (combinable packages). */
  buyers: Buyer[];
  products: Record<string, Product>;
  orders: Record<string, Order>;
  packages: Record<string, Package>;
  cancellations: Record<string, Cancellation>;
  returns: Record<string, ReturnOrder>;
  externalOrders: ExternalOrderRef[];
  firstMileBundles: FirstMileBundle[];
  /**
   * Idempotency keys already honoured, by `${operation}:${target}:${key}`: a retried write with
   * the same key gets the first answer again instead of acting twice.
   */
  idempotency: Record<string, { at: number; data: Record<string, unknown> }>;
}

export interface CommerceState {
  /** Counter behind every generated id, so ids never collide across shops or reseeds. */
  seq: number;
  shops: Record<string, ShopCommerce>;
  /** Settlement ledgers (finance-*.ts); absent in snapshots written before finance existed. */
  finance?: FinanceState;
}
