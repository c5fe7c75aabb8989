import { describe, expect, it } from "vitest";
import { z } from "zod";
import { baseEnvSchema, EnvError, loadEnv, parseEncryptionKeys } from "../src/env.ts";
import { envSource, KEYS } from "./helpers.ts";

function failure(source: Record<string, string | undefined>, schema: z.ZodObject = baseEnvSchema): EnvError {
  try {
    loadEnv(schema, source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error("loadEnv accepted the environment");
}

describe("loadEnv", () => {
  it("parses a valid environment with defaults", () => {
    const env = loadEnv(baseEnvSchema, envSource());
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe("127.0.0.1");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.TIKTOK_API_BASE_URL).toBe("https://open-api.tiktokglobalshop.com");
    expect(env.TOKEN_ENCRYPTION_KEYS).toHaveLength(1);
    expect(env.TOKEN_ENCRYPTION_KEYS[0]?.id).toBe("k1");
  });

  it("names every missing variable in one message", () => {
    const error = failure({});
    expect(error.message).toMatch(/^Invalid environment: 5 problems/);
    for (const name of [
      "APP_URL",
      "TIKTOK_APP_KEY",
      "TIKTOK_APP_SECRET",
      "TIKTOK_SERVICE_ID",
      "TOKEN_ENCRYPTION_KEYS",
    ])
      expect(error.message).toContain(`  - ${name}: missing`);
    expect(error.problems.map((p) => p.variable).sort()).toEqual(
      ["APP_URL", "TIKTOK_APP_KEY", "TIKTOK_APP_SECRET", "TIKTOK_SERVICE_ID", "TOKEN_ENCRYPTION_KEYS"].sort(),
    );
  });

  it("treats empty strings as missing", () => {
    const error = failure(envSource({ TIKTOK_APP_SECRET: "" }));
    expect(error.message).toContain("TIKTOK_APP_SECRET: missing");
  });

  it("explains invalid values and shows non-secret values", () => {
    const error = failure(
      envSource({ PORT: "http", NODE_ENV: "staging", APP_URL: "ftp://x", TIKTOK_SERVICE_ID: "abc" }),
    );
    expect(error.message).toContain('PORT: must be a number (got "http")');
    expect(error.message).toMatch(/NODE_ENV: .*\(got "staging"\)/);
    expect(error.message).toContain(
      'APP_URL: must be an http(s) URL such as https://oms.example.com (got "ftp://x")',
    );
    expect(error.message).toContain(
      'TIKTOK_SERVICE_ID: must be the numeric service id from Partner Center (got "abc")',
    );
  });

  it("never prints the value of a secret-looking variable", () => {
    const badKey = `k1:${Buffer.alloc(16, 9).toString("base64")}`;
    const error = failure(
      envSource({ TOKEN_ENCRYPTION_KEYS: badKey, DATABASE_URL: "mysql://root:hunter2@db/app" }),
    );
    expect(error.message).toContain(
      'TOKEN_ENCRYPTION_KEYS: key #1 ("k1"): key must decode to 32 bytes, got 16 (value hidden)',
    );
    expect(error.message).toContain(
      "DATABASE_URL: must be a postgres:// or postgresql:// URL (value hidden)",
    );
    expect(error.message).not.toContain(badKey);
    expect(error.message).not.toContain("hunter2");
  });

  it("lets apps extend the base schema, and validates their variables too", () => {
    const schema = baseEnvSchema.extend({
      OMS_LABEL_FORMAT: z.enum(["A6", "A4"]),
      OMS_API_TOKEN: z.string().min(20),
    });
    const error = failure(envSource({ OMS_API_TOKEN: "short-secret" }), schema);
    expect(error.message).toContain("OMS_LABEL_FORMAT: missing");
    expect(error.message).toMatch(/OMS_API_TOKEN: .*\(value hidden\)/);
    expect(error.message).not.toContain("short-secret");
    const env = loadEnv(schema, envSource({ OMS_LABEL_FORMAT: "A6", OMS_API_TOKEN: "x".repeat(20) }));
    expect(env.OMS_LABEL_FORMAT).toBe("A6");
    expect(env.PORT).toBe(3000);
  });
});

describe("TOKEN_ENCRYPTION_KEYS", () => {
  const a = Buffer.alloc(32, 1).toString("base64");
  const b = Buffer.alloc(32, 2).toString("base64");

  it("reads id:base64 lists with the first key current", () => {
    const keys = parseEncryptionKeys(`k2:${a}, k1:${b}`);
    expect(keys.map((k) => k.id)).toEqual(["k2", "k1"]);
    expect(keys[0]?.key.equals(Buffer.alloc(32, 1))).toBe(true);
  });

  it("reads the JSON form", () => {
    const keys = parseEncryptionKeys(
      JSON.stringify([
        { id: "new", key: a },
        { id: "old", key: b },
      ]),
    );
    expect(keys.map((k) => k.id)).toEqual(["new", "old"]);
  });

  it("refuses duplicates, bad ids and short keys without echoing key material", () => {
    expect(() => parseEncryptionKeys(`k1:${a},k1:${b}`)).toThrow('duplicate id "k1"');
    expect(() => parseEncryptionKeys(`bad id:${a}`)).toThrow("id must be");
    expect(() => parseEncryptionKeys("k1:c2hvcnQ=")).toThrow("32 bytes, got 5");
    expect(() => parseEncryptionKeys("[{")).toThrow("not valid JSON");
    expect(() => parseEncryptionKeys(KEYS)).not.toThrow();
  });
});
