import { createDevShop, type DevShop, type DevShopOptions } from "../../src/app.ts";
import { signRequest } from "../../src/signing.ts";

/** Shared fixtures for the platform tests: a dev shop with one app, signed calls, tokens, captured webhooks. */

export const APP = {
  appKey: "6devshoptest",
  appSecret: "s3cr3t-for-tests",
  name: "Test ERP",
  category: "ERP",
  description: "An app used by the platform tests.",
  redirectUrl: "https://app.example.test/auth/callback?from=tiktok",
  webhookUrl: "https://app.example.test/webhooks/tiktok",
};

export const BASE = "http://dev-shop.test";

export interface CapturedWebhook {
  url: string;
  authorization: string | null;
  body: string;
}

/** A fetch for webhook delivery that records every call and answers with `respond` (200 by default). */
export function webhookReceiver(respond: (call: CapturedWebhook) => number | Promise<number> = () => 200) {
  const calls: CapturedWebhook[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const call = {
      url: String(input),
      authorization: headers.get("authorization"),
      body: String(init?.body ?? ""),
    };
    calls.push(call);
    return new Response("ok", { status: await respond(call) });
  };
  return { calls, fetch: fetchImpl };
}

export function testShop(options: DevShopOptions = {}): DevShop {
  return createDevShop({
    seed: 42,
    tickIntervalMs: 0,
    apps: [APP],
    fetch: webhookReceiver().fetch,
    ...options,
  });
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export interface CallInput {
  method?: string;
  path: string;
  query?: Record<string, string>;
  body?: string;
  token?: string | null;
  appKey?: string;
  secret?: string;
  timestamp?: string | null;
  sign?: string | null;
  contentType?: string | null;
}

/** A correctly signed Open API call unless the input overrides a part of it. */
export async function call(shop: DevShop, input: CallInput): Promise<Response> {
  const query: Record<string, string> = {
    app_key: input.appKey ?? APP.appKey,
    ...(input.timestamp === null ? {} : { timestamp: input.timestamp ?? String(nowSeconds()) }),
    ...input.query,
  };
  const sign =
    input.sign === undefined
      ? signRequest({
          secret: input.secret ?? APP.appSecret,
          path: input.path,
          query: Object.entries(query),
          body: input.body,
        })
      : input.sign;
  const search = new URLSearchParams(query);
  if (sign !== null) search.set("sign", sign);
  const headers: Record<string, string> = {};
  if (input.contentType !== null) headers["content-type"] = input.contentType ?? "application/json";
  if (input.token) headers["x-tts-access-token"] = input.token;
  return shop.fetch(
    new Request(`${BASE}${input.path}?${search}`, {
      method: input.method ?? "GET",
      headers,
      ...(input.body !== undefined ? { body: input.body } : {}),
    }),
  );
}

export interface Envelope {
  code: number;
  data: unknown;
  message: string;
  request_id: string;
}

export async function envelope(response: Response): Promise<Envelope> {
  return (await response.json()) as Envelope;
}

export async function getToken(shop: DevShop, code: string, app = APP) {
  const q = new URLSearchParams({
    app_key: app.appKey,
    app_secret: app.appSecret,
    auth_code: code,
    grant_type: "authorized_code",
  });
  const res = await shop.fetch(new Request(`${BASE}/api/v2/token/get?${q}`));
  return (await res.json()) as { code: number; message: string; data: Record<string, unknown> | null };
}

/** Authorizes every shop of a seller for the test app and returns the access token and shops. */
export async function authorizedToken(shop: DevShop, sellerEmail = "seller1@dev.shop", app = APP) {
  const { code } = shop.control.authorize({ appKey: app.appKey, sellerEmail });
  const token = await getToken(shop, code, app);
  if (token.code !== 0 || !token.data) throw new Error(`token/get failed: ${token.message}`);
  const seller = shop.control.sellers().find((s) => s.email === sellerEmail);
  const shops = shop.control.shops().filter((s) => s.sellerId === seller?.id);
  return {
    accessToken: String(token.data.access_token),
    refreshToken: String(token.data.refresh_token),
    shops,
  };
}
