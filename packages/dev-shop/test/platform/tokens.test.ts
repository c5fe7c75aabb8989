import { beforeEach, describe, expect, it } from "vitest";
import type { DevShop } from "../../src/app.ts";
import { APP, BASE, call, getToken, testShop } from "./helpers.ts";

type TokenBody = { code: number; message: string; data: Record<string, unknown> | null; request_id: string };

async function refresh(
  shop: DevShop,
  refreshToken: string,
  overrides: Record<string, string> = {},
): Promise<TokenBody> {
  const q = new URLSearchParams({
    app_key: APP.appKey,
    app_secret: APP.appSecret,
    refresh_token: refreshToken,
    grant_type: "refresh_token",
    ...overrides,
  });
  return (await (await shop.fetch(new Request(`${BASE}/api/v2/token/refresh?${q}`))).json()) as TokenBody;
}

describe("token host", () => {
  let shop: DevShop;
  let code: string;

  beforeEach(() => {
    shop = testShop();
    code = shop.control.authorize({ appKey: APP.appKey, sellerEmail: "seller1@dev.shop" }).code;
  });

  it("exchanges an auth code for a token pair (unsigned GET, lower-case success)", async () => {
    const q = new URLSearchParams({
      app_key: APP.appKey,
      app_secret: APP.appSecret,
      auth_code: code,
      grant_type: "authorized_code",
    });
    const response = await shop.fetch(new Request(`${BASE}/api/v2/token/get?${q}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const text = await response.text();
    expect(text).toMatch(
      /^\{"code":0,"data":\{.*\},"message":"success","request_id":"\d{14}[0-9A-F]{20}"\}$/,
    );
    const body = JSON.parse(text) as TokenBody;
    const data = body.data!;
    const now = shop.clock.now();
    expect(Object.keys(data)).toEqual([
      "access_token",
      "access_token_expire_in",
      "granted_scopes",
      "open_id",
      "refresh_token",
      "refresh_token_expire_in",
      "seller_base_region",
      "seller_name",
      "user_type",
    ]);
    expect(data.access_token).toMatch(/^TTP_[A-Za-z0-9_-]+$/);
    expect(data.access_token_expire_in).toBe(now + 7 * 86_400);
    expect(data.refresh_token_expire_in).toBe(now + 365 * 86_400);
    expect(data.user_type).toBe(0);
    expect(data.seller_base_region).toBe("US");
    expect(data.open_id).toMatch(/^\d{19}$/);
    expect(Array.isArray(data.granted_scopes)).toBe(true);
  });

  it("uses the ROW_ prefix for sellers outside the US", async () => {
    const other = shop.control.authorize({ appKey: APP.appKey, sellerEmail: "seller2@dev.shop" }).code;
    const body = await getToken(shop, other);
    expect(body.data?.access_token).toMatch(/^ROW_/);
  });

  it("an auth code works once: 36004004", async () => {
    expect((await getToken(shop, code)).code).toBe(0);
    const again = await getToken(shop, code);
    expect(again).toMatchObject({ code: 36004004, message: "Invalid auth code.", data: null });
  });

  it("an auth code expires after 30 minutes", async () => {
    shop.control.advanceClock(30 * 60);
    expect(await getToken(shop, code)).toMatchObject({ code: 36004004, message: "Invalid auth code." });
  });

  it("an auth code still works just before 30 minutes", async () => {
    shop.control.advanceClock(29 * 60);
    expect((await getToken(shop, code)).code).toBe(0);
  });

  it("an unknown code, or another app's code, is invalid", async () => {
    expect((await getToken(shop, "TTP_made_up")).code).toBe(36004004);
    shop.control.registerApp({
      ...APP,
      appKey: "6second",
      appSecret: "second-secret",
      serviceId: "7000000000000000002",
    });
    expect((await getToken(shop, code, { ...APP, appKey: "6second", appSecret: "second-secret" })).code).toBe(
      36004004,
    );
  });

  it("a wrong app secret is refused with the dev shop's chosen 36004003", async () => {
    const body = await getToken(shop, code, { ...APP, appSecret: "wrong" });
    expect(body).toMatchObject({ code: 36004003, message: "Invalid app_key or app_secret.", data: null });
    // The code was not consumed by the failed attempt.
    expect((await getToken(shop, code)).code).toBe(0);
  });

  it("requires grant_type=authorized_code on get", async () => {
    const q = new URLSearchParams({
      app_key: APP.appKey,
      app_secret: APP.appSecret,
      auth_code: code,
      grant_type: "authorization_code",
    });
    const body = (await (await shop.fetch(new Request(`${BASE}/api/v2/token/get?${q}`))).json()) as TokenBody;
    expect(body.code).toBe(36004002);
  });

  describe("refresh", () => {
    let first: Record<string, unknown>;

    beforeEach(async () => {
      first = (await getToken(shop, code)).data!;
    });

    it("rotates the pair: the old refresh token stops, the old access token keeps working", async () => {
      shop.control.advanceClock(3600);
      const next = await refresh(shop, String(first.refresh_token));
      expect(next.code).toBe(0);
      expect(next.message).toBe("success");
      expect(next.data!.access_token).not.toBe(first.access_token);
      expect(next.data!.refresh_token).not.toBe(first.refresh_token);
      // Within a second: the clock may tick between the refresh and this read.
      expect(
        shop.clock.now() + 7 * 86_400 - (next.data!.access_token_expire_in as number),
      ).toBeLessThanOrEqual(1);
      expect(
        shop.clock.now() + 7 * 86_400 - (next.data!.access_token_expire_in as number),
      ).toBeGreaterThanOrEqual(0);
      expect(next.data!.refresh_token_expire_in).toBe(first.refresh_token_expire_in);

      const reused = await refresh(shop, String(first.refresh_token));
      expect(reused).toMatchObject({ code: 36004005, data: null });

      const oldAccess = await call(shop, {
        path: "/authorization/202309/shops",
        token: String(first.access_token),
      });
      expect(oldAccess.status).toBe(200);
      const newAccess = await call(shop, {
        path: "/authorization/202309/shops",
        token: String(next.data!.access_token),
      });
      expect(newAccess.status).toBe(200);
    });

    it("the old access token stops at its own expiry", async () => {
      const next = await refresh(shop, String(first.refresh_token));
      shop.control.advanceClock(7 * 86_400);
      const old = await call(shop, {
        path: "/authorization/202309/shops",
        token: String(first.access_token),
      });
      expect(old.status).toBe(401);
      expect(((await old.json()) as TokenBody).code).toBe(105002);
      // The refreshed token was issued at the same moment, so it expired too; refresh again.
      const again = await refresh(shop, String(next.data!.refresh_token));
      expect(again.code).toBe(0);
      const fresh = await call(shop, {
        path: "/authorization/202309/shops",
        token: String(again.data!.access_token),
      });
      expect(fresh.status).toBe(200);
    });

    it("accepts the official Node SDK's grant_type=authorized_code on refresh", async () => {
      const body = await refresh(shop, String(first.refresh_token), { grant_type: "authorized_code" });
      expect(body.code).toBe(0);
    });

    it("refuses other grant types and wrong secrets", async () => {
      expect((await refresh(shop, String(first.refresh_token), { grant_type: "password" })).code).toBe(
        36004002,
      );
      expect((await refresh(shop, String(first.refresh_token), { app_secret: "nope" })).code).toBe(36004003);
    });

    it("fails once the authorization expired: 36004001", async () => {
      shop.control.advanceClock(365 * 86_400);
      expect(await refresh(shop, String(first.refresh_token))).toMatchObject({
        code: 36004001,
        message: "rt has expired",
      });
    });

    it("fails after the seller revoked the app", async () => {
      shop.store.platform.authorizations[0]!.revokedAt = shop.clock.now();
      expect((await refresh(shop, String(first.refresh_token))).code).toBe(36004005);
    });

    it("caps the access token at the authorization's end", async () => {
      shop.control.advanceClock(362 * 86_400);
      const next = await refresh(shop, String(first.refresh_token));
      expect(next.data!.access_token_expire_in).toBe(first.refresh_token_expire_in);
    });
  });
});
