import { randomUUID } from "node:crypto";
import type { AppDatabase } from "@tts-kit/db";
import { and, desc, eq, sql } from "drizzle-orm";
import type { ShipmentItem } from "../db/fulfillment-schema.ts";
import * as schema from "../db/schema.ts";

/**
 * The shipment notification as sent to TikTok (OMS-R2), shown to the seller right after the
 * action and kept per order: status, tracking, carrier, service and items.
 */
export interface ShipmentNotification {
  id: string;
  orderId: string;
  orderIds: string[];
  packageId: string | null;
  action: "ship" | "update" | "label" | "handover";
  mode: "3PL" | "4PL";
  via: "fulfil" | "batch" | "scan";
  operation: string;
  /** The order status TikTok reported after the action. */
  status: string | null;
  trackingNumber: string | null;
  carrier: { id: string; name: string } | null;
  service: string | null;
  items: ShipmentItem[];
  warning: string | null;
  rule: { id: string; name: string } | null;
  sentAt: number;
}

export type NewNotification = Omit<ShipmentNotification, "id">;

export async function recordShipment(
  db: AppDatabase<typeof schema>,
  shopId: string,
  sellerId: string | null,
  notification: NewNotification,
  shippingServiceId: string | null = null,
): Promise<ShipmentNotification> {
  const id = randomUUID();
  await db.insert(schema.fulfillmentShipments).values({
    id,
    shopId,
    orderId: notification.orderId,
    orderIds: notification.orderIds,
    packageId: notification.packageId,
    action: notification.action,
    mode: notification.mode,
    via: notification.via,
    operation: notification.operation,
    trackingNumber: notification.trackingNumber,
    shippingProviderId: notification.carrier?.id ?? null,
    shippingProviderName: notification.carrier?.name ?? null,
    serviceName: notification.service,
    shippingServiceId,
    items: notification.items,
    orderStatus: notification.status,
    warning: notification.warning,
    ruleId: notification.rule?.id ?? null,
    ruleName: notification.rule?.name ?? null,
    sellerId,
    createdAt: notification.sentAt,
  });
  return { id, ...notification };
}

/** Fills in the carrier and tracking number TikTok assigned after a 4PL handover. */
export async function setShipmentTracking(
  db: AppDatabase<typeof schema>,
  id: string,
  trackingNumber: string,
  carrier: { id: string; name: string } | null,
): Promise<void> {
  await db
    .update(schema.fulfillmentShipments)
    .set({
      trackingNumber,
      shippingProviderId: carrier?.id ?? null,
      shippingProviderName: carrier?.name ?? null,
    })
    .where(eq(schema.fulfillmentShipments.id, id));
}

/** The order status TikTok reported once the orders of a batch were read again. */
export async function setShipmentStatus(
  db: AppDatabase<typeof schema>,
  id: string,
  status: string,
): Promise<void> {
  await db
    .update(schema.fulfillmentShipments)
    .set({ orderStatus: status })
    .where(eq(schema.fulfillmentShipments.id, id));
}

/** Every notification that concerned the order (including combined packages it rode in), newest first. */
export async function shipmentsOfOrder(
  db: AppDatabase<typeof schema>,
  shopId: string,
  orderId: string,
): Promise<ShipmentNotification[]> {
  const t = schema.fulfillmentShipments;
  const rows = await db
    .select()
    .from(t)
    .where(
      and(
        eq(t.shopId, shopId),
        sql`(${t.orderId} = ${orderId} OR ${t.orderIds} @> ${JSON.stringify([orderId])}::jsonb)`,
      ),
    )
    .orderBy(desc(t.createdAt), desc(t.id));
  return rows.map((row) => ({
    id: row.id,
    orderId: row.orderId,
    orderIds: row.orderIds,
    packageId: row.packageId,
    action: row.action as ShipmentNotification["action"],
    mode: row.mode as ShipmentNotification["mode"],
    via: row.via as ShipmentNotification["via"],
    operation: row.operation,
    status: row.orderStatus,
    trackingNumber: row.trackingNumber,
    carrier:
      row.shippingProviderId || row.shippingProviderName
        ? { id: row.shippingProviderId ?? "", name: row.shippingProviderName ?? "" }
        : null,
    service: row.serviceName,
    items: row.items,
    warning: row.warning,
    rule: row.ruleId ? { id: row.ruleId, name: row.ruleName ?? "" } : null,
    sentAt: row.createdAt,
  }));
}
