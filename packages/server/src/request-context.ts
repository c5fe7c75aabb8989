import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { ServerEnv } from "./context.ts";
import type { Logger } from "./logger.ts";

export const REQUEST_ID_HEADER = "x-request-id";

/** What an incoming id may look like: a proxy's or load balancer's id, never arbitrary text in our logs. */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export interface RequestContextOptions {
  logger: Logger;
  /** Paths logged at debug instead of info (health probes would drown the log). */
  quietPaths?: string[];
}

/**
 * Gives every request an id (a valid incoming `x-request-id`, else a new UUID), a child logger bound
 * to it, echoes the id in the response, and logs one line per request: method, path WITHOUT the query
 * string (OAuth callbacks carry `?code=`), status and duration. Mounted first so that errors, 404s and
 * CSRF refusals are logged with their id too.
 */
export function requestContext(options: RequestContextOptions): MiddlewareHandler<ServerEnv> {
  const quiet = new Set(options.quietPaths ?? ["/healthz", "/readyz"]);
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header(REQUEST_ID_HEADER);
    const requestId = incoming && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const logger = options.logger.child({ reqId: requestId });
    c.set("requestId", requestId);
    c.set("logger", logger);
    // Set before the handler runs: every response built through the context (c.json, c.body, errors,
    // 404s) carries it, and no finished response has to be rebuilt to add a header.
    c.header(REQUEST_ID_HEADER, requestId);
    try {
      await next();
    } finally {
      const status = c.res.status;
      const fields = {
        method: c.req.method,
        path: c.req.path,
        status,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      };
      if (status >= 500) logger.error(fields, "request failed");
      else if (quiet.has(c.req.path)) logger.debug(fields, "request");
      else logger.info(fields, "request");
    }
  };
}
