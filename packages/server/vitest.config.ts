import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
    // PGlite runs initdb in WASM and pg-boss polls: seconds per start on 2 cores, so the defaults are too short.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
