import { allEndpoints } from "@tts-kit/tiktok-shop/contract";
import { beforeEach, describe, expect, it } from "vitest";
import type { DevShop } from "../../src/app.ts";
import { APP, authorizedToken, BASE, call, envelope, nowSeconds, testShop } from "./helpers.ts";

const REQUEST_ID = /^\d{14}[0-9A-F]{20}$/;

async function expectError(response: Response, status: number, code: number, message: string | RegExp) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  const body = await envelope(response);
  expect(body.code).toBe(code);
  if (typeof message === "string") expect(body.message).toBe(message);
  else expect(body.message).toMatch(message);
  expect(body.data).toBeNull();
  expect(body.request_id).toMatch(REQUEST_ID);
  return body;
}

describe("gateway", () => {
  let shop: DevShop;
  let token: string;
  let ciphers: string[];

  beforeEach(async () => {
    shop = testShop();
    const granted = await authorizedToken(shop);
    token = granted.accessToken;
    ciphers = granted.shops.map((s) => s.cipher);
  });

  describe("envelope", () => {
    it("answers a success with code, data, message, request_id in that order", async () => {
      const response = await call(shop, { path: "/authorization/202309/shops", token });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const text = await response.text();
      expect(text).toMatch(
        /^\{"code":0,"data":\{.*\},"message":"Success","request_id":"\d{14}[0-9A-F]{20}"\}$/,
      );
      const body = JSON.parse(text) as { data: { shops: Array<Record<string, unknown>> } };
      expect(body.data.shops).toHaveLength(2);
      expect(Object.keys(body.data.shops[0]!)).toEqual([
        "cipher",
        "code",
        "id",
        "name",
        "region",
        "seller_type",
      ]);
    });

    it("stamps request_id with the dev shop's time in UTC+8", async () => {
      const body = await envelope(await call(shop, { path: "/authorization/202309/shops", token }));
      const beijing = new Date(shop.clock.nowMs() + 8 * 3600_000)
        .toISOString()
        .replace(/\D/g, "")
        .slice(0, 12);
      expect(body.request_id.slice(0, 12)).toBe(beijing);
      expect(body.request_id).toHaveLength(34);
    });

    it("answers an empty success with data {}", async () => {
      const response = await call(shop, {
        method: "PUT",
        path: "/event/202309/webhooks",
        query: { shop_cipher: ciphers[0]! },
        body: JSON.stringify({
          address: "https://app.example.test/hooks/orders",
          event_type: "ORDER_STATUS_CHANGE",
        }),
        token,
      });
      expect(await response.text()).toMatch(
        /^\{"code":0,"data":\{\},"message":"Success","request_id":"[0-9A-F]{34}"\}$/,
      );
    });
  });

  describe("routing", () => {
    it("unknown path: 404 36009009", async () => {
      await expectError(
        await call(shop, { path: "/nothing/202309/here", token }),
        404,
        36009009,
        "Invalid path. The specified path does not match any available endpoint.",
      );
    });

    it("known path, wrong method: 36009010", async () => {
      await expectError(
        await call(shop, { method: "POST", path: "/authorization/202309/shops", token, body: "{}" }),
        405,
        36009010,
        "Invalid method. The HTTP method used is not supported by this endpoint.",
      );
    });

    it("known resource, unknown version: 36009014", async () => {
      await expectError(
        await call(shop, { path: "/authorization/202101/shops", token }),
        404,
        36009014,
        "Invalid API version. The `version` value is invalid or unsupported.",
      );
    });

    it("routing errors come before credential checks", async () => {
      await expectError(
        await call(shop, { path: "/nothing/202309/here", appKey: "nope" }),
        404,
        36009009,
        /Invalid path/,
      );
    });
  });

  describe("credentials", () => {
    it("unknown app_key: 400 36009004", async () => {
      await expectError(
        await call(shop, { path: "/authorization/202309/shops", token, appKey: "unknown" }),
        400,
        36009004,
        "Invalid credentials. Invalid `app_key` query parameter.",
      );
    });

    it("missing sign: 36009004 Missing credentials", async () => {
      await expectError(
        await call(shop, { path: "/authorization/202309/shops", token, sign: null }),
        401,
        36009004,
        "Missing credentials. The request does not include a required signature in the query.",
      );
    });

    it("negative timestamp", async () => {
      await expectError(
        await call(shop, { path: "/authorization/202309/shops", token, timestamp: "-5" }),
        400,
        36009004,
        "Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0.",
      );
    });

    it("timestamp older than 5 minutes, or missing", async () => {
      const old =
        "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.";
      await expectError(
        await call(shop, {
          path: "/authorization/202309/shops",
          token,
          timestamp: String(nowSeconds() - 301),
        }),
        400,
        36009004,
        old,
      );
      await expectError(
        await call(shop, { path: "/authorization/202309/shops", token, timestamp: null }),
        400,
        36009004,
        old,
      );
    });

    it("timestamp more than 30 seconds ahead", async () => {
      await expectError(
        await call(shop, {
          path: "/authorization/202309/shops",
          token,
          timestamp: String(nowSeconds() + 40),
        }),
        400,
        36009004,
        "Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current time by more than 30 seconds.",
      );
    });

    it("accepts timestamps at the edges of the window", async () => {
      expect(
        (
          await call(shop, {
            path: "/authorization/202309/shops",
            token,
            timestamp: String(nowSeconds() - 290),
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await call(shop, {
            path: "/authorization/202309/shops",
            token,
            timestamp: String(nowSeconds() + 25),
          })
        ).status,
      ).toBe(200);
    });

    it("accepts a timestamp read from the dev shop's advanced clock too", async () => {
      shop.control.advanceClock(3600);
      const res = await call(shop, {
        path: "/authorization/202309/shops",
        token,
        timestamp: String(shop.clock.now()),
      });
      expect(res.status).toBe(200);
    });

    it("bad sign: 401 106001", async () => {
      await expectError(
        await call(shop, { path: "/authorization/202309/shops", token, secret: "wrong-secret" }),
        401,
        106001,
        "Invalid credentials. The `sign` query parameter is invalid.",
      );
    });

    it("a sign over a different body fails", async () => {
      const path = "/event/202309/webhooks";
      const query = { shop_cipher: ciphers[0]! };
      const good = JSON.stringify({ address: "https://a.example.test/x", event_type: "ORDER_STATUS_CHANGE" });
      const signedFor = await import("../../src/signing.ts").then((m) =>
        m.signRequest({
          secret: APP.appSecret,
          path,
          query: Object.entries({ app_key: APP.appKey, timestamp: String(nowSeconds()), ...query }),
          body: good.replace("x", "y"),
        }),
      );
      await expectError(
        await call(shop, { method: "PUT", path, query, body: good, token, sign: signedFor }),
        401,
        106001,
        /sign/,
      );
    });

    it("accepts a `{}` body signed without the body", async () => {
      const path = "/event/202309/webhooks";
      const ts = String(nowSeconds());
      const { signRequest } = await import("../../src/signing.ts");
      const sign = signRequest({
        secret: APP.appSecret,
        path,
        query: Object.entries({ app_key: APP.appKey, timestamp: ts, shop_cipher: ciphers[0]! }),
      });
      const res = await call(shop, {
        path,
        query: { shop_cipher: ciphers[0]! },
        timestamp: ts,
        token,
        body: undefined,
        sign,
      });
      expect(res.status).toBe(200);
      const withEmptyBody = await shop.fetch(
        new Request(
          `${BASE}${path}?app_key=${APP.appKey}&timestamp=${ts}&shop_cipher=${encodeURIComponent(ciphers[0]!)}&sign=${sign}`,
          {
            method: "DELETE",
            headers: { "content-type": "application/json", "x-tts-access-token": token },
            body: "{}",
          },
        ),
      );
      // Signature accepted; the body then fails validation (event_type is required).
      await expectError(
        withEmptyBody,
        400,
        36009004,
        "EventType is a required field and has not been provided.",
      );
    });

    it("missing or unknown token: 401 36009004", async () => {
      const message = "Invalid credentials. The `x-tts-access-token` header is invalid.";
      await expectError(await call(shop, { path: "/authorization/202309/shops" }), 401, 36009004, message);
      await expectError(
        await call(shop, { path: "/authorization/202309/shops", token: "TTP_nope" }),
        401,
        36009004,
        message,
      );
    });

    it("a token of another app is invalid", async () => {
      shop.control.registerApp({
        ...APP,
        appKey: "6otherapp",
        appSecret: "other-secret",
        serviceId: "7000000000000000001",
      });
      await expectError(
        await call(shop, {
          path: "/authorization/202309/shops",
          token,
          appKey: "6otherapp",
          secret: "other-secret",
        }),
        401,
        36009004,
        "Invalid credentials. The `x-tts-access-token` header is invalid.",
      );
    });

    it("expired token: 401 105002", async () => {
      shop.control.advanceClock(7 * 86_400 + 1);
      await expectError(
        await call(shop, { path: "/authorization/202309/shops", token }),
        401,
        105002,
        "Expired credentials. The `access_token` or `x-tts-access-token` header has expired.",
      );
    });

    it("revoked authorization: the token becomes invalid", async () => {
      const authorization = shop.store.platform.authorizations[0]!;
      authorization.revokedAt = shop.clock.now();
      await expectError(
        await call(shop, { path: "/authorization/202309/shops", token }),
        401,
        36009004,
        /x-tts-access-token/,
      );
    });
  });

  describe("shop_cipher rules", () => {
    it("required but missing: 106013", async () => {
      await expectError(
        await call(shop, { path: "/event/202309/webhooks", token }),
        400,
        106013,
        "Missing identifier. The `shop_cipher` query parameter is required to identify the target shop.",
      );
    });

    it("refused but present: 36009004 Unexpected identifier", async () => {
      await expectError(
        await call(shop, { path: "/authorization/202309/shops", query: { shop_cipher: ciphers[0]! }, token }),
        400,
        36009004,
        "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.",
      );
    });

    it("a cipher the token is not authorized for: 101000", async () => {
      const foreign = shop.control.shops().find((s) => !ciphers.includes(s.cipher))!;
      await expectError(
        await call(shop, { path: "/event/202309/webhooks", query: { shop_cipher: foreign.cipher }, token }),
        401,
        101000,
        "Invalid query or header. The `category_asset_cipher` query parameter or `x-tts-access-token` header is invalid.",
      );
    });
  });

  describe("scopes", () => {
    it("a scope the grant lacks: 401 105005", async () => {
      shop.control.registerApp({ ...APP, scopes: ["seller.shop.info", "seller.authorization.info"] });
      const narrow = await authorizedToken(shop, "seller2@dev.shop");
      await expectError(
        await call(shop, {
          path: "/event/202309/webhooks",
          query: { shop_cipher: narrow.shops[0]!.cipher },
          token: narrow.accessToken,
        }),
        401,
        105005,
        /^Access denied\. The app is not authorized to access the endpoint/,
      );
      // The scope it has still works.
      expect((await call(shop, { path: "/seller/202309/shops", token: narrow.accessToken })).status).toBe(
        200,
      );
    });
  });

  describe("parameters", () => {
    const put = (body: unknown, contentType?: string) =>
      call(shop, {
        method: "PUT",
        path: "/event/202309/webhooks",
        query: { shop_cipher: ciphers[0]! },
        body: typeof body === "string" ? body : JSON.stringify(body),
        token,
        ...(contentType ? { contentType } : {}),
      });

    it("a missing field is named", async () => {
      await expectError(
        await put({ event_type: "ORDER_STATUS_CHANGE" }),
        400,
        36009004,
        "Address is a required field and has not been provided.",
      );
    });

    it("an invalid value is named", async () => {
      await expectError(
        await put({ address: "https://a.example.test", event_type: "NOPE" }),
        400,
        36009004,
        /^Invalid param `event_type`: /,
      );
    });

    it("malformed JSON", async () => {
      await expectError(await put("{not json"), 400, 36009004, /not valid JSON/);
    });

    it("a body that is neither JSON nor multipart: 36009022", async () => {
      await expectError(
        await put("address=x", "text/plain"),
        400,
        36009022,
        /^Invalid request format\. The request body format must be/,
      );
    });

    it("an upload without multipart: 36009023", async () => {
      const upload = allEndpoints.map((e) => e.endpoint).find((e) => e.multipart);
      if (!upload) return; // the contract has no upload endpoint yet
      shop.control.registerApp({ ...APP });
      const res = await call(shop, {
        method: upload.method,
        path: upload.path,
        body: "{}",
        token,
        ...(upload.cipher === "required" ? { query: { shop_cipher: ciphers[0]! } } : {}),
      });
      await expectError(
        res,
        400,
        36009023,
        "Invalid request format. The value of the `content-type` header must be `multipart/form-data`.",
      );
    });

    it("accepts a multipart upload signed without its body", async () => {
      const path = "/product/202309/images/upload";
      const upload = allEndpoints.map((e) => e.endpoint).find((e) => e.path === path && e.multipart);
      if (!upload) return; // the contract has no image upload yet
      const { signRequest } = await import("../../src/signing.ts");
      const ts = String(nowSeconds());
      const sign = signRequest({
        secret: APP.appSecret,
        path,
        query: Object.entries({ app_key: APP.appKey, timestamp: ts }),
      });
      const form = new FormData();
      form.set("data", new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: "image/png" }), "a.png");
      form.set("use_case", "MAIN_IMAGE");
      const res = await shop.fetch(
        new Request(`${BASE}${path}?app_key=${APP.appKey}&timestamp=${ts}&sign=${sign}`, {
          method: "POST",
          headers: { "x-tts-access-token": token },
          body: form,
        }),
      );
      const body = await envelope(res);
      // Past signature, content type and validation: either emulated or visibly not.
      expect([0, 36009003]).toContain(body.code);
      if (body.code !== 0) expect(body.message).toBe(`Not emulated: POST ${path}`);
    });

    it("parses comma-joined array query values", async () => {
      const { queryObject } = await import("../../src/gateway/params.ts");
      const { z } = await import("zod");
      const schema = z.object({ ids: z.array(z.string()).optional(), page_size: z.coerce.number() });
      expect(queryObject(schema, new URLSearchParams("ids=1,2,3&page_size=5&app_key=x"))).toEqual({
        ids: ["1", "2", "3"],
        page_size: "5",
      });
      expect(queryObject(schema, new URLSearchParams("ids=1&ids=2"))).toEqual({ ids: ["1", "2"] });
      // The contract's own preprocess form (split a string, or take an array).
      const preprocessed = z.object({
        ids: z.preprocess(
          (v: unknown) => (typeof v === "string" ? v.split(",") : v),
          z.array(z.string()).min(1),
        ),
      });
      const parsed = preprocessed.parse(queryObject(preprocessed, new URLSearchParams("ids=7,8&ids=9")));
      expect(parsed).toEqual({ ids: ["7", "8", "9"] });
    });
  });

  describe("gaps", () => {
    it("a contract endpoint without a handler answers 501 36009003 Not emulated", async () => {
      await expectError(
        await call(shop, { path: "/authorization/202405/category_assets", token }),
        501,
        36009003,
        "Not emulated: GET /authorization/202405/category_assets",
      );
    });

    it("lists emulated and missing endpoints on the control API", async () => {
      const res = await shop.fetch(new Request(`${BASE}/control/endpoints`));
      const body = (await res.json()) as {
        total: number;
        endpoints: Array<{ path: string; method: string; emulated: boolean }>;
      };
      expect(body.total).toBe(allEndpoints.length);
      expect(body.endpoints.find((e) => e.path === "/authorization/202309/shops")?.emulated).toBe(true);
      expect(body.endpoints.find((e) => e.path === "/authorization/202405/category_assets")?.emulated).toBe(
        false,
      );
    });
  });
});
