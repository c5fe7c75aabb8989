import { csrfFetch } from "@tts-kit/server/client";
import { ApiError, request } from "./api.ts";

/** The fulfilment API (server: src/server/fulfillment/router.ts) as the SPA uses it. */

export interface ShipmentItem {
  skuId: string;
  sellerSku: string;
  name: string;
  quantity: number;
  lineItemIds: string[];
}

export interface ShipmentNotification {
  id: string;
  orderId: string;
  orderIds: string[];
  packageId: string | null;
  action: "ship" | "update" | "label" | "handover";
  mode: "3PL" | "4PL";
  via: "fulfil" | "batch" | "scan";
  operation: string;
  status: string | null;
  trackingNumber: string | null;
  carrier: { id: string; name: string } | null;
  service: string | null;
  items: ShipmentItem[];
  warning: string | null;
  rule: { id: string; name: string } | null;
  sentAt: number;
}

export interface SetupIssue {
  code: string;
  message: string;
  link?: string;
}

export interface ShipmentPlan {
  rule: { id: string; name: string } | null;
  warehouseId: string;
  warehouseName: string;
  carrier: { id: string; name: string; source: "rule" | "mapping" } | null;
  servicePreference: "default" | "cheapest" | "fastest";
  issues: SetupIssue[];
  providers: Array<{ id: string; name: string }>;
}

export interface FulfilView {
  order: {
    id: string;
    status: string;
    mode: "3PL" | "4PL" | "FBT";
    region: string;
    warehouseId: string;
    deliveryOptionName: string;
    shipBy: number | null;
    holdUntil: number | null;
    paidTime: number | null;
    total: string | null;
    currency: string | null;
    recipient: { name: string; address: string } | null;
  };
  blocker: { code: string; message: string; holdUntil?: number } | null;
  lines: Array<{
    id: string;
    productName: string;
    skuName: string;
    sellerSku: string;
    state: "unshipped" | "shipped" | "cancelled";
    packageId: string | null;
    trackingNumber: string | null;
    carrier: string | null;
  }>;
  packages: Array<{
    id: string;
    status: string;
    shippingType: string;
    orderIds: string[];
    lineItemIds: string[];
    trackingNumber: string | null;
    carrier: { id: string; name: string } | null;
    shippedAt: number | null;
    correctableUntil: number | null;
    splitOrCombine: string;
  }>;
  plan: ShipmentPlan | null;
  history: ShipmentNotification[];
  now: number;
}

export interface ServiceOption {
  id: string;
  name: string;
  price: string | null;
  currency: string | null;
  earliestDays: number | null;
  latestDays: number | null;
  isDefault: boolean;
  carrier: string | null;
}

export interface WorkspaceRow {
  id: string;
  status: string;
  mode: "3PL" | "4PL";
  shipBy: number | null;
  holdUntil: number | null;
  createTime: number;
  items: string;
  itemCount: number;
  total: string | null;
  currency: string | null;
  packageIds: string[];
  trackingNumbers: string[];
}

export interface BatchView {
  id: string;
  status: string;
  total: number;
  done: number;
  shipped: number;
  failed: number;
  createdAt: number;
  finishedAt: number | null;
  items: Array<{
    orderId: string;
    trackingNumber: string;
    status: string;
    message: string | null;
    packageId: string | null;
    carrier: string | null;
  }>;
}

export interface ShopSetup {
  ready: boolean;
  issues: SetupIssue[];
  defaultWarehouse: { id: string; name: string } | null;
  sellerShipping: Array<{
    warehouseId: string;
    warehouseName: string;
    deliveryOptionId: string;
    deliveryOptionName: string;
    carrier: string | null;
  }>;
  templatesNote: string;
}

export interface RuleConditions {
  regions?: string[];
  warehouseIds?: string[];
  deliveryOptionIds?: string[];
  skuPrefixes?: string[];
  minTotal?: string;
  maxTotal?: string;
  minItems?: number;
  maxItems?: number;
}

export interface RuleActions {
  warehouseId?: string;
  shippingProviderId?: string;
  servicePreference?: "default" | "cheapest" | "fastest";
}

export interface ShippingRule {
  id?: string;
  name: string;
  enabled: boolean;
  conditions: RuleConditions;
  actions: RuleActions;
}

const post = <T>(path: string, body: unknown) =>
  request<T>(path, { method: "POST", body: JSON.stringify(body) });

/** A PDF answered by the API, as a file the browser can open or save. */
export interface PdfFile {
  blob: Blob;
  filename: string;
  headers: Headers;
}

async function pdf(path: string, init: RequestInit = {}): Promise<PdfFile> {
  const response = await csrfFetch(`/api${path}`, {
    ...init,
    headers: {
      accept: "application/pdf, application/json",
      ...(init.body ? { "content-type": "application/json" } : {}),
    },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { message?: string; code?: string };
    } | null;
    throw new ApiError(
      response.status,
      body?.error?.message ?? `Request failed (${response.status})`,
      body?.error?.code,
    );
  }
  const disposition = response.headers.get("content-disposition") ?? "";
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? "document.pdf";
  return { blob: await response.blob(), filename, headers: response.headers };
}

/** Hands a PDF to the browser as a download. */
export function saveFile(file: PdfFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = file.filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const base = (shopId: string) => `/fulfillment/${shopId}`;

export const fulfillmentApi = {
  view: (shopId: string, orderId: string) => request<FulfilView>(`${base(shopId)}/orders/${orderId}`),
  shipOrder: (
    shopId: string,
    orderId: string,
    body: {
      trackingNumber: string;
      lineItemIds?: string[];
      confirmUnusualTracking?: boolean;
      via?: "fulfil" | "scan";
    },
  ) => post<{ notification: ShipmentNotification }>(`${base(shopId)}/orders/${orderId}/ship`, body),
  shipPackage: (
    shopId: string,
    packageId: string,
    body: {
      trackingNumber?: string;
      confirmUnusualTracking?: boolean;
      handoverMethod?: "PICKUP" | "DROP_OFF";
    },
  ) => post<{ notification: ShipmentNotification }>(`${base(shopId)}/packages/${packageId}/ship`, body),
  updateTracking: (
    shopId: string,
    orderId: string,
    packageId: string,
    body: { trackingNumber: string; shippingProviderId: string; confirmUnusualTracking?: boolean },
  ) =>
    post<{ notification: ShipmentNotification }>(
      `${base(shopId)}/orders/${orderId}/packages/${packageId}/tracking`,
      body,
    ),
  services: (shopId: string, orderId: string, body: { lineItemIds?: string[] }) =>
    post<{ services: ServiceOption[]; preference: string; rule: { id: string; name: string } | null }>(
      `${base(shopId)}/orders/${orderId}/services`,
      body,
    ),
  buyLabel: (shopId: string, orderId: string, body: { shippingServiceId: string; lineItemIds?: string[] }) =>
    post<{ notification: ShipmentNotification }>(`${base(shopId)}/orders/${orderId}/labels`, body),
  label: (shopId: string, packageId: string) => pdf(`${base(shopId)}/packages/${packageId}/label`),
  combinable: (shopId: string) =>
    request<{ groups: Array<{ packageId: string; orderIds: string[] }> }>(`${base(shopId)}/combinable`),
  combine: (shopId: string, packageId: string, orderIds: string[]) =>
    post<{ package: { packageId: string; orderIds: string[] } }>(`${base(shopId)}/combine`, {
      packageId,
      orderIds,
    }),
  uncombine: (shopId: string, packageId: string, orderIds: string[]) =>
    post<{ packages: Array<{ packageId: string; orderIds: string[] }> }>(
      `${base(shopId)}/packages/${packageId}/uncombine`,
      {
        orderIds,
      },
    ),
  queue: (
    shopId: string,
    params: { state: string; mode: string; q?: string; page: number; pageSize: number },
  ) =>
    request<{ orders: WorkspaceRow[]; total: number }>(
      `${base(shopId)}/queue?${new URLSearchParams({
        state: params.state,
        mode: params.mode,
        page: String(params.page),
        page_size: String(params.pageSize),
        ...(params.q ? { q: params.q } : {}),
      })}`,
    ),
  setup: (shopId: string) => request<ShopSetup>(`${base(shopId)}/setup`),
  createBatch: (
    shopId: string,
    items: Array<{ orderId: string; trackingNumber: string }>,
    confirmUnusualTracking: boolean,
  ) => post<{ batch: BatchView }>(`${base(shopId)}/batches`, { items, confirmUnusualTracking }),
  batch: (shopId: string, batchId: string) =>
    request<{ batch: BatchView }>(`${base(shopId)}/batches/${batchId}`),
  labels: (shopId: string, packageIds: string[]) =>
    pdf(`${base(shopId)}/documents/labels`, { method: "POST", body: JSON.stringify({ packageIds }) }),
  pickList: (shopId: string, orderIds: string[]) =>
    pdf(`${base(shopId)}/documents/pick-list`, { method: "POST", body: JSON.stringify({ orderIds }) }),
  packingSlips: (shopId: string, orderIds: string[]) =>
    pdf(`${base(shopId)}/documents/packing-slips`, { method: "POST", body: JSON.stringify({ orderIds }) }),
  rules: (shopId: string) =>
    request<{ rules: Array<ShippingRule & { id: string }> }>(`${base(shopId)}/rules`),
  saveRules: (shopId: string, rules: ShippingRule[]) =>
    request<{ rules: Array<ShippingRule & { id: string }> }>(`${base(shopId)}/rules`, {
      method: "PUT",
      body: JSON.stringify({ rules }),
    }),
  matchRule: (shopId: string, orderId: string) =>
    request<{ plan: ShipmentPlan }>(`${base(shopId)}/rules/match/${orderId}`),
};

/** The details a refusal carries (e.g. when a hold ends), read from the API error. */
export function refusalCode(error: unknown): string | undefined {
  return error instanceof ApiError ? error.code : undefined;
}
