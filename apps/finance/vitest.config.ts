import { defineConfig } from "vitest/config";

// A config of its own so that vitest does not load vite.config.ts (the SPA build).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default", ["json", { outputFile: ".reports/vitest.json" }]],
  },
});
