import { createHash } from "node:crypto";
import { allScopes } from "@tts-kit/tiktok-shop/contract";
import { z } from "zod";
import type { PartnerApp, PlatformState } from "../state/platform.ts";

/**
 * Partner app registrations: what Partner Center holds for an app (key, secret, service id,
 * redirect URL, scopes, webhook URL). They come from config/apps.json, the createDevShop
 * options or POST /control/apps.
 */

export const APP_CATEGORIES = ["Finance", "Customer Service", "OMS", "Promotions", "ERP"] as const;

export const appRegistrationSchema = z.object({
  appKey: z.string().min(1),
  appSecret: z.string().min(1),
  /** Numeric service id for the authorize link; derived from the app key when left out. */
  serviceId: z
    .string()
    .regex(/^\d{1,30}$/, "serviceId must be numeric")
    .optional(),
  name: z.string().min(1),
  category: z.string().min(1).default("ERP"),
  description: z.string().default(""),
  redirectUrl: z.url(),
  /** Defaults to the origin of the redirect URL. */
  homepageUrl: z.url().optional(),
  /** Defaults to every scope the contract knows. */
  scopes: z.array(z.string().min(1)).optional(),
  webhookUrl: z.url().nullable().optional(),
});

export type AppRegistration = z.input<typeof appRegistrationSchema>;

/**
 * Reads a registration from JSON (config/apps.json, POST /control/apps): snake_case keys
 * (`app_key`, `redirect_url`...) as documented, camelCase accepted too. Validation happens in
 * toPartnerApp.
 */
export function registrationFromJson(input: unknown): AppRegistration {
  // A non-object becomes {} so that validation names the missing fields.
  if (input === null || typeof input !== "object" || Array.isArray(input)) return {} as AppRegistration;
  return Object.fromEntries(
    Object.entries(input).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]),
  ) as AppRegistration;
}

/** A stable 19-digit service id for an app key, so authorize links survive restarts. */
export function serviceIdFor(appKey: string): string {
  const digest = createHash("sha256").update(appKey).digest();
  return `7${digest.readBigUInt64BE(0).toString().padStart(20, "0").slice(-18)}`;
}

/** A registration that cannot be used; the message names the field. */
export class RegistrationError extends Error {
  override readonly name = "RegistrationError";
}

export function toPartnerApp(input: AppRegistration): PartnerApp {
  const parsed = appRegistrationSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = typeof input === "object" && input && "appKey" in input ? ` ${String(input.appKey)}` : "";
    throw new RegistrationError(
      `${issue?.path.join(".") || "app"}: ${issue?.message ?? "invalid"}${key ? ` (app${key})` : ""}`,
    );
  }
  const app = parsed.data;
  return {
    appKey: app.appKey,
    appSecret: app.appSecret,
    serviceId: app.serviceId ?? serviceIdFor(app.appKey),
    name: app.name,
    category: app.category,
    description: app.description,
    redirectUrl: app.redirectUrl,
    homepageUrl: app.homepageUrl ?? new URL(app.redirectUrl).origin,
    scopes: app.scopes ?? [...allScopes],
    webhookUrl: app.webhookUrl ?? null,
  };
}

/** Adds or replaces (by app key) a registration. */
export function upsertApp(state: PlatformState, app: PartnerApp): PartnerApp {
  const clash = state.apps.find((a) => a.serviceId === app.serviceId && a.appKey !== app.appKey);
  if (clash) throw new RegistrationError(`serviceId ${app.serviceId} is already used by app ${clash.appKey}`);
  const index = state.apps.findIndex((a) => a.appKey === app.appKey);
  if (index >= 0) state.apps[index] = app;
  else state.apps.push(app);
  return app;
}

/** A registration without its secret, for listings. */
export function publicApp(app: PartnerApp): Omit<PartnerApp, "appSecret"> {
  const { appSecret: _secret, ...rest } = app;
  return rest;
}
