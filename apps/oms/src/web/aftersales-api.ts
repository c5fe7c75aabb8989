import { request } from "./api.ts";

/** The returns and cancellations inbox as the SPA uses it (server: src/server/aftersales/api.ts). */

export interface InboxSummary {
  now: number;
  cancellations: { needsAction: number; nextDeadline: number | null };
  returns: { needsAction: number; nextDeadline: number | null };
}

interface RequestRow {
  id: string;
  orderId: string;
  type: string;
  status: string;
  role: string | null;
  reason: string | null;
  reasonText: string | null;
  refundTotal: string | null;
  currency: string | null;
  respondBy: number | null;
  createTime: number;
  updateTime: number;
}

export type CancellationRow = RequestRow;
export interface ReturnRow extends RequestRow {
  nextAction: string | null;
}

export type InboxView = "action" | "all";

export interface Reason {
  name: string;
  text: string;
}

export interface OrderCancellation {
  order: {
    id: string;
    status: string;
    totalAmount: string | null;
    currency: string | null;
    lines: Array<{
      id: string;
      productName: string;
      skuName: string;
      sellerSku: string;
      salePrice: string | null;
      status: string | null;
    }>;
  };
  cancellable: boolean;
  reason: string | null;
  reasons: Reason[];
  refund: { total: string | null; currency: string | null } | null;
}

const list = (view: InboxView, page: number, pageSize: number) =>
  new URLSearchParams({ view, page: String(page), page_size: String(pageSize) });

export const afterSalesApi = {
  summary: (shopId: string) => request<InboxSummary>(`/after-sales/${shopId}/summary`),
  cancellations: (shopId: string, view: InboxView, page: number, pageSize: number) =>
    request<{ cancellations: CancellationRow[]; total: number; now: number }>(
      `/after-sales/${shopId}/cancellations?${list(view, page, pageSize)}`,
    ),
  returns: (shopId: string, view: InboxView, page: number, pageSize: number) =>
    request<{ returns: ReturnRow[]; total: number; now: number }>(
      `/after-sales/${shopId}/returns?${list(view, page, pageSize)}`,
    ),
  rejectReasons: (shopId: string, requestId: string) =>
    request<{ reasons: Reason[] }>(`/after-sales/${shopId}/requests/${requestId}/reject-reasons`),
  decide: (
    shopId: string,
    kind: "cancellations" | "returns",
    id: string,
    decision: "approve" | "reject",
    body: { reason?: string; comment?: string } = {},
  ) =>
    request<{ ok: true }>(`/after-sales/${shopId}/${kind}/${id}/${decision}`, {
      method: "POST",
      body: JSON.stringify(body),
    }),
  orderCancellation: (shopId: string, orderId: string) =>
    request<OrderCancellation>(`/after-sales/${shopId}/orders/${encodeURIComponent(orderId)}/cancellation`),
  cancelOrder: (shopId: string, orderId: string, reason: string) =>
    request<{ ok: true; cancelId: string; orderStatus: string | null }>(
      `/after-sales/${shopId}/orders/${encodeURIComponent(orderId)}/cancel`,
      { method: "POST", body: JSON.stringify({ reason }) },
    ),
};
