import type { AppDatabase } from "@tts-kit/db";
import type { SyncWindow } from "@tts-kit/server";
import { contract, type PageItem } from "@tts-kit/tiktok-shop";
import { eq, sql } from "drizzle-orm";
import * as schema from "../db/schema.ts";
import { presentId } from "./ids.ts";
import type { ClientFor } from "./statements.ts";

type Db = AppDatabase<typeof schema>;
type Order = PageItem<typeof contract.order.getOrderList>;

/**
 * The orders job: the shop's orders updated in the window (Get Order List by `update_time`), so
 * reconciliation knows which orders were delivered or completed and must be accounted for.
 */
export function ordersSync(db: Db, clientFor: ClientFor, now: () => number) {
  return async (shop: { id: string }, window: SyncWindow, signal?: AbortSignal) => {
    const client = await clientFor(shop.id);
    for await (const page of client.pages(
      contract.order.getOrderList,
      {
        query: { page_size: 100, sort_field: "update_time", sort_order: "ASC" },
        // Open-ended: up to TikTok's now (see statementsSync).
        body: { update_time_ge: window.start },
      },
      { ...(window.cursor ? { pageToken: window.cursor } : {}), ...(signal ? { signal } : {}) },
    )) {
      signal?.throwIfAborted();
      await upsertOrders(db, shop.id, page.items, now());
      if (page.nextPageToken) await window.checkpoint(page.nextPageToken);
    }
    return {};
  };
}

/** Keeps what reconciliation and profit need of each order; an older copy never replaces a newer. */
export async function upsertOrders(db: Db, shopId: string, items: Order[], syncedAt: number) {
  if (items.length === 0) return;
  await db
    .insert(schema.orders)
    .values(
      items.map((order) => ({
        shopId,
        id: order.id,
        status: String(order.status ?? "UNKNOWN"),
        createTime: Number(order.create_time ?? 0),
        updateTime: Number(order.update_time ?? 0),
        deliveryTime: order.delivery_time ?? null,
        isSample: order.is_sample_order === true,
        currency: order.payment?.currency ?? null,
        totalAmount: order.payment?.total_amount ?? null,
        shippingFee: order.payment?.shipping_fee ?? null,
        raw: {
          line_items: (order.line_items ?? []).map((item) => ({
            id: item.id,
            sku_id: item.sku_id,
            seller_sku: item.seller_sku,
            sku_name: item.sku_name,
            product_name: item.product_name,
            sale_price: item.sale_price,
            display_status: item.display_status,
          })),
          payment: order.payment ?? null,
          shipping_type: order.shipping_type ?? null,
        },
        syncedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [schema.orders.shopId, schema.orders.id],
      set: {
        status: sql`excluded.status`,
        updateTime: sql`excluded.update_time`,
        deliveryTime: sql`excluded.delivery_time`,
        isSample: sql`excluded.is_sample`,
        currency: sql`excluded.currency`,
        totalAmount: sql`excluded.total_amount`,
        shippingFee: sql`excluded.shipping_fee`,
        raw: sql`excluded.raw`,
        syncedAt: sql`excluded.synced_at`,
      },
      setWhere: sql`excluded.update_time >= ${schema.orders.updateTime}`,
    });
}

type Unsettled = PageItem<typeof contract.finance.getUnsettledTransactions>;

/**
 * The estimates job: TikTok lists what is not settled yet and drops a line once it settles, so each
 * run reads the whole list and marks it current in one transaction (never half a list).
 */
export function unsettledSync(db: Db, clientFor: ClientFor, now: () => number) {
  return async (shop: { id: string }, _window: SyncWindow, signal?: AbortSignal) => {
    const client = await clientFor(shop.id);
    const lines: Unsettled[] = [];
    for await (const page of client.pages(
      contract.finance.getUnsettledTransactions,
      { query: { sort_field: "order_create_time", sort_order: "ASC", page_size: 100 } },
      signal ? { signal } : {},
    )) {
      signal?.throwIfAborted();
      lines.push(...page.items);
    }
    await replaceUnsettled(db, shop.id, lines, now());
    return {};
  };
}

export async function replaceUnsettled(db: Db, shopId: string, lines: Unsettled[], syncedAt: number) {
  const unique = [...new Map(lines.map((line) => [line.id, line])).values()];
  await db.transaction(async (tx) => {
    await tx.update(schema.unsettled).set({ current: false }).where(eq(schema.unsettled.shopId, shopId));
    for (let i = 0; i < unique.length; i += 500) {
      await tx
        .insert(schema.unsettled)
        .values(
          unique.slice(i, i + 500).map((t) => ({
            shopId,
            id: t.id,
            type: String(t.type ?? "ORDER"),
            orderId: presentId(t.order_id),
            adjustmentId: presentId(t.adjustment_id),
            currency: t.currency ?? "",
            orderCreateTime: t.order_create_time ?? null,
            orderDeliveryTime: t.order_delivery_time ?? null,
            estRevenueAmount: t.est_revenue_amount ?? null,
            estShippingCostAmount: t.est_shipping_cost_amount ?? null,
            estFeeTaxAmount: t.est_fee_tax_amount ?? null,
            estAdjustmentAmount: t.est_adjustment_amount ?? null,
            estSettlementAmount: t.est_settlement_amount ?? "0",
            estimatedSettlement: t.estimated_settlement ?? null,
            unsettledReason: t.unsettled_reason ?? null,
            raw: t,
            current: true,
            syncedAt,
          })),
        )
        .onConflictDoUpdate({
          target: [schema.unsettled.shopId, schema.unsettled.id],
          set: {
            type: sql`excluded.type`,
            orderId: sql`excluded.order_id`,
            adjustmentId: sql`excluded.adjustment_id`,
            currency: sql`excluded.currency`,
            orderCreateTime: sql`excluded.order_create_time`,
            orderDeliveryTime: sql`excluded.order_delivery_time`,
            estRevenueAmount: sql`excluded.est_revenue_amount`,
            estShippingCostAmount: sql`excluded.est_shipping_cost_amount`,
            estFeeTaxAmount: sql`excluded.est_fee_tax_amount`,
            estAdjustmentAmount: sql`excluded.est_adjustment_amount`,
            estSettlementAmount: sql`excluded.est_settlement_amount`,
            estimatedSettlement: sql`excluded.estimated_settlement`,
            unsettledReason: sql`excluded.unsettled_reason`,
            raw: sql`excluded.raw`,
            current: true,
            syncedAt: sql`excluded.synced_at`,
          },
        });
    }
  });
}
