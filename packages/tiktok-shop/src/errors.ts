/**
 * One error type for everything a TikTok Shop call can end in, classified into kinds that tell
 * the caller what to do: refresh the token, re-authorize, back off, fix the request, or show a
 * business message. TikTok overloads some codes (36009004 has a dozen meanings), so the kind
 * comes from the code and, where needed, the message.
 */
export type ErrorKind =
  /** App key or signature rejected: a configuration or signing bug; never retried. */
  | "signature"
  /** Timestamp outside TikTok's window (5 min back, 30 s ahead): the clock is off. */
  | "timestamp"
  /** Access token expired: refresh it and call again. */
  | "expired_token"
  /** Token, auth code or refresh token unknown, revoked or expired: the seller must authorize again. */
  | "invalid_token"
  /** The app or token lacks the endpoint's scope. */
  | "missing_scope"
  /** The caller's IP is not on the app's allow list. */
  | "ip_not_allowed"
  /** shop_cipher missing, unexpected, or not matching the token. */
  | "cipher"
  /** Throttled: back off (honouring Retry-After) and retry. */
  | "rate_limit"
  /** TikTok-side failure or timeout: retry if the call is safe to repeat. */
  | "server"
  /** The request's parameters or body are invalid. */
  | "validation"
  /** No such path, method, version or resource. */
  | "not_found"
  /** A business rule refused the call (status, stock, window...). */
  | "business"
  /** No response: connection refused, reset, or timed out before an answer. */
  | "network"
  /** A response that is not a TikTok envelope, or whose data does not match the contract. */
  | "unexpected_response";

export interface ErrorDetails {
  kind: ErrorKind;
  /** TikTok's numeric code; 0 for errors that never reached TikTok (network, local validation). */
  code: number;
  /** TikTok's message, verbatim. */
  tiktokMessage: string;
  requestId: string;
  /** HTTP status; 0 when there was no response. */
  httpStatus: number;
  /** Operation name and method + path template, e.g. `getOrderList POST /order/202309/orders/search`. */
  endpoint: string;
  /** Milliseconds from a Retry-After header, when TikTok sent one. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

export class TikTokShopError extends Error {
  override readonly name = "TikTokShopError";
  readonly kind: ErrorKind;
  readonly code: number;
  readonly tiktokMessage: string;
  readonly requestId: string;
  readonly httpStatus: number;
  readonly endpoint: string;
  readonly retryAfterMs: number | undefined;

  constructor(details: ErrorDetails) {
    const where = details.endpoint ? `${details.endpoint}: ` : "";
    const rid = details.requestId ? ` (request_id ${details.requestId})` : "";
    super(`${where}${details.code ? `${details.code} ` : ""}${details.tiktokMessage}${rid}`, {
      cause: details.cause,
    });
    this.kind = details.kind;
    this.code = details.code;
    this.tiktokMessage = details.tiktokMessage;
    this.requestId = details.requestId;
    this.httpStatus = details.httpStatus;
    this.endpoint = details.endpoint;
    this.retryAfterMs = details.retryAfterMs;
  }

  /** Whether waiting and repeating the same request can succeed (the retry policy also weighs the call's safety). */
  get transient(): boolean {
    return this.kind === "rate_limit" || this.kind === "server" || this.kind === "network";
  }
}

export function isTikTokShopError(error: unknown): error is TikTokShopError {
  return error instanceof TikTokShopError;
}

const BY_CODE: ReadonlyMap<number, ErrorKind> = new Map<number, ErrorKind>([
  [36009002, "rate_limit"],
  [12052109, "rate_limit"],
  [36009003, "server"],
  [36009007, "server"],
  [12001000, "server"],
  [10006402, "server"],
  [33001002, "server"],
  [10002014, "server"],
  [10002015, "server"],
  [10037002, "server"],
  [10037003, "server"],
  [10037004, "server"],
  [36009009, "not_found"],
  [36009010, "not_found"],
  [36009014, "not_found"],
  [36009021, "validation"],
  [36009022, "validation"],
  [36009023, "validation"],
  [98001004, "validation"],
  [12052910, "validation"],
  [36009033, "ip_not_allowed"],
  [105002, "expired_token"],
  [105001, "invalid_token"],
  [105003, "invalid_token"],
  [105004, "invalid_token"],
  [36009008, "invalid_token"],
  [36004001, "invalid_token"],
  [36004004, "invalid_token"],
  [36004005, "invalid_token"],
  [105005, "missing_scope"],
  [106001, "signature"],
  [106013, "cipher"],
  [101000, "cipher"],
  [21008111, "not_found"],
]);

/** Message keywords that tell the meanings of 36009004 apart (docs use backticks, live servers quotes). */
const OVERLOADED_36009004: ReadonlyArray<readonly [RegExp, ErrorKind]> = [
  [/missing credentials|required signature/i, "signature"],
  [/invalid ['`]?app_key/i, "signature"],
  [/['`]?(x-tts-access-token|access_token)['`]? header is invalid/i, "invalid_token"],
  [/invalid timestamp/i, "timestamp"],
  [/unexpected identifier/i, "cipher"],
  [/invalid api version/i, "not_found"],
];

const NOT_FOUND_MESSAGE = /does not exist|doesn't exist|not exist|not found|does not belong|doesn't belong/i;

export function classify(code: number, message: string, httpStatus: number): ErrorKind {
  if (code === 36009004) {
    for (const [pattern, kind] of OVERLOADED_36009004) if (pattern.test(message)) return kind;
    return "validation";
  }
  const known = BY_CODE.get(code);
  if (known) return known;
  if (httpStatus === 429) return "rate_limit";
  if (httpStatus >= 500) return "server";
  if (NOT_FOUND_MESSAGE.test(message)) return "not_found";
  if (httpStatus === 400) return "validation";
  return "business";
}

/** Parses Retry-After as delta-seconds or an HTTP date, relative to `nowMs`. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
