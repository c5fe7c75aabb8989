import type { Logger } from "./logger.ts";

/** Variables every request carries (set by `requestContext`). Type your routers `new Hono<ServerEnv>()`. */
export interface ServerVariables {
  /** The request id: a valid incoming `x-request-id`, or a new UUID. Echoed in the response. */
  requestId: string;
  /** A child logger bound to the request id. */
  logger: Logger;
}

export interface ServerEnv {
  Variables: ServerVariables;
}
