import type { AppDatabase, AppTransaction } from "@tts-kit/db";
import { type Logger, redact, silentLogger, TikTokShop, type TikTokShopOptions } from "@tts-kit/tiktok-shop";
import { z } from "zod";
import { type EncryptionKeys, KeyRing } from "./encryption.ts";

/** Any app's drizzle database: the auth tables are used through their table objects, whatever else the schema holds. */
export type AuthDatabase = AppDatabase<Record<string, unknown>>;
export type AuthTransaction = AppTransaction<Record<string, unknown>>;

export type Market = "US" | "ROW";

export interface AuthConfig {
  /** The app's database (its schema re-exports `@tts-kit/auth/schema`). */
  db: AuthDatabase;
  /**
   * The app-level TikTok Shop client, or the options to build one. Its hosts (`apiBaseUrl`,
   * `authBaseUrl`, `authorizeBaseUrls`) point at the dev shop in development.
   */
  tiktok: TikTokShop | TikTokShopOptions;
  /** The app's service id from Partner Center (the numeric id in the authorize link, not the app key). */
  serviceId: string;
  /** Token encryption keys: `{ current: "k2", keys: { k1: "<base64 32 bytes>", k2: "..." } }`. */
  encryptionKeys: EncryptionKeys;
  /** `Secure` cookies with the `__Host-` prefix. Default true; set false only for http://localhost. */
  secureCookies?: boolean;
  /**
   * Session cookie name (the install cookie adds `_oauth`). Default `tts_<serviceId>`: unique per
   * app, because browsers do not separate cookies by port and every app runs on localhost in development.
   */
  cookieName?: string;
  /** Where `routes` is mounted. Default `/api/auth`. */
  basePath?: string;
  /** Requests under this prefix are never redirected by the entry middleware. Default `/api`. */
  apiPrefix?: string;
  /** Authorization page when the install link names no market. Default `ROW`. */
  defaultMarket?: Market;
  session?: {
    /** Idle timeout. Default 7 days. */
    idleSeconds?: number;
    /** Hard limit from sign-in, across rotations. Default 30 days. */
    absoluteSeconds?: number;
    /** A session older than this gets a new id on its next request. Default 1 day. */
    rotateAfterSeconds?: number;
  };
  /** How long an install link's state stays valid. Default 600 (10 minutes). */
  stateTtlSeconds?: number;
  /** Refresh the access token this long before it expires. Default 3600. */
  refreshMarginSeconds?: number;
  /** Show the re-authorization banner this long before the authorization ends. Default 30 days. */
  reauthWarningSeconds?: number;
  /** pino-compatible; fields are redacted before they reach it, and tokens are never passed. */
  logger?: Logger;
  /** Unix seconds; injectable for tests. */
  now?: () => number;
}

export interface ResolvedConfig {
  db: AuthDatabase;
  tiktok: TikTokShop;
  serviceId: string;
  keys: KeyRing;
  secureCookies: boolean;
  sessionCookie: string;
  oauthCookie: string;
  basePath: string;
  apiPrefix: string;
  defaultMarket: Market;
  idleSeconds: number;
  absoluteSeconds: number;
  rotateAfterSeconds: number;
  stateTtlSeconds: number;
  refreshMarginSeconds: number;
  reauthWarningSeconds: number;
  logger: Logger;
  now: () => number;
}

const DAY = 86_400;
const seconds = z.number().int().positive();
const path = z
  .string()
  .regex(/^\/[A-Za-z0-9/_-]*$/, "must be a path such as /api/auth")
  .transform((p) => (p.length > 1 && p.endsWith("/") ? p.slice(0, -1) : p));

const options = z.object({
  serviceId: z.string().regex(/^\d{1,30}$/, "must be the numeric service id from Partner Center"),
  secureCookies: z.boolean().default(true),
  cookieName: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, _ and - only")
    .optional(),
  basePath: path.default("/api/auth"),
  apiPrefix: path.default("/api"),
  defaultMarket: z.enum(["US", "ROW"]).default("ROW"),
  session: z
    .object({
      idleSeconds: seconds.default(7 * DAY),
      absoluteSeconds: seconds.default(30 * DAY),
      rotateAfterSeconds: seconds.default(DAY),
    })
    .default({ idleSeconds: 7 * DAY, absoluteSeconds: 30 * DAY, rotateAfterSeconds: DAY }),
  stateTtlSeconds: seconds.default(600),
  refreshMarginSeconds: z.number().int().min(0).default(3600),
  reauthWarningSeconds: z
    .number()
    .int()
    .min(0)
    .default(30 * DAY),
});

/** Validates the configuration, naming every invalid field at once. */
export function resolveConfig(config: AuthConfig): ResolvedConfig {
  if (!config || typeof config !== "object")
    throw new TypeError("createAuth: a configuration object is required");
  const problems: string[] = [];
  if (!config.db) problems.push("db: the app's drizzle database is required");
  if (!config.tiktok) problems.push("tiktok: a TikTokShop client or its options are required");
  const parsed = options.safeParse(config);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${issue.path.join(".") || "config"}: ${issue.message}`);
  }
  let keys: KeyRing | undefined;
  try {
    keys = new KeyRing(config.encryptionKeys ?? { current: "", keys: {} });
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length > 0 || !parsed.success || !keys) {
    throw new TypeError(`Invalid auth configuration:\n  - ${problems.join("\n  - ")}`);
  }
  const o = parsed.data;
  const cookieName = o.cookieName ?? `tts_${o.serviceId}`;
  // __Host- cookies are only accepted with Secure, Path=/ and no Domain: the strongest binding to the origin.
  const prefix = o.secureCookies ? "__Host-" : "";
  const logger = config.logger ?? silentLogger;
  return {
    db: config.db,
    tiktok: config.tiktok instanceof TikTokShop ? config.tiktok : new TikTokShop(config.tiktok),
    serviceId: o.serviceId,
    keys,
    secureCookies: o.secureCookies,
    sessionCookie: `${prefix}${cookieName}`,
    oauthCookie: `${prefix}${cookieName}_oauth`,
    basePath: o.basePath,
    apiPrefix: o.apiPrefix,
    defaultMarket: o.defaultMarket,
    idleSeconds: o.session.idleSeconds,
    absoluteSeconds: o.session.absoluteSeconds,
    rotateAfterSeconds: o.session.rotateAfterSeconds,
    stateTtlSeconds: o.stateTtlSeconds,
    refreshMarginSeconds: o.refreshMarginSeconds,
    reauthWarningSeconds: o.reauthWarningSeconds,
    // Belt and braces: whatever a caller attaches to a log line goes through the client's redaction.
    logger: {
      debug: (f, m) => logger.debug(redact(f) as Record<string, unknown>, m),
      info: (f, m) => logger.info(redact(f) as Record<string, unknown>, m),
      warn: (f, m) => logger.warn(redact(f) as Record<string, unknown>, m),
      error: (f, m) => logger.error(redact(f) as Record<string, unknown>, m),
    },
    now: config.now ?? (() => Math.floor(Date.now() / 1000)),
  };
}

/** The install link that (re)authorizes a shop of this region. */
export function installUrl(
  config: ResolvedConfig,
  input: { market?: Market; returnPath?: string } = {},
): string {
  const query = new URLSearchParams();
  if (input.market) query.set("market", input.market);
  if (input.returnPath && input.returnPath !== "/") query.set("return", input.returnPath);
  const qs = query.toString();
  return `${config.basePath}/install${qs ? `?${qs}` : ""}`;
}

/** TikTok has a separate authorization page for US shops; every other region uses the global one. */
export function marketOf(region: string): Market {
  return region.toUpperCase() === "US" ? "US" : "ROW";
}
