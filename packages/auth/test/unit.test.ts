// Pure parts, no database: configuration checks, the key ring, return-path safety.
import { describe, expect, it } from "vitest";
import { createAuth, DecryptionError, KeyRing } from "../src/index.ts";
import { safeReturnPath } from "../src/install.ts";
import { hashToken, matchesHash, randomToken } from "../src/random.ts";
import { key } from "./support/harness.ts";

describe("configuration", () => {
  it("names every invalid setting at once", () => {
    expect(() =>
      createAuth({
        // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input
        db: undefined as any,
        tiktok: { appKey: "k", appSecret: "s" },
        serviceId: "not-a-number",
        encryptionKeys: { current: "k9", keys: { k1: "short" } },
        session: { idleSeconds: -1 },
      }),
    ).toThrow(
      /db: the app's drizzle database is required[\s\S]*serviceId: must be the numeric service id[\s\S]*session\.idleSeconds[\s\S]*encryptionKeys\.keys\.k1: must be 32 bytes/,
    );
  });
});

describe("KeyRing (AES-256-GCM)", () => {
  it("round-trips, uses a fresh IV per value and refuses tampering", () => {
    const ring = new KeyRing({ current: "a", keys: { a: key() } });
    const one = ring.encrypt("TTP_secret", "row:1");
    const two = ring.encrypt("TTP_secret", "row:1");
    expect(one).not.toBe(two);
    expect(Buffer.from(one, "base64").length).toBe(12 + 16 + "TTP_secret".length);
    expect(ring.decrypt(one, "a", "row:1")).toBe("TTP_secret");
    expect(() => ring.decrypt(one, "a", "row:2")).toThrow(DecryptionError);
    const bytes = Buffer.from(one, "base64");
    bytes[bytes.length - 1]! ^= 1;
    expect(() => ring.decrypt(bytes.toString("base64"), "a", "row:1")).toThrow(DecryptionError);
  });

  it("never puts the value into an error", () => {
    const ring = new KeyRing({ current: "a", keys: { a: key() } });
    const other = new KeyRing({ current: "a", keys: { a: key() } });
    const sealed = ring.encrypt("TTP_topsecret", "x");
    try {
      other.decrypt(sealed, "a", "x");
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain("topsecret");
      expect(String(error)).not.toContain(sealed);
    }
  });

  it("refuses a current key that is not configured", () => {
    expect(() => new KeyRing({ current: "b", keys: { a: key() } })).toThrow(/"b" is not one of the keys/);
  });
});

describe("tokens and hashes", () => {
  it("makes 256-bit base64url tokens and compares hashes", () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(matchesHash(token, hashToken(token))).toBe(true);
    expect(matchesHash(randomToken(), hashToken(token))).toBe(false);
  });
});

describe("return paths", () => {
  it("accepts same-site paths and refuses everything a browser could read as another site", () => {
    expect(safeReturnPath(undefined)).toBe("/");
    expect(safeReturnPath("/orders?x=1#top")).toBe("/orders?x=1#top");
    for (const bad of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
      "evil",
      "/a\nb",
      "/a\\b",
    ]) {
      expect(safeReturnPath(bad), bad).toBeNull();
    }
  });
});
