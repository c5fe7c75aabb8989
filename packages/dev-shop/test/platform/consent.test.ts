import { beforeEach, describe, expect, it } from "vitest";
import type { DevShop } from "../../src/app.ts";
import { APP, BASE, getToken, testShop } from "./helpers.ts";

/** Drives the HTML pages the way a browser would, following redirects by hand. */
async function login(shop: DevShop, next: string, email = "seller1@dev.shop", password = "devshop") {
  const response = await shop.fetch(
    new Request(`${BASE}/seller-center/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, next }),
    }),
  );
  const cookie = response.headers.get("set-cookie") ?? "";
  return { response, cookie: cookie.split(";")[0] ?? "" };
}

function form(shop: DevShop, cookie: string, fields: Array<[string, string]>) {
  return shop.fetch(
    new Request(`${BASE}/open/authorize`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams(fields),
    }),
  );
}

describe("consent page", () => {
  let shop: DevShop;
  let serviceId: string;

  beforeEach(() => {
    shop = testShop();
    serviceId = shop.control.apps()[0]!.serviceId;
  });

  it("sends an anonymous seller to log in and back, then approves", async () => {
    const first = await shop.fetch(
      new Request(`${BASE}/open/authorize?service_id=${serviceId}&state=xyz123`),
    );
    expect(first.status).toBe(302);
    const loginUrl = new URL(first.headers.get("location")!, BASE);
    expect(loginUrl.pathname).toBe("/seller-center/login");
    const next = loginUrl.searchParams.get("next")!;
    expect(next).toBe(`/open/authorize?service_id=${serviceId}&state=xyz123`);

    const loginPage = await shop.fetch(new Request(loginUrl));
    const loginHtml = await loginPage.text();
    expect(loginHtml).toContain("seller1@dev.shop");
    expect(loginHtml).toContain('<label for="email">');

    const { response, cookie } = await login(shop, next);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(next);
    expect(response.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(response.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);

    const consent = await shop.fetch(new Request(`${BASE}${next}`, { headers: { cookie } }));
    expect(consent.status).toBe(200);
    const html = await consent.text();
    expect(html).toContain("Authorize Test ERP");
    const sellerShops = shop.control.shops().filter((s) => s.sellerId === shop.control.sellers()[0]!.id);
    for (const s of sellerShops) {
      expect(html).toContain(`value="${s.id}" checked`);
      expect(html).toContain(s.name.replace("&", "&amp;"));
    }
    expect(html).toContain("seller.order.info");

    const approved = await form(shop, cookie, [
      ["service_id", serviceId],
      ["state", "xyz123"],
      ...sellerShops.map((s) => ["shop_ids", s.id] as [string, string]),
      ["decision", "approve"],
    ]);
    expect(approved.status).toBe(302);
    const redirect = new URL(approved.headers.get("location")!);
    expect(`${redirect.origin}${redirect.pathname}`).toBe("https://app.example.test/auth/callback");
    expect(redirect.searchParams.get("from")).toBe("tiktok");
    expect(redirect.searchParams.get("state")).toBe("xyz123");
    const code = redirect.searchParams.get("code")!;
    expect(code).toBeTruthy();

    const token = await getToken(shop, code);
    expect(token.code).toBe(0);
    expect(shop.store.platform.authorizations[0]!.shopIds.sort()).toEqual(
      sellerShops.map((s) => s.id).sort(),
    );
  });

  it("authorizes only the shops left checked", async () => {
    const { cookie } = await login(shop, "/seller-center");
    const [first] = shop.control.shops();
    const res = await form(shop, cookie, [
      ["service_id", serviceId],
      ["shop_ids", first!.id],
      ["decision", "approve"],
    ]);
    expect(res.status).toBe(302);
    expect(shop.store.platform.authorizations[0]!.shopIds).toEqual([first!.id]);
  });

  it("ignores shops of another seller and needs at least one own shop", async () => {
    const { cookie } = await login(shop, "/seller-center");
    const foreign = shop.control.shops().find((s) => s.sellerId !== shop.control.sellers()[0]!.id)!;
    const res = await form(shop, cookie, [
      ["service_id", serviceId],
      ["shop_ids", foreign.id],
      ["decision", "approve"],
    ]);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Select at least one shop.");
    expect(shop.store.platform.authorizations).toHaveLength(0);
  });

  it("redirects with error=auth_denied on deny", async () => {
    const { cookie } = await login(shop, "/seller-center");
    const res = await form(shop, cookie, [
      ["service_id", serviceId],
      ["state", "s-1"],
      ["decision", "deny"],
    ]);
    expect(res.status).toBe(302);
    const redirect = new URL(res.headers.get("location")!);
    expect(redirect.searchParams.get("error")).toBe("auth_denied");
    expect(redirect.searchParams.get("state")).toBe("s-1");
    expect(redirect.searchParams.get("code")).toBeNull();
    expect(shop.store.platform.authorizations).toHaveLength(0);
  });

  it("shows 'This service does not exist' for an unknown service_id (even for the app key)", async () => {
    for (const id of ["123", APP.appKey]) {
      const res = await shop.fetch(new Request(`${BASE}/open/authorize?service_id=${id}`));
      expect(res.status).toBe(404);
      expect(await res.text()).toContain("This service does not exist");
    }
  });

  it("refuses a wrong password", async () => {
    const { response, cookie } = await login(shop, "/seller-center", "seller1@dev.shop", "nope");
    expect(response.status).toBe(401);
    expect(cookie).toBe("");
    expect(await response.text()).toContain("Wrong email or password.");
  });

  it("does not redirect to another host after login", async () => {
    const { response } = await login(shop, "//evil.example.test/x");
    expect(response.headers.get("location")).toBe("/seller-center/shops");
  });

  it("uses the configured authorization duration", async () => {
    const short = testShop({ authorizationSeconds: 30 * 86_400 });
    // Bounds, not one instant: the clock may tick to the next second between the calls.
    const before = short.clock.now();
    const { code } = short.control.authorize({ appKey: APP.appKey, sellerEmail: "seller1@dev.shop" });
    const token = await getToken(short, code);
    const after = short.clock.now();
    await short.close();
    const expiresAt = token.data!.refresh_token_expire_in as number;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * 86_400);
    expect(expiresAt).toBeLessThanOrEqual(after + 30 * 86_400);
  });
});
