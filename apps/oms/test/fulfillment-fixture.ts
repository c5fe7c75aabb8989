import { createDevShop, type DevShop } from "@tts-kit/dev-shop";
import { loadEnv } from "@tts-kit/server";
import { Hono } from "hono";
import { createOmsServer, type OmsServer } from "../src/server/app.ts";
import { omsEnvSchema } from "../src/server/env.ts";

const BASE = "http://dev-shop.test";
const ORIGIN = "http://oms.test";
export const APP = {
  appKey: "6omsfulfiltest",
  appSecret: "oms-fulfilment-test-secret-012345",
  serviceId: "7300000000000000997",
  name: "OMS (fulfilment tests)",
  redirectUrl: `${ORIGIN}/api/auth/callback`,
  webhookUrl: `${ORIGIN}/api/webhooks/tiktok`,
};

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
  bytes: Uint8Array;
}

export interface FulfillmentFixture {
  devShop: DevShop;
  oms: OmsServer;
  sellerId: string;
  /** seller1's US shop and GB shop. */
  us: string;
  gb: string;
  /** Calls the OMS API as the signed-in seller (CSRF token included on writes). */
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<Answer<T>>;
  /** Open API calls the OMS server made to the dev shop, by "METHOD path". */
  tiktokCalls: string[];
  /** Moves the OMS clock (the dev shop's stays), e.g. past the 72-hour window. */
  skewOms(seconds: number): void;
  close(): Promise<void>;
}

/**
 * OMS against the dev shop in-process: seller1's two shops connected, a signed-in session, the dev
 * shop's webhooks delivered to OMS, and a log of every TikTok call OMS makes. OMS reads the dev
 * shop's clock plus an optional skew.
 */
export async function fulfillmentFixture(
  options: { rateLimitPerSecond?: number; ordersPerShop?: number } = {},
): Promise<FulfillmentFixture> {
  let deliver: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
  const devShop = createDevShop({
    seed: 5,
    fetch: (input, init) => deliver(new Request(input, init)),
    tickIntervalMs: 0,
    apps: [APP],
    rateLimitPerSecond: options.rateLimitPerSecond ?? 0,
    size: { ordersPerShop: options.ordersPerShop ?? 20, productsPerShop: 8 },
  });
  const env = loadEnv(omsEnvSchema, {
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    APP_URL: ORIGIN,
    OMS_DATA_DIR: "memory",
    // Polling stays out of the way: every test reads TikTok directly.
    OMS_SYNC_INTERVAL_SECONDS: "3600",
    TIKTOK_APP_KEY: APP.appKey,
    TIKTOK_APP_SECRET: APP.appSecret,
    TIKTOK_SERVICE_ID: APP.serviceId,
    TIKTOK_API_BASE_URL: BASE,
    TIKTOK_AUTH_BASE_URL: BASE,
    TOKEN_ENCRYPTION_KEYS: `t1:${Buffer.alloc(32, 5).toString("base64")}`,
  });
  const tiktokCalls: string[] = [];
  let skew = 0;
  const oms = await createOmsServer({
    env,
    now: () => devShop.clock.now() + skew,
    fetch: (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      if (!url.pathname.startsWith("/static/")) tiktokCalls.push(`${request.method} ${url.pathname}`);
      return devShop.fetch(request);
    },
  });
  deliver = async (request) => oms.app.request(request);
  const { code } = devShop.control.authorize({ appKey: APP.appKey, sellerEmail: "seller1@dev.shop" });
  const { sellerId, shopIds } = await oms.auth.install.connect(code);
  const shops = devShop.control.shops().filter((s) => shopIds.includes(s.id));
  const us = shops.find((s) => s.region === "US")!.id;
  const gb = shops.find((s) => s.region === "GB")!.id;

  const signer = new Hono().get("/", async (c) => {
    await oms.auth.sessions.signIn(c, sellerId);
    return c.text("ok");
  });
  const session = (await signer.request("/")).headers.get("set-cookie")?.split(";")[0] ?? "";
  const csrf = (await (await oms.app.request("/api/csrf", { headers: { cookie: session } })).json()) as {
    token: string;
  };
  const cookie = `${session}; csrf=${csrf.token}`;

  return {
    devShop,
    oms,
    sellerId,
    us,
    gb,
    tiktokCalls,
    skewOms: (seconds) => {
      skew = seconds;
    },
    async call<T>(method: string, path: string, body?: unknown) {
      const response = await oms.app.request(`/api${path}`, {
        method,
        headers: {
          cookie,
          accept: "application/json",
          ...(method === "GET"
            ? {}
            : {
                origin: ORIGIN,
                "sec-fetch-site": "same-origin",
                "x-csrf-token": csrf.token,
                "content-type": "application/json",
              }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      const type = response.headers.get("content-type") ?? "";
      const parsed = type.includes("json") ? JSON.parse(new TextDecoder().decode(bytes)) : null;
      return { status: response.status, headers: response.headers, body: parsed as T, bytes };
    },
    async close() {
      await oms.close();
      await devShop.close();
    },
  };
}

/** An order placed by a buyer and paid, straight to AWAITING_SHIPMENT unless `onHold`. */
export function placeOrder(
  fixture: FulfillmentFixture,
  shopId: string,
  options: {
    shipping?: "SELLER" | "TIKTOK";
    onHold?: boolean;
    quantity?: number;
    buyerUserId?: string;
    warehouseId?: string;
    skuIds?: string[];
  } = {},
): string {
  return fixture.devShop.control.buyer.placeOrder(shopId, {
    shippingType: options.shipping ?? "SELLER",
    onHold: options.onHold ?? false,
    quantityPerSku: options.quantity ?? 1,
    ...(options.buyerUserId ? { buyerUserId: options.buyerUserId } : {}),
    ...(options.warehouseId ? { warehouseId: options.warehouseId } : {}),
    ...(options.skuIds ? { skuIds: options.skuIds } : {}),
  });
}

type ShopData = NonNullable<DevShop["store"]["commerce"]["shops"][string]>;
type DevOrder = ShopData["orders"][string];
type DevPackage = ShopData["packages"][string];
type Provider = ShopData["shippingProviders"][number];

/** The order and its packages as the dev shop holds them. */
export function devOrder(
  fixture: FulfillmentFixture,
  shopId: string,
  orderId: string,
): { order: DevOrder; packages: DevPackage[]; shop: ShopData } {
  const shop = fixture.devShop.store.commerce.shops[shopId]!;
  const order = shop.orders[orderId]!;
  const packageIds = [...new Set(order.lineItems.flatMap((l) => (l.packageId ? [l.packageId] : [])))];
  return { order, packages: packageIds.map((id) => shop.packages[id]!), shop };
}

/** Maps the shop's seller-shipping option of the order's warehouse to a carrier, by name. */
export async function mapCarrier(
  fixture: FulfillmentFixture,
  shopId: string,
  orderId: string,
  carrierName: string,
): Promise<Provider> {
  const { order, shop } = devOrder(fixture, shopId, orderId);
  const provider = shop.shippingProviders.find((p) => p.name === carrierName)!;
  const result = await fixture.oms.auth.connections.setCarrierMappings(fixture.sellerId, shopId, [
    {
      warehouseId: order.warehouseId,
      deliveryOptionId: order.deliveryOptionId,
      shippingProviderId: provider.id,
    },
  ]);
  if (!result.ok) throw new Error(`carrier mapping refused: ${JSON.stringify(result)}`);
  return provider;
}

/** Maps "shipped by seller" of every sales warehouse of the shop to one carrier, by name. */
export async function mapSellerShipping(
  fixture: FulfillmentFixture,
  shopId: string,
  carrierName: string,
): Promise<Provider> {
  const shop = fixture.devShop.store.commerce.shops[shopId]!;
  const provider = shop.shippingProviders.find((p) => p.name === carrierName)!;
  const option = shop.deliveryOptions.find((o) => o.type === "SEND_BY_SELLER")!;
  const result = await fixture.oms.auth.connections.setCarrierMappings(
    fixture.sellerId,
    shopId,
    option.warehouseIds.map((warehouseId) => ({
      warehouseId,
      deliveryOptionId: option.id,
      shippingProviderId: provider.id,
    })),
  );
  if (!result.ok) throw new Error(`carrier mapping refused: ${JSON.stringify(result)}`);
  return provider;
}
