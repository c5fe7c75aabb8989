import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { baseEnvSchema } from "@tts-kit/server";
import { z } from "zod";

export const omsEnvSchema = baseEnvSchema.extend({
  /** Where the embedded database lives when DATABASE_URL is unset; `memory` keeps nothing (tests). */
  OMS_DATA_DIR: z.string().min(1).optional(),
  /** How often the polling safety net pulls each shop's updated orders. */
  OMS_SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(10).default(300),
});

export type OmsEnv = z.output<typeof omsEnvSchema>;

/**
 * Outside production, the development settings in `.env.development` (the credentials the app is
 * registered with in the dev shop) fill whatever the environment does not set.
 */
export function loadDevelopmentDefaults(): void {
  if (process.env.NODE_ENV === "production") return;
  const file = fileURLToPath(new URL("../../.env.development", import.meta.url));
  if (existsSync(file)) process.loadEnvFile(file);
}
