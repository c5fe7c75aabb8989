import { type Auth, type ShopView, shopNotFound } from "@tts-kit/auth";
import { errorJson, type ServerEnv } from "@tts-kit/server";
import type { Context } from "hono";
import { z } from "zod";

/** A shop of the signed-in seller, connected; any other id is answered as if it did not exist. */
export async function ownedShop(auth: Auth, c: Context, shopId: string): Promise<ShopView> {
  const seller = (c.var as { seller?: { id: string } }).seller;
  if (!seller) throw shopNotFound();
  const shop = await auth.connections.get(seller.id, shopId);
  if (shop.status !== "connected") throw shopNotFound();
  return shop;
}

/** A refusal with a specific, seller-facing message; nothing was changed. */
export function refuse(
  c: Context,
  code: string,
  message: string,
  fields?: Array<{ path: string; message: string }>,
  status: 400 | 404 | 409 | 422 = 400,
): Response {
  return errorJson(c as Context<ServerEnv>, { status, code, message, ...(fields ? { fields } : {}) });
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31.")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "This is not a calendar date.");

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
};

export interface DateRange {
  /** Unix seconds, inclusive. */
  start: number;
  /** Unix seconds, exclusive (the day after `to`). */
  end: number;
  from: string;
  to: string;
}

/**
 * `from` and `to` (UTC calendar days, both included) from the query. Missing ends default to the
 * last 30 days up to today; a reversed range is refused with a message naming both dates.
 */
export function parseDateRange(
  query: Record<string, string | undefined>,
  now: number,
):
  | { ok: true; range: DateRange }
  | { ok: false; message: string; fields: Array<{ path: string; message: string }> } {
  const fields: Array<{ path: string; message: string }> = [];
  const read = (name: "from" | "to") => {
    const value = query[name];
    if (value === undefined || value === "") return undefined;
    const parsed = isoDay.safeParse(value);
    if (!parsed.success) {
      fields.push({ path: name, message: parsed.error.issues[0]?.message ?? "Invalid date." });
      return undefined;
    }
    return parsed.data;
  };
  const today = new Date(now * 1000).toISOString().slice(0, 10);
  const to = read("to") ?? today;
  const from =
    read("from") ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  if (fields.length > 0) {
    return { ok: false, message: `Check the dates: ${fields.map((f) => f.path).join(", ")}.`, fields };
  }
  if (from > to) {
    return {
      ok: false,
      message: `The start date ${from} is after the end date ${to}. Choose a start on or before the end.`,
      fields: [{ path: "from", message: `After the end date ${to}.` }],
    };
  }
  const start = Date.parse(`${from}T00:00:00Z`) / 1000;
  const end = Date.parse(`${to}T00:00:00Z`) / 1000 + 86_400;
  return { ok: true, range: { start, end, from, to } };
}

export function paged<T>(rows: T[], page: number, pageSize: number) {
  return { rows: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pageSize };
}
