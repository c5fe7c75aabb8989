import type { AppDatabase } from "@tts-kit/db";
import { and, count, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import * as schema from "../db/schema.ts";

/**
 * The awaiting-shipment workspace (/shipping) over the local order mirror: orders the seller can
 * ship now (and those on hold, shown blocked), soonest ship-by first, filtered and paged on the
 * server so a shop with thousands of open orders stays quick.
 */

export const workspaceQuery = z.object({
  mode: z.enum(["all", "3PL", "4PL"]).default("all"),
  /**
   * `ready` (AWAITING_SHIPMENT, PARTIALLY_SHIPPING), `on_hold`, `awaiting_collection` (shipped,
   * labels to print, waiting for the carrier), or `all` of them.
   */
  state: z.enum(["ready", "on_hold", "awaiting_collection", "all"]).default("ready"),
  q: z
    .string()
    .trim()
    .max(64)
    .regex(/^[0-9A-Za-z_-]*$/, "Search by order id: letters and digits.")
    .optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

export interface WorkspaceRow {
  id: string;
  status: string;
  mode: "3PL" | "4PL";
  shipBy: number | null;
  holdUntil: number | null;
  createTime: number;
  items: string;
  itemCount: number;
  total: string | null;
  currency: string | null;
  packageIds: string[];
  trackingNumbers: string[];
}

const READY = ["AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"];

export async function workspaceOrders(
  db: AppDatabase<typeof schema>,
  shopId: string,
  query: z.infer<typeof workspaceQuery>,
): Promise<{ orders: WorkspaceRow[]; total: number }> {
  const o = schema.orders;
  const statuses = {
    ready: READY,
    on_hold: ["ON_HOLD"],
    awaiting_collection: ["AWAITING_COLLECTION"],
    all: [...READY, "ON_HOLD", "AWAITING_COLLECTION"],
  }[query.state];
  const where: SQL[] = [
    eq(o.shopId, shopId),
    inArray(o.status, statuses),
    ne(o.fulfillmentType, "FULFILLMENT_BY_TIKTOK"),
  ];
  if (query.mode !== "all")
    where.push(sql`${o.raw}->>'shipping_type' = ${query.mode === "4PL" ? "TIKTOK" : "SELLER"}`);
  if (query.q) where.push(sql`${o.id} LIKE ${`${query.q}%`}`);
  const shipBy = sql<number | null>`coalesce(${o.shipBy}, (${o.raw}->>'rts_sla_time')::bigint)`;
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        id: o.id,
        status: o.status,
        shipBy,
        holdUntil: o.onHoldUntil,
        paidTime: o.paidTime,
        createTime: o.createTime,
        raw: o.raw,
        total: o.totalAmount,
        currency: o.currency,
      })
      .from(o)
      .where(and(...where))
      .orderBy(sql`${shipBy} ASC NULLS LAST`, o.id)
      .limit(query.page_size)
      .offset((query.page - 1) * query.page_size),
    db
      .select({ total: count() })
      .from(o)
      .where(and(...where)),
  ]);
  return {
    total,
    orders: rows.map((row) => {
      const raw = row.raw as {
        shipping_type?: string;
        paid_time?: number;
        line_items?: Array<{
          product_name?: string;
          package_id?: string;
          tracking_number?: string;
          display_status?: string;
        }>;
      };
      const lines = (raw.line_items ?? []).filter((l) => l.display_status !== "CANCELLED");
      const names = new Map<string, number>();
      for (const line of lines)
        names.set(line.product_name ?? "Item", (names.get(line.product_name ?? "Item") ?? 0) + 1);
      return {
        id: row.id,
        status: row.status,
        mode: raw.shipping_type === "TIKTOK" ? "4PL" : "3PL",
        shipBy: row.shipBy === null ? null : Number(row.shipBy),
        holdUntil:
          row.status === "ON_HOLD"
            ? (row.holdUntil ?? (raw.paid_time ? Number(raw.paid_time) + 3600 : null))
            : null,
        createTime: row.createTime,
        items: [...names].map(([name, n]) => `${n} × ${name}`).join(", "),
        itemCount: lines.length,
        total: row.total,
        currency: row.currency,
        packageIds: [...new Set(lines.flatMap((l) => (l.package_id ? [l.package_id] : [])))],
        trackingNumbers: [...new Set(lines.flatMap((l) => (l.tracking_number ? [l.tracking_number] : [])))],
      };
    }),
  };
}
