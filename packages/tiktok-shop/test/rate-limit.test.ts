import { afterEach, describe, expect, it } from "vitest";
import { TikTokShop } from "../src/client.ts";
import { contract } from "../src/contract/index.ts";
import { SlidingWindowLimiter } from "../src/rate-limit.ts";
import { fakeClock } from "./support/fake-clock.ts";
import { failure, startWireServer, success } from "./support/wire-server.ts";

/** A server that admits at most `limit` calls in any `windowMs` and answers 429 + Retry-After beyond. */
async function throttledServer(limit: number, windowMs: number) {
  const admitted: number[] = [];
  let throttled = 0;
  const server = await startWireServer(() => {
    const now = performance.now();
    const recent = admitted.filter((t) => t > now - windowMs);
    if (recent.length >= limit) {
      throttled++;
      const wait = (recent[0]! + windowMs - now) / 1000;
      return failure(36009002, "Too many requests.", 429, { "retry-after": wait.toFixed(3) });
    }
    admitted.push(now);
    return success({ shops: [] });
  });
  const maxInAnyWindow = () => {
    let max = 0;
    for (let i = 0; i < admitted.length; i++) {
      let j = i;
      while (j < admitted.length && admitted[j]! < admitted[i]! + windowMs) j++;
      max = Math.max(max, j - i);
    }
    return max;
  };
  return { server, admitted, maxInAnyWindow, throttledCount: () => throttled };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe("rate limiting", () => {
  it("keeps a burst within the configured rate: no 429, no call lost", async () => {
    const t = await throttledServer(20, 500);
    close = t.server.close;
    const app = new TikTokShop({
      appKey: "k",
      appSecret: "s",
      apiBaseUrl: t.server.url,
      rateLimiter: new SlidingWindowLimiter({ limit: 20, windowMs: 520 }),
    });
    const shop = app.shop({ accessToken: "t" });
    const results = await Promise.all(
      Array.from({ length: 70 }, () => shop.authorization.getAuthorizedShops()),
    );
    expect(results).toHaveLength(70);
    expect(t.admitted).toHaveLength(70);
    expect(t.throttledCount()).toBe(0);
    expect(t.maxInAnyWindow()).toBeLessThanOrEqual(20);
  });

  it("recovers from 429s with Retry-After when its own budget is set too high, losing no call", async () => {
    const t = await throttledServer(10, 400);
    close = t.server.close;
    const app = new TikTokShop({
      appKey: "k",
      appSecret: "s",
      apiBaseUrl: t.server.url,
      rateLimiter: new SlidingWindowLimiter({ limit: 40, windowMs: 400 }),
      retry: { maxAttempts: 10 },
    });
    const shop = app.shop({ accessToken: "t" });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, () => shop.authorization.getAuthorizedShops()),
    );
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(0);
    expect(t.admitted).toHaveLength(40);
    expect(t.throttledCount()).toBeGreaterThan(0);
    expect(t.maxInAnyWindow()).toBeLessThanOrEqual(10);
  });

  it("schedules calls first come, first served, never more than `limit` per window", async () => {
    const fake = fakeClock(0);
    const limiter = new SlidingWindowLimiter({ limit: 3, windowMs: 1000, clock: fake.clock });
    const key = { appKey: "a", shop: "s", endpoint: "GET /x" };
    const starts: number[] = [];
    for (let i = 0; i < 7; i++) {
      const release = await limiter.acquire(key);
      starts.push(fake.clock.now());
      release();
    }
    expect(starts).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
    // Other shops and endpoints have budgets of their own.
    await limiter.acquire({ ...key, shop: "other" });
    expect(fake.clock.now()).toBe(2000);
  });

  it("frees a slot only once the call that used it has been answered", async () => {
    const fake = fakeClock(0);
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 1000, clock: fake.clock });
    const key = { appKey: "a", shop: "s", endpoint: "GET /x" };
    const first = await limiter.acquire(key);
    let secondStarted = false;
    const second = limiter.acquire(key).then((release) => {
      secondStarted = true;
      return release;
    });
    fake.advance(3000); // the first call's response takes 3 s
    await Promise.resolve();
    expect(secondStarted).toBe(false);
    first();
    (await second)();
    // One window after the first response, not after its send.
    expect(fake.clock.now()).toBe(4000);
  });

  it("holds every call on a key after a 429 until Retry-After has passed", async () => {
    const fake = fakeClock(0);
    const limiter = new SlidingWindowLimiter({ limit: 50, clock: fake.clock });
    const key = { appKey: "a", shop: "s", endpoint: "GET /x" };
    limiter.pause(key, 2500);
    (await limiter.acquire(key))();
    expect(fake.clock.now()).toBe(2500);
  });

  it("shares one budget between shop clients of the same app", async () => {
    const t = await throttledServer(1000, 1000);
    close = t.server.close;
    const fake = fakeClock(0);
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 1000, clock: fake.clock });
    const app = new TikTokShop({
      appKey: "k",
      appSecret: "s",
      apiBaseUrl: t.server.url,
      clock: fake.clock,
      rateLimiter: limiter,
    });
    await app.shop({ accessToken: "t1" }).request(contract.authorization.getAuthorizedShops);
    await app.shop({ accessToken: "t2" }).request(contract.authorization.getAuthorizedShops);
    await app.shop({ accessToken: "t3" }).request(contract.authorization.getAuthorizedShops);
    expect(fake.sleeps).toEqual([1000]);
  });

  it("counts a key the same whether it is passed as one frozen object or as equal fresh ones", async () => {
    const fake = fakeClock(0);
    const limiter = new SlidingWindowLimiter({ limit: 2, windowMs: 1000, clock: fake.clock });
    const frozen = Object.freeze({ appKey: "a", shop: "s", endpoint: "GET /x" });
    (await limiter.acquire(frozen))();
    (await limiter.acquire({ ...frozen }))();
    (await limiter.acquire(frozen))();
    expect(fake.sleeps).toEqual([1000]);
  });

  it("lets the next caller have a slot whose waiting caller gave up", async () => {
    const limiter = new SlidingWindowLimiter({ limit: 1, windowMs: 200 });
    const key = { appKey: "a", shop: "s", endpoint: "GET /x" };
    const first = await limiter.acquire(key);
    const controller = new AbortController();
    const abandoned = limiter.acquire(key, controller.signal);
    const third = limiter.acquire(key);
    const released = Date.now();
    first();
    controller.abort(new Error("gave up"));
    await expect(abandoned).rejects.toThrow("gave up");
    // The third caller gets the slot one window after the first call's response.
    (await third)();
    expect(Date.now() - released).toBeGreaterThanOrEqual(190);
    expect(Date.now() - released).toBeLessThan(2000);
  });
});
