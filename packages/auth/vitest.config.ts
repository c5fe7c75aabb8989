import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
    // PGlite runs initdb in WASM: 2–6 s per start on 2 cores (toolchain pitfall P5), so the defaults are too short.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
