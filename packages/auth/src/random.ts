import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 random bytes, base64url: the session token, OAuth state and browser binding values. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * What the database stores instead of a secret value. A plain SHA-256 is enough: the inputs are
 * 256-bit random values, so there is nothing to brute-force and no need for a slow hash.
 */
export function hashToken(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Whether a presented value hashes to the stored hash, compared in constant time. */
export function matchesHash(value: string, hash: string): boolean {
  const given = Buffer.from(hashToken(value), "hex");
  const stored = Buffer.from(hash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** Cookie values we issue are base64url; anything else is ignored rather than hashed. */
export function looksLikeToken(value: string | undefined): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
