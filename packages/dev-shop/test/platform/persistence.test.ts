import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { APP, authorizedToken, call, testShop } from "./helpers.ts";

describe("persistence", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "dev-shop-test-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("round-trips the state through the data folder", async () => {
    const dataDir = tempDir();
    const first = testShop({ dataDir });
    const { accessToken, refreshToken, shops } = await authorizedToken(first);
    first.control.registerApp({
      ...APP,
      appKey: "6extra",
      appSecret: "x",
      name: "Extra",
      serviceId: "7000000000000000009",
    });
    await call(first, {
      method: "PUT",
      path: "/event/202309/webhooks",
      query: { shop_cipher: shops[0]!.cipher },
      token: accessToken,
      body: JSON.stringify({ address: "https://app.example.test/h", event_type: "PACKAGE_UPDATE" }),
    });
    first.control.advanceClock(3 * 86_400);
    const offset = first.clock.offsetSeconds;
    await first.close();

    expect(readdirSync(dataDir)).toEqual(["state.json"]);
    const file = JSON.parse(readFileSync(join(dataDir, "state.json"), "utf8")) as {
      format: number;
      seed: number;
    };
    expect(file).toMatchObject({ format: 1, seed: 42 });

    const second = testShop({ dataDir });
    expect(second.clock.offsetSeconds).toBe(offset);
    expect(
      second.control
        .apps()
        .map((a) => a.appKey)
        .sort(),
    ).toEqual(["6devshoptest", "6extra"]);
    expect(second.control.shops()).toEqual(first.control.shops());
    const listed = (await (
      await call(second, {
        path: "/event/202309/webhooks",
        query: { shop_cipher: shops[0]!.cipher },
        token: accessToken,
      })
    ).json()) as { code: number; data: { total_count: number } };
    expect(listed.code).toBe(0);
    expect(listed.data.total_count).toBe(1);
    expect(second.store.platform.tokens.some((t) => t.refreshToken === refreshToken)).toBe(true);
    await second.close();
  });

  it("writes soon after a change, without waiting for close", async () => {
    const dataDir = tempDir();
    const shop = testShop({ dataDir });
    shop.control.authorize({ appKey: APP.appKey, sellerEmail: "seller2@dev.shop" });
    // The write is debounced; allow a busy machine a few seconds, but the shop stays open throughout.
    await vi.waitFor(
      () => {
        const file = JSON.parse(readFileSync(join(dataDir, "state.json"), "utf8")) as {
          store: { platform: { authorizations: unknown[] } };
        };
        expect(file.store.platform.authorizations).toHaveLength(1);
      },
      { timeout: 5_000, interval: 100 },
    );
    await shop.close();
  });

  it("resets to the seed but keeps the registered apps", async () => {
    const shop = testShop();
    const before = shop.control.shops();
    await authorizedToken(shop);
    shop.control.advanceClock(86_400);
    shop.control.addFault({ latency_ms: 5 });
    shop.control.reset();
    expect(shop.store.platform.authorizations).toHaveLength(0);
    expect(shop.control.shops()).toEqual(before);
    expect(shop.control.apps()).toHaveLength(1);
    expect(shop.control.faults()).toHaveLength(0);
    expect(shop.clock.offsetSeconds).toBe(0);
  });

  it("seeds deterministically", () => {
    const a = testShop({ seed: 5 });
    const b = testShop({ seed: 5 });
    const c = testShop({ seed: 6 });
    expect(a.control.shops()).toEqual(b.control.shops());
    expect(a.control.shops()).not.toEqual(c.control.shops());
    const shops = a.control.shops();
    expect(shops.map((s) => [s.region, s.sellerType])).toEqual([
      ["US", "LOCAL"],
      ["GB", "LOCAL"],
      ["GB", "CROSS_BORDER"],
    ]);
    for (const s of shops) {
      expect(s.id).toMatch(/^\d{19}$/);
      expect(s.cipher).toMatch(/^(TTP|ROW)_[A-Za-z0-9_-]{28}$/);
    }
    expect(shops[0]!.code).toMatch(/^USLC[A-Z0-9]{6}$/);
    expect(shops[2]!.code).toMatch(/^CNGBCB[A-Z0-9]{6}$/);
  });
});
