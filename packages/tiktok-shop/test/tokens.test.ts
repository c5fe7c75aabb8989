import { afterEach, describe, expect, it } from "vitest";
import { TikTokShop } from "../src/client.ts";
import type { Logger } from "../src/logger.ts";
import { failure, startWireServer } from "./support/wire-server.ts";

let server: Awaited<ReturnType<typeof startWireServer>> | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const grant = {
  access_token: "TTP_new-access",
  access_token_expire_in: 1_764_000_000,
  refresh_token: "TTP_new-refresh",
  refresh_token_expire_in: 4_903_858_076,
  open_id: "7010736057180325637",
  seller_name: "Dev Seller",
  seller_base_region: "US",
  user_type: 0,
  granted_scopes: ["seller.order.info"],
};

describe("token host", () => {
  it("exchanges an auth code with an unsigned GET and returns absolute expiries", async () => {
    server = await startWireServer(() => ({
      body: { code: 0, message: "success", data: grant, request_id: "r" },
    }));
    const app = new TikTokShop({ appKey: "key", appSecret: "secret", authBaseUrl: server.url });
    const result = await app.tokens.exchangeAuthCode("the-code");
    const req = server.requests[0]!;
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/api/v2/token/get");
    expect(Object.fromEntries(req.query)).toEqual({
      app_key: "key",
      app_secret: "secret",
      auth_code: "the-code",
      grant_type: "authorized_code",
    });
    expect(result).toEqual({
      accessToken: "TTP_new-access",
      accessTokenExpiresAt: 1_764_000_000,
      refreshToken: "TTP_new-refresh",
      refreshTokenExpiresAt: 4_903_858_076,
      openId: "7010736057180325637",
      sellerName: "Dev Seller",
      sellerBaseRegion: "US",
      userType: 0,
      grantedScopes: ["seller.order.info"],
    });
  });

  it("refreshes with grant_type=refresh_token and accepts the older granted_permissions name", async () => {
    const { granted_scopes: _, ...older } = grant;
    server = await startWireServer(() => ({
      body: { code: 0, message: "success", data: { ...older, granted_permissions: ["a"] }, request_id: "r" },
    }));
    const app = new TikTokShop({ appKey: "key", appSecret: "secret", authBaseUrl: server.url });
    const result = await app.tokens.refresh("old-refresh");
    expect(server.requests[0]?.query.get("grant_type")).toBe("refresh_token");
    expect(server.requests[0]?.query.get("refresh_token")).toBe("old-refresh");
    expect(result.grantedScopes).toEqual(["a"]);
  });

  it("reports a used code as invalid_token without echoing the secret, and never retries", async () => {
    server = await startWireServer(() => failure(36004004, "Invalid auth code."));
    const lines: string[] = [];
    const capture = (fields: Record<string, unknown>, message: string) =>
      lines.push(`${message} ${JSON.stringify(fields)}`);
    const logger: Logger = { debug: capture, info: capture, warn: capture, error: capture };
    const app = new TikTokShop({ appKey: "key", appSecret: "very-secret", authBaseUrl: server.url, logger });
    const error = await app.tokens.exchangeAuthCode("used-code").catch((e) => e);
    expect(error.kind).toBe("invalid_token");
    expect(error.code).toBe(36004004);
    expect(String(error)).not.toContain("very-secret");
    expect(lines.join("\n")).not.toContain("very-secret");
    expect(lines.join("\n")).not.toContain("used-code");
    expect(server.requests).toHaveLength(1);
  });

  it("builds authorize links for US and rest-of-world hosts", () => {
    const app = new TikTokShop({ appKey: "key", appSecret: "secret" });
    expect(app.authorizeUrl({ serviceId: "7100", state: "a b", market: "US" })).toBe(
      "https://services.us.tiktokshop.com/open/authorize?service_id=7100&state=a+b",
    );
    expect(app.authorizeUrl({ serviceId: "7100", state: "s" })).toBe(
      "https://services.tiktokshop.com/open/authorize?service_id=7100&state=s",
    );
  });
});
