import { request } from "./api.ts";

/** The orders workspace's calls to the OMS server (src/server/orders/api.ts). */

export type ShipByState = "late" | "due_soon" | "on_track";

export interface OrderRow {
  id: string;
  status: string;
  createTime: number;
  updateTime: number;
  paidTime: number | null;
  shipBy: number | null;
  onHoldUntil: number | null;
  shippedAt: number | null;
  fulfillmentType: string;
  fulfilledByTikTok: boolean;
  isSample: boolean;
  isOnHoldOrder: boolean;
  buyerName: string | null;
  buyerUserId: string | null;
  itemCount: number;
  itemsSummary: string;
  totalAmount: string | null;
  currency: string | null;
  trackingNumber: string | null;
  shipByState: ShipByState | null;
}

export interface OrderList {
  orders: OrderRow[];
  total: number;
  page: number;
  pageSize: number;
  now: number;
}

export interface ListQuery {
  view: string;
  status?: string | undefined;
  q?: string | undefined;
  sort: "created" | "updated" | "ship_by";
  order?: "asc" | "desc" | undefined;
  page: number;
  pageSize: number;
}

export interface ViewCount {
  id: string;
  label: string;
  count: number;
}

export interface LateDispatch {
  from: number;
  to: number;
  shipped: number;
  late: number;
  rate: number | null;
  threshold: number;
  breached: boolean;
}

export interface Summary {
  from: number;
  to: number;
  orders: number;
  fulfilledByTikTok: number;
  samples: number;
  sales: Array<{ currency: string; amount: string }>;
  lateDispatch: LateDispatch;
}

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
  unitPrice: string;
  unitOriginalPrice: string;
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

export interface OrderDetail {
  id: string;
  status: string;
  createTime: number | null;
  updateTime: number | null;
  paidTime: number | null;
  fulfillmentType: string;
  fulfilledByTikTok: boolean;
  isSample: boolean;
  isOnHoldOrder: boolean;
  onHoldUntil: number | null;
  shipBy: number | null;
  shipByState: ShipByState | null;
  shippedAt: number | null;
  deliveredAt: number | null;
  cancelReason: string;
  buyer: { userId: string; email: string; message: string };
  address: {
    withheld: boolean;
    name: string;
    phone: string;
    fullAddress: string;
    postalCode: string;
    regionCode: string;
  };
  shipping: { type: string; deliveryOption: string; warehouseId: string; provider: string; tracking: string };
  payment: Record<string, string>;
  currency: string;
  lines: LineView[];
  units: number;
  tax: { fromLines: string; byType: TaxView[] };
  packages: Array<{
    id: string;
    status: string;
    trackingNumber: string;
    shippingProvider: string;
    shippedAt: number | null;
    units: number;
  }>;
  actions: { fulfil: boolean; cancel: boolean };
  priceDetailAvailable: boolean;
}

export interface Tracking {
  events: Array<{ description: string; time: number | null }>;
  fetchedAt: number | null;
  cached: boolean;
  shipped: boolean;
}

export type PriceDetail = Record<string, unknown> & {
  currency?: string;
  line_items?: Array<Record<string, unknown> & { id: string }>;
};

export const ordersApi = {
  list: (shopId: string, query: ListQuery) =>
    request<OrderList>(
      `/orders/${shopId}?${new URLSearchParams({
        view: query.view,
        sort: query.sort,
        page: String(query.page),
        page_size: String(query.pageSize),
        ...(query.order ? { order: query.order } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.q ? { q: query.q } : {}),
      })}`,
    ),
  views: (shopId: string) => request<{ views: ViewCount[] }>(`/orders/${shopId}/views`),
  summary: (shopId: string) => request<Summary>(`/orders/${shopId}/summary`),
  detail: (shopId: string, orderId: string) =>
    request<{ order: OrderDetail; syncedAt: number }>(`/orders/${shopId}/${encodeURIComponent(orderId)}`),
  tracking: (shopId: string, orderId: string, refresh = false) =>
    request<Tracking>(
      `/orders/${shopId}/${encodeURIComponent(orderId)}/tracking${refresh ? "?refresh=1" : ""}`,
    ),
  priceDetail: (shopId: string, orderId: string) =>
    request<{ priceDetail: PriceDetail; fetchedAt: number; cached: boolean }>(
      `/orders/${shopId}/${encodeURIComponent(orderId)}/price-detail`,
    ),
};
