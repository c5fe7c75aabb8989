import { type ErrorKind, isTikTokShopError, type TikTokShopError } from "@tts-kit/tiktok-shop";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ServerEnv } from "./context.ts";

/**
 * One JSON error shape for every API failure, with a message a seller understands and the request id
 * to quote to support. Never the raw TikTok URL, token, endpoint or stack: those go to the log only.
 *
 * ```json
 * { "error": { "code": "rate_limited", "message": "TikTok Shop is busy, try again in a moment.",
 *              "requestId": "…", "tiktokRequestId": "2024…" } }
 * ```
 */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    requestId: string;
    /** TikTok's request_id, for a ticket with TikTok. */
    tiktokRequestId?: string;
    /** Which input fields were wrong, with dotted paths (`items.0.quantity`). */
    fields?: Array<{ path: string; message: string }>;
    /** Seconds to wait before trying again (rate limits). */
    retryAfterSeconds?: number;
  };
}

interface Mapped {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  fields?: Array<{ path: string; message: string }>;
}

const TIKTOK_KINDS: Record<ErrorKind, (error: TikTokShopError) => Mapped> = {
  rate_limit: () => ({
    status: 429,
    code: "rate_limited",
    message: "TikTok Shop is busy, try again in a moment.",
  }),
  invalid_token: () => ({
    status: 403,
    code: "reconnect_shop",
    message: "Reconnect this shop to TikTok Shop.",
  }),
  // The client refreshes expired tokens itself; one reaching here could not be refreshed.
  expired_token: () => ({
    status: 403,
    code: "reconnect_shop",
    message: "Reconnect this shop to TikTok Shop.",
  }),
  cipher: () => ({
    status: 403,
    code: "reconnect_shop",
    message: "This shop's connection is out of date. Reconnect this shop to TikTok Shop.",
  }),
  missing_scope: () => ({
    status: 403,
    code: "missing_permission",
    message: "This app is missing a permission; reconnect the shop to grant it.",
  }),
  business: (error) => ({
    status: 422,
    code: "tiktok_refused",
    message: error.tiktokMessage || "TikTok Shop refused this action.",
  }),
  validation: (error) => {
    const field = fieldOf(error.tiktokMessage);
    return {
      status: 422,
      code: "tiktok_invalid_field",
      message: field
        ? `TikTok Shop did not accept the value of "${field}": ${error.tiktokMessage}`
        : `TikTok Shop did not accept this request: ${error.tiktokMessage}`,
      ...(field ? { fields: [{ path: field, message: error.tiktokMessage }] } : {}),
    };
  },
  not_found: () => ({
    status: 404,
    code: "tiktok_not_found",
    message: "TikTok Shop could not find this item. It may have been deleted or belong to another shop.",
  }),
  server: () => ({
    status: 502,
    code: "tiktok_unavailable",
    message: "TikTok Shop is having trouble, try again in a moment.",
  }),
  network: () => ({
    status: 504,
    code: "tiktok_unreachable",
    message: "TikTok Shop did not answer, try again in a moment.",
  }),
  unexpected_response: () => ({
    status: 502,
    code: "tiktok_unexpected",
    message: "TikTok Shop answered in an unexpected way. Try again later; if it persists, contact support.",
  }),
  timestamp: () => ({
    status: 502,
    code: "tiktok_rejected_app",
    message:
      "TikTok Shop refused the app's request (server clock). Try again later; if it persists, contact support.",
  }),
  signature: () => ({
    status: 502,
    code: "tiktok_rejected_app",
    message: "TikTok Shop refused the app's credentials. Contact the app's support.",
  }),
  ip_not_allowed: () => ({
    status: 502,
    code: "tiktok_rejected_app",
    message: "TikTok Shop refused this server's address. Contact the app's support.",
  }),
};

/** The field a TikTok validation message names: `page_size` in "Invalid param `page_size`: …". */
function fieldOf(message: string): string | undefined {
  return (
    /[`'"]([A-Za-z_][A-Za-z0-9_.[\]]*)[`'"]/.exec(message)?.[1] ??
    /^([A-Za-z][A-Za-z0-9_]*) is a required field/.exec(message)?.[1]
  );
}

interface ZodLikeError {
  name: string;
  issues: Array<{ path: PropertyKey[]; message: string }>;
}

function isZodError(error: unknown): error is ZodLikeError {
  return (
    error instanceof Error &&
    (error.name === "ZodError" || error.name === "$ZodError") &&
    Array.isArray((error as unknown as ZodLikeError).issues)
  );
}

/** Maps any thrown value to an HTTP status and a seller-facing body. Exported for tests and custom handlers. */
export function describeError(
  error: unknown,
): Mapped & { retryAfterSeconds?: number; tiktokRequestId?: string } {
  if (isTikTokShopError(error)) {
    const mapped = TIKTOK_KINDS[error.kind](error);
    return {
      ...mapped,
      ...(error.requestId ? { tiktokRequestId: error.requestId } : {}),
      ...(error.kind === "rate_limit" && error.retryAfterMs !== undefined
        ? { retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterMs / 1000)) }
        : {}),
    };
  }
  if (isZodError(error)) {
    const fields = error.issues.map((issue) => ({
      path: issue.path.map(String).join(".") || "(body)",
      message: issue.message,
    }));
    const names = [...new Set(fields.map((f) => f.path))].join(", ");
    return { status: 400, code: "invalid_input", message: `Check these fields: ${names}.`, fields };
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    return { status, code: `http_${status}`, message: error.message || "The request could not be handled." };
  }
  if (error instanceof SyntaxError && /JSON/i.test(error.message)) {
    return { status: 400, code: "invalid_json", message: "The request body is not valid JSON." };
  }
  return {
    status: 500,
    code: "internal",
    message: "Something went wrong on our side. Quote the request id to support.",
  };
}

/** `app.onError(errorHandler)`: logs the full error (redacted) and answers the mapped JSON. */
export const errorHandler: ErrorHandler<ServerEnv> = (error, c) => {
  const mapped = describeError(error);
  const logger = c.get("logger");
  if (mapped.status >= 500) logger?.error({ err: error, status: mapped.status }, "request error");
  else logger?.warn({ err: error, status: mapped.status }, "request refused");
  return errorJson(c, mapped);
};

export function errorJson(
  c: Context<ServerEnv>,
  mapped: Mapped & { retryAfterSeconds?: number; tiktokRequestId?: string },
): Response {
  if (mapped.retryAfterSeconds !== undefined) c.header("Retry-After", String(mapped.retryAfterSeconds));
  const body: ApiErrorBody = {
    error: {
      code: mapped.code,
      message: mapped.message,
      requestId: c.get("requestId") ?? "",
      ...(mapped.tiktokRequestId ? { tiktokRequestId: mapped.tiktokRequestId } : {}),
      ...(mapped.fields ? { fields: mapped.fields } : {}),
      ...(mapped.retryAfterSeconds !== undefined ? { retryAfterSeconds: mapped.retryAfterSeconds } : {}),
    },
  };
  return c.json(body, mapped.status);
}

/** JSON 404 for API paths; a plain 404 elsewhere. An /api path never gets the SPA's index.html. */
export const notFoundHandler: NotFoundHandler<ServerEnv> = (c) => {
  if (c.req.path === "/api" || c.req.path.startsWith("/api/")) {
    return errorJson(c, {
      status: 404,
      code: "not_found",
      message: `No API route ${c.req.method} ${c.req.path}.`,
    });
  }
  return c.text("Not found", 404);
};
