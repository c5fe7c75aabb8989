import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { baseEnvSchema } from "@tts-kit/server";
import { z } from "zod";

export const financeEnvSchema = baseEnvSchema.extend({
  /** Where the embedded database lives when DATABASE_URL is unset; `memory` keeps nothing (tests). */
  FINANCE_DATA_DIR: z.string().min(1).optional(),
  /** How often each shop's statements, payments, withdrawals, orders and estimates are pulled. */
  FINANCE_SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(10).default(900),
  /** How far back the first import of a shop reaches. */
  FINANCE_INITIAL_IMPORT_DAYS: z.coerce.number().int().min(1).max(730).default(100),
});

export type FinanceEnv = z.output<typeof financeEnvSchema>;

/**
 * Outside production, the development settings in `.env.development` (the credentials the app is
 * registered with in the dev shop) fill whatever the environment does not set.
 */
export function loadDevelopmentDefaults(): void {
  if (process.env.NODE_ENV === "production") return;
  const file = fileURLToPath(new URL("../../.env.development", import.meta.url));
  if (existsSync(file)) process.loadEnvFile(file);
}
