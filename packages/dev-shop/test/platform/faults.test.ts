import { describe, expect, it } from "vitest";
import { authorizedToken, BASE, call, envelope, testShop } from "./helpers.ts";

const SHOPS = "/authorization/202309/shops";

describe("rate limiting", () => {
  it("answers 429 + 36009002 past the per-second limit, per app + shop + endpoint", async () => {
    const shop = testShop({ rateLimitPerSecond: 5 });
    const { accessToken } = await authorizedToken(shop);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(shop, { path: SHOPS, token: accessToken })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);

    const limited = await call(shop, { path: SHOPS, token: accessToken });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const body = await envelope(limited);
    expect(body).toMatchObject({
      code: 36009002,
      data: null,
      message: "Too many requests. You've made too many requests in a short period of time.",
    });

    // Another endpoint has its own budget.
    expect((await call(shop, { path: "/seller/202309/shops", token: accessToken })).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await call(shop, { path: SHOPS, token: accessToken })).status).toBe(200);
  });

  it("can be switched off", async () => {
    const shop = testShop({ rateLimitPerSecond: 0 });
    const { accessToken } = await authorizedToken(shop);
    for (let i = 0; i < 80; i++)
      expect((await call(shop, { path: SHOPS, token: accessToken })).status).toBe(200);
  });
});

describe("fault injection", () => {
  it("429 with Retry-After for one endpoint, a given number of times", async () => {
    const shop = testShop();
    const { accessToken } = await authorizedToken(shop);
    const res = await shop.fetch(
      new Request(`${BASE}/control/faults`, {
        method: "POST",
        body: JSON.stringify({ endpoint: `GET ${SHOPS}`, rate_limit: { retry_after: 7 }, count: 2 }),
      }),
    );
    expect(res.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await call(shop, { path: SHOPS, token: accessToken });
      expect(r.status).toBe(429);
      expect(r.headers.get("retry-after")).toBe("7");
      expect((await envelope(r)).code).toBe(36009002);
    }
    expect((await call(shop, { path: SHOPS, token: accessToken })).status).toBe(200);
    expect(shop.control.faults()).toHaveLength(0);
  });

  it("5xx with 36009003, only for the chosen shop", async () => {
    const shop = testShop();
    const { accessToken, shops } = await authorizedToken(shop);
    shop.control.addFault({ shop_id: shops[0]!.id, server_error: { status: 503 } });
    const broken = await call(shop, {
      path: "/event/202309/webhooks",
      query: { shop_cipher: shops[0]!.cipher },
      token: accessToken,
    });
    expect(broken.status).toBe(503);
    expect(await envelope(broken)).toMatchObject({
      code: 36009003,
      data: null,
      message:
        "Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.",
    });
    const fine = await call(shop, {
      path: "/event/202309/webhooks",
      query: { shop_cipher: shops[1]!.cipher },
      token: accessToken,
    });
    expect(fine.status).toBe(200);
  });

  it("latency", async () => {
    const shop = testShop();
    const { accessToken } = await authorizedToken(shop);
    shop.control.addFault({ endpoint: SHOPS, latency_ms: 150 });
    const started = performance.now();
    const res = await call(shop, { path: SHOPS, token: accessToken });
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("force-expired token", async () => {
    const shop = testShop();
    const { accessToken } = await authorizedToken(shop);
    shop.control.addFault({ expired_token: true, count: 1 });
    const res = await call(shop, { path: SHOPS, token: accessToken });
    expect(res.status).toBe(401);
    expect((await envelope(res)).code).toBe(105002);
    expect((await call(shop, { path: SHOPS, token: accessToken })).status).toBe(200);
  });

  it("lists, removes and clears faults over the control API", async () => {
    const shop = testShop();
    const added = (await (
      await shop.fetch(
        new Request(`${BASE}/control/faults`, {
          method: "POST",
          body: JSON.stringify([{ latency_ms: 10 }, { server_error: {} }]),
        }),
      )
    ).json()) as { faults: Array<{ id: string; server_error: { status: number } | null }> };
    expect(added.faults).toHaveLength(2);
    expect(added.faults[1]!.server_error).toEqual({ status: 500 });
    const del = await shop.fetch(
      new Request(`${BASE}/control/faults/${added.faults[0]!.id}`, { method: "DELETE" }),
    );
    expect(del.status).toBe(200);
    expect(shop.control.faults()).toHaveLength(1);
    await shop.fetch(new Request(`${BASE}/control/faults`, { method: "DELETE" }));
    expect(shop.control.faults()).toHaveLength(0);
  });

  it("rejects a fault without any effect", async () => {
    const shop = testShop();
    const res = await shop.fetch(
      new Request(`${BASE}/control/faults`, { method: "POST", body: JSON.stringify({ endpoint: SHOPS }) }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/at least one of/);
  });

  it("takes faults from the options (DEV_SHOP_FAULTS in main.ts)", async () => {
    const shop = testShop({ faults: [{ endpoint: SHOPS, server_error: { status: 502 } }] });
    const { accessToken } = await authorizedToken(shop);
    expect((await call(shop, { path: SHOPS, token: accessToken })).status).toBe(502);
  });
});
