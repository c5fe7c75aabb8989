/**
 * Reconciling 100,000 transactions: the engine over a synthetic shop of 1,000 daily statements and
 * 100,000 order lines (with fee breakdowns, estimates, payments and a few planted discrepancies),
 * against a baseline measured in the same run: one pass that only sums the same amounts with
 * big.js, i.e. the cheapest possible exact look at every transaction. Target: at most 2 s.
 *
 * Run: pnpm --filter @tts-kit/finance bench
 */

import { sum } from "../src/server/money.ts";
import { reconcile } from "../src/server/reconcile/engine.ts";
import { syntheticShop } from "../test/support/synthetic.ts";

const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const input = syntheticShop({ transactions: TRANSACTIONS, statements: 1000, planted: 25 });

function time<T>(fn: () => T): { ms: number; result: T } {
  const started = process.hrtime.bigint();
  const result = fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, result };
}

// Warm up the JIT on both.
reconcile(input);
sum(input.transactions.map((t) => t.settlementAmount));

const engine: number[] = [];
const baseline: number[] = [];
let issues = 0;
for (let run = 0; run < RUNS; run++) {
  const b = time(() =>
    sum(input.transactions.flatMap((t) => [t.settlementAmount, t.revenueAmount, t.feeTaxAmount])),
  );
  baseline.push(b.ms);
  const e = time(() => reconcile(input));
  engine.push(e.ms);
  issues = e.result.issues.length;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const engineMs = median(engine);
const baselineMs = median(baseline);
console.log(
  `reconcile ${TRANSACTIONS.toLocaleString("en")} transactions, ${input.orders.length.toLocaleString("en")} orders, ${input.statements.length} statements, ${input.payments.length} payments`,
);
console.log(
  `  engine   median ${engineMs.toFixed(0)} ms over ${RUNS} runs (min ${Math.min(...engine).toFixed(0)}, max ${Math.max(...engine).toFixed(0)})`,
);
console.log(`  baseline median ${baselineMs.toFixed(0)} ms (three big.js sums over every transaction)`);
console.log(
  `  ratio    ${(engineMs / baselineMs).toFixed(2)}x the baseline; ${issues} issues found (planted: 25 of each kind checked)`,
);
console.log(`  target   <= 2000 ms: ${engineMs <= 2000 ? "met" : "NOT MET"}`);
if (engineMs > 2000) process.exitCode = 1;
