import { appendFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { postgresTestTarget } from "../src/testing.ts";
import * as schema from "./fixtures/schema.ts";

export { schema };
export const migrationsFolder = fileURLToPath(new URL("./fixtures/migrations", import.meta.url));

/** The Postgres the tests use, and whether it answers; the Postgres suites skip (loudly) when not. */
export const {
  url: postgresUrl,
  reachable: postgresReachable,
  label: postgresLabel,
} = await postgresTestTarget("@tts-kit/db");

const reportDir = fileURLToPath(new URL("../.reports", import.meta.url));

/** Prints a measured timing and appends it to .reports/timings.jsonl (README figures come from here). */
export function reportTiming(label: string, value: number, unit = "ms"): void {
  const line = `[timing] ${label}: ${unit === "ms" ? value.toFixed(0) : value.toFixed(1)} ${unit}`;
  process.stdout.write(`${line}\n`);
  mkdirSync(reportDir, { recursive: true });
  appendFileSync(`${reportDir}/timings.jsonl`, `${JSON.stringify({ label, value, unit, at: Date.now() })}\n`);
}

export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

/** Polls `check` until it returns true (or throws after `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("waitFor: timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
