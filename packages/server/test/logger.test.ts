import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { ServerEnv } from "../src/context.ts";
import { redactDeep, scrubString } from "../src/logger.ts";
import { requestContext } from "../src/request-context.ts";
import { captureLogger } from "./helpers.ts";

const SECRETS = [
  "Bearer-ey.secret.jwt",
  "TTP_accesstoken_123",
  "ROW_refreshtoken_456",
  "the-app-secret-789",
  "session=abc123cookie",
  "AUTHCODE_xyz",
  "sig0123456789abcdef",
  "csrf-token-value",
];

describe("redaction", () => {
  it("hides tokens, secrets, cookies, signatures and auth codes at any depth", () => {
    const { logger, raw } = captureLogger();
    logger.info(
      {
        request: {
          headers: {
            authorization: "Bearer Bearer-ey.secret.jwt",
            cookie: "session=abc123cookie",
            "x-tts-access-token": "TTP_accesstoken_123",
            "x-csrf-token": "csrf-token-value",
          },
        },
        grant: { nested: [{ access_token: "TTP_accesstoken_123", refresh_token: "ROW_refreshtoken_456" }] },
        app: { app_secret: "the-app-secret-789", appSecret: "the-app-secret-789" },
        query: { code: "AUTHCODE_xyz", sign: "sig0123456789abcdef", state: "visible-state" },
        tiktok: { code: 36009004, message: "Invalid credentials" },
      },
      "token refresh",
    );
    const text = raw();
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const line = JSON.parse(text) as {
      request: { headers: Record<string, string> };
      grant: { nested: Array<Record<string, string>> };
      query: Record<string, string>;
      tiktok: { code: unknown };
    };
    expect(line.request.headers.authorization).toBe("[redacted]");
    expect(line.grant.nested[0]?.access_token).toBe("[redacted]");
    expect(line.query.state).toBe("visible-state");
    // TikTok's numeric error code stays readable; only string codes (auth codes) are hidden.
    expect(line.tiktok.code).toBe(36009004);
  });

  it("scrubs secrets inside strings: messages, URLs and error stacks", () => {
    const { logger, raw } = captureLogger();
    const error = Object.assign(
      new Error(
        "GET https://auth.tiktok-shops.com/api/v2/token/get?app_secret=the-app-secret-789&auth_code=AUTHCODE_xyz failed",
      ),
      {
        config: { headers: { Authorization: "Bearer Bearer-ey.secret.jwt" } },
      },
    );
    logger.error(
      { err: error, url: "/api/auth/tiktok/callback?code=AUTHCODE_xyz&state=s1" },
      "callback failed for /cb?code=AUTHCODE_xyz",
    );
    logger.child({ access_token: "TTP_accesstoken_123" }).warn("child bindings are redacted too");
    const text = raw();
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).toContain("state=s1");
    expect(text).toContain("code=[redacted]");
  });

  it("handles cycles and leaves harmless strings alone", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    expect(redactDeep(a)).toEqual({ name: "a", self: "[circular]" });
    expect(scrubString("no secrets here")).toBe("no secrets here");
    expect(scrubString("x?sign=abc&timestamp=1")).toBe("x?sign=[redacted]&timestamp=1");
  });
});

describe("request context", () => {
  function app() {
    const capture = captureLogger();
    const hono = new Hono<ServerEnv>();
    hono.use(requestContext({ logger: capture.logger }));
    hono.get("/api/things", (c) => c.json({ id: c.get("requestId") }));
    return { hono, ...capture };
  }

  it("generates a request id, echoes it, and logs method, path without query, status and duration", async () => {
    const { hono, lines, raw } = app();
    const response = await hono.request("/api/things?code=AUTHCODE_xyz&page=2");
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await response.json()) as { id: string }).id).toBe(id);
    const line = lines.find((l) => l.msg === "request");
    expect(line).toMatchObject({ reqId: id, method: "GET", path: "/api/things", status: 200 });
    expect(typeof line?.durationMs).toBe("number");
    expect(raw()).not.toContain("AUTHCODE_xyz");
  });

  it("accepts a valid incoming x-request-id and replaces an invalid one", async () => {
    const { hono } = app();
    const ok = await hono.request("/api/things", { headers: { "x-request-id": "lb-1234-abcd.5678" } });
    expect(ok.headers.get("x-request-id")).toBe("lb-1234-abcd.5678");
    const bad = await hono.request("/api/things", {
      headers: { "x-request-id": "<script>alert(1)</script>" },
    });
    expect(bad.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
