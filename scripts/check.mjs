#!/usr/bin/env node
// Runs every check (lint, typecheck, unit and integration tests, end-to-end tests) and ends with
// one summary line, `check: N passed, N failed`. Lint and typecheck count as one check each;
// every test counts as one. Exits non-zero when anything failed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const results = [];

function run(name, command, args) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(" ")}`);
  const status = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env }).status;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${status === 0 ? "✔" : "✘"} ${name} (${seconds} s)`);
  return status === 0;
}

function workspaceDirs() {
  return ["packages", "apps"]
    .flatMap((group) =>
      existsSync(join(root, group)) ? readdirSync(join(root, group)).map((d) => join(root, group, d)) : [],
    )
    .filter((dir) => existsSync(join(dir, "package.json")));
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

const lint = run("lint", "pnpm", ["exec", "biome", "check", "."]);
results.push({ name: "lint", passed: lint ? 1 : 0, failed: lint ? 0 : 1 });

const typecheck = run("typecheck", "pnpm", ["exec", "tsc", "-b"]);
results.push({ name: "typecheck", passed: typecheck ? 1 : 0, failed: typecheck ? 0 : 1 });

for (const dir of workspaceDirs()) rmSync(join(dir, ".reports"), { recursive: true, force: true });
const unitOk = run("unit and integration tests", "pnpm", [
  "exec",
  "turbo",
  "run",
  "test",
  // Two packages at a time: each vitest run uses both cores already, and more at once on a small
  // machine turns into timeouts rather than speed.
  "--concurrency=2",
  "--continue",
  "--output-logs=errors-only",
]);
let unitPassed = 0;
let unitFailed = 0;
for (const dir of workspaceDirs()) {
  const report = readJson(join(dir, ".reports", "vitest.json"));
  if (!report) continue;
  unitPassed += report.numPassedTests ?? 0;
  unitFailed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
}
// A runner that crashed before writing its report still counts as a failure.
if (!unitOk && unitFailed === 0) unitFailed = 1;
results.push({ name: "unit and integration", passed: unitPassed, failed: unitFailed });

const e2eReport = join(root, "e2e", ".reports", "playwright.json");
rmSync(e2eReport, { force: true });
const e2eOk = run("end-to-end tests", "pnpm", [
  "exec",
  "playwright",
  "test",
  "-c",
  "e2e/playwright.config.ts",
]);
const stats = readJson(e2eReport)?.stats;
let e2ePassed = (stats?.expected ?? 0) + (stats?.flaky ?? 0);
let e2eFailed = stats?.unexpected ?? 0;
if (!e2eOk && e2eFailed === 0) e2eFailed = 1;
if (!stats && e2eOk) e2ePassed = 0;
results.push({ name: "end-to-end", passed: e2ePassed, failed: e2eFailed });

console.log("\nSummary");
for (const r of results) console.log(`  ${r.name.padEnd(22)} ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`check: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
