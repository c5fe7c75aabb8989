import { describe, expect, it } from "vitest";
import { requestSignBase, signRequest, signWebhook, verifyRequestSign } from "../../src/signing.ts";

const cipher = "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK";
const webhookQuery = { app_key: "68xu9ks5p4i8", shop_cipher: cipher, timestamp: "1696909648" };

// core reference §2.3
const vectors = [
  {
    name: "#1 official doc, GET authorized shops",
    secret: "e59af819cc",
    path: "/authorization/202309/shops",
    query: { app_key: "29a39d", timestamp: "1623812664" },
    body: undefined,
    sign: "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8",
  },
  {
    name: "#2 GET webhooks",
    secret: "e59af819cc",
    path: "/event/202309/webhooks",
    query: webhookQuery,
    body: undefined,
    sign: "ed58e1b5e59865c22a7b828c1cab65007441f43cc91a6cb2f2cdc638e0995a37",
  },
  {
    name: "#3 PUT webhooks, body as NET sends it",
    secret: "e59af819cc",
    path: "/event/202309/webhooks",
    query: webhookQuery,
    body: '{"event_type":"PACKAGE_UPDATE","address":"https://partner.tiktokshop.com"}',
    sign: "701dd6deb2389fe4c469b89bd37fc56f96a6da6afeb4d01c9077a65169752fa7",
  },
  {
    name: "#4 PUT webhooks, body as the doc prints it",
    secret: "e59af819cc",
    path: "/event/202309/webhooks",
    query: webhookQuery,
    body: '{"address":"https://partner.tiktokshop.com","event_type":"PACKAGE_UPDATE"}',
    sign: "cd0d6268252f4ba293bf7ea4c0a2873bf9beec600d22530638564ab301435f7a",
  },
  {
    name: "#5 PHP client test",
    secret: "app_secret",
    path: "/test-api",
    query: { foo: "bar" },
    body: undefined,
    sign: "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f",
  },
];

describe("request signing", () => {
  it.each(vectors)("matches vector $name", (v) => {
    expect(
      signRequest({ secret: v.secret, path: v.path, query: Object.entries(v.query), body: v.body }),
    ).toBe(v.sign);
  });

  it("builds the documented base string (doc intermediate for vector #1)", () => {
    expect(
      requestSignBase({
        secret: "e59af819cc",
        path: "/authorization/202309/shops",
        query: [
          ["timestamp", "1623812664"],
          ["app_key", "29a39d"],
        ],
      }),
    ).toBe("/authorization/202309/shopsapp_key29a39dtimestamp1623812664");
  });

  it("leaves out sign and access_token, and keeps empty values as keys", () => {
    const base = requestSignBase({
      secret: "x",
      path: "/p",
      query: [
        ["sign", "abc"],
        ["access_token", "tok"],
        ["shop_id", ""],
        ["app_key", "k"],
      ],
    });
    expect(base).toBe("/papp_keykshop_id");
  });

  it("accepts a signature with or without a `{}` body, but not with another body left out", () => {
    const base = { secret: "e59af819cc", path: "/x", query: [["app_key", "k"]] as [string, string][] };
    const withoutBody = signRequest({ ...base });
    const withBody = signRequest({ ...base, body: "{}" });
    expect(verifyRequestSign({ ...base, body: "{}", sign: withBody, multipart: false })).toBe(true);
    expect(verifyRequestSign({ ...base, body: "{}", sign: withoutBody, multipart: false })).toBe(true);
    expect(verifyRequestSign({ ...base, body: '{"a":1}', sign: withoutBody, multipart: false })).toBe(false);
  });

  it("never signs a multipart body", () => {
    const base = {
      secret: "s",
      path: "/product/202309/images/upload",
      query: [["app_key", "k"]] as [string, string][],
    };
    const sign = signRequest(base);
    expect(verifyRequestSign({ ...base, body: "--boundary...binary", sign, multipart: true })).toBe(true);
  });

  it("rejects upper-case hex", () => {
    const v = vectors[0]!;
    const query = Object.entries(v.query);
    expect(
      verifyRequestSign({
        secret: v.secret,
        path: v.path,
        query,
        sign: v.sign.toUpperCase(),
        multipart: false,
      }),
    ).toBe(false);
  });
});

describe("webhook signing", () => {
  it("matches the official vector (domains reference §5.4)", () => {
    const body =
      '{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}}';
    expect(signWebhook("abcdef", "123", body)).toBe(
      "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05",
    );
  });
});
