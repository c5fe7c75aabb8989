import { beforeEach, describe, expect, it } from "vitest";
import type { DevShop } from "../../src/app.ts";
import { APP, authorizedToken, BASE, testShop, webhookReceiver } from "./helpers.ts";

async function session(shop: DevShop, email: string) {
  const res = await shop.fetch(
    new Request(`${BASE}/seller-center/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password: "devshop", next: "/seller-center/shops" }),
    }),
  );
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return {
    get: async (path: string) => shop.fetch(new Request(`${BASE}${path}`, { headers: { cookie } })),
    post: async (path: string, fields: Record<string, string> = {}) =>
      shop.fetch(
        new Request(`${BASE}${path}`, {
          method: "POST",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(fields),
        }),
      ),
  };
}

describe("Seller Center", () => {
  let shop: DevShop;
  let receiver: ReturnType<typeof webhookReceiver>;

  beforeEach(() => {
    receiver = webhookReceiver();
    shop = testShop({ fetch: receiver.fetch });
  });

  it("requires a login for every page", async () => {
    for (const path of [
      "/seller-center",
      "/seller-center/shops",
      "/seller-center/my-apps",
      "/seller-center/clock",
    ]) {
      const res = await shop.fetch(new Request(`${BASE}${path}`));
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`/seller-center/login?next=${encodeURIComponent(path)}`);
    }
  });

  it("renders accessible pages without scripts", async () => {
    const s = await session(shop, "seller1@dev.shop");
    for (const path of ["shops", "app-store", "my-apps", "webhooks", "buyer", "clock"]) {
      const res = await s.get(`/seller-center/${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html>\s*<html lang="en">/);
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain('<nav class="side" aria-label="Seller Center">');
      expect(html).toContain('aria-current="page"');
      expect(html).toContain('<main id="main">');
      expect(html).toContain('<link rel="icon" href="data:,">');
    }
  });

  it("shows each seller only their own shops", async () => {
    const [us, gb, cb] = shop.control.shops();
    const one = await (await (await session(shop, "seller1@dev.shop")).get("/seller-center/shops")).text();
    const two = await (await (await session(shop, "seller2@dev.shop")).get("/seller-center/shops")).text();
    expect(one).toContain(us!.code);
    expect(one).toContain(gb!.code);
    expect(one).not.toContain(cb!.code);
    expect(two).toContain(cb!.code);
    expect(two).not.toContain(us!.cipher);
  });

  it("lists apps in the App Store with Authorize and Open", async () => {
    const html = await (
      await (await session(shop, "seller1@dev.shop")).get("/seller-center/app-store")
    ).text();
    const app = shop.control.apps()[0]!;
    expect(html).toContain(APP.name);
    expect(html).toContain(APP.description);
    expect(html).toContain(`href="/open/authorize?service_id=${app.serviceId}"`);
    expect(html).toContain(`href="${app.homepageUrl}"`);
    expect(app.homepageUrl).toBe("https://app.example.test");
  });

  it("shows authorized apps and lets only their seller revoke them", async () => {
    await authorizedToken(shop, "seller1@dev.shop");
    const one = await session(shop, "seller1@dev.shop");
    const two = await session(shop, "seller2@dev.shop");
    const html = await (await one.get("/seller-center/my-apps")).text();
    expect(html).toContain(APP.name);
    expect(html).toContain("seller.order.info");
    expect(html).toContain("status-active");
    expect(await (await two.get("/seller-center/my-apps")).text()).not.toContain(APP.name);

    const id = shop.store.platform.authorizations[0]!.id;
    expect((await two.post(`/seller-center/my-apps/${id}/revoke`)).status).toBe(404);
    expect(shop.store.platform.authorizations[0]!.revokedAt).toBeNull();
    expect((await one.post(`/seller-center/my-apps/${id}/revoke`)).status).toBe(303);
    expect(shop.store.platform.authorizations[0]!.revokedAt).not.toBeNull();
    expect(await (await one.get("/seller-center/my-apps?revoked=1")).text()).toContain("status-revoked");
  });

  it("shows the webhook log of the seller's shops only", async () => {
    const { shops } = await authorizedToken(shop, "seller1@dev.shop");
    await authorizedToken(shop, "seller2@dev.shop");
    const foreign = shop.control.shops().find((s) => !shops.some((o) => o.id === s.id))!;
    shop.control.emitWebhook({ shopId: shops[0]!.id, type: 1, data: {} });
    shop.control.emitWebhook({ shopId: foreign.id, type: 12, data: {} });
    await shop.control.webhooksIdle();
    const html = await (
      await (await session(shop, "seller1@dev.shop")).get("/seller-center/webhooks")
    ).text();
    expect(html).toContain("ORDER_STATUS_CHANGE");
    expect(html).not.toContain("RETURN_STATUS_CHANGE");
    expect(html).toContain("status-delivered");
  });

  it("moves the clock forward from the clock page", async () => {
    const s = await session(shop, "seller1@dev.shop");
    const before = shop.clock.now();
    const res = await s.post("/seller-center/clock", { seconds: "86400" });
    expect(res.status).toBe(303);
    expect(shop.clock.now() - before).toBeGreaterThanOrEqual(86_400);
    await s.post("/seller-center/clock", { amount: "2", unit: "hours" });
    expect(shop.clock.now() - before).toBeGreaterThanOrEqual(86_400 + 7200);
    expect(
      (await s.post("/seller-center/clock", { amount: "-1", unit: "hours" })).headers.get("location"),
    ).toContain("error");
    expect(await (await s.get("/seller-center/clock")).text()).toContain("Ahead of real time by");
  });

  it("logs out", async () => {
    const s = await session(shop, "seller1@dev.shop");
    const out = await s.post("/seller-center/logout");
    expect(out.headers.get("set-cookie")).toMatch(/dev_shop_seller=;/);
    expect((await s.get("/seller-center/shops")).status).toBe(302);
  });
});

describe("control API", () => {
  const post = (shop: DevShop, path: string, body: unknown) =>
    shop.fetch(new Request(`${BASE}${path}`, { method: "POST", body: JSON.stringify(body) }));

  it("registers apps (snake_case) and never lists secrets", async () => {
    const shop = testShop();
    const res = await post(shop, "/control/apps", {
      app_key: "6newapp",
      app_secret: "topsecret",
      name: "New",
      category: "OMS",
      redirect_url: "http://localhost:5173/auth/callback",
      webhook_url: "http://localhost:5173/webhooks",
      scopes: ["seller.order.info"],
    });
    expect(res.status).toBe(200);
    const listed = await (await shop.fetch(new Request(`${BASE}/control/apps`))).text();
    expect(listed).toContain("6newapp");
    expect(listed).not.toContain("topsecret");
    expect(listed).not.toContain(APP.appSecret);
    const app = shop.control.apps().find((a) => a.appKey === "6newapp")!;
    expect(app.serviceId).toMatch(/^\d{19}$/);
    expect(app.scopes).toEqual(["seller.order.info"]);
  });

  it("explains invalid input", async () => {
    const shop = testShop();
    const bad = await post(shop, "/control/apps", {
      app_key: "x",
      app_secret: "y",
      name: "n",
      redirect_url: "not a url",
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^redirectUrl:/);
    const mixed = await post(shop, "/control/authorize", {
      app_key: APP.appKey,
      shop_ids: shop.control.shops().map((s) => s.id),
    });
    expect(mixed.status).toBe(400);
    expect(((await mixed.json()) as { error: string }).error).toBe("The shops must belong to one seller");
    const unknown = await post(shop, "/control/authorize", {
      app_key: "nope",
      seller_email: "seller1@dev.shop",
    });
    expect(unknown.status).toBe(400);
    const notJson = await shop.fetch(
      new Request(`${BASE}/control/clock/advance`, { method: "POST", body: "{" }),
    );
    expect(notJson.status).toBe(400);
  });

  it("authorizes by shop ids, moves and reads the clock, lists state, resets", async () => {
    const shop = testShop();
    const [, gb] = shop.control.shops();
    const auth = (await (
      await post(shop, "/control/authorize", { app_key: APP.appKey, shop_ids: [gb!.id] })
    ).json()) as {
      code: string;
      shop_ids: string[];
    };
    expect(auth.shop_ids).toEqual([gb!.id]);

    const clock = (await (await post(shop, "/control/clock/advance", { seconds: 3600 })).json()) as {
      now: number;
      offset_seconds: number;
    };
    expect(clock.offset_seconds).toBe(3600);
    const read = (await (await shop.fetch(new Request(`${BASE}/control/clock`))).json()) as {
      now: number;
      iso: string;
    };
    expect(read.now).toBeGreaterThanOrEqual(clock.now);
    expect(read.iso).toMatch(/Z$/);

    const shops = (await (await shop.fetch(new Request(`${BASE}/control/state/shops`))).json()) as {
      shops: Array<{ id: string; seller_type: string }>;
    };
    expect(shops.shops).toHaveLength(3);
    const sellers = (await (await shop.fetch(new Request(`${BASE}/control/state/sellers`))).json()) as {
      sellers: Array<{ email: string; password: string }>;
    };
    expect(sellers.sellers.map((s) => s.email)).toEqual(["seller1@dev.shop", "seller2@dev.shop"]);
    const auths = (await (await shop.fetch(new Request(`${BASE}/control/state/authorizations`))).json()) as {
      authorizations: unknown[];
    };
    expect(auths.authorizations).toHaveLength(1);

    expect((await post(shop, "/control/reset", {})).status).toBe(200);
    expect(shop.store.platform.authorizations).toHaveLength(0);
    expect(shop.clock.offsetSeconds).toBe(0);
    expect((await post(shop, "/control/clock/advance", { seconds: -1 })).status).toBe(400);
  });
});
