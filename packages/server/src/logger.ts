import pino from "pino";

/**
 * Structured logs (pino) that never print secrets. pino's own `redact` option only knows fixed paths
 * (`a.*.b`), while a token can sit at any depth (a caught error's `config.headers.authorization`, a
 * grant nested in a job payload), so redaction here is by key name at any depth, plus a scrub of
 * secret-bearing fragments inside strings (`?code=…&sign=…` in a URL, `Bearer …`), which covers
 * messages and error stacks too.
 */

export type Logger = pino.Logger;

export const REDACTED = "[redacted]";

/** Keys whose values are secrets, compared lower-cased without `-` and `_`. */
const SECRET_KEY =
  /^(authorization|proxyauthorization|cookie|setcookie|xttsaccesstoken|sign|signature|password|passwd|authcode|apikey|privatekey|tokenencryptionkeys|encryptionkeys?|session|sessionid)$|(token|secret|password)$/;

/** `code` is TikTok's OAuth auth code when it is a string; TikTok's numeric error codes stay readable. */
function isSecretField(key: string, value: unknown): boolean {
  const normalized = key.toLowerCase().replace(/[-_]/g, "");
  if (normalized === "code") return typeof value === "string";
  return SECRET_KEY.test(normalized);
}

/** Secret-bearing fragments inside strings: query parameters and bearer tokens. */
const SECRET_IN_STRING =
  /([?&;\s"'](?:access_token|refresh_token|app_secret|client_secret|auth_code|code|sign|token|secret|password)=)[^&\s"'#;\\]+|(Bearer\s+)[A-Za-z0-9._~+/-]+=*/gi;

/** Replaces secret fragments (`…?code=abc&x=1` → `…?code=[redacted]&x=1`) in a string. */
export function scrubString(value: string): string {
  if (!value.includes("=") && !value.includes("Bearer")) return value;
  return value.replace(SECRET_IN_STRING, (_match, param: string | undefined, bearer: string | undefined) =>
    param ? `${param}${REDACTED}` : `${bearer}${REDACTED}`,
  );
}

/**
 * A copy of `value` with secret fields replaced by "[redacted]" at any depth and secret fragments
 * scrubbed from strings. Errors are serialized first (pino's err serializer), so their properties
 * are redacted as well. Cycles and very deep objects are cut.
 */
export function redactDeep(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === "string") return scrubString(value);
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[too deep]";
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (value instanceof Error) return redactDeep(pino.stdSerializers.err(value), depth, seen);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1, seen));
  if (value instanceof Date || Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretField(key, item) ? REDACTED : redactDeep(item, depth + 1, seen);
  }
  return out;
}

export interface LoggerOptions {
  /** Becomes the `name` field of every line (the app's name). */
  name?: string;
  level?: pino.LevelWithSilent;
  /** Where lines go (default stdout). Tests pass a stream to capture them. */
  destination?: pino.DestinationStream;
  /** Extra fields on every line. */
  base?: Record<string, unknown>;
}

/** A pino logger with the redaction above. JSON lines; pretty-print in development with `| pino-pretty`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const logger = pino(
    {
      ...(options.name ? { name: options.name } : {}),
      level: options.level ?? "info",
      base: { pid: process.pid, ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        log: (object) => redactDeep(object) as Record<string, unknown>,
        bindings: (bindings) => redactDeep(bindings) as Record<string, unknown>,
      },
      // Errors are already serialized (and redacted) by the log formatter above.
      serializers: { err: (value: unknown) => value },
      hooks: {
        // Messages (and printf-style arguments) are strings that can carry a URL with a code in it.
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubString(arg) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    // pino's default destination (stdout, synchronous) when none is given: nothing is lost on exit.
    options.destination ?? pino.destination(1),
  );
  // pino applies `formatters.bindings` to the root only; children (and theirs, which inherit this
  // method through the prototype) get their bindings redacted here.
  type ChildFn = (this: unknown, bindings: pino.Bindings, options?: unknown) => unknown;
  const child = logger.child as unknown as ChildFn;
  const redactingChild: ChildFn = function (this: unknown, bindings, childOptions) {
    return child.call(this, redactDeep(bindings) as pino.Bindings, childOptions);
  };
  logger.child = redactingChild as unknown as typeof logger.child;
  return logger;
}

/** A logger that drops everything (tests, benchmarks of other parts). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
