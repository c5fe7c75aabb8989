// The orders list over a 10,000-order mirror: latency of the queries the workspace makes.
//
//   pnpm --filter @tts-kit/oms bench          (both benchmarks; or `pnpm bench` at the root, through turbo)
//   pnpm --filter @tts-kit/oms exec tsx bench/list.bench.ts
//
// OMS runs in-process against the dev shop (in-process too), on the embedded database. The mirror
// is filled with BENCH_LIST_ORDERS orders (default 10,000: the shop's real orders cloned with their
// own ids, buyers and tracking numbers, through the mirror's own upsert), then each query is timed
// BENCH_SAMPLES times (default 100) through the real HTTP stack (session, ownership check, JSON).
// Printed: p50, p95 and max per query, and the same figures for a 150-order shop measured in the
// same run as the baseline (so the ratio shows what 10,000 orders cost, not what the machine costs).
import { loadavg } from "node:os";
import { eq } from "drizzle-orm";
import * as schema from "../src/server/db/schema.ts";
import { ordersFixture } from "../test/orders-fixture.ts";
import { type Latency, listQueries, measureListQueries, seedLargeMirror } from "../test/orders-scale.ts";

const ORDERS = Number(process.env.BENCH_LIST_ORDERS ?? 10_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);

async function measure(count: number): Promise<Latency[]> {
  const f = await ordersFixture({ ordersPerShop: 150 });
  try {
    const shopId = f.shopIds[0]!;
    await f.firstImport(shopId);
    await f.oms.database.db.delete(schema.orders).where(eq(schema.orders.shopId, shopId));
    const start = performance.now();
    const { templates, buyerOf } = await seedLargeMirror(f, shopId, count);
    console.log(`${count} orders mirrored in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    const sku = templates.find((o) => o.status === "DELIVERED")!.line_items[0]!.seller_sku!;
    return await measureListQueries(f, listQueries(shopId, buyerOf(7), sku), SAMPLES);
  } finally {
    await f.close();
  }
}

const baseline = await measure(150);
const large = await measure(ORDERS);
console.log("");
console.log(
  `load average ${loadavg()
    .map((n) => n.toFixed(1))
    .join(" ")}; ${SAMPLES} samples per query`,
);
console.log(
  `${"query".padEnd(48)} ${"rows".padStart(6)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)} ${"p95 at 150".padStart(11)}`,
);
for (const [i, r] of large.entries()) {
  console.log(
    `${r.name.padEnd(48)} ${String(r.total).padStart(6)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)} ${baseline[i]!.p95.toFixed(1).padStart(11)}`,
  );
}
