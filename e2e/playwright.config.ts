import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { financeServerEnv, omsServerEnv } from "./support/apps.ts";
import { devShopUrl, e2ePorts, financeUrl, omsUrl } from "./support/ports.ts";

/**
 * One project per app folder, so one app's suite runs alone: `pnpm e2e --project dev-shop`.
 * The suites share one development shop (in memory, reset by each test through its control
 * API), so they run one at a time. Chromium is Debian's, never a downloaded build.
 */
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--no-first-run",
  "--metrics-recording-only",
  "--disable-domain-reliability",
];

// Each stack builds into its own folder, keyed by its ports, so two runs on other ports (see
// support/ports.ts) never overwrite each other's bundles.
const outDir = (port: number) => `.e2e-build/${port}`;

export default defineConfig({
  testDir: ".",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  reporter: [["list"], ["json", { outputFile: ".reports/playwright.json" }]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs },
  },
  projects: [
    { name: "dev-shop", testDir: "./dev-shop", use: { baseURL: devShopUrl } },
    { name: "oms", testDir: "./oms", use: { baseURL: omsUrl } },
    { name: "finance", testDir: "./finance", use: { baseURL: financeUrl } },
  ],
  webServer: [
    {
      // The bundled server, as production would run it (building takes under a second).
      command: "pnpm --filter @tts-kit/dev-shop build && pnpm --filter @tts-kit/dev-shop serve",
      url: `${devShopUrl}/control/clock`,
      // No apps from config: each test registers the apps under test through the control API.
      env: {
        OUT_DIR: outDir(e2ePorts.devShop),
        DEV_SHOP_PORT: String(e2ePorts.devShop),
        DEV_SHOP_DATA_DIR: "memory",
        DEV_SHOP_APPS: fileURLToPath(new URL("./support/no-apps.json", import.meta.url)),
        LOG_LEVEL: "warn",
      },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // Built and bundled as in production: the SPA served by the app's own server.
      command: "pnpm --filter @tts-kit/oms build && pnpm --filter @tts-kit/oms serve",
      url: `${omsUrl}/healthz`,
      env: { ...omsServerEnv, OUT_DIR: outDir(e2ePorts.oms) },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "pnpm --filter @tts-kit/finance build && pnpm --filter @tts-kit/finance serve",
      url: `${financeUrl}/healthz`,
      env: { ...financeServerEnv, OUT_DIR: outDir(e2ePorts.finance) },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
