import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDevShop, serveDevShop } from "../../src/app.ts";

/**
 * A minimal TikTok Shop client written from the public docs only (no code from this project),
 * talking to the dev shop over real HTTP: the proof that a correct client works unchanged.
 */
function sign(secret: string, path: string, params: Record<string, string>, body = ""): string {
  const sorted = Object.keys(params)
    .filter((k) => k !== "sign" && k !== "access_token")
    .sort()
    .map((k) => `${k}${params[k]}`)
    .join("");
  return createHmac("sha256", secret).update(`${secret}${path}${sorted}${body}${secret}`).digest("hex");
}

describe("an independent client", () => {
  let running: RunningDevShop;
  const appKey = "6indieclient";
  const appSecret = "indie-secret-123";

  beforeAll(async () => {
    running = await serveDevShop({ port: 0, seed: 9, tickIntervalMs: 0 });
  });
  afterAll(async () => {
    await running.close();
  });

  it("registers, authorizes, gets a token and lists its shops", async () => {
    const base = running.url;
    const registered = await fetch(`${base}/control/apps`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        app_key: appKey,
        app_secret: appSecret,
        name: "Indie",
        redirect_url: "http://127.0.0.1:1/callback",
      }),
    });
    expect(registered.status).toBe(200);

    const authorized = (await (
      await fetch(`${base}/control/authorize`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ app_key: appKey, seller_email: "seller1@dev.shop" }),
      })
    ).json()) as { code: string };
    expect(authorized.code).toBeTruthy();

    const tokenUrl = new URL("/api/v2/token/get", base);
    tokenUrl.search = new URLSearchParams({
      app_key: appKey,
      app_secret: appSecret,
      auth_code: authorized.code,
      grant_type: "authorized_code",
    }).toString();
    const token = (await (await fetch(tokenUrl)).json()) as { code: number; data: { access_token: string } };
    expect(token.code).toBe(0);

    const path = "/authorization/202309/shops";
    const params: Record<string, string> = {
      app_key: appKey,
      timestamp: String(Math.floor(Date.now() / 1000)),
    };
    params.sign = sign(appSecret, path, params);
    const response = await fetch(`${base}${path}?${new URLSearchParams(params)}`, {
      headers: { "content-type": "application/json", "x-tts-access-token": token.data.access_token },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      code: number;
      message: string;
      data: {
        shops: Array<{
          id: string;
          name: string;
          region: string;
          seller_type: string;
          cipher: string;
          code: string;
        }>;
      };
    };
    expect(body.code).toBe(0);
    expect(body.message).toBe("Success");
    expect(body.data.shops.map((s) => s.region).sort()).toEqual(["GB", "US"]);
    for (const shop of body.data.shops) {
      expect(shop.seller_type).toBe("LOCAL");
      expect(shop.cipher).toMatch(/^(TTP|ROW)_/);
    }

    // A signed PUT with a JSON body, through the same independent signer.
    const hookPath = "/event/202309/webhooks";
    const hookParams: Record<string, string> = {
      app_key: appKey,
      shop_cipher: body.data.shops[0]!.cipher,
      timestamp: String(Math.floor(Date.now() / 1000)),
    };
    const payload = JSON.stringify({
      address: "https://indie.example.test/hook",
      event_type: "ORDER_STATUS_CHANGE",
    });
    hookParams.sign = sign(appSecret, hookPath, hookParams, payload);
    const put = await fetch(`${base}${hookPath}?${new URLSearchParams(hookParams)}`, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-tts-access-token": token.data.access_token },
      body: payload,
    });
    expect(((await put.json()) as { code: number }).code).toBe(0);
  });
});
