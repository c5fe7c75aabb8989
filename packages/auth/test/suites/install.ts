import type { Database } from "@tts-kit/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/random.ts";
import * as tables from "../fixtures/schema.ts";
import { createHarness, type DbKind, openTestDatabase, type schema } from "../support/harness.ts";

const SESSION = "tts_7300000000000000042";
const OAUTH = "tts_7300000000000000042_oauth";

export function installSuite(kind: DbKind) {
  describe(`install flow (${kind})`, () => {
    let database: Database<typeof schema>;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
    });
    afterAll(() => database?.close());

    it("installs: state and browser binding, tokens exchanged, shops recorded, signed in, back to the return path", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      const start = await browser.request("/api/auth/install?market=US&return=/orders%3Fstatus%3Dnew");
      expect(start.status).toBe(302);
      const authorize = new URL(start.headers.get("location") ?? "");
      expect(`${authorize.origin}${authorize.pathname}`).toBe("http://dev-shop.test/us/open/authorize");
      expect(authorize.searchParams.get("service_id")).toBe("7300000000000000042");
      const state = authorize.searchParams.get("state") ?? "";
      expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const bindingCookie = browser.lastSetCookie.find((c) => c.startsWith(`${OAUTH}=`)) ?? "";
      expect(bindingCookie).toMatch(/HttpOnly/);
      expect(bindingCookie).toMatch(/SameSite=Lax/);
      expect(bindingCookie).toMatch(/Max-Age=600/);

      // Only hashes are stored: neither the state nor the browser value is in the table.
      const [stored] = await database.db
        .select()
        .from(tables.oauthStates)
        .where(eq(tables.oauthStates.id, hashToken(state)));
      expect(stored?.browserHash).toBe(hashToken(browser.cookies.get(OAUTH) ?? ""));
      expect(stored?.returnPath).toBe("/orders?status=new");
      expect(stored?.expiresAt).toBe((stored?.createdAt ?? 0) + 600);

      const { code } = h.devShop.control.authorize({
        appKey: "6authtestapp",
        sellerEmail: "seller1@dev.shop",
      });
      const callback = await browser.request(`/api/auth/callback?code=${code}&state=${state}`);
      expect(callback.status).toBe(302);
      expect(callback.headers.get("location")).toBe("/orders?status=new");
      expect(callback.headers.get("cache-control")).toBe("no-store");
      const sessionCookie = browser.lastSetCookie.find((c) => c.startsWith(`${SESSION}=`)) ?? "";
      expect(sessionCookie).toMatch(/HttpOnly/);
      expect(sessionCookie).toMatch(/SameSite=Lax/);
      expect(sessionCookie).toMatch(/Path=\//);
      expect(sessionCookie).not.toMatch(/Secure/);

      const session = await browser.json("/api/auth/session");
      expect(session.status).toBe(200);
      const body = (await session.json()) as {
        seller: { name: string; baseRegion: string };
        shops: Array<Record<string, unknown>>;
      };
      const devSeller = h.devShop.control.sellers().find((s) => s.email === "seller1@dev.shop");
      expect(body.seller).toMatchObject({ name: devSeller?.name, baseRegion: "US" });
      expect(body.shops.map((s) => s.region).sort()).toEqual(["GB", "US"]);
      for (const shop of body.shops) {
        expect(shop).toMatchObject({ status: "connected", reauthRequired: false, reauthReason: null });
        expect(shop.authExpiresAt).toBeGreaterThan(h.clock.now() + 300 * 86_400);
      }
      expect(h.tokenCalls).toEqual(["/api/v2/token/get"]);
    });

    it("refuses a tampered state without exchanging the code", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      const { state, code } = await installParts(h, browser);
      const tampered = `${state.slice(0, -1)}${state.endsWith("A") ? "B" : "A"}`;
      const response = await browser.request(`/api/auth/callback?code=${code}&state=${tampered}`);
      expect(response.status).toBe(400);
      const page = await response.text();
      expect(page).toContain("Invalid link");
      expect(page).not.toContain(code);
      expect(browser.cookies.has(SESSION)).toBe(false);
      expect(h.tokenCalls).toEqual([]);
    });

    it("accepts a state once: the second use is refused as already used", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      const { state, callback } = await h.install(browser);
      expect(callback.status).toBe(302);
      const again = h.devShop.control.authorize({ appKey: "6authtestapp", sellerEmail: "seller1@dev.shop" });
      const reused = await browser.json(`/api/auth/callback?code=${again.code}&state=${state}`);
      expect(reused.status).toBe(400);
      expect(await reused.json()).toMatchObject({ error: "state_used", retryUrl: "/api/auth/install" });
      expect(h.tokenCalls).toEqual(["/api/v2/token/get"]);
    });

    it("refuses a callback opened in another browser, and uses the state up", async () => {
      const h = createHarness(database);
      const mine = h.browser();
      const { state, code } = await installParts(h, mine);
      const other = h.browser();
      const response = await other.request(`/api/auth/callback?code=${code}&state=${state}`);
      expect(response.status).toBe(400);
      const page = await response.text();
      expect(page).toContain("Opened in another browser");
      expect(other.cookies.has(SESSION)).toBe(false);
      // Single use: the rightful browser cannot use it afterwards either (it starts again).
      const late = await mine.json(`/api/auth/callback?code=${code}&state=${state}`);
      expect(((await late.json()) as { error: string }).error).toBe("state_used");
      expect(h.tokenCalls).toEqual([]);
    });

    it("refuses an expired state (10 minutes)", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      const { state, code } = await installParts(h, browser);
      h.clock.offset += 601;
      const response = await browser.json(`/api/auth/callback?code=${code}&state=${state}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "state_expired" });
      expect(browser.cookies.has(SESSION)).toBe(false);
    });

    it("shows a friendly page when the seller cancels, and connects nothing", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      const start = await browser.request("/api/auth/install?return=/settings");
      const state = new URL(start.headers.get("location") ?? "").searchParams.get("state") ?? "";
      const response = await browser.request(`/api/auth/callback?error=auth_denied&state=${state}`);
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain("Authorization was cancelled");
      expect(page).toContain('href="/api/auth/install?return=%2Fsettings"');
      expect(browser.cookies.has(SESSION)).toBe(false);
      expect(h.tokenCalls).toEqual([]);
      const [row] = await database.db
        .select()
        .from(tables.oauthStates)
        .where(eq(tables.oauthStates.id, hashToken(state)));
      expect(row?.consumedAt).not.toBeNull();
    });

    it("refuses an authorization code TikTok no longer accepts", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      const first = await h.install(browser);
      const start = await browser.request("/api/auth/install");
      const state = new URL(start.headers.get("location") ?? "").searchParams.get("state") ?? "";
      const response = await browser.json(`/api/auth/callback?code=${first.code}&state=${state}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "code_invalid" });
    });

    it("refuses unsafe return paths and unknown markets", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      for (const target of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "orders"]) {
        const response = await browser.json(`/api/auth/install?return=${encodeURIComponent(target)}`);
        expect(response.status, target).toBe(400);
        expect(await response.json()).toMatchObject({ error: "invalid_return" });
      }
      const market = await browser.json("/api/auth/install?market=EU");
      expect(market.status).toBe(400);
      expect(await market.json()).toMatchObject({ error: "invalid_market" });
    });

    it("adds shops with a second install (SHOP-CONN-MULTI): one seller, one grant, both shops", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      const [us, gb] = sortByRegion(h.shopsOf("seller1@dev.shop"), ["US", "GB"]);
      await h.install(browser, { shopIds: [us.id] });
      let shops = await listShops(browser);
      expect(shops.map((s) => s.id)).toEqual([us.id]);
      const firstConnectedAt = shops[0]?.connectedAt;

      h.clock.offset += 120;
      await h.install(browser, { shopIds: [us.id, gb.id] });
      shops = await listShops(browser);
      expect(shops.map((s) => s.id).sort()).toEqual([us.id, gb.id].sort());
      expect(shops.every((s) => s.status === "connected")).toBe(true);
      // The shop that stayed connected keeps its connection time.
      expect(shops.find((s) => s.id === us.id)?.connectedAt).toBe(firstConnectedAt);
      expect(shops.find((s) => s.id === gb.id)?.connectedAt).toBe(h.clock.now());

      const [shop] = await database.db.select().from(tables.shops).where(eq(tables.shops.id, us.id));
      const grantRows = await database.db
        .select()
        .from(tables.grants)
        .where(eq(tables.grants.sellerId, shop?.sellerId ?? ""));
      expect(grantRows).toHaveLength(1);
      expect(grantRows[0]?.version).toBe(2);
    });

    it("two simultaneous installs by one seller end on one seller and one grant", async () => {
      const h = createHarness(database);
      const codes = [1, 2, 3].map(
        () => h.devShop.control.authorize({ appKey: "6authtestapp", sellerEmail: "seller2@dev.shop" }).code,
      );
      const results = await Promise.all(codes.map((code) => h.auth.install.connect(code)));
      expect(new Set(results.map((r) => r.sellerId)).size).toBe(1);
      expect(new Set(results.map((r) => r.grantId)).size).toBe(1);
      const rows = await database.db
        .select()
        .from(tables.grants)
        .where(eq(tables.grants.sellerId, results[0]?.sellerId ?? ""));
      expect(rows).toHaveLength(1);
      expect(rows[0]?.version).toBe(3);
      // Whichever install wrote last, the stored tokens decrypt (they are bound to the one grant id).
      expect((await h.auth.vault.accessToken(rows[0]?.id ?? "")).token).toMatch(/^ROW_/);
    });

    it("keeps a shop left out of a re-authorization: deauthorized, flagged, data not purged", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      const [us, gb] = sortByRegion(h.shopsOf("seller1@dev.shop"), ["US", "GB"]);
      await h.install(browser, { shopIds: [us.id, gb.id] });
      await database.db.insert(tables.appOrders).values({ id: `o-${us.id}`, shopId: us.id });
      await h.install(browser, { shopIds: [gb.id] });
      const shops = await listShops(browser);
      expect(shops.find((s) => s.id === us.id)).toMatchObject({
        status: "deauthorized",
        reauthRequired: true,
        reauthReason: "deauthorized",
        reauthUrl: "/api/auth/install?market=US",
      });
      expect(shops.find((s) => s.id === gb.id)).toMatchObject({ status: "connected" });
      expect(h.purged).toEqual([]);
      expect(
        await database.db.select().from(tables.appOrders).where(eq(tables.appOrders.shopId, us.id)),
      ).toHaveLength(1);
      // The connected-shops list the app works with leaves it out.
      const me = (await (await browser.json("/api/me")).json()) as { shops: Array<{ id: string }> };
      expect(me.shops.map((s) => s.id)).toEqual([gb.id]);
      // Reconnecting it brings it back.
      await h.install(browser, { shopIds: [us.id, gb.id] });
      expect((await listShops(browser)).every((s) => s.status === "connected" && !s.reauthRequired)).toBe(
        true,
      );
    });

    it("App Store install without state: connects the shops, then signs in only through a bound install", async () => {
      const h = createHarness(database);
      const stranger = h.browser();
      const { code } = h.devShop.control.authorize({
        appKey: "6authtestapp",
        sellerEmail: "seller2@dev.shop",
      });
      const response = await stranger.request(`/api/auth/callback?code=${code}`);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("/api/auth/install?market=ROW");
      expect(stranger.cookies.has(SESSION)).toBe(false);
      const [shop] = h.shopsOf("seller2@dev.shop");
      const [row] = await database.db
        .select()
        .from(tables.shops)
        .where(eq(tables.shops.id, shop?.id ?? ""));
      expect(row?.status).toBe("connected");

      // A browser already signed in as that seller goes straight in (with a new session id).
      const seller = h.browser();
      await h.install(seller, { sellerEmail: "seller2@dev.shop" });
      const before = seller.cookies.get(SESSION);
      const second = h.devShop.control.authorize({ appKey: "6authtestapp", sellerEmail: "seller2@dev.shop" });
      const direct = await seller.request(`/api/auth/callback?code=${second.code}`);
      expect(direct.headers.get("location")).toBe("/");
      expect(seller.cookies.get(SESSION)).not.toBe(before);
    });

    it("entry middleware: HTML routes need a session, /api and assets are never redirected", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      const page = await browser.request("/orders?tab=open");
      expect(page.status).toBe(302);
      expect(page.headers.get("location")).toBe("/api/auth/install?return=%2Forders%3Ftab%3Dopen");
      const api = await browser.json("/api/me");
      expect(api.status).toBe(401);
      expect(await api.json()).toMatchObject({ error: "unauthenticated", installUrl: "/api/auth/install" });
      const unknownApi = await browser.request("/api/nothing-here");
      expect(unknownApi.status).not.toBe(302);
      const asset = await browser.request("/assets/app.js", { headers: { accept: "*/*" } });
      expect(asset.status).toBe(200);

      await h.install(browser);
      const after = await browser.request("/orders?tab=open");
      expect(after.status).toBe(200);
      expect(await after.text()).toContain("The app");
    });
  });
}

async function installParts(
  h: ReturnType<typeof createHarness>,
  browser: ReturnType<ReturnType<typeof createHarness>["browser"]>,
) {
  const start = await browser.request("/api/auth/install");
  const state = new URL(start.headers.get("location") ?? "").searchParams.get("state") ?? "";
  const { code } = h.devShop.control.authorize({ appKey: "6authtestapp", sellerEmail: "seller1@dev.shop" });
  return { state, code };
}

export async function listShops(browser: { json(path: string): Promise<Response> }) {
  const response = await browser.json("/api/connections");
  expect(response.status).toBe(200);
  return (
    (await response.json()) as {
      shops: Array<
        Record<string, unknown> & { id: string; status: string; reauthRequired: boolean; connectedAt: number }
      >;
    }
  ).shops;
}

export function sortByRegion<T extends { region: string }>(shops: T[], regions: [string, string]): [T, T] {
  const a = shops.find((s) => s.region === regions[0]);
  const b = shops.find((s) => s.region === regions[1] && s !== a);
  if (!a || !b) throw new Error(`expected shops in ${regions.join(" and ")}`);
  return [a, b];
}
