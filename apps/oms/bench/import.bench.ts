// The initial import of a 10,000-order shop, against the theoretical minimum.
//
//   pnpm --filter @tts-kit/oms bench          (both benchmarks; or `pnpm bench` at the root, through turbo)
//   pnpm --filter @tts-kit/oms exec tsx bench/import.bench.ts
//
// The dev shop runs as its own process (as TikTok is another machine), seeded with
// BENCH_ORDERS orders per shop (default 10,000) and its default rate limit (50 calls per second per
// app, shop and endpoint). OMS runs here: its real auth, token vault, TikTok client with its rate
// limiter, and the orders sync job over the scheduler's first window, writing into PGlite.
//
// Theoretical minimum = pages needed (orders / 100, Get Order List's largest page) / allowed rate.
// The figure reported is elapsed / minimum (the target is at most 1.3), the median of BENCH_RUNS
// runs (default 3), each into an emptied mirror. A baseline measured in the same run pages through
// the same orders with the same client and writes nothing: what the network and the dev shop cost.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isPostgresReachable, testDatabaseUrl } from "@tts-kit/db/testing";
import { loadEnv } from "@tts-kit/server";
import { contract, rangePages } from "@tts-kit/tiktok-shop";
import { eq, sql } from "drizzle-orm";
import { createOmsServer } from "../src/server/app.ts";
import * as schema from "../src/server/db/schema.ts";
import { omsEnvSchema } from "../src/server/env.ts";
import { FIRST_IMPORT_SECONDS, ordersSync } from "../src/server/orders/sync.ts";

const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RATE = 50;
const PAGE_SIZE = 100;
const APP = {
  app_key: "6omsimportbench",
  app_secret: "oms-import-bench-secret-0123456789",
  service_id: "7300000000000000997",
  name: "OMS (import benchmark)",
  category: "OMS",
  redirect_url: "http://oms.bench/api/auth/callback",
};

const devShopMain = fileURLToPath(new URL("../../../packages/dev-shop/src/main.ts", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "oms-import-bench-"));

/** Starts the dev shop process and resolves with its URL once it listens. */
function startDevShop(): Promise<{ url: string; stop: () => void }> {
  const appsFile = join(work, "apps.json");
  writeFileSync(appsFile, JSON.stringify({ apps: [APP] }));
  const child = spawn(process.execPath, ["--import", "tsx", devShopMain], {
    env: {
      ...process.env,
      DEV_SHOP_PORT: "0",
      DEV_SHOP_DATA_DIR: "memory",
      DEV_SHOP_APPS: appsFile,
      DEV_SHOP_ORDERS_PER_SHOP: String(ORDERS),
      DEV_SHOP_PRODUCTS_PER_SHOP: "40",
      DEV_SHOP_RATE_LIMIT: String(RATE),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /dev shop on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve({ url: match[1]!, stop: () => child.kill("SIGTERM") });
    });
    child.on("exit", (code) => reject(new Error(`the dev shop exited (${code}) before listening:\n${out}`)));
  });
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const KINDS = (process.env.BENCH_KINDS ?? "pglite,postgres").split(",");

/** A fresh Postgres database for one OMS, dropped again afterwards (null when none answers). */
async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const base = testDatabaseUrl();
  if (!(await isPostgresReachable(base))) return null;
  // pg is @tts-kit/db's dependency; resolved from there.
  const require = createRequire(fileURLToPath(import.meta.resolve("@tts-kit/db")));
  const { Client } = require("pg") as {
    Client: new (options: {
      connectionString: string;
    }) => {
      connect(): Promise<unknown>;
      query(text: string): Promise<unknown>;
      end(): Promise<void>;
    };
  };
  const name = `oms_import_bench_${process.pid}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

interface Result {
  kind: string;
  total: number;
  pages: number;
  minimum: number;
  baselineMs: number;
  runs: Array<{ ms: number; cpuMs: number }>;
}

async function benchmark(kind: string, devShopUrl: string): Promise<Result | null> {
  const postgres = kind === "postgres" ? await freshPostgres() : null;
  if (kind === "postgres" && !postgres) {
    console.log(`postgres: not reachable at ${testDatabaseUrl()}, skipped`);
    return null;
  }
  const env = loadEnv(omsEnvSchema, {
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    APP_URL: "http://oms.bench",
    OMS_DATA_DIR: "memory",
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    TIKTOK_APP_KEY: APP.app_key,
    TIKTOK_APP_SECRET: APP.app_secret,
    TIKTOK_SERVICE_ID: APP.service_id,
    TIKTOK_API_BASE_URL: devShopUrl,
    TIKTOK_AUTH_BASE_URL: devShopUrl,
    TOKEN_ENCRYPTION_KEYS: `b1:${Buffer.alloc(32, 3).toString("base64")}`,
  });
  const oms = await createOmsServer({ env });
  // The job is run here, timed; the scheduler must not start the same import in the background.
  await oms.sync?.stop();
  try {
    const { shops } = (await (await fetch(`${devShopUrl}/control/state/shops`)).json()) as {
      shops: Array<{ id: string }>;
    };
    const authorize = await fetch(`${devShopUrl}/control/authorize`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ app_key: APP.app_key, shop_ids: [shops[0]!.id] }),
    });
    const { code } = (await authorize.json()) as { code: string };
    const { shopIds } = await oms.auth.install.connect(code);
    const shopId = shopIds[0]!;
    const db = oms.database.db;
    const client = await oms.auth.backgroundShopClient(shopId);
    const total = (await client.order.getOrderList({ query: { page_size: 1 }, body: {} })).total_count ?? 0;
    const pages = Math.ceil(total / PAGE_SIZE);
    const minimum = pages / RATE;
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a full rate-limit window

    // Baseline: the same pages read the same way (several chains), nothing written.
    let baselineMs = Number.POSITIVE_INFINITY;
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      const seen = new Set<string>();
      for await (const page of rangePages(client, contract.order.getOrderList, {
        start: 0,
        end: Math.floor(Date.now() / 1000) + 60,
        input: (range) => ({
          query: { page_size: PAGE_SIZE, sort_field: "update_time" as const, sort_order: "ASC" as const },
          body: { update_time_ge: range.start, update_time_lt: range.end },
        }),
        timeOf: (order) => Number(order.update_time ?? 0),
      })) {
        for (const order of page.items) seen.add(order.id);
      }
      if (seen.size !== total) throw new Error(`baseline read ${seen.size} of ${total} orders`);
      baselineMs = Math.min(baselineMs, performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }

    const job = ordersSync(db, oms.auth, () => Math.floor(Date.now() / 1000));
    const runs: Result["runs"] = [];
    for (let run = 0; run < RUNS; run++) {
      await db.delete(schema.orders).where(eq(schema.orders.shopId, shopId));
      await db.delete(schema.orderSearchTerms).where(eq(schema.orderSearchTerms.shopId, shopId));
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const now = Math.floor(Date.now() / 1000);
      const cpu = process.cpuUsage();
      const start = performance.now();
      await job(
        { id: shopId },
        {
          start: now - FIRST_IMPORT_SECONDS,
          end: now + 1,
          cursor: undefined,
          // What the scheduler does at each checkpoint: one UPDATE of the shop's cursor row.
          checkpoint: async (cursor) => {
            await oms.database.sql.query(
              "INSERT INTO sync_cursors (shop_id, job, cursor) VALUES ($1, 'orders', $2) ON CONFLICT (shop_id, job) DO UPDATE SET cursor = $2",
              [shopId, cursor],
            );
          },
        },
      );
      const ms = performance.now() - start;
      const used = process.cpuUsage(cpu);
      const [row] = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(schema.orders)
        .where(eq(schema.orders.shopId, shopId));
      if (row?.n !== total) throw new Error(`${kind} run ${run + 1} mirrored ${row?.n} of ${total} orders`);
      runs.push({ ms, cpuMs: (used.user + used.system) / 1000 });
      console.log(`${kind} run ${run + 1}: ${seconds(ms)} s = ${(ms / 1000 / minimum).toFixed(2)} × minimum`);
    }
    return { kind, total, pages, minimum, baselineMs, runs };
  } finally {
    await oms.close();
    await postgres?.drop();
  }
}

async function main() {
  const seedStart = performance.now();
  const devShop = await startDevShop();
  console.log(
    `dev shop with ${ORDERS.toLocaleString("en-US")} orders per shop up in ${seconds(performance.now() - seedStart)} s; load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
  const results: Result[] = [];
  try {
    for (const kind of KINDS) {
      const result = await benchmark(kind, devShop.url);
      if (result) results.push(result);
    }
  } finally {
    devShop.stop();
    rmSync(work, { recursive: true, force: true });
  }
  let ok = true;
  console.log("");
  for (const r of results) {
    const median = [...r.runs].sort((a, b) => a.ms - b.ms)[Math.floor(r.runs.length / 2)]!;
    const ratio = median.ms / 1000 / r.minimum;
    ok &&= ratio <= 1.3;
    console.log(`${r.kind}: ${r.total} orders, ${r.pages} pages of ${PAGE_SIZE}`);
    console.log(`  theoretical minimum    ${r.minimum.toFixed(2)} s (${r.pages} pages / ${RATE} per second)`);
    console.log(
      `  baseline (read only)   ${seconds(r.baselineMs)} s = ${(r.baselineMs / 1000 / r.minimum).toFixed(2)} × minimum`,
    );
    console.log(
      `  import (median of ${r.runs.length})   ${seconds(median.ms)} s = ${ratio.toFixed(2)} × minimum (target ≤ 1.30); OMS CPU ${seconds(median.cpuMs)} s`,
    );
  }
  console.log(
    `load average after: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
  process.exitCode = ok ? 0 : 1;
}

await main();
