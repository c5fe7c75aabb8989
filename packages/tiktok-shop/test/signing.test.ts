import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hmacSha256 } from "../src/hmac-sha256.ts";
import { isMultipart, sign, signatureBase, signer } from "../src/signing.ts";

// The official and SDK test vectors collected in the reference (tiktok-shop-api-core.md §2.3).
const vectors: Array<{
  name: string;
  secret: string;
  path: string;
  query: Record<string, string>;
  body: string | undefined;
  sign: string;
}> = [
  {
    name: "#1 official doc: GET /authorization/202309/shops",
    secret: "e59af819cc",
    path: "/authorization/202309/shops",
    query: { app_key: "29a39d", timestamp: "1623812664" },
    body: undefined,
    sign: "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8",
  },
  {
    name: "#2 GET /event/202309/webhooks with shop_cipher",
    secret: "e59af819cc",
    path: "/event/202309/webhooks",
    query: {
      app_key: "68xu9ks5p4i8",
      shop_cipher: "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK",
      timestamp: "1696909648",
    },
    body: undefined,
    sign: "ed58e1b5e59865c22a7b828c1cab65007441f43cc91a6cb2f2cdc638e0995a37",
  },
  {
    name: "#3 PUT /event/202309/webhooks with a body",
    secret: "e59af819cc",
    path: "/event/202309/webhooks",
    query: {
      app_key: "68xu9ks5p4i8",
      shop_cipher: "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK",
      timestamp: "1696909648",
    },
    body: '{"event_type":"PACKAGE_UPDATE","address":"https://partner.tiktokshop.com"}',
    sign: "701dd6deb2389fe4c469b89bd37fc56f96a6da6afeb4d01c9077a65169752fa7",
  },
  {
    name: "#4 the same body with its keys in the doc's order",
    secret: "e59af819cc",
    path: "/event/202309/webhooks",
    query: {
      app_key: "68xu9ks5p4i8",
      shop_cipher: "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK",
      timestamp: "1696909648",
    },
    body: '{"address":"https://partner.tiktokshop.com","event_type":"PACKAGE_UPDATE"}',
    sign: "cd0d6268252f4ba293bf7ea4c0a2873bf9beec600d22530638564ab301435f7a",
  },
  {
    name: "#5 PHP SDK test",
    secret: "app_secret",
    path: "/test-api",
    query: { foo: "bar" },
    body: undefined,
    sign: "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f",
  },
];

describe("request signing", () => {
  for (const v of vectors) {
    it(`matches vector ${v.name}`, () => {
      expect(sign({ appSecret: v.secret, path: v.path, query: v.query, body: v.body })).toBe(v.sign);
    });
  }

  it("builds the documented intermediate string for vector #1", () => {
    expect(signatureBase("/authorization/202309/shops", { timestamp: "1623812664", app_key: "29a39d" })).toBe(
      "/authorization/202309/shopsapp_key29a39dtimestamp1623812664",
    );
  });

  it("signs a byte body exactly like the same text", () => {
    const body = '{"title":"Café ☕"}';
    const query = { app_key: "k", timestamp: "1" };
    expect(sign({ appSecret: "s", path: "/p", query, body: new TextEncoder().encode(body) })).toBe(
      sign({ appSecret: "s", path: "/p", query, body }),
    );
  });

  it("ignores sign and access_token but keeps empty values", () => {
    const base = signatureBase("/p", [
      ["sign", "x"],
      ["access_token", "t"],
      ["shop_id", ""],
      ["a", "1"],
    ]);
    expect(base).toBe("/pa1shop_id");
  });

  it("does not depend on the order of the query pairs", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z_]{1,12}$/), fc.string()), { selector: ([k]) => k }),
        fc.string(),
        (pairs, body) => {
          const reversed = [...pairs].reverse();
          const a = sign({ appSecret: "secret", path: "/x/202309/y", query: pairs, body });
          const b = sign({ appSecret: "secret", path: "/x/202309/y", query: reversed, body });
          expect(a).toBe(b);
        },
      ),
    );
  });

  it("agrees with an independent implementation for any decoded values, including ones that need URL encoding", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z_]{1,10}$/), fc.string({ unit: "grapheme" })),
        fc.string({ unit: "grapheme" }),
        (query, body) => {
          // What a server does: read the encoded URL back, decode, sort, concatenate.
          const encoded = new URLSearchParams(query).toString();
          const decoded = [...new URLSearchParams(encoded).entries()].sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          );
          const message = `s/p${decoded.map(([k, v]) => k + v).join("")}${body}s`;
          const expected = createHmac("sha256", "s").update(message).digest("hex");
          expect(sign({ appSecret: "s", path: "/p", query, body })).toBe(expected);
        },
      ),
    );
  });

  it("changes when any signed part changes", () => {
    const base = {
      appSecret: "s",
      path: "/order/202309/orders",
      query: { app_key: "k", timestamp: "1" },
      body: "{}",
    };
    const original = sign(base);
    expect(sign({ ...base, path: "/order/202309/orderz" })).not.toBe(original);
    expect(sign({ ...base, query: { app_key: "k", timestamp: "2" } })).not.toBe(original);
    expect(sign({ ...base, body: '{"a":1}' })).not.toBe(original);
    expect(sign({ ...base, appSecret: "t" })).not.toBe(original);
  });

  it("recognises multipart content types by media type only", () => {
    expect(isMultipart("multipart/form-data; boundary=----x")).toBe(true);
    expect(isMultipart("Multipart/Form-Data")).toBe(true);
    expect(isMultipart("application/json")).toBe(false);
    expect(isMultipart(null)).toBe(false);
  });

  it("computes the same HMAC-SHA256 in JavaScript as node:crypto, for any key and message length", () => {
    // Lengths around the 64-byte block and its 56-byte padding boundary, and keys longer than a block.
    const bytes = (max: number) => fc.uint8Array({ maxLength: max });
    const lengthNear = fc.constantFrom(0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 200);
    fc.assert(
      fc.property(
        fc.oneof(bytes(16), bytes(64), fc.uint8Array({ minLength: 65, maxLength: 200 })),
        fc.array(
          fc.oneof(
            fc.string({ unit: "binary", maxLength: 90 }),
            bytes(90),
            lengthNear.map((n) => "x".repeat(n)),
          ),
          { maxLength: 4 },
        ),
        (key, parts) => {
          const node = createHmac("sha256", key);
          for (const part of parts) node.update(part);
          expect(hmacSha256(key)(parts)).toBe(node.digest("hex"));
        },
      ),
      { numRuns: 200 },
    );
    // A message longer than the shared scratch buffer.
    const long = "é".repeat(20_000);
    expect(hmacSha256(new Uint8Array([1, 2, 3]))([long])).toBe(
      createHmac("sha256", new Uint8Array([1, 2, 3]))
        .update(long)
        .digest("hex"),
    );
  }, 30_000);

  it("signs short and long requests alike, whichever HMAC computes them", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 80 }),
        fc.oneof(
          fc.string({ unit: "grapheme", maxLength: 200 }),
          fc.string({ minLength: 900, maxLength: 1200 }),
          fc.uint8Array({ maxLength: 1500 }),
          fc.constant(undefined),
        ),
        (secret, body) => {
          const query = { app_key: "k", timestamp: "1700000000", shop_cipher: "ROW_x" };
          const message = Buffer.concat([
            Buffer.from(`${secret}/p${"app_keykshop_cipherROW_xtimestamp1700000000"}`),
            body === undefined ? Buffer.alloc(0) : Buffer.from(body),
            Buffer.from(secret),
          ]);
          const expected = createHmac("sha256", secret).update(message).digest("hex");
          expect(signer(secret)("/p", query, body)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  }, 30_000);
});
