import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The dev shop's own implementation of TikTok's signatures, written from the reference rather
 * than shared with the client, so that a bug on one side cannot hide the same bug on the other.
 *
 * Request sign: lower-case hex HMAC-SHA256 keyed with the app secret over
 *   secret + path + (sorted key+value of decoded query params except sign and access_token)
 *   + raw body (left out for multipart/form-data) + secret.
 * Webhook sign: lower-case hex HMAC-SHA256 keyed with the app secret over app_key + raw body.
 */

const UNSIGNED_PARAMS = new Set(["sign", "access_token"]);

export interface RequestSignInput {
  secret: string;
  path: string;
  /** Decoded query pairs in any order; the first value wins when a key repeats. */
  query: Iterable<readonly [string, string]>;
  /** The raw body as sent; undefined or "" for none. */
  body?: string | undefined;
}

export function requestSignBase(input: RequestSignInput): string {
  const values = new Map<string, string>();
  for (const [key, value] of input.query) {
    if (!UNSIGNED_PARAMS.has(key) && !values.has(key)) values.set(key, value);
  }
  // Plain code-unit order equals byte order for the ASCII keys TikTok uses.
  const keys = [...values.keys()].sort();
  let base = input.path;
  for (const key of keys) base += key + values.get(key);
  return base + (input.body ?? "");
}

export function signRequest(input: RequestSignInput): string {
  const wrapped = input.secret + requestSignBase(input) + input.secret;
  return createHmac("sha256", input.secret).update(wrapped, "utf8").digest("hex");
}

export interface VerifyInput extends RequestSignInput {
  sign: string;
  /** Multipart bodies are never part of the signature. */
  multipart: boolean;
}

/**
 * Verifies a request signature. When the body is `{}` or empty, a signature computed without
 * the body is accepted too: the official Node SDK leaves an empty-object body out of the
 * signature while the Go and Java reference code sign the raw bytes, and it is unconfirmed
 * which one TikTok's gateway checks, so the emulator accepts both.
 */
export function verifyRequestSign(input: VerifyInput): boolean {
  const body = input.multipart ? "" : (input.body ?? "");
  if (constantTimeEqual(signRequest({ ...input, body }), input.sign)) return true;
  if (body !== "" && body.trim() === "{}") {
    return constantTimeEqual(signRequest({ ...input, body: "" }), input.sign);
  }
  return false;
}

export function signWebhook(appKey: string, appSecret: string, rawBody: string): string {
  return createHmac("sha256", appSecret)
    .update(appKey + rawBody, "utf8")
    .digest("hex");
}

/** Constant-time comparison of a computed lower-case hex digest with what the caller sent. */
export function constantTimeEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(received, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
