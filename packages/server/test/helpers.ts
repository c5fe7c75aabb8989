import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createJobQueue, type Database, type JobQueue } from "@tts-kit/db";
import { createTestDatabase, postgresTestTarget } from "@tts-kit/db/testing";
import { webhookSignature } from "@tts-kit/tiktok-shop";
import { type BaseEnv, baseEnvSchema, loadEnv } from "../src/env.ts";
import { createLogger, type Logger } from "../src/logger.ts";
import * as schema from "./fixtures/schema.ts";

export { schema };
export const migrationsFolder = fileURLToPath(new URL("./fixtures/migrations", import.meta.url));

export const APP_KEY = "6test0app0key";
export const APP_SECRET = "test-app-secret-0123456789abcdef";
export const APP_URL = "http://app.test";
export const KEYS = `k1:${Buffer.alloc(32, 7).toString("base64")}`;

/** A complete valid environment; override single variables per test. */
export function envSource(
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    APP_URL,
    TIKTOK_APP_KEY: APP_KEY,
    TIKTOK_APP_SECRET: APP_SECRET,
    TIKTOK_SERVICE_ID: "7300000000000000001",
    TOKEN_ENCRYPTION_KEYS: KEYS,
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    ...overrides,
  };
}

export function testEnv(overrides: Record<string, string | undefined> = {}): BaseEnv {
  return loadEnv(baseEnvSchema, envSource(overrides));
}

/** A logger whose lines (parsed) land in `lines`, plus the raw text in `raw()`. */
export function captureLogger(level: "debug" | "info" = "debug"): {
  logger: Logger;
  lines: Array<Record<string, unknown>>;
  raw: () => string;
} {
  const chunks: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const text = chunk.toString();
      chunks.push(text);
      for (const line of text.split("\n"))
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: createLogger({ name: "test", level, destination }), lines, raw: () => chunks.join("") };
}

let counter = 0;

/** A delivery as TikTok sends it: exact body bytes and the signature over app_key + body. */
export function webhook(
  input: { type?: number; shopId?: string; notificationId?: string | null; data?: unknown } = {},
  secret = APP_SECRET,
): { body: string; headers: Record<string, string> } {
  const envelope: Record<string, unknown> = { type: input.type ?? 1 };
  if (input.notificationId !== null)
    envelope.tts_notification_id = input.notificationId ?? `73800662840${Date.now()}${++counter}`;
  envelope.shop_id = input.shopId ?? "7495540735365777507";
  envelope.timestamp = 1718305585;
  envelope.data = input.data ?? {
    order_id: `5766536881352${++counter}`,
    order_status: "AWAITING_SHIPMENT",
    is_on_hold_order: false,
    update_time: 1718305585,
  };
  const body = JSON.stringify(envelope);
  return {
    body,
    headers: { "content-type": "application/json", authorization: webhookSignature(APP_KEY, secret, body) },
  };
}

export const { url: postgresUrl, reachable: postgresReachable } = await postgresTestTarget("@tts-kit/server");

export type TestKind = "pglite" | "postgres";

export async function openTestDatabase(
  kind: TestKind = "pglite",
): Promise<{ database: Database<typeof schema>; queue: JobQueue }> {
  const database = await createTestDatabase({ kind, migrationsFolder, schema });
  const queue = await createJobQueue(database, { pollingIntervalSeconds: 0.5, onError: () => {} });
  return { database, queue };
}

/** Polls `check` until it is true (or throws after `timeoutMs`). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waitFor: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
