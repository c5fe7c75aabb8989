import type { ErrorKind } from "@tts-kit/tiktok-shop";
import { TikTokShopError } from "@tts-kit/tiktok-shop";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ServerEnv } from "../src/context.ts";
import { createCsrf } from "../src/csrf.ts";
import { errorHandler, notFoundHandler } from "../src/errors.ts";
import { healthRoutes } from "../src/health.ts";
import { requestContext } from "../src/request-context.ts";
import { securityHeaders } from "../src/security-headers.ts";
import { captureLogger } from "./helpers.ts";

describe("security headers", () => {
  async function headers(options: Parameters<typeof securityHeaders>[0]) {
    const app = new Hono();
    app.use(securityHeaders(options));
    app.get("/", (c) => c.html("<p>hi</p>"));
    return (await app.request("/")).headers;
  }

  it("sends a CSP for a Vite SPA and the usual hardening headers", async () => {
    const h = await headers({ nodeEnv: "production", upgradeInsecureRequests: true });
    const csp = h.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("upgrade-insecure-requests");
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("referrer-policy")).toBe("no-referrer");
    expect(h.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(h.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(h.get("cross-origin-opener-policy")).toBe("same-origin");
  });

  it("lets Seller Center frame the app when configured, and skips HSTS in development", async () => {
    const h = await headers({
      nodeEnv: "development",
      frameAncestors: ["'self'", "https://seller-us.tiktok.com"],
    });
    expect(h.get("content-security-policy")).toContain("frame-ancestors 'self' https://seller-us.tiktok.com");
    expect(h.get("x-frame-options")).toBeNull(); // XFO cannot express it; CSP decides
    expect(h.get("strict-transport-security")).toBeNull();
  });
});

describe("CSRF", () => {
  const ORIGIN = "http://app.test";
  function app() {
    const csrf = createCsrf({ allowedOrigins: [ORIGIN] });
    const hono = new Hono<ServerEnv>();
    hono.use(requestContext({ logger: captureLogger().logger }));
    hono.use(csrf.middleware);
    hono.get("/api/csrf", csrf.tokenHandler);
    hono.post("/api/webhooks/tiktok", (c) => c.json({ ok: true }));
    hono.post("/api/orders/:id/ship", (c) => c.json({ shipped: c.req.param("id") }));
    hono.delete("/api/things/:id", (c) => c.json({ deleted: true }));
    hono.get("/", (c) => c.html("<html></html>"));
    return hono;
  }

  async function token(hono: Hono<ServerEnv>) {
    const response = await hono.request(`${ORIGIN}/api/csrf`);
    const body = (await response.json()) as { token: string };
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^csrf=/);
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).not.toContain("HttpOnly");
    expect(response.headers.get("cache-control")).toBe("no-store");
    return { token: body.token, cookie: `csrf=${body.token}` };
  }

  it("lets a same-origin mutation with the token through", async () => {
    const hono = app();
    const { token: t, cookie } = await token(hono);
    const response = await hono.request(`${ORIGIN}/api/orders/1/ship`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": t, origin: ORIGIN, "sec-fetch-site": "same-origin" },
    });
    expect(response.status).toBe(200);
  });

  it("refuses a missing token, a wrong token and a missing cookie with 403", async () => {
    const hono = app();
    const { token: t, cookie } = await token(hono);
    const base = { origin: ORIGIN, "sec-fetch-site": "same-origin" };
    const cases: Array<Record<string, string>> = [
      { ...base, cookie },
      { ...base, cookie, "x-csrf-token": `${t.slice(0, -2)}xx` },
      { ...base, "x-csrf-token": t },
    ];
    for (const headers of cases) {
      const response = await hono.request(`${ORIGIN}/api/things/1`, { method: "DELETE", headers });
      expect(response.status).toBe(403);
      const body = (await response.json()) as { error: { code: string; requestId: string } };
      expect(body.error.code).toBe("csrf_failed");
      expect(body.error.requestId).toBe(response.headers.get("x-request-id"));
    }
  });

  it("refuses cross-site requests even with a valid token pair", async () => {
    const hono = app();
    const { token: t, cookie } = await token(hono);
    const crossSite = await hono.request(`${ORIGIN}/api/orders/1/ship`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": t, "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    const otherOrigin = await hono.request(`${ORIGIN}/api/orders/1/ship`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": t, origin: "https://evil.example" },
    });
    expect(otherOrigin.status).toBe(403);
  });

  it("exempts the webhook endpoint, and gives page loads the cookie", async () => {
    const hono = app();
    const webhook = await hono.request(`${ORIGIN}/api/webhooks/tiktok`, {
      method: "POST",
      headers: { "sec-fetch-site": "cross-site" },
      body: "{}",
    });
    expect(webhook.status).toBe(200);
    const page = await hono.request(`${ORIGIN}/`, { headers: { accept: "text/html" } });
    expect(page.headers.get("set-cookie")).toMatch(/^csrf=[A-Za-z0-9_-]{43};/);
  });

  it("uses a __Host- cookie over https and SameSite=None; Partitioned when embedded", async () => {
    const csrf = createCsrf({ secure: true, sameSite: "None", partitioned: true });
    const hono = new Hono<ServerEnv>().get("/api/csrf", csrf.tokenHandler);
    const cookie = (await hono.request("https://app.test/api/csrf")).headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Host-csrf=/);
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=None");
    expect(cookie).toContain("Partitioned");
  });
});

describe("error mapping", () => {
  const tiktok = (kind: ErrorKind, tiktokMessage = "message from TikTok") =>
    new TikTokShopError({
      kind,
      code: 36009004,
      tiktokMessage,
      requestId: "2024061413062583C1A4E4E5A1B2C3D4E5",
      httpStatus: 400,
      endpoint: "getOrderList POST /order/202309/orders/search?access_token=TTP_secret_token&sign=abc",
      ...(kind === "rate_limit" ? { retryAfterMs: 2500 } : {}),
    });

  function app(error: unknown) {
    const { logger, raw } = captureLogger();
    const hono = new Hono<ServerEnv>();
    hono.use(requestContext({ logger }));
    hono.get("/api/boom", () => {
      throw error;
    });
    hono.notFound(notFoundHandler);
    hono.onError(errorHandler);
    return { hono, raw };
  }

  const expectations: Record<ErrorKind, { status: number; code: string; message: RegExp }> = {
    rate_limit: { status: 429, code: "rate_limited", message: /TikTok Shop is busy, try again in a moment/ },
    invalid_token: { status: 403, code: "reconnect_shop", message: /Reconnect this shop/ },
    expired_token: { status: 403, code: "reconnect_shop", message: /Reconnect this shop/ },
    cipher: { status: 403, code: "reconnect_shop", message: /Reconnect this shop/ },
    missing_scope: { status: 403, code: "missing_permission", message: /missing a permission; reconnect/ },
    business: { status: 422, code: "tiktok_refused", message: /^message from TikTok$/ },
    validation: { status: 422, code: "tiktok_invalid_field", message: /page_size/ },
    not_found: { status: 404, code: "tiktok_not_found", message: /could not find/ },
    server: { status: 502, code: "tiktok_unavailable", message: /having trouble/ },
    network: { status: 504, code: "tiktok_unreachable", message: /did not answer/ },
    unexpected_response: { status: 502, code: "tiktok_unexpected", message: /unexpected way/ },
    timestamp: { status: 502, code: "tiktok_rejected_app", message: /server clock/ },
    signature: { status: 502, code: "tiktok_rejected_app", message: /credentials/ },
    ip_not_allowed: { status: 502, code: "tiktok_rejected_app", message: /address/ },
  };

  for (const [kind, expected] of Object.entries(expectations) as Array<
    [ErrorKind, (typeof expectations)[ErrorKind]]
  >) {
    it(`maps TikTokShopError ${kind} to ${expected.status}`, async () => {
      const message =
        kind === "validation" ? "Invalid param `page_size`: must be at most 100" : "message from TikTok";
      const { hono } = app(tiktok(kind, message));
      const response = await hono.request("/api/boom");
      expect(response.status).toBe(expected.status);
      const text = await response.text();
      const body = JSON.parse(text) as { error: Record<string, unknown> };
      expect(body.error.code).toBe(expected.code);
      expect(body.error.message).toMatch(expected.message);
      expect(body.error.requestId).toBe(response.headers.get("x-request-id"));
      expect(body.error.tiktokRequestId).toBe("2024061413062583C1A4E4E5A1B2C3D4E5");
      // Never the endpoint, URL or token.
      expect(text).not.toContain("TTP_secret_token");
      expect(text).not.toContain("/order/202309");
      if (kind === "rate_limit") {
        expect(response.headers.get("retry-after")).toBe("3");
        expect(body.error.retryAfterSeconds).toBe(3);
      }
      if (kind === "validation") expect(body.error.fields).toEqual([{ path: "page_size", message }]);
    });
  }

  it("maps zod errors to 400 with field paths", async () => {
    const schema = z.object({
      items: z.array(z.object({ quantity: z.number().int().positive() })),
      note: z.string(),
    });
    const parsed = schema.safeParse({ items: [{ quantity: -1 }] });
    const { hono } = app(parsed.error);
    const response = await hono.request("/api/boom");
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; fields: Array<{ path: string }>; message: string };
    };
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.fields.map((f) => f.path)).toEqual(["items.0.quantity", "note"]);
    expect(body.error.message).toBe("Check these fields: items.0.quantity, note.");
  });

  it("answers unknown errors with 500 and the request id only, logging the details", async () => {
    const { hono, raw } = app(new Error("db password=hunter2 leaked in message"));
    const response = await hono.request("/api/boom");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("stack");
    const body = JSON.parse(text) as { error: { code: string; requestId: string } };
    expect(body.error).toEqual({
      code: "internal",
      message: "Something went wrong on our side. Quote the request id to support.",
      requestId: response.headers.get("x-request-id"),
    });
    expect(raw()).toContain("request error");
    expect(raw()).not.toContain("hunter2");
  });

  it("answers unknown API paths with JSON 404", async () => {
    const { hono } = app(null);
    const response = await hono.request("/api/nope", { headers: { accept: "text/html" } });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/json");
  });
});

describe("health", () => {
  const database = (fail: boolean) => ({
    sql: {
      query: async <T>() => {
        if (fail) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
        return { rows: [] as T[] };
      },
      withLockedSession: async () => {
        throw new Error("unused");
      },
    },
  });

  it("healthz answers while the process lives; readyz follows the database and draining", async () => {
    let draining = false;
    const ok = healthRoutes({ database: database(false), isDraining: () => draining });
    expect((await ok.request("/healthz")).status).toBe(200);
    const ready = await ok.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      ready: true,
      checks: { database: "ok", queue: "absent", draining: false },
    });
    draining = true;
    expect((await ok.request("/readyz")).status).toBe(503);

    const down = await healthRoutes({ database: database(true) }).request("/readyz");
    expect(down.status).toBe(503);
    const body = (await down.json()) as { checks: { database: string } };
    expect(body.checks.database).toContain("ECONNREFUSED");
  });
});
