// Webhook ingestion under load, against a bare Hono endpoint measured in the same run.
//
//   pnpm --filter @tts-kit/server bench
//
// Loopback only, bounded in count (BENCH_REQUESTS per scenario, default 20,000) and time (each load
// stops after BENCH_MAX_SECONDS, default 60). The load generator is a second process (autocannon).
// For each database (PGlite; Postgres at TEST_DATABASE_URL when reachable): a bare Hono endpoint that
// only answers 200, then the real ingestion endpoint (full middleware stack, request logs to /dev/null)
// with the same load: signed deliveries, ~10% exact re-sends. Afterwards it verifies that every unique
// delivery is stored exactly once and has exactly one job, then lets the handlers drain the queue.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createJobQueue } from "@tts-kit/db";
import { createTestDatabase, isPostgresReachable, testDatabaseUrl } from "@tts-kit/db/testing";
import { Hono } from "hono";
import pino from "pino";
import { createAppServer } from "../src/app-server.ts";
import { baseEnvSchema, loadEnv } from "../src/env.ts";
import { createLogger } from "../src/logger.ts";
import { WEBHOOK_PATH, webhookQueueName } from "../src/webhooks/ingestion.ts";
import * as schema from "../test/fixtures/schema.ts";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const WARMUP = Math.min(3000, Math.ceil(REQUESTS / 5));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 60);
const DUPLICATES = 0.1;
/** For profiling one part: BENCH_KINDS=pglite, BENCH_BASELINE=0, BENCH_DRAIN=0. */
const KINDS = (process.env.BENCH_KINDS ?? "pglite,postgres").split(",");
const BASELINE = process.env.BENCH_BASELINE !== "0";
const DRAIN = process.env.BENCH_DRAIN !== "0";
const APP_KEY = "6benchappkey";
const APP_SECRET = "bench-app-secret-0123456789abcdef";

const here = fileURLToPath(new URL(".", import.meta.url));
const migrationsFolder = fileURLToPath(new URL("../test/fixtures/migrations", import.meta.url));
const workDir = join(tmpdir(), `tts-webhooks-bench-${process.pid}`);
mkdirSync(workDir, { recursive: true });

interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number };
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  unique: number;
  duplicates: number;
  ids: string[];
}

let runs = 0;

/** Runs the load generator process against `url` and returns what it sent and measured. */
function load(url: string, amount: number, idPrefix: string): Promise<LoadResult> {
  const idsFile = join(workDir, `ids-${++runs}.txt`);
  const config = {
    url,
    path: WEBHOOK_PATH,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    amount,
    connections: CONNECTIONS,
    duplicateRatio: DUPLICATES,
    seed: runs,
    idPrefix,
    maxSeconds: MAX_SECONDS,
    idsFile,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(here, "load-generator.ts"), JSON.stringify(config)],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    const kill = setTimeout(() => child.kill("SIGKILL"), (MAX_SECONDS + 30) * 1000);
    child.on("exit", (code) => {
      clearTimeout(kill);
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      const result = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Omit<LoadResult, "ids">;
      const text = readFileSync(idsFile, "utf8");
      resolve({ ...result, ids: text ? text.split("\n") : [] });
    });
  });
}

async function bare(): Promise<LoadResult> {
  const app = new Hono().post(WEBHOOK_PATH, (c) => c.text("ok"));
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  try {
    await load(url, WARMUP, "bw");
    return await load(url, REQUESTS, "bm");
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

interface IngestionResult {
  load: LoadResult;
  verified: {
    stored: number;
    expected: number;
    missing: number;
    queued: number;
    jobs: number;
    distinctJobEvents: number;
  };
  drain: { processed: number; seconds: number; perSecond: number };
  ok: boolean;
  problems: string[];
}

async function ingestion(kind: "pglite" | "postgres"): Promise<IngestionResult> {
  const database = await createTestDatabase({ kind, migrationsFolder, schema });
  const queue = await createJobQueue(database, { pollingIntervalSeconds: 1, onError: () => {} });
  let processed = 0;
  const env = loadEnv(baseEnvSchema, {
    APP_URL: "http://127.0.0.1",
    TIKTOK_APP_KEY: APP_KEY,
    TIKTOK_APP_SECRET: APP_SECRET,
    TIKTOK_SERVICE_ID: "7300000000000000001",
    TOKEN_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")}`,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
  });
  const server = await createAppServer({
    name: "bench",
    env,
    db: database,
    queue,
    // Request logs are produced (and redacted) as in production, then thrown away.
    logger: createLogger({ name: "bench", level: "info", destination: pino.destination("/dev/null") }),
    webhooks: {
      handlers: {
        1: async () => {
          processed++;
        },
      },
      // Measure ingestion alone: the handlers run after the load (they would share the database).
      runHandlers: false,
      sweepIntervalSeconds: 0,
      concurrency: 50,
    },
  });
  const running = await server.start({ port: 0, handleSignals: false, onShutdown: async () => {} });
  const problems: string[] = [];
  try {
    const warm = await load(running.url, WARMUP, `${kind}w`);
    const measured = await load(running.url, REQUESTS, `${kind}m`);
    for (const result of [warm, measured]) {
      const non200 = Object.entries(result.statuses).filter(([status]) => status !== "200");
      if (non200.length > 0) problems.push(`non-200 answers: ${JSON.stringify(Object.fromEntries(non200))}`);
      if (result.errors || result.timeouts)
        problems.push(`errors ${result.errors}, timeouts ${result.timeouts}`);
    }
    const sql = database.sql;
    const n = async (text: string, values: unknown[] = []) =>
      Number((await sql.query<{ n: string }>(text, values)).rows[0]?.n ?? 0);
    const expected = warm.unique + measured.unique;
    const stored = await n("SELECT count(*) AS n FROM webhook_events");
    const found = await n(
      "SELECT count(*) AS n FROM webhook_events WHERE notification_id = ANY($1::text[])",
      [[...warm.ids, ...measured.ids]],
    );
    const queued = await n("SELECT count(*) AS n FROM webhook_events WHERE status = 'queued'");
    const jobs = await n("SELECT count(*) AS n FROM pgboss.job WHERE name = $1", [webhookQueueName(1)]);
    const distinctJobEvents = await n(
      "SELECT count(DISTINCT data->>'eventId') AS n FROM pgboss.job WHERE name = $1",
      [webhookQueueName(1)],
    );
    const verified = { stored, expected, missing: expected - found, queued, jobs, distinctJobEvents };
    if (stored !== expected) problems.push(`stored ${stored} events for ${expected} unique deliveries`);
    if (found !== expected) problems.push(`${expected - found} unique deliveries not found`);
    if (queued !== expected) problems.push(`${queued} of ${expected} events queued`);
    if (jobs !== expected || distinctJobEvents !== expected)
      problems.push(`${jobs} jobs (${distinctJobEvents} events) for ${expected}`);

    // Drain: the handlers work the backlog off (bounded in time).
    if (!DRAIN)
      return {
        load: measured,
        verified,
        drain: { processed: 0, seconds: 0, perSecond: 0 },
        ok: problems.length === 0,
        problems,
      };
    const drainStart = performance.now();
    await server.webhooks.startWorkers();
    const deadline = Date.now() + MAX_SECONDS * 1000;
    while (
      (await n("SELECT count(*) AS n FROM webhook_events WHERE status = 'processed'")) < expected &&
      Date.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 200));
    const drainSeconds = (performance.now() - drainStart) / 1000;
    const processedRows = await n("SELECT count(*) AS n FROM webhook_events WHERE status = 'processed'");
    if (processedRows !== expected)
      problems.push(`drain: ${processedRows} of ${expected} processed in ${MAX_SECONDS} s`);
    if (processed !== expected) problems.push(`handler ran ${processed} times for ${expected} events`);
    return {
      load: measured,
      verified,
      drain: { processed: processedRows, seconds: drainSeconds, perSecond: processedRows / drainSeconds },
      ok: problems.length === 0,
      problems,
    };
  } finally {
    await running.stop();
  }
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  const kinds: Array<"pglite" | "postgres"> = [];
  if (KINDS.includes("pglite")) kinds.push("pglite");
  if (KINDS.includes("postgres")) {
    if (await isPostgresReachable(testDatabaseUrl())) kinds.push("postgres");
    else console.log(`Postgres not reachable at ${testDatabaseUrl()}: PGlite only.`);
  }

  console.log(
    `webhook ingestion bench: ${fmt(REQUESTS)} requests per scenario, ${CONNECTIONS} connections, ~${DUPLICATES * 100}% re-sends\n`,
  );
  const report: Record<string, unknown> = {
    at: new Date().toISOString(),
    requests: REQUESTS,
    connections: CONNECTIONS,
    node: process.version,
  };
  let failed = false;
  for (const kind of kinds) {
    const baseline = BASELINE
      ? await bare()
      : ({ perSecond: Number.NaN, latency: { p50: 0, p99: 0 } } as LoadResult);
    const result = await ingestion(kind);
    const ratio = result.load.perSecond / baseline.perSecond;
    const uniquePerSecond = result.load.unique / result.load.seconds;
    report[kind] = {
      baseline: { ...baseline, ids: undefined },
      ingestion: { ...result, load: { ...result.load, ids: undefined } },
      ratio,
    };
    console.log(`── ${kind} ──`);
    console.log(
      `  bare Hono 200:  ${fmt(baseline.perSecond)} req/s   p50 ${baseline.latency.p50} ms   p99 ${baseline.latency.p99} ms`,
    );
    console.log(
      `  ingestion:      ${fmt(result.load.perSecond)} deliveries/s (${fmt(uniquePerSecond)} unique persisted/s)   p50 ${result.load.latency.p50} ms   p99 ${result.load.latency.p99} ms   max ${result.load.latency.max} ms`,
    );
    console.log(`  ratio:          ${fmt(ratio * 100, 1)}% of the bare endpoint's throughput`);
    const v = result.verified;
    console.log(
      `  verified:       ${fmt(v.stored)} stored for ${fmt(v.expected)} unique (${fmt(result.load.duplicates + 0)} re-sends in the measured load), ${v.missing} missing, ${fmt(v.queued)} queued, ${fmt(v.jobs)} jobs`,
    );
    console.log(
      `  drain:          ${fmt(result.drain.processed)} handled in ${fmt(result.drain.seconds, 1)} s (${fmt(result.drain.perSecond)} jobs/s)`,
    );
    const target = result.load.perSecond >= 2000 && result.load.latency.p99 < 100;
    console.log(
      `  target (≥ 2,000/s, p99 < 100 ms): ${target ? "met" : "NOT met"}${result.ok ? "" : `; PROBLEMS: ${result.problems.join("; ")}`}\n`,
    );
    if (!result.ok) failed = true;
  }
  mkdirSync(join(here, "..", ".reports"), { recursive: true });
  writeFileSync(join(here, "..", ".reports", "bench-webhooks.json"), `${JSON.stringify(report, null, 2)}\n`);
  rmSync(workDir, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}

await main();
