/**
 * A pino-compatible logger shape (`logger.info(fields, message)`), so that an app can pass its
 * pino instance straight in. The client only ever logs the fields built in `client.ts`: operation,
 * status, code, request id, duration, attempt. Never URLs (they carry the signature, and on the
 * token host the app secret), never headers, never bodies.
 */
export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const noop = () => {};
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

const SECRET_KEYS =
  /^(app_secret|appsecret|secret|sign|signature|access_token|accesstoken|refresh_token|refreshtoken|x-tts-access-token|authorization|auth_code|code|password)$/i;

/**
 * Replaces secret-bearing fields before they reach a logger. The client never passes secrets,
 * but this guards fields that callers attach (e.g. a `cause`) and is exported for apps to reuse.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_KEYS.test(key) ? "[redacted]" : redact(v, depth + 1);
  }
  return out;
}

export function safeLogger(logger: Logger): Logger {
  return {
    debug: (fields, message) => logger.debug(redact(fields) as Record<string, unknown>, message),
    info: (fields, message) => logger.info(redact(fields) as Record<string, unknown>, message),
    warn: (fields, message) => logger.warn(redact(fields) as Record<string, unknown>, message),
    error: (fields, message) => logger.error(redact(fields) as Record<string, unknown>, message),
  };
}

/**
 * Whether a logger writes `level`, so that lines are not built for nothing. Loggers with pino's
 * `isLevelEnabled` are asked; any other logger is assumed to write every level.
 */
export function levelEnabled(logger: Logger, level: "debug" | "info" | "warn" | "error"): boolean {
  if (logger === silentLogger) return false;
  const ask = (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled;
  return typeof ask === "function" ? ask.call(logger, level) : true;
}
