import { randomBytes, randomInt } from "node:crypto";

/**
 * Identifiers in the shapes TikTok uses. Seed data draws from a seeded generator so that the same
 * seed always gives the same shops; runtime values (tokens, codes, notification ids) come from
 * node:crypto because nothing should be able to guess them.
 */

/** A source of uniformly distributed numbers in [0, 1). */
export type Random = () => number;

/** Small, fast, seedable PRNG (mulberry32); plenty for deterministic seed data. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runtime randomness with the same signature as a seeded generator. */
export const cryptoRandom: Random = () => randomInt(0, 2 ** 47) / 2 ** 47;

const DIGITS = "0123456789";
const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick() from an empty list");
  return item;
}

function chars(random: Random, alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

/** A 19-digit numeric id starting with 7, like TikTok's shop, order and notification ids. */
export function numericId(random: Random = cryptoRandom): string {
  return `7${chars(random, DIGITS, 18)}`;
}

/** A shop cipher: `TTP_` for US data, `ROW_` elsewhere, then 28 base64url characters. */
export function shopCipher(region: string, random: Random = cryptoRandom): string {
  return `${tokenPrefix(region)}${chars(random, BASE64URL, 28)}`;
}

/** Seller Center shop code: `USLC` + 6 for a local US shop, `CNGBCB` + 6 for a Chinese seller's GB shop. */
export function shopCode(
  region: string,
  sellerType: "LOCAL" | "CROSS_BORDER",
  baseRegion: string,
  random: Random,
): string {
  const prefix = sellerType === "LOCAL" ? `${region}LC` : `${baseRegion}${region}CB`;
  return `${prefix}${chars(random, UPPER_ALNUM, 6)}`;
}

/** US data lives behind TikTok's US data boundary, whose credentials start with `TTP_`. */
export function tokenPrefix(region: string): "TTP_" | "ROW_" {
  return region === "US" ? "TTP_" : "ROW_";
}

/** An opaque credential (access token, refresh token, auth code) with a region prefix. */
export function credential(prefix: string, bytes = 48): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

/** An opaque id for internal records (sessions, deliveries, faults). */
export function opaqueId(bytes = 12): string {
  return randomBytes(bytes).toString("base64url");
}

/** `request_id`: YYYYMMDDHHMMSS in UTC+8 (as TikTok's servers stamp it) + 20 upper-case hex characters. */
export function requestId(nowMs: number): string {
  const beijing = new Date(nowMs + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const stamp =
    `${beijing.getUTCFullYear()}${pad(beijing.getUTCMonth() + 1)}${pad(beijing.getUTCDate())}` +
    `${pad(beijing.getUTCHours())}${pad(beijing.getUTCMinutes())}${pad(beijing.getUTCSeconds())}`;
  return stamp + randomBytes(10).toString("hex").toUpperCase();
}
