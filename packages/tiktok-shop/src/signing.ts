import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import { hmacSha256 } from "./hmac-sha256.ts";

/**
 * TikTok Shop request signing (HMAC-SHA256, lower-case hex).
 *
 * The signed string is `secret + path + k1v1k2v2... + body + secret` where the query pairs are
 * every parameter except `sign` and `access_token`, sorted by key, with their decoded values,
 * and the body is the exact bytes sent (left out for multipart uploads). Short messages are
 * signed in JavaScript (`hmac-sha256.ts`), long ones with `node:crypto`, which exists in Deno,
 * Bun and Workers too.
 */

export type QueryPairs = Iterable<readonly [string, string]> | Readonly<Record<string, string>>;

export interface SignInput {
  appSecret: string;
  /** URL path only: no host, no query. */
  path: string;
  query: QueryPairs;
  /** The body exactly as sent; omit for GET and for multipart uploads. */
  body?: string | Uint8Array | undefined;
}

function pairsOf(query: QueryPairs): ReadonlyArray<readonly [string, string]> {
  if (Array.isArray(query)) return query;
  return Symbol.iterator in query
    ? [...(query as Iterable<readonly [string, string]>)]
    : Object.entries(query as Record<string, string>);
}

function pathAndQuery(path: string, query: QueryPairs): string {
  // A handful of pairs: an insertion sort by key, which keeps this to a few lines of hot code.
  const pairs: Array<readonly [string, string]> = [];
  for (const pair of pairsOf(query)) {
    const key = pair[0];
    if (key === "sign" || key === "access_token") continue;
    let i = pairs.length;
    pairs.push(pair);
    for (; i > 0 && pairs[i - 1]![0] > key; i--) pairs[i] = pairs[i - 1]!;
    pairs[i] = pair;
  }
  let base = path;
  for (const pair of pairs) base += pair[0] + pair[1];
  return base;
}

/** The string between the two secrets; exposed so tests and debugging can compare it. */
export function signatureBase(path: string, query: QueryPairs, body?: string | Uint8Array): string {
  const head = pathAndQuery(path, query);
  if (body === undefined || body.length === 0) return head;
  return head + (typeof body === "string" ? body : new TextDecoder().decode(body));
}

export function sign(input: SignInput): string {
  // Most callers sign with one secret all along: keep the last one's key.
  if (lastSigner?.appSecret !== input.appSecret)
    lastSigner = { appSecret: input.appSecret, sign: signer(input.appSecret) };
  return lastSigner.sign(input.path, input.query, input.body);
}

let lastSigner: { appSecret: string; sign: Signer } | undefined;

/** Signs requests of one app: `(path, query, body?) => signature`. */
export type Signer = (path: string, query: QueryPairs, body?: string | Uint8Array) => string;

/**
 * Messages up to this many UTF-16 units are signed in JavaScript (`hmac-sha256.ts`), longer ones
 * with `node:crypto`: past about a kilobyte the native hash's speed outweighs its fixed cost.
 */
const SHORT_MESSAGE = 1024;

/**
 * A signer bound to one app secret, for callers that sign many requests: the secret is turned
 * into HMAC keys once instead of on every signature.
 */
export function signer(appSecret: string): Signer {
  const short = hmacSha256(new TextEncoder().encode(appSecret));
  let key: KeyObject | string | undefined;
  const long = (): ReturnType<typeof createHmac> => {
    if (key === undefined) {
      try {
        key = createSecretKey(Buffer.from(appSecret, "utf8"));
      } catch {
        // A runtime without KeyObject support signs with the string key.
        key = appSecret;
      }
    }
    return createHmac("sha256", key);
  };
  return (path, query, body) => {
    const head = appSecret + pathAndQuery(path, query);
    const length = head.length + appSecret.length + (body?.length ?? 0);
    if (body === undefined || body.length === 0) {
      const message = head + appSecret;
      return length <= SHORT_MESSAGE ? short([message]) : long().update(message).digest("hex");
    }
    if (typeof body === "string") {
      const message = head + body + appSecret;
      return length <= SHORT_MESSAGE ? short([message]) : long().update(message).digest("hex");
    }
    // A byte body is hashed as the exact bytes sent, never re-encoded.
    if (length <= SHORT_MESSAGE) return short([head, body, appSecret]);
    return long().update(head).update(body).update(appSecret).digest("hex");
  };
}

/** True for `multipart/form-data` media types, whose bodies are never signed. */
export function isMultipart(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  return contentType.split(";")[0]!.trim().toLowerCase() === "multipart/form-data";
}
