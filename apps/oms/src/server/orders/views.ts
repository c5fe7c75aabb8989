import { and, eq, inArray, isNotNull, lt, ne, type SQL } from "drizzle-orm";
import * as schema from "../db/schema.ts";
import { FBT } from "./mirror.ts";

/**
 * The saved views of the orders workspace (OMS-R1). TikTok's statuses map onto them with an
 * explicit On Hold view (ShipStation has none): UNPAID → Awaiting payment, ON_HOLD → On hold,
 * AWAITING_SHIPMENT and PARTIALLY_SHIPPING → Awaiting shipment, AWAITING_COLLECTION and IN_TRANSIT →
 * Shipped, DELIVERED and COMPLETED → Delivered, CANCELLED → Cancelled. Orders fulfilled by TikTok
 * (FBT) are never the seller's to ship, so they have their own view instead of Awaiting shipment.
 * Late is the part of Awaiting shipment past its ship-by deadline.
 */
export const VIEW_IDS = [
  "to_ship",
  "late",
  "on_hold",
  "unpaid",
  "shipped",
  "delivered",
  "cancelled",
  "fbt",
  "all",
] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export const VIEW_LABELS: Record<ViewId, string> = {
  to_ship: "Awaiting shipment",
  late: "Late",
  on_hold: "On hold",
  unpaid: "Awaiting payment",
  shipped: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
  fbt: "Fulfilled by TikTok",
  all: "All orders",
};

export const TO_SHIP_STATUSES = ["AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"];
/** Statuses after which nothing can be shipped or cancelled any more. */
export const FINAL_STATUSES = ["DELIVERED", "COMPLETED", "CANCELLED"];

const o = schema.orders;

/** The SQL condition of a view at time `now` (undefined: every order). */
export function viewCondition(view: ViewId, now: number): SQL | undefined {
  const toShip = and(inArray(o.status, TO_SHIP_STATUSES), ne(o.fulfillmentType, FBT));
  switch (view) {
    case "to_ship":
      return toShip;
    case "late":
      return and(toShip, isNotNull(o.shipBy), lt(o.shipBy, now));
    case "on_hold":
      return eq(o.status, "ON_HOLD");
    case "unpaid":
      return eq(o.status, "UNPAID");
    case "shipped":
      return inArray(o.status, ["AWAITING_COLLECTION", "IN_TRANSIT"]);
    case "delivered":
      return inArray(o.status, ["DELIVERED", "COMPLETED"]);
    case "cancelled":
      return eq(o.status, "CANCELLED");
    case "fbt":
      return eq(o.fulfillmentType, FBT);
    case "all":
      return undefined;
  }
}
