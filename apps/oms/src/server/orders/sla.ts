import type { AppDatabase } from "@tts-kit/db";
import { and, count, eq, gte, isNotNull, lte, ne, sql } from "drizzle-orm";
import * as schema from "../db/schema.ts";
import { FBT } from "./mirror.ts";
import { TO_SHIP_STATUSES } from "./views.ts";

/**
 * Ship-by SLA (OMS-R4). TikTok expects orders shipped by their ready-to-ship deadline and watches
 * the late dispatch rate (orders shipped after it, over those shipped, last 30 days), with 4% as
 * the line sellers must stay under.
 */
export const DUE_SOON_SECONDS = 24 * 3600;
export const LATE_DISPATCH_WINDOW_SECONDS = 30 * 86_400;
/** Percent. */
export const LATE_DISPATCH_THRESHOLD = 4;

export type ShipByState = "late" | "due_soon" | "on_track";

/** Where an order stands against its deadline; null when the seller has nothing to ship. */
export function shipByState(
  order: { status: string; fulfillmentType: string; shipBy: number | null },
  now: number,
): ShipByState | null {
  if (order.shipBy === null || order.fulfillmentType === FBT) return null;
  if (!TO_SHIP_STATUSES.includes(order.status)) return null;
  const left = order.shipBy - now;
  if (left < 0) return "late";
  return left <= DUE_SOON_SECONDS ? "due_soon" : "on_track";
}

export interface LateDispatch {
  /** Window start and end (Unix seconds). */
  from: number;
  to: number;
  shipped: number;
  late: number;
  /** Percent with one decimal; null when nothing shipped in the window. */
  rate: number | null;
  threshold: number;
  /** Rate at or above the threshold. */
  breached: boolean;
}

/**
 * The shop's late dispatch rate over the last 30 days: of the orders whose first package left in
 * the window, how many left after their ship-by deadline. FBT orders are TikTok's to dispatch and
 * are left out.
 */
export async function lateDispatch(
  db: AppDatabase<typeof schema>,
  shopId: string,
  now: number,
): Promise<LateDispatch> {
  const o = schema.orders;
  const from = now - LATE_DISPATCH_WINDOW_SECONDS;
  const [row] = await db
    .select({
      shipped: count(),
      late: sql<number>`count(*) filter (where ${o.shippedAt} > ${o.shipBy})`.mapWith(Number),
    })
    .from(o)
    .where(
      and(
        eq(o.shopId, shopId),
        isNotNull(o.shippedAt),
        gte(o.shippedAt, from),
        lte(o.shippedAt, now),
        isNotNull(o.shipBy),
        ne(o.fulfillmentType, FBT),
      ),
    );
  const shipped = row?.shipped ?? 0;
  const late = row?.late ?? 0;
  const rate = shipped === 0 ? null : Math.round((late / shipped) * 1000) / 10;
  return {
    from,
    to: now,
    shipped,
    late,
    rate,
    threshold: LATE_DISPATCH_THRESHOLD,
    breached: shipped > 0 && late * 100 >= LATE_DISPATCH_THRESHOLD * shipped,
  };
}
