import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { TikTokShop } from "../src/client.ts";
import { endpoint } from "../src/contract/define.ts";
import { contract } from "../src/contract/index.ts";
import { TikTokShopError } from "../src/errors.ts";
import type { Logger } from "../src/logger.ts";
import { fakeClock } from "./support/fake-clock.ts";
import { failure, serverSideSignature, startWireServer, success } from "./support/wire-server.ts";

const APP_KEY = "6a1b2c3d4e5f";
const APP_SECRET = "s3cr3t-app-secret-value";
const TOKEN = "TTP_access-token-never-logged";
const CIPHER = "ROW_cipher-of-test-shop";

// Endpoints defined here so the client's wire behaviour is tested apart from the contract's content.
const search = endpoint({
  name: "searchThings",
  summary: "test search",
  method: "POST",
  path: "/thing/202309/things/search",
  cipher: "required",
  scope: null,
  safety: "read",
  query: z.object({ page_size: z.coerce.number().int().min(1).max(50), page_token: z.string().optional() }),
  body: z.object({ status: z.enum(["A", "B"]).optional(), ids: z.array(z.string()).max(3).optional() }),
  response: z.looseObject({
    things: z.array(z.looseObject({ id: z.string() })).default([]),
    next_page_token: z.string().optional(),
    total_count: z.number().optional(),
  }),
  pagination: { tokenIn: "query", items: "things" },
});
const detail = endpoint({
  name: "getThings",
  summary: "test detail",
  method: "GET",
  path: "/thing/202309/things/{thing_id}/parts",
  cipher: "required",
  scope: null,
  params: z.object({ thing_id: z.string() }),
  query: z.object({ ids: z.array(z.string()).max(50) }),
  response: z.looseObject({ parts: z.array(z.string()).default([]) }),
});
const write = endpoint({
  name: "doThing",
  summary: "test write",
  method: "POST",
  path: "/thing/202309/things/{thing_id}/do",
  cipher: "required",
  scope: null,
  params: z.object({ thing_id: z.string() }),
  body: z.object({ note: z.string() }),
  response: z.looseObject({}),
});
const idempotentWrite = endpoint({
  name: "approveThing",
  summary: "test idempotent write",
  method: "POST",
  path: "/thing/202309/things/{thing_id}/approve",
  cipher: "required",
  scope: null,
  safety: "idempotent-write",
  params: z.object({ thing_id: z.string() }),
  query: z.object({ idempotency_key: z.string().optional() }),
  response: z.looseObject({}),
});
const upload = endpoint({
  name: "uploadThing",
  summary: "test upload",
  method: "POST",
  path: "/thing/202309/images/upload",
  cipher: "refused",
  scope: null,
  multipart: true,
  body: z.object({ data: z.instanceof(Blob), use_case: z.string() }),
  response: z.looseObject({ uri: z.string() }),
});

let server: Awaited<ReturnType<typeof startWireServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(url: string, extra: Partial<ConstructorParameters<typeof TikTokShop>[0]> = {}) {
  return new TikTokShop({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    apiBaseUrl: url,
    rateLimiter: false,
    ...extra,
  });
}

describe("requests on the wire", () => {
  it("signs a GET exactly as a server recomputes it, token in the header only, cipher refused where TikTok refuses it", async () => {
    server = await startWireServer(() =>
      success({
        shops: [{ id: "1", name: "S", region: "US", seller_type: "LOCAL", cipher: "c", code: "X" }],
      }),
    );
    const { clock } = fakeClock();
    const shop = client(server.url, { clock }).shop({ accessToken: TOKEN, shopCipher: CIPHER });
    const data = await shop.authorization.getAuthorizedShops();
    expect(data.shops[0]?.cipher).toBe("c");

    const [req] = server.requests;
    expect(req?.method).toBe("GET");
    expect(req?.path).toBe("/authorization/202309/shops");
    expect([...(req?.query.keys() ?? [])].sort()).toEqual(["app_key", "sign", "timestamp"]);
    expect(req?.query.get("app_key")).toBe(APP_KEY);
    expect(req?.query.get("timestamp")).toBe(String(Math.floor(clock.now() / 1000)));
    expect(req?.query.get("sign")).toMatch(/^[0-9a-f]{64}$/);
    expect(req?.query.get("sign")).toBe(serverSideSignature(req!, APP_SECRET));
    expect(req?.headers["x-tts-access-token"]).toBe(TOKEN);
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.body.length).toBe(0);
    expect(req?.target).not.toContain(TOKEN);
  });

  it("sends the exact JSON bytes it signed, with paging in the query and filters in the body", async () => {
    server = await startWireServer(() => success({ things: [{ id: "7" }], next_page_token: "" }));
    const shop = client(server.url).shop({ accessToken: TOKEN, shopCipher: CIPHER });
    await shop.request(search, { query: { page_size: 20 }, body: { status: "A", ids: ["1", "2"] } });
    const req = server.requests[0]!;
    expect(req.body.toString("utf8")).toBe('{"status":"A","ids":["1","2"]}');
    expect(req.query.get("page_size")).toBe("20");
    expect(req.query.get("shop_cipher")).toBe(CIPHER);
    expect(req.query.get("sign")).toBe(serverSideSignature(req, APP_SECRET));
  });

  it("reads a large response arriving in many chunks, multi-byte characters split across them intact", async () => {
    const things = Array.from({ length: 20_000 }, (_, i) => ({ id: String(i), name: `Café ☕ ${i} 🍵` }));
    server = await startWireServer(() => success({ things }));
    const shop = client(server.url).shop({ accessToken: TOKEN, shopCipher: CIPHER });
    const data = await shop.request(search, { query: { page_size: 20 } });
    expect(data.things).toEqual(things);
  });

  it("joins array query values with commas and encodes path parameters", async () => {
    server = await startWireServer(() => success({ parts: ["a"] }));
    const shop = client(server.url).shop({ accessToken: TOKEN, shopCipher: CIPHER });
    await shop.request(detail, { params: { thing_id: "a/b c" }, query: { ids: ["1", "2", "3"] } });
    const req = server.requests[0]!;
    expect(req.target).toContain("/thing/202309/things/a%2Fb%20c/parts?");
    expect(req.query.get("ids")).toBe("1,2,3");
    // The server decodes the path before signing: the client signs the encoded path it sent.
    expect(req.query.get("sign")).toBe(serverSideSignature(req, APP_SECRET));
  });

  it("sends multipart uploads without signing the body and without shop_cipher", async () => {
    server = await startWireServer(() => success({ uri: "tos-x/1" }));
    const shop = client(server.url).shop({ accessToken: TOKEN, shopCipher: CIPHER });
    const data = await shop.request(upload, {
      body: {
        data: new Blob([new Uint8Array([137, 80, 78, 71])], { type: "image/png" }),
        use_case: "MAIN_IMAGE",
      },
    });
    expect(data.uri).toBe("tos-x/1");
    const req = server.requests[0]!;
    expect(req.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(req.query.has("shop_cipher")).toBe(false);
    expect(req.body.toString("latin1")).toContain('name="use_case"');
    expect(req.query.get("sign")).toBe(serverSideSignature(req, APP_SECRET));
  });

  it("refuses bad input before sending anything", async () => {
    server = await startWireServer(() => success());
    const shop = client(server.url).shop({ accessToken: TOKEN, shopCipher: CIPHER });
    const error = await shop.request(search, { query: { page_size: 0 } }).catch((e) => e);
    expect(error).toBeInstanceOf(TikTokShopError);
    expect(error.kind).toBe("validation");
    expect(error.message).toContain("page_size");
    const noCipher = client(server.url).shop({ accessToken: TOKEN });
    const cipherError = await noCipher.request(search, { query: { page_size: 5 } }).catch((e) => e);
    expect(cipherError.kind).toBe("cipher");
    expect(server.requests).toHaveLength(0);
  });

  it("exposes every contract domain as typed, frozen method groups", () => {
    const shop = client("http://127.0.0.1:1").shop({ accessToken: TOKEN, shopCipher: CIPHER });
    for (const [domain, endpoints] of Object.entries(contract)) {
      const group = (shop as unknown as Record<string, Record<string, unknown>>)[domain]!;
      expect(Object.isFrozen(group)).toBe(true);
      for (const name of Object.keys(endpoints)) expect(typeof group[name]).toBe("function");
    }
    expect(Object.isFrozen(shop)).toBe(true);
  });
});

describe("errors", () => {
  it("carries code, message, request id, status and endpoint, classified by kind", async () => {
    server = await startWireServer(() =>
      failure(106001, "Invalid credentials. The 'sign' query parameter is invalid.", 401),
    );
    const shop = client(server.url).shop({ accessToken: TOKEN, shopCipher: CIPHER });
    const error = (await shop.authorization.getAuthorizedShops().catch((e) => e)) as TikTokShopError;
    expect(error).toMatchObject({
      kind: "signature",
      code: 106001,
      httpStatus: 401,
      requestId: "20261124120000FEDCBA9876543210FEDCBA",
      endpoint: "getAuthorizedShops GET /authorization/202309/shops",
    });
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).not.toContain(APP_SECRET);
  });

  it("turns a non-envelope gateway page into a server error and a bad data shape into unexpected_response", async () => {
    server = await startWireServer((_, i) =>
      i === 0 ? { status: 502, body: "<html>Bad gateway</html>" } : success({ shops: "nope" }),
    );
    const shop = client(server.url, { retry: false }).shop({ accessToken: TOKEN });
    expect((await shop.authorization.getAuthorizedShops().catch((e) => e)).kind).toBe("server");
    expect((await shop.authorization.getAuthorizedShops().catch((e) => e)).kind).toBe("unexpected_response");
  });

  it("reports a refused connection as a network error", async () => {
    const shop = client("http://127.0.0.1:9", { retry: false }).shop({ accessToken: TOKEN });
    const error = await shop.authorization.getAuthorizedShops().catch((e) => e);
    expect(error.kind).toBe("network");
    expect(error.httpStatus).toBe(0);
  });

  it("keeps per-item errors of a successful batch call", async () => {
    server = await startWireServer(() =>
      success({
        errors: [{ code: 10007014, message: "package in freeze status", detail: { package_id: "9" } }],
      }),
    );
    const shop = client(server.url).shop({ accessToken: TOKEN, shopCipher: CIPHER });
    const data = (await shop.request(write, { params: { thing_id: "1" }, body: { note: "x" } })) as Record<
      string,
      unknown
    >;
    expect(data.errors).toEqual([
      { code: 10007014, message: "package in freeze status", detail: { package_id: "9" } },
    ]);
  });
});

describe("retries", () => {
  it("retries a read after server errors, re-signing every attempt with a fresh timestamp", async () => {
    const fake = fakeClock();
    // Each answer takes the server 1.5 s of (fake) time, so every attempt falls in a new second.
    server = await startWireServer((_, i) => {
      fake.advance(1500);
      return i < 2 ? failure(36009003, "Internal error. Please try again.", 500) : success({ shops: [] });
    });
    const shop = client(server.url, { clock: fake.clock, retry: { baseDelayMs: 1000 } }).shop({
      accessToken: TOKEN,
    });
    const result = await shop.call(contract.authorization.getAuthorizedShops);
    expect(result.attempts).toBe(3);
    const timestamps = server.requests.map((r) => r.query.get("timestamp"));
    expect(new Set(timestamps).size).toBe(3);
    for (const req of server.requests)
      expect(req.query.get("sign")).toBe(serverSideSignature(req, APP_SECRET));
    expect(fake.sleeps).toHaveLength(2);
  });

  it("never repeats a plain write after a server error", async () => {
    server = await startWireServer(() => failure(36009003, "Internal error.", 500));
    const shop = client(server.url).shop({ accessToken: TOKEN, shopCipher: CIPHER });
    const error = await shop
      .request(write, { params: { thing_id: "1" }, body: { note: "x" } })
      .catch((e) => e);
    expect(error.kind).toBe("server");
    expect(server.requests).toHaveLength(1);
  });

  it("repeats an idempotent write only when it carries an idempotency key", async () => {
    server = await startWireServer(() => failure(36009003, "Internal error.", 500));
    const { clock } = fakeClock();
    const shop = client(server.url, { clock }).shop({ accessToken: TOKEN, shopCipher: CIPHER });
    await shop.request(idempotentWrite, { params: { thing_id: "1" } }).catch(() => {});
    expect(server.requests).toHaveLength(1);
    await shop
      .request(idempotentWrite, { params: { thing_id: "1" }, query: { idempotency_key: "k-1" } })
      .catch(() => {});
    expect(server.requests).toHaveLength(1 + 4);
    expect(server.requests.slice(1).every((r) => r.query.get("idempotency_key") === "k-1")).toBe(true);
  });

  it("waits out Retry-After (seconds or a date) on 429, even for writes, and never retries validation errors", async () => {
    const fake = fakeClock();
    const retryAt = new Date(fake.clock.now() + 5000).toUTCString();
    server = await startWireServer((_, i) => {
      if (i === 0) return failure(36009002, "Too many requests.", 429, { "retry-after": "3" });
      if (i === 1) return failure(36009002, "Too many requests.", 429, { "retry-after": retryAt });
      if (i === 2) return success();
      return failure(36009004, "Skus is a required field and has not been provided.", 400);
    });
    const limiter = new (await import("../src/rate-limit.ts")).SlidingWindowLimiter({ clock: fake.clock });
    const shop = client(server.url, { clock: fake.clock, rateLimiter: limiter }).shop({
      accessToken: TOKEN,
      shopCipher: CIPHER,
    });
    const before = fake.clock.now();
    await shop.request(write, { params: { thing_id: "1" }, body: { note: "x" } });
    // 3 s from the first Retry-After, then up to the date named by the second.
    expect(fake.clock.now() - before).toBe(5000);
    const error = await shop
      .request(write, { params: { thing_id: "1" }, body: { note: "x" } })
      .catch((e) => e);
    expect(error.kind).toBe("validation");
    expect(server.requests).toHaveLength(4);
  });

  it("refreshes an expired token once and repeats the call with the new one", async () => {
    server = await startWireServer((req) =>
      req.headers["x-tts-access-token"] === "fresh"
        ? success({ shops: [] })
        : failure(
            105002,
            "Expired credentials. The `access_token` or `x-tts-access-token` header has expired.",
            401,
          ),
    );
    let current = "stale";
    let refreshes = 0;
    const shop = client(server.url).shop({
      accessToken: {
        current: () => current,
        refresh: async () => {
          refreshes++;
          current = "fresh";
          return current;
        },
      },
    });
    await shop.authorization.getAuthorizedShops();
    expect(refreshes).toBe(1);
    expect(server.requests.map((r) => r.headers["x-tts-access-token"])).toEqual(["stale", "fresh"]);
  });

  it("stops retrying when the time budget is spent", async () => {
    server = await startWireServer(() => failure(36009003, "Internal error.", 500));
    const { clock } = fakeClock();
    const shop = client(server.url, {
      clock,
      retry: { maxAttempts: 50, baseDelayMs: 4000, maxDelayMs: 4000, maxElapsedMs: 10_000 },
    }).shop({ accessToken: TOKEN });
    await shop.authorization.getAuthorizedShops().catch(() => {});
    expect(server.requests.length).toBeLessThan(50);
  });
});

describe("logging", () => {
  it("never writes the app secret, tokens or signatures", async () => {
    const lines: string[] = [];
    const capture = (fields: Record<string, unknown>, message: string) =>
      lines.push(`${message} ${JSON.stringify(fields)}`);
    const logger: Logger = { debug: capture, info: capture, warn: capture, error: capture };
    server = await startWireServer((req, i) =>
      i === 0
        ? failure(36009003, "Internal error.", 500)
        : i === 1
          ? failure(105002, "Expired credentials.", 401)
          : req.headers["x-tts-access-token"]
            ? success({ shops: [] })
            : success(),
    );
    const { clock } = fakeClock();
    const app = client(server.url, { logger, clock });
    const shop = app.shop({
      accessToken: { current: () => TOKEN, refresh: async () => TOKEN },
      shopCipher: CIPHER,
    });
    await shop.authorization.getAuthorizedShops();
    const joined = lines.join("\n");
    expect(lines.length).toBeGreaterThan(0);
    expect(joined).not.toContain(APP_SECRET);
    expect(joined).not.toContain(TOKEN);
    for (const req of server.requests) expect(joined).not.toContain(req.query.get("sign")!);
  });
});

describe("timeouts and cancellation", () => {
  /** A loopback server whose handler the test controls, and which reports when each response's connection closes. */
  async function rawServer(handler: (res: ServerResponse, index: number) => void) {
    const closed: number[] = [];
    let count = 0;
    const raw = createServer((req, res) => {
      const index = count++;
      req.resume();
      res.on("close", () => closed.push(index));
      handler(res, index);
    });
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    const { port } = raw.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      closed,
      requests: () => count,
      close: () => {
        raw.closeAllConnections();
        return new Promise<void>((resolve) => raw.close(() => resolve()));
      },
    };
  }
  const until = async (condition: () => boolean, ms = 2000) => {
    const end = Date.now() + ms;
    while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5));
    return condition();
  };

  it("fails an attempt that gets no answer within timeoutMs as a network error, and retries a read", async () => {
    const hung = await rawServer(() => {});
    try {
      const shop = client(hung.url, { timeoutMs: 100, retry: { maxAttempts: 2, baseDelayMs: 1 } }).shop({
        accessToken: TOKEN,
      });
      const started = Date.now();
      const error = await shop.authorization.getAuthorizedShops().catch((e) => e);
      expect(error).toBeInstanceOf(TikTokShopError);
      expect(error.kind).toBe("network");
      expect(error.tiktokMessage).toBe("No response within 100 ms");
      // Two attempts were sent (on a busy machine the server may see the second a little later).
      expect(await until(() => hung.requests() === 2)).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    } finally {
      await hung.close();
    }
  });

  it("releases the connection when the body stalls after the headers", async () => {
    const stalling = await rawServer((res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"code":0,"data":{"shops":[');
    });
    try {
      const shop = client(stalling.url, { timeoutMs: 100, retry: false }).shop({ accessToken: TOKEN });
      const error = await shop.authorization.getAuthorizedShops().catch((e) => e);
      expect(error.tiktokMessage).toBe("No response within 100 ms");
      expect(await until(() => stalling.closed.includes(0))).toBe(true);
    } finally {
      await stalling.close();
    }
  });

  it("drops an answer that comes after the timeout, closing its connection", async () => {
    const late = await rawServer((res) => {
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"code":0,"data":{"shops":[');
      }, 250);
    });
    try {
      const shop = client(late.url, { timeoutMs: 100, retry: false }).shop({ accessToken: TOKEN });
      const error = await shop.authorization.getAuthorizedShops().catch((e) => e);
      expect(error.tiktokMessage).toBe("No response within 100 ms");
      expect(late.closed).toEqual([]);
      expect(await until(() => late.closed.includes(0))).toBe(true);
    } finally {
      await late.close();
    }
  });

  it("after a timeout, aborts the next attempts outright at their deadline, closing their connections", async () => {
    const hung = await rawServer(() => {});
    try {
      const shop = client(hung.url, { timeoutMs: 100, retry: false }).shop({ accessToken: TOKEN });
      // The first timeout finds a request sent without a signal: its socket waits for an answer.
      expect((await shop.authorization.getAuthorizedShops().catch((e) => e)).kind).toBe("network");
      // The API is hanging now: the next attempt carries a signal and is cut off at its deadline.
      expect((await shop.authorization.getAuthorizedShops().catch((e) => e)).kind).toBe("network");
      expect(await until(() => hung.closed.includes(1))).toBe(true);
      expect(hung.closed).not.toContain(0);
    } finally {
      await hung.close();
    }
  });

  it("aborts the request itself when the caller's signal fires, rejecting with the caller's reason", async () => {
    const hung = await rawServer(() => {});
    try {
      const shop = client(hung.url).shop({ accessToken: TOKEN });
      const controller = new AbortController();
      const reason = new Error("user navigated away");
      setTimeout(() => controller.abort(reason), 50);
      const error = await shop.authorization
        .getAuthorizedShops({}, { signal: controller.signal })
        .catch((e) => e);
      expect(error).toBe(reason);
      expect(await until(() => hung.closed.includes(0))).toBe(true);
      expect(hung.requests()).toBe(1);
    } finally {
      await hung.close();
    }
  });
});
