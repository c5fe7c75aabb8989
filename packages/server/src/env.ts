import { DEFAULT_API_BASE_URL, DEFAULT_AUTH_BASE_URL, DEFAULT_AUTHORIZE_URLS } from "@tts-kit/tiktok-shop";
import { z } from "zod";

/**
 * Environment validation. Every app validates its whole environment once at start with a zod object
 * and refuses to start with one message that names every missing or invalid variable, so a deploy
 * fails fast with the full list instead of one variable per restart. Values of secret-looking
 * variables never appear in that message.
 */

/** Names whose values must never be printed (DATABASE_URL may carry a password). */
export const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|KEY|PRIVATE|CREDENTIAL|DATABASE_URL|DSN|COOKIE/i;

export class EnvError extends Error {
  override readonly name = "EnvError";
  constructor(
    message: string,
    /** One entry per problem: the variable and what is wrong with it. */
    readonly problems: ReadonlyArray<{ variable: string; problem: string }>,
  ) {
    super(message);
  }
}

/** An AES-256 key for the token vault (owned by the auth package); the first one is current. */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;

/**
 * Parses TOKEN_ENCRYPTION_KEYS. Two formats, the first key is the one new data is encrypted with and
 * the others only decrypt (rotation: prepend a new key, re-encrypt, then drop the old one):
 * - `id:base64,id:base64` e.g. `k2:3q2+7w…=,k1:AAEC…=`
 * - JSON `[{"id":"k2","key":"base64"},{"id":"k1","key":"base64"}]`
 * Each key must decode to exactly 32 bytes (`openssl rand -base64 32`). Errors never echo key material.
 */
export function parseEncryptionKeys(value: string): EncryptionKey[] {
  const trimmed = value.trim();
  let entries: Array<{ id: unknown; key: unknown }>;
  if (trimmed.startsWith("[")) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw new Error('not valid JSON (expected [{"id":"k1","key":"<base64>"}])');
    }
    if (!Array.isArray(json)) throw new Error("JSON form must be an array of {id, key}");
    entries = json.map((item) => (typeof item === "object" && item !== null ? item : { id: undefined }));
  } else {
    entries = trimmed.split(",").map((part) => {
      const at = part.indexOf(":");
      return at < 0
        ? { id: part.trim(), key: undefined }
        : { id: part.slice(0, at).trim(), key: part.slice(at + 1).trim() };
    });
  }
  if (entries.length === 0 || trimmed === "") throw new Error("no key given");
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const where = `key #${index + 1}`;
    if (typeof entry.id !== "string" || !KEY_ID.test(entry.id))
      throw new Error(`${where}: id must be 1-32 characters of A-Z a-z 0-9 _ . -`);
    if (seen.has(entry.id)) throw new Error(`${where}: duplicate id "${entry.id}"`);
    seen.add(entry.id);
    if (typeof entry.key !== "string" || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(entry.key))
      throw new Error(`${where} ("${entry.id}"): key must be base64`);
    const key = Buffer.from(
      entry.key,
      entry.key.includes("-") || entry.key.includes("_") ? "base64url" : "base64",
    );
    if (key.length !== 32)
      throw new Error(`${where} ("${entry.id}"): key must decode to 32 bytes, got ${key.length}`);
    return { id: entry.id, key };
  });
}

const port = z.coerce
  .number({ error: "must be a number" })
  .int("must be an integer")
  .min(0, "must be between 0 and 65535")
  .max(65535, "must be between 0 and 65535");

const httpUrl = (message: string) =>
  z.url({ protocol: /^https?$/, error: message }).transform((url) => url.replace(/\/+$/, ""));

/**
 * What every app server needs. Apps extend it with their own variables:
 * `const schema = baseEnvSchema.extend({ OMS_LABEL_PRINTER: z.string() })`.
 */
export const baseEnvSchema = z.object({
  PORT: port.default(3000),
  /** 127.0.0.1 by default; containers set 0.0.0.0. */
  HOST: z.string().min(1).default("127.0.0.1"),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Unset or empty: the embedded PGlite in `.data/<app>/pg`. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  /** Public origin of the app (what the browser shows), e.g. https://oms.example.com. Used for CSRF. */
  APP_URL: httpUrl("must be an http(s) URL such as https://oms.example.com"),
  TIKTOK_APP_KEY: z.string().min(1, "must not be empty"),
  TIKTOK_APP_SECRET: z.string().min(1, "must not be empty"),
  TIKTOK_SERVICE_ID: z.string().regex(/^\d{1,30}$/, "must be the numeric service id from Partner Center"),
  TIKTOK_API_BASE_URL: httpUrl("must be an http(s) URL").default(DEFAULT_API_BASE_URL),
  TIKTOK_AUTH_BASE_URL: httpUrl("must be an http(s) URL").default(DEFAULT_AUTH_BASE_URL),
  TIKTOK_AUTHORIZE_BASE_URL_US: httpUrl("must be an http(s) URL").default(DEFAULT_AUTHORIZE_URLS.US),
  TIKTOK_AUTHORIZE_BASE_URL_ROW: httpUrl("must be an http(s) URL").default(DEFAULT_AUTHORIZE_URLS.ROW),
  TOKEN_ENCRYPTION_KEYS: z.string().transform((value, ctx) => {
    try {
      return parseEncryptionKeys(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  }),
});

export type BaseEnv = z.output<typeof baseEnvSchema>;

export type EnvSource = Record<string, string | undefined>;

/**
 * Validates `source` (default `process.env`) against `schema`. Empty strings count as unset, as they
 * do in most `.env` tooling. Throws an EnvError naming every missing or invalid variable:
 *
 * ```
 * Invalid environment: 2 problems
 *   - TIKTOK_APP_SECRET: missing
 *   - PORT: must be a number (got "http")
 * ```
 */
export function loadEnv<TSchema extends z.ZodObject>(
  schema: TSchema,
  source: EnvSource = process.env,
): z.output<TSchema> {
  const input: Record<string, string> = {};
  for (const [name, value] of Object.entries(source))
    if (value !== undefined && value !== "") input[name] = value;
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const problems: Array<{ variable: string; problem: string }> = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const variable = String(issue.path[0] ?? "(environment)");
    const key = `${variable}\0${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const raw = input[variable];
    let problem: string;
    if (raw === undefined) problem = "missing";
    else if (SECRET_NAME.test(variable)) problem = `${scrub(issue.message, raw)} (value hidden)`;
    else problem = `${issue.message} (got ${JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}…` : raw)})`;
    problems.push({ variable, problem });
  }
  const lines = problems.map((p) => `  - ${p.variable}: ${p.problem}`);
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  throw new EnvError(`Invalid environment: ${count}\n${lines.join("\n")}`, problems);
}

/** Like loadEnv, but prints the message and exits with status 1: for an app's entry point. */
export function loadEnvOrExit<TSchema extends z.ZodObject>(
  schema: TSchema,
  source: EnvSource = process.env,
): z.output<TSchema> {
  try {
    return loadEnv(schema, source);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/** Defensive: a validator's message must never carry the secret it was given. */
function scrub(message: string, value: string): string {
  return value.length >= 4 ? message.split(value).join("[hidden]") : message;
}
