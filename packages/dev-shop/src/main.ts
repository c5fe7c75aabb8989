import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { serveDevShop } from "./app.ts";
import type { FaultInput } from "./control/faults.ts";
import { type AppRegistration, registrationFromJson } from "./platform/apps.ts";

/**
 * `pnpm --filter @tts-kit/dev-shop dev`: the dev shop as a process on 127.0.0.1 (loopback only,
 * because the control API has no authentication). Configuration comes from the environment.
 */

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoDir = resolve(packageDir, "../..");

const env = z
  .object({
    DEV_SHOP_PORT: z.coerce.number().int().min(0).max(65_535).default(9000),
    DEV_SHOP_DATA_DIR: z.string().min(1).default(resolve(repoDir, ".data/dev-shop")),
    DEV_SHOP_APPS: z.string().min(1).default(resolve(packageDir, "config/apps.json")),
    DEV_SHOP_SEED: z.coerce.number().int().default(1),
    DEV_SHOP_PRODUCTS_PER_SHOP: z.coerce.number().int().min(1).max(100_000).optional(),
    DEV_SHOP_ORDERS_PER_SHOP: z.coerce.number().int().min(0).max(1_000_000).optional(),
    DEV_SHOP_RATE_LIMIT: z.coerce.number().min(0).default(50),
    DEV_SHOP_FAULTS: z.string().optional(),
  })
  .safeParse(process.env);

if (!env.success) {
  for (const issue of env.error.issues)
    console.error(`[dev-shop] invalid ${issue.path.join(".")}: ${issue.message}`);
  process.exit(1);
}
const config = env.data;

function readApps(path: string): AppRegistration[] {
  if (!existsSync(path)) {
    console.warn(`[dev-shop] ${path} not found; starting without registered apps`);
    return [];
  }
  const parsed = JSON.parse(readFileSync(path, "utf8")) as { apps?: unknown };
  if (!Array.isArray(parsed.apps)) throw new Error(`${path}: expected {"apps": [...]}`);
  return parsed.apps.map(registrationFromJson);
}

function readFaults(raw: string | undefined): FaultInput[] {
  if (!raw) return [];
  const parsed = JSON.parse(raw) as unknown;
  return (Array.isArray(parsed) ? parsed : [parsed]) as FaultInput[];
}

function failStart(what: string, cause: unknown): never {
  console.error(`[dev-shop] ${what}:`, cause instanceof Error ? cause.message : cause);
  process.exit(1);
}

let apps: AppRegistration[];
let faults: FaultInput[];
try {
  apps = readApps(config.DEV_SHOP_APPS);
} catch (cause) {
  failStart(`could not read DEV_SHOP_APPS (${config.DEV_SHOP_APPS})`, cause);
}
try {
  faults = readFaults(config.DEV_SHOP_FAULTS);
} catch (cause) {
  failStart("DEV_SHOP_FAULTS is not valid JSON", cause);
}

const running = await serveDevShop({
  port: config.DEV_SHOP_PORT,
  hostname: "127.0.0.1",
  seed: config.DEV_SHOP_SEED,
  size: {
    ...(config.DEV_SHOP_PRODUCTS_PER_SHOP ? { productsPerShop: config.DEV_SHOP_PRODUCTS_PER_SHOP } : {}),
    ...(config.DEV_SHOP_ORDERS_PER_SHOP !== undefined
      ? { ordersPerShop: config.DEV_SHOP_ORDERS_PER_SHOP }
      : {}),
  },
  // "memory" keeps state in memory only (end-to-end tests start from the seed every run).
  ...(config.DEV_SHOP_DATA_DIR === "memory" ? {} : { dataDir: config.DEV_SHOP_DATA_DIR }),
  apps,
  faults,
  rateLimitPerSecond: config.DEV_SHOP_RATE_LIMIT,
}).catch((cause: unknown) => failStart("could not start", cause));

const { url, devShop } = running;
const lines = [
  `TikTok Shop dev shop on ${url}`,
  `  Open API base URL   ${url}`,
  `  Token host base URL ${url}   (GET /api/v2/token/get, /api/v2/token/refresh)`,
  `  Authorize page      ${url}/open/authorize?service_id=<service_id>`,
  `  Seller Center       ${url}/seller-center   (seller1@dev.shop / seller2@dev.shop, password devshop)`,
  `  Control API         ${url}/control`,
  `  API reference       ${url}/docs   (OpenAPI: ${url}/openapi.json)`,
  `  Data folder         ${config.DEV_SHOP_DATA_DIR === "memory" ? "(in memory)" : config.DEV_SHOP_DATA_DIR}`,
  ...devShop.control
    .apps()
    .map((app) => `  App "${app.name}" (${app.appKey}): ${url}/open/authorize?service_id=${app.serviceId}`),
];
process.stdout.write(`${lines.join("\n")}\n`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`[dev-shop] ${signal}: saving state and stopping\n`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await running.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
