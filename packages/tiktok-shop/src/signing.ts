import { createHmac, createSecretKey, type KeyObject } from "node:crypto";

/**
 * TikTok Shop request signing (HMAC-SHA256, lower-case hex).
 *
 * The signed string is `secret + path + k1v1k2v2... + body + secret` where the query pairs are
 * every parameter except `sign` and `access_token`, sorted by key, with their decoded values,
 * and the body is the exact bytes sent (left out for multipart uploads). `node:crypto` is used
 * because it is the fastest HMAC available in Node and exists in Deno, Bun and Workers too.
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

const EXCLUDED = new Set(["sign", "access_token"]);

function pairsOf(query: QueryPairs): ReadonlyArray<readonly [string, string]> {
  if (Array.isArray(query)) return query;
  return Symbol.iterator in query
    ? [...(query as Iterable<readonly [string, string]>)]
    : Object.entries(query as Record<string, string>);
}

function pathAndQuery(path: string, query: QueryPairs): string {
  const pairs = pairsOf(query)
    .filter(([key]) => !EXCLUDED.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let base = path;
  for (const [key, value] of pairs) base += key + value;
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
 * A signer bound to one app secret, for callers that sign many requests: the secret is turned
 * into an HMAC key once instead of on every signature.
 */
export function signer(appSecret: string): Signer {
  let key: KeyObject | string = appSecret;
  try {
    key = createSecretKey(Buffer.from(appSecret, "utf8"));
  } catch {
    // A runtime without KeyObject support signs with the string key, as before.
  }
  return (path, query, body) => {
    const hmac = createHmac("sha256", key);
    const head = appSecret + pathAndQuery(path, query);
    if (body === undefined || body.length === 0) hmac.update(head + appSecret);
    else if (typeof body === "string") hmac.update(head + body + appSecret);
    else {
      // A byte body is hashed as the exact bytes sent, never re-encoded.
      hmac.update(head);
      hmac.update(body);
      hmac.update(appSecret);
    }
    return hmac.digest("hex");
  };
}

/** True for `multipart/form-data` media types, whose bodies are never signed. */
export function isMultipart(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  return contentType.split(";")[0]!.trim().toLowerCase() === "multipart/form-data";
}
