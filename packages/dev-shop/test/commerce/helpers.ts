import { commerceHandlers, seedCommerce } from "../../src/commerce/index.ts";
import type { CommerceState } from "../../src/commerce/state.ts";
import type { HandlerContext, HandlerResult } from "../../src/handler.ts";
import type { PartnerApp, PlatformState, Seller, Shop } from "../../src/state/platform.ts";
import type { DevShopStore } from "../../src/state/store.ts";

/** A fixed clock for the tests: 2026-06-01T00:00:00Z. */
export const NOW = 1_780_272_000;
export const HOUR = 3600;
export const DAY = 86400;

export const seller: Seller = {
  id: "7000000000000000009",
  email: "seller@test.shop",
  password: "x",
  name: "Test Seller",
  baseRegion: "US",
};

export const usShop: Shop = {
  id: "7495000000000000001",
  sellerId: seller.id,
  name: "Test US",
  region: "US",
  sellerType: "LOCAL",
  cipher: "ROW_test_us",
  code: "USLCTEST01",
  currency: "USD",
};

export const gbShop: Shop = {
  id: "7495000000000000002",
  sellerId: seller.id,
  name: "Test UK",
  region: "GB",
  sellerType: "LOCAL",
  cipher: "ROW_test_gb",
  code: "GBLCTEST01",
  currency: "GBP",
};

export const app: PartnerApp = {
  appKey: "testappkey",
  appSecret: "secret",
  serviceId: "1",
  name: "Test app",
  category: "OMS",
  description: "",
  redirectUrl: "http://localhost/callback",
  homepageUrl: "http://localhost",
  scopes: [],
  webhookUrl: null,
};

export function platformOf(shops: Shop[]): PlatformState {
  return {
    sellers: [seller],
    shops,
    apps: [app],
    authorizations: [],
    authCodes: [],
    tokens: [],
    webhookDeliveries: [],
    shopWebhooks: {},
  };
}

export function makeStore(
  opts: {
    seed?: number;
    now?: number;
    productsPerShop?: number;
    ordersPerShop?: number;
    shops?: Shop[];
  } = {},
): DevShopStore {
  const shops = opts.shops ?? [usShop, gbShop];
  const commerce: CommerceState = seedCommerce(shops, {
    seed: opts.seed ?? 42,
    now: opts.now ?? NOW,
    productsPerShop: opts.productsPerShop ?? 24,
    ordersPerShop: opts.ordersPerShop ?? 160,
  });
  return { platform: platformOf(shops), commerce, clockOffset: 0 };
}

export interface Event {
  shopId: string;
  type: number;
  data: Record<string, unknown>;
}

/** Collects webhooks emitted through the (shopId, type, data) outlet of tick and buyer calls. */
export function recorder() {
  const events: Event[] = [];
  const emit = (shopId: string, type: number, data: Record<string, unknown>) => {
    events.push({ shopId, type, data });
  };
  return { events, emit };
}

export interface CallInput {
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  now?: number;
  /** The shop named by shop_cipher (default: the US shop); null on seller-level endpoints. */
  shop?: Shop | null;
}

export interface CallResult {
  code: number;
  message: string;
  status: number;
  data: Record<string, unknown>;
  events: Event[];
}

/** Calls a commerce handler the way the gateway would after its checks passed. */
export async function call(store: DevShopStore, key: string, input: CallInput = {}): Promise<CallResult> {
  const handler = commerceHandlers[key];
  if (!handler) throw new Error(`no handler for ${key}`);
  const shop = input.shop === undefined ? usShop : input.shop;
  const events: Event[] = [];
  const ctx: HandlerContext = {
    now: input.now ?? NOW,
    origin: "http://dev-shop.test",
    app,
    seller,
    shop,
    authorizedShops: store.platform.shops,
    params: input.params ?? {},
    query: input.query ?? {},
    body: input.body ?? {},
    store,
    emit: (type, data) => events.push({ shopId: shop?.id ?? "", type, data }),
  };
  const result: HandlerResult = await handler(ctx);
  if ("error" in result) {
    return {
      code: result.error.code,
      message: result.error.message,
      status: result.error.status ?? 200,
      data: {},
      events,
    };
  }
  // Round-trip through JSON like the wire does, so tests see exactly what a client would.
  return { code: 0, message: "Success", status: 200, data: JSON.parse(JSON.stringify(result.data)), events };
}

export function expectOk(result: CallResult): Record<string, unknown> {
  if (result.code !== 0) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result.data;
}

export function shopData(store: DevShopStore, shop: Shop = usShop) {
  const data = store.commerce.shops[shop.id];
  if (!data) throw new Error("shop not seeded");
  return data;
}

export type Json = Record<string, unknown>;
export const arr = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
