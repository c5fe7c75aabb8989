import type {
  CarrierMapping,
  CarrierMappingsInput,
  SellerView,
  ShopView,
  WarehouseChoice,
} from "@tts-kit/auth";
import { csrfFetch } from "@tts-kit/server/client";

/** The app's API as the SPA uses it; errors carry the server's seller-facing message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** A call to the app's own API (`path` without the `/api` prefix); other areas' API modules use it too. */
export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await csrfFetch(`/api${path}`, {
    ...init,
    headers: {
      accept: "application/json",
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...init.headers,
    },
  });
  const body = (await response.json().catch(() => null)) as
    | (T & { error?: { message?: string; code?: string } })
    | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.error?.message ?? `Request failed (${response.status})`,
      body?.error?.code,
    );
  }
  return body as T;
}

export interface Session {
  seller: SellerView;
  shops: ShopView[];
}

export const api = {
  session: () => request<Session>("/auth/session"),
  connections: () => request<{ shops: ShopView[] }>("/connections"),
  disconnect: (shopId: string) =>
    request<{ shop: ShopView }>(`/connections/${shopId}/disconnect`, { method: "POST" }),
  carrierOptions: (shopId: string) =>
    request<{ warehouses: WarehouseChoice[] }>(`/connections/${shopId}/carriers/options`),
  carrierMappings: (shopId: string) =>
    request<{ mappings: CarrierMapping[] }>(`/connections/${shopId}/carriers`),
  saveCarrierMappings: (shopId: string, mappings: CarrierMappingsInput["mappings"]) =>
    request<{ mappings: CarrierMapping[] }>(`/connections/${shopId}/carriers`, {
      method: "PUT",
      body: JSON.stringify({ mappings }),
    }),
  logout: () => request<{ ok: true }>("/auth/logout", { method: "POST" }),
};
