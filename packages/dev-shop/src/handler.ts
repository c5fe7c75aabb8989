import type { PartnerApp, Seller, Shop } from "./state/platform.ts";
import type { DevShopStore } from "./state/store.ts";

/**
 * The contract between the gateway and the domain handlers. The gateway runs every platform
 * check (path, method, version, app key, timestamp, signature, token, cipher, scope, parameter
 * validation) and only then calls the handler with validated input; a handler applies the
 * business rules and answers with `data` or a TikTok business error.
 */
export interface HandlerContext<Store = DevShopStore> {
  /** Unix seconds on the dev shop's controllable clock. */
  now: number;
  /** Scheme, host and port the request arrived on, for absolute URLs in responses (labels). */
  origin: string;
  app: PartnerApp;
  seller: Seller;
  /** The shop named by `shop_cipher`; null on endpoints that refuse the cipher. */
  shop: Shop | null;
  /** The shops the calling token is authorized for. */
  authorizedShops: Shop[];
  params: Record<string, string>;
  /** Parsed with the contract's query schema. */
  query: Record<string, unknown>;
  /** Parsed with the contract's body schema (or the multipart form for uploads). */
  body: unknown;
  store: Store;
  /** Queue a webhook for the current shop; delivery, signing and retries are the platform's job. */
  emit(type: number, data: Record<string, unknown>): void;
}

export interface BusinessError {
  code: number;
  message: string;
  /** HTTP status; 200 unless TikTok is known to answer otherwise. */
  status?: number;
}

export type HandlerResult = { data: unknown } | { error: BusinessError };

export type Handler<Store = DevShopStore> = (
  ctx: HandlerContext<Store>,
) => HandlerResult | Promise<HandlerResult>;

export const ok = (data: unknown = {}): HandlerResult => ({ data });
export const fail = (code: number, message: string, status?: number): HandlerResult => ({
  error: status === undefined ? { code, message } : { code, message, status },
});
