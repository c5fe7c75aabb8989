import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { APP, authorizedToken, BASE, call, testShop, webhookReceiver } from "./helpers.ts";

function expectSigned(call: { authorization: string | null; body: string }) {
  const expected = createHmac("sha256", APP.appSecret)
    .update(APP.appKey + call.body)
    .digest("hex");
  expect(call.authorization).toBe(expected);
}

describe("webhooks", () => {
  it("Deauthorize Shop removes the shop and sends SELLER_DEAUTHORIZATION (6), signed", async () => {
    const receiver = webhookReceiver();
    const shop = testShop({ fetch: receiver.fetch });
    const { accessToken, shops } = await authorizedToken(shop);
    const [first, second] = shops;

    const res = await call(shop, {
      method: "DELETE",
      path: "/authorization/202403/shops",
      query: { shop_cipher: first!.cipher },
      token: accessToken,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^\{"code":0,"data":\{\},"message":"Success"/);
    await shop.control.webhooksIdle();

    expect(receiver.calls).toHaveLength(1);
    const delivered = receiver.calls[0]!;
    expect(delivered.url).toBe(APP.webhookUrl);
    expectSigned(delivered);
    expect(delivered.body).toMatch(
      /^\{"type":6,"tts_notification_id":"\d{19}","shop_id":"\d{19}","timestamp":\d+,"data":\{/,
    );
    const body = JSON.parse(delivered.body) as {
      shop_id: string;
      timestamp: number;
      data: { message: string };
    };
    expect(body.shop_id).toBe(first!.id);
    expect(shop.clock.now() - body.timestamp).toBeGreaterThanOrEqual(0);
    expect(shop.clock.now() - body.timestamp).toBeLessThanOrEqual(1);
    expect(body.data.message).toBe(`Shop_id ${first!.id} is deauthorized from your APP by merchant.`);

    // The shop is gone from the grant; the other shop still works.
    const listed = (await (
      await call(shop, { path: "/authorization/202309/shops", token: accessToken })
    ).json()) as {
      data: { shops: Array<{ id: string }> };
    };
    expect(listed.data.shops.map((s) => s.id)).toEqual([second!.id]);
    const gone = await call(shop, {
      path: "/event/202309/webhooks",
      query: { shop_cipher: first!.cipher },
      token: accessToken,
    });
    expect(((await gone.json()) as { code: number }).code).toBe(101000);

    // Deauthorizing the last shop ends the grant: the token stops working.
    await call(shop, {
      method: "DELETE",
      path: "/authorization/202403/shops",
      query: { shop_cipher: second!.cipher },
      token: accessToken,
    });
    const after = await call(shop, { path: "/authorization/202309/shops", token: accessToken });
    expect(((await after.json()) as { code: number; message: string }).message).toMatch(/x-tts-access-token/);
    await shop.control.webhooksIdle();
    expect(receiver.calls).toHaveLength(2);
  });

  it("Seller Center Revoke ends the grant and sends webhook 6 for every shop", async () => {
    const receiver = webhookReceiver();
    const shop = testShop({ fetch: receiver.fetch });
    const { accessToken, shops } = await authorizedToken(shop);
    const loginRes = await shop.fetch(
      new Request(`${BASE}/seller-center/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          email: "seller1@dev.shop",
          password: "devshop",
          next: "/seller-center/my-apps",
        }),
      }),
    );
    const cookie = (loginRes.headers.get("set-cookie") ?? "").split(";")[0]!;
    const page = await (
      await shop.fetch(new Request(`${BASE}/seller-center/my-apps`, { headers: { cookie } }))
    ).text();
    const action = /action="(\/seller-center\/my-apps\/[^"]+\/revoke)"/.exec(page)?.[1];
    expect(action).toBeTruthy();

    const revoked = await shop.fetch(
      new Request(`${BASE}${action}`, { method: "POST", headers: { cookie } }),
    );
    expect(revoked.status).toBe(303);
    await shop.control.webhooksIdle();

    expect(receiver.calls.map((c) => JSON.parse(c.body).shop_id).sort()).toEqual(
      shops.map((s) => s.id).sort(),
    );
    for (const c of receiver.calls) {
      expectSigned(c);
      expect(JSON.parse(c.body).type).toBe(6);
    }
    const after = await call(shop, { path: "/authorization/202309/shops", token: accessToken });
    expect(after.status).toBe(401);
  });

  it("retries at +2 min, +30 min, +3 h and +12 h after the first attempt, then drops", async () => {
    const receiver = webhookReceiver(() => 500);
    // Real time stands still here, so each step lands on exactly the second it names.
    const frozenMs = Date.now();
    const shop = testShop({ fetch: receiver.fetch, clock: { realNowMs: () => frozenMs } });
    const { shops } = await authorizedToken(shop);
    const start = shop.clock.now();
    shop.control.emitWebhook({
      shopId: shops[0]!.id,
      type: 1,
      data: { order_id: "1", order_status: "UNPAID" },
    });
    await shop.control.webhooksIdle();

    // The seeded orders move along with the clock and send their own webhooks; follow ours.
    const id = shop.control.webhookLog({ type: 1 })[0]!.id;
    const delivery = () => shop.control.webhookLog().find((d) => d.id === id)!;
    const ours = () => receiver.calls.filter((c) => c.body === delivery().body);
    expect(delivery().attempts).toHaveLength(1);
    expect(delivery().state).toBe("pending");
    expect(delivery().nextAttemptAt).toBe(start + 120);

    const steps: Array<[number, number, number | null]> = [
      // [advance to (seconds after start), attempts expected, next attempt (seconds after start)]
      [119, 1, 120],
      [120, 2, 1800],
      [1799, 2, 1800],
      [1800, 3, 10_800],
      [10_800, 4, 43_200],
      [43_200, 5, null],
    ];
    for (const [at, attempts, next] of steps) {
      shop.control.advanceClock(start + at - shop.clock.now());
      await shop.control.webhooksIdle();
      expect(delivery().attempts).toHaveLength(attempts);
      expect(delivery().nextAttemptAt).toBe(next === null ? null : start + next);
    }
    expect(delivery().state).toBe("dropped");
    expect(delivery().attempts.every((a) => a.status === 500 && a.error === "HTTP 500")).toBe(true);
    // All five attempts carry the same body and signature.
    expect(ours()).toHaveLength(5);
    expect(new Set(ours().map((c) => c.authorization)).size).toBe(1);

    shop.control.advanceClock(86_400);
    await shop.control.webhooksIdle();
    expect(ours()).toHaveLength(5);
  });

  it("a jump past several retry times runs each missed attempt", async () => {
    let failures = 0;
    const receiver = webhookReceiver((c) =>
      c.body.includes('"marker":"retry-jump"') && ++failures <= 3 ? 503 : 200,
    );
    const shop = testShop({ fetch: receiver.fetch });
    const { shops } = await authorizedToken(shop);
    shop.control.emitWebhook({ shopId: shops[0]!.id, type: 1, data: { marker: "retry-jump" } });
    await shop.control.webhooksIdle();
    shop.control.advanceClock(4 * 3600);
    await shop.control.webhooksIdle();
    const d = shop.control.webhookLog().find((w) => w.body.includes("retry-jump"))!;
    expect(d.state).toBe("delivered");
    expect(d.attempts.map((a) => a.status)).toEqual([503, 503, 503, 200]);
  });

  it("counts no answer within the timeout as a failure", async () => {
    const receiver = webhookReceiver(() => new Promise(() => {}));
    const shop = testShop({
      webhookTimeoutMs: 50,
      fetch: async (input, init) => {
        await new Promise((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        });
        return receiver.fetch(input, init);
      },
    });
    const { shops } = await authorizedToken(shop);
    shop.control.emitWebhook({ shopId: shops[0]!.id, type: 1, data: {} });
    await shop.control.webhooksIdle();
    const d = shop.control.webhookLog()[0]!;
    expect(d.attempts[0]).toMatchObject({ status: null, error: "no answer within 0.05 s" });
    expect(d.state).toBe("pending");
  });

  it("never blocks the API response on delivery", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const receiver = webhookReceiver(async () => {
      await gate;
      return 200;
    });
    const shop = testShop({ fetch: receiver.fetch });
    const { accessToken, shops } = await authorizedToken(shop);
    const res = await call(shop, {
      method: "DELETE",
      path: "/authorization/202403/shops",
      query: { shop_cipher: shops[0]!.cipher },
      token: accessToken,
    });
    expect(res.status).toBe(200);
    expect(shop.control.webhookLog()[0]!.state).toBe("pending");
    release();
    await shop.control.webhooksIdle();
    expect(shop.control.webhookLog()[0]!.state).toBe("delivered");
  });

  it("sends UPCOMING_AUTHORIZATION_EXPIRATION (7) daily from 30 days before expiry", async () => {
    const receiver = webhookReceiver();
    const shop = testShop({ fetch: receiver.fetch, authorizationSeconds: 40 * 86_400 });
    const { shops } = await authorizedToken(shop);
    const expiresAt = shop.store.platform.authorizations[0]!.expiresAt;
    const notices = () => receiver.calls.map((c) => JSON.parse(c.body)).filter((b) => b.type === 7);

    shop.control.advanceClock(10 * 86_400 - 60);
    await shop.control.webhooksIdle();
    expect(notices()).toHaveLength(0);

    shop.control.advanceClock(60);
    await shop.control.webhooksIdle();
    expect(notices()).toHaveLength(shops.length);
    for (const notice of notices()) {
      expect(notice.data.expiration_time).toBe(String(expiresAt));
      expect(typeof notice.data.message).toBe("string");
    }
    expect(
      notices()
        .map((n) => n.shop_id)
        .sort(),
    ).toEqual(shops.map((s) => s.id).sort());

    shop.control.advanceClock(12 * 3600);
    await shop.control.webhooksIdle();
    expect(notices()).toHaveLength(shops.length);

    shop.control.advanceClock(12 * 3600);
    await shop.control.webhooksIdle();
    expect(notices()).toHaveLength(2 * shops.length);

    // A jump over several days sends one notice, not one per skipped day.
    shop.control.advanceClock(5 * 86_400);
    await shop.control.webhooksIdle();
    expect(notices()).toHaveLength(3 * shops.length);

    // None after expiry.
    shop.control.advanceClock(30 * 86_400);
    await shop.control.webhooksIdle();
    const count = notices().length;
    shop.control.advanceClock(2 * 86_400);
    await shop.control.webhooksIdle();
    expect(notices()).toHaveLength(count);
  });

  it("manages shop webhook URLs through the event API and delivers to them", async () => {
    const receiver = webhookReceiver();
    const shop = testShop({ fetch: receiver.fetch });
    const { accessToken, shops } = await authorizedToken(shop);
    const q = { shop_cipher: shops[0]!.cipher };
    const address = "https://app.example.test/hooks/orders";

    const put = await call(shop, {
      method: "PUT",
      path: "/event/202309/webhooks",
      query: q,
      token: accessToken,
      body: JSON.stringify({ address, event_type: "ORDER_STATUS_CHANGE" }),
    });
    expect(put.status).toBe(200);

    const listed = (await (
      await call(shop, { path: "/event/202309/webhooks", query: q, token: accessToken })
    ).json()) as {
      data: { total_count: number; webhooks: Array<Record<string, unknown>> };
    };
    expect(listed.data.total_count).toBe(1);
    expect(listed.data.webhooks[0]).toEqual({
      address,
      create_time: shop.clock.now(),
      event_type: "ORDER_STATUS_CHANGE",
      update_time: shop.clock.now(),
    });

    shop.control.emitWebhook({ shopId: shops[0]!.id, type: 1, data: { order_id: "9" } });
    // The other shop has no shop-level URL: only the app URL.
    shop.control.emitWebhook({ shopId: shops[1]!.id, type: 1, data: { order_id: "10" } });
    await shop.control.webhooksIdle();
    expect(receiver.calls.map((c) => c.url).sort()).toEqual([APP.webhookUrl, APP.webhookUrl, address].sort());
    for (const c of receiver.calls) expectSigned(c);

    const del = await call(shop, {
      method: "DELETE",
      path: "/event/202309/webhooks",
      query: q,
      token: accessToken,
      body: JSON.stringify({ event_type: "ORDER_STATUS_CHANGE" }),
    });
    expect(del.status).toBe(200);
    const after = (await (
      await call(shop, { path: "/event/202309/webhooks", query: q, token: accessToken })
    ).json()) as {
      data: { total_count: number };
    };
    expect(after.data.total_count).toBe(0);
  });

  it("logs dropped webhooks when a fault says so, without calling the receiver", async () => {
    const receiver = webhookReceiver();
    const shop = testShop({ fetch: receiver.fetch });
    const { shops } = await authorizedToken(shop);
    shop.control.addFault({ drop_webhooks: true, shop_id: shops[0]!.id, count: 1 });
    shop.control.emitWebhook({ shopId: shops[0]!.id, type: 1, data: {} });
    shop.control.emitWebhook({ shopId: shops[0]!.id, type: 1, data: {} });
    await shop.control.webhooksIdle();
    const log = shop.control.webhookLog();
    expect(log.map((d) => d.state)).toEqual(["dropped", "delivered"]);
    expect(log[0]!.dropReason).toMatch(/fault/);
    expect(receiver.calls).toHaveLength(1);
  });

  it("exposes the delivery log on the control API", async () => {
    const receiver = webhookReceiver();
    const shop = testShop({ fetch: receiver.fetch });
    const { shops } = await authorizedToken(shop);
    await shop.fetch(
      new Request(`${BASE}/control/webhooks/emit`, {
        method: "POST",
        body: JSON.stringify({ shop_id: shops[0]!.id, type: 3, data: { order_id: "1", update_time: 1 } }),
      }),
    );
    await shop.control.webhooksIdle();
    const res = (await (await shop.fetch(new Request(`${BASE}/control/webhooks?type=3`))).json()) as {
      deliveries: Array<Record<string, unknown>>;
    };
    expect(res.deliveries).toHaveLength(1);
    expect(res.deliveries[0]).toMatchObject({
      app_key: APP.appKey,
      shop_id: shops[0]!.id,
      type: 3,
      state: "delivered",
    });
  });
});
