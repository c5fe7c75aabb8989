import type { Database } from "@tts-kit/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tables from "../fixtures/schema.ts";
import type { Browser } from "../support/browser.ts";
import {
  createHarness,
  type DbKind,
  type Harness,
  openTestDatabase,
  type schema,
} from "../support/harness.ts";

const DAY = 86_400;

interface ShopJson {
  id: string;
  name: string;
  region: string;
  status: string;
  connectedAt: number;
  disconnectedAt: number | null;
  lastSyncedAt: number | null;
  authExpiresAt: number | null;
  reauthRequired: boolean;
  reauthReason: string | null;
  reauthUrl: string;
}

export function connectionsSuite(kind: DbKind) {
  describe(`shop connections (${kind})`, () => {
    let database: Database<typeof schema>;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
    });
    afterAll(() => database?.close());

    async function listShops(browser: Browser): Promise<ShopJson[]> {
      const response = await browser.json("/api/connections");
      expect(response.status).toBe(200);
      return ((await response.json()) as { shops: ShopJson[] }).shops;
    }

    async function seller1(h: Harness) {
      const browser = h.browser();
      await h.install(browser);
      const us = h.shopsOf("seller1@dev.shop").find((s) => s.region === "US")!;
      const gb = h.shopsOf("seller1@dev.shop").find((s) => s.region === "GB")!;
      return { browser, us, gb };
    }

    const authorizedShopIds = (h: Harness) =>
      h.devShop.store.platform.authorizations
        .filter((a) => a.appKey === "6authtestapp" && a.revokedAt === null)
        .flatMap((a) => a.shopIds);

    const shopRow = async (id: string) =>
      (await database.db.select().from(tables.shops).where(eq(tables.shops.id, id)))[0];

    it("lists the seller's shops with status, region, expiry, sync time and install links", async () => {
      const h = createHarness(database);
      const { browser, us } = await seller1(h);
      await h.auth.connections.markSynced(us.id, 1_800_000_000);
      const response = await browser.json("/api/connections");
      const body = (await response.json()) as { shops: ShopJson[]; installUrls: Record<string, string> };
      expect(body.installUrls).toEqual({
        US: "/api/auth/install?market=US",
        ROW: "/api/auth/install?market=ROW",
      });
      const shop = body.shops.find((s) => s.id === us.id);
      expect(shop).toMatchObject({
        name: us.name,
        region: "US",
        status: "connected",
        lastSyncedAt: 1_800_000_000,
        disconnectedAt: null,
        reauthRequired: false,
        reauthUrl: "/api/auth/install?market=US",
      });
      expect(body.shops.find((s) => s.region === "GB")?.reauthUrl).toBe("/api/auth/install?market=ROW");
    });

    it("tenant isolation: another seller's shop is a 404 everywhere, exactly like a shop that does not exist", async () => {
      const h = createHarness(database);
      const { us } = await seller1(h);
      const intruder = h.browser();
      await h.install(intruder, { sellerEmail: "seller2@dev.shop" });
      const missing = await intruder.json("/api/warehouses/1234567890123456789");
      expect(missing.status).toBe(404);
      const missingBody = await missing.json();

      const attempts: Array<[string, RequestInit]> = [
        [`/api/warehouses/${us.id}`, {}],
        [`/api/connections/${us.id}/disconnect`, { method: "POST" }],
        [`/api/connections/${us.id}/carriers/options`, {}],
        [`/api/connections/${us.id}/carriers`, {}],
        [`/api/connections/${us.id}/carriers`, { method: "PUT", body: JSON.stringify({ mappings: [] }) }],
      ];
      for (const [path, init] of attempts) {
        const response = await intruder.json(path, init);
        expect(response.status, `${init.method ?? "GET"} ${path}`).toBe(404);
        expect(await response.json()).toEqual(missingBody);
      }
      expect(missingBody).toEqual({ error: "shop_not_found", message: "No such shop." });
      const intruderShops = await listShops(intruder);
      expect(intruderShops.some((s) => s.id === us.id)).toBe(false);
      const [intruderSeller] = await database.db
        .select()
        .from(tables.shops)
        .where(eq(tables.shops.id, h.shopsOf("seller2@dev.shop")[0]!.id));
      await expect(h.auth.connections.shopClient(intruderSeller!.sellerId, us.id)).rejects.toMatchObject({
        status: 404,
      });
      // Nothing happened to seller 1's shop.
      expect((await shopRow(us.id))?.status).toBe("connected");
      expect(authorizedShopIds(h)).toContain(us.id);
      expect(h.purged).toEqual([]);
    });

    it("disconnects (SHOP-DISCON-SINGLE): TikTok deauthorizes, then purge hooks run in order; idempotent", async () => {
      const h = createHarness(database);
      const { browser, us, gb } = await seller1(h);
      await database.db.insert(tables.appOrders).values({ id: `order-${us.id}`, shopId: us.id });
      await database.db.insert(tables.carrierMappings).values({
        shopId: us.id,
        warehouseId: "w1",
        deliveryOptionId: "d1",
        shippingProviderId: "p1",
        updatedAt: 0,
      });

      await h.auth.connections.markSynced(us.id);
      expect((await shopRow(us.id))?.lastSyncedAt).toBe(h.clock.now());

      const response = await browser.json(`/api/connections/${us.id}/disconnect`, { method: "POST" });
      expect(response.status).toBe(200);
      const { shop } = (await response.json()) as { shop: ShopJson };
      expect(shop).toMatchObject({ id: us.id, status: "disconnected", reauthRequired: false });
      expect(shop.disconnectedAt).toBe(h.clock.now());
      expect(authorizedShopIds(h)).not.toContain(us.id);
      expect(authorizedShopIds(h)).toContain(gb.id);
      // TikTok's webhook 6 for this very call races the purge; the purge still runs exactly once.
      await h.devShop.control.webhooksIdle();
      expect(h.purged.map((p) => [p.hook, p.shopId])).toEqual([
        ["stop-jobs", us.id],
        ["delete-data", us.id],
      ]);
      expect((await shopRow(us.id))?.status).toBe("disconnected");
      expect(
        await database.db.select().from(tables.appOrders).where(eq(tables.appOrders.shopId, us.id)),
      ).toEqual([]);
      expect((await shopRow(us.id))?.purgedAt).toBe(h.clock.now());
      // Its data is gone, so it is synced no more; a sync run that ends late records nothing.
      expect((await shopRow(us.id))?.lastSyncedAt).toBeNull();
      await h.auth.connections.markSynced(us.id);
      expect((await shopRow(us.id))?.lastSyncedAt).toBeNull();
      expect(
        await database.db
          .select()
          .from(tables.carrierMappings)
          .where(eq(tables.carrierMappings.shopId, us.id)),
      ).toEqual([]);

      // TikTok's webhook 6 for the same shop arrives afterwards: nothing more to do.
      await h.devShop.control.webhooksIdle();
      expect(h.devShop.control.webhookLog({ shopId: us.id, type: 6 })).toHaveLength(1);
      expect(h.purged).toHaveLength(2);

      const again = await browser.json(`/api/connections/${us.id}/disconnect`, { method: "POST" });
      expect(again.status).toBe(200);
      expect(h.purged).toHaveLength(2);
      expect((await browser.json(`/api/warehouses/${us.id}`)).status).toBe(404);
      expect((await browser.json(`/api/warehouses/${gb.id}`)).status).toBe(200);

      // Disconnecting the last shop ends the authorization: the grant's tokens are deleted.
      await browser.json(`/api/connections/${gb.id}/disconnect`, { method: "POST" });
      const [grant] = await database.db
        .select()
        .from(tables.grants)
        .where(eq(tables.grants.sellerId, (await shopRow(gb.id))!.sellerId));
      expect(grant).toMatchObject({
        status: "revoked",
        revokedReason: "no_shops_left",
        accessToken: null,
        refreshToken: null,
      });
      expect((await listShops(browser)).map((s) => s.status)).toEqual(["disconnected", "disconnected"]);
      // The seller can still sign in and connect again.
      await h.install(browser);
      expect((await listShops(browser)).every((s) => s.status === "connected")).toBe(true);
    });

    it("changes nothing when TikTok's Deauthorize Shop fails, and a retry completes", async () => {
      const h = createHarness(database);
      const { browser, us } = await seller1(h);
      const fault = h.devShop.control.addFault({
        endpoint: "DELETE /authorization/202403/shops",
        server_error: { status: 503 },
      });
      const failed = await browser.json(`/api/connections/${us.id}/disconnect`, { method: "POST" });
      expect(failed.status).toBe(502);
      expect(await failed.json()).toMatchObject({ error: "tiktok_unavailable" });
      expect((await shopRow(us.id))?.status).toBe("connected");
      expect(authorizedShopIds(h)).toContain(us.id);
      expect(h.purged).toEqual([]);

      h.devShop.control.removeFault(fault.id);
      const retried = await browser.json(`/api/connections/${us.id}/disconnect`, { method: "POST" });
      expect(retried.status).toBe(200);
      expect(authorizedShopIds(h)).not.toContain(us.id);
      await h.devShop.control.webhooksIdle();
      expect(h.purged.map((p) => p.hook)).toEqual(["stop-jobs", "delete-data"]);
    });

    it("reports a failed purge; a retry runs the purge again without calling TikTok twice", async () => {
      const h = createHarness(database);
      const { browser, us } = await seller1(h);
      // Webhook 6 would otherwise finish the purge on its own; this test is about the retry.
      h.devShop.control.addFault({ drop_webhooks: true });
      let failOnce = true;
      h.auth.onShopPurge(() => {
        if (failOnce) {
          failOnce = false;
          throw new Error("search index unavailable");
        }
      });
      const failed = await browser.json(`/api/connections/${us.id}/disconnect`, { method: "POST" });
      expect(failed.status).toBe(500);
      expect(await failed.json()).toMatchObject({ error: "purge_incomplete" });
      expect(await shopRow(us.id)).toMatchObject({ status: "disconnected", purgedAt: null });
      expect(authorizedShopIds(h)).not.toContain(us.id);

      const retried = await browser.json(`/api/connections/${us.id}/disconnect`, { method: "POST" });
      expect(retried.status).toBe(200);
      expect((await shopRow(us.id))?.purgedAt).not.toBeNull();
      expect(h.purged.map((p) => p.hook)).toEqual(["stop-jobs", "delete-data", "stop-jobs", "delete-data"]);
      expect(h.devShop.control.webhookLog({ shopId: us.id, type: 6 })).toHaveLength(1);
    });

    it("webhook 6 (seller deauthorization): stops and purges the shop once, however often it is delivered", async () => {
      const h = createHarness(database);
      const { browser, us, gb } = await seller1(h);
      await database.db.insert(tables.appOrders).values({ id: `wh6-${us.id}`, shopId: us.id });
      const message = { message: `Shop_id ${us.id} is deauthorized from your APP by merchant.` };
      h.devShop.control.emitWebhook({ shopId: us.id, type: 6, data: message });
      await h.devShop.control.webhooksIdle();
      expect(h.devShop.control.webhookLog({ shopId: us.id, type: 6 })[0]?.state).toBe("delivered");
      const shops = await listShops(browser);
      expect(shops.find((s) => s.id === us.id)).toMatchObject({
        status: "deauthorized",
        reauthReason: "deauthorized",
      });
      expect(shops.find((s) => s.id === gb.id)?.status).toBe("connected");
      expect(h.purged).toEqual([
        { hook: "stop-jobs", shopId: us.id, reason: "deauthorized" },
        { hook: "delete-data", shopId: us.id, reason: "deauthorized" },
      ]);
      expect(
        await database.db.select().from(tables.appOrders).where(eq(tables.appOrders.shopId, us.id)),
      ).toEqual([]);

      h.devShop.control.emitWebhook({ shopId: us.id, type: 6, data: message });
      await h.devShop.control.webhooksIdle();
      expect(h.purged).toHaveLength(2);
      expect(await h.auth.connections.handleDeauthorization("999")).toBe(false);
    });

    it("webhook 7 (upcoming expiry) records the date and shows the banner; re-authorizing clears it", async () => {
      const h = createHarness(database);
      const { browser, us } = await seller1(h);
      expect((await listShops(browser)).every((s) => !s.reauthRequired)).toBe(true);
      const expiry = h.clock.now() + 45 * DAY;
      h.devShop.control.emitWebhook({
        shopId: us.id,
        type: 7,
        data: { message: "will expire", expiration_time: String(expiry) },
      });
      await h.devShop.control.webhooksIdle();
      const flagged = (await listShops(browser)).find((s) => s.id === us.id);
      // The notice itself raises the flag, even though the date is more than 30 days away.
      expect(flagged).toMatchObject({
        authExpiresAt: expiry,
        reauthRequired: true,
        reauthReason: "expiring",
      });

      await h.install(browser);
      const renewed = (await listShops(browser)).find((s) => s.id === us.id);
      expect(renewed).toMatchObject({ reauthRequired: false, reauthReason: null });
      expect(renewed?.authExpiresAt).toBeGreaterThan(h.clock.now() + 300 * DAY);
    });

    it("shows the banner from the stored refresh expiry alone, and from TikTok's own daily notices", async () => {
      const h = createHarness(database);
      const browser = h.browser();
      await h.install(browser, { durationSeconds: 20 * DAY });
      let shops = await listShops(browser);
      expect(shops.every((s) => s.reauthRequired && s.reauthReason === "expiring")).toBe(true);
      expect(shops[0]?.authExpiresAt).toBe(h.devShop.control.now() + 20 * DAY);

      // The dev shop's tick sends webhook 7 for grants inside the 30-day window.
      h.devShop.control.advanceClock(DAY);
      await h.devShop.control.webhooksIdle();
      expect(h.devShop.control.webhookLog({ type: 7 }).length).toBeGreaterThanOrEqual(2);
      const rows = await Promise.all(shops.map((s) => shopRow(s.id)));
      expect(rows.every((r) => r?.reauthRequired === true)).toBe(true);

      // Once the date has passed, the shop shows as expired.
      await h.auth.connections.handleExpiryNotice(shops[0]!.id, h.clock.now() - 1);
      shops = await listShops(browser);
      expect(shops.find((s) => s.id === rows[0]?.id)?.reauthReason).toBe("expired");
    });
  });
}
