import type { AppDatabase } from "@tts-kit/db";
import type { SyncWindow } from "@tts-kit/server";
import { contract, type PageItem, type ShopClient } from "@tts-kit/tiktok-shop";
import { and, eq, inArray, isNull, min, ne, or, sql } from "drizzle-orm";
import { eachLimited } from "../collections.ts";
import * as schema from "../db/schema.ts";
import { sum } from "../money.ts";
import { resumeCursor, saveCursor } from "./cursor.ts";
import { presentId } from "./ids.ts";

type Db = AppDatabase<typeof schema>;
type Statement = PageItem<typeof contract.finance.getStatements>;
type Transaction = PageItem<typeof contract.finance.getStatementTransactions202501>;

export type ClientFor = (shopId: string) => Promise<ShopClient>;

/** Concurrent calls per shop: well inside TikTok's per-endpoint limit, and quick on a first import. */
const STATEMENTS_IN_FLIGHT = 4;
const ORDERS_IN_FLIGHT = 8;

/** The amounts that decide whether a statement's lines must be fetched again (payment status does not). */
function amountsKey(s: Statement): string {
  return JSON.stringify([
    s.currency ?? "",
    s.settlement_amount ?? "",
    s.revenue_amount ?? "",
    s.net_sales_amount ?? "",
    s.fee_amount ?? "",
    s.shipping_cost_amount ?? "",
    s.adjustment_amount ?? "",
  ]);
}

/**
 * The statements job: statements by `statement_time` windows (the scheduler saves the window and
 * its page cursor), widened back to the oldest statement not yet paid, since its payment status is
 * still to change. The window is open-ended (TikTok's `_lt` defaults to its own now), so a clock
 * of ours that lags TikTok's never hides a statement; the next window's overlap re-reads at most
 * a few unchanged ones, which cost no transaction calls. A statement's transactions are fetched only when it is new or its amounts
 * changed, and an order's SKU-level settlement only when it appears in a statement it was not in.
 */
export function statementsSync(db: Db, clientFor: ClientFor, now: () => number) {
  return async (shop: { id: string }, window: SyncWindow, signal?: AbortSignal) => {
    const client = await clientFor(shop.id);
    let start = window.start;
    const resumed = resumeCursor(window.cursor);
    if (resumed) start = resumed.start;
    else {
      const [open] = await db
        .select({ time: min(schema.statements.statementTime) })
        .from(schema.statements)
        .where(
          and(
            eq(schema.statements.shopId, shop.id),
            or(isNull(schema.statements.paymentStatus), ne(schema.statements.paymentStatus, "PAID")),
          ),
        );
      if (open?.time != null) start = Math.min(start, Number(open.time));
    }
    for await (const page of client.pages(
      contract.finance.getStatements,
      {
        query: {
          sort_field: "statement_time",
          sort_order: "ASC",
          statement_time_ge: start,
          page_size: 100,
        },
      },
      { ...(resumed ? { pageToken: resumed.token } : {}), ...(signal ? { signal } : {}) },
    )) {
      signal?.throwIfAborted();
      const stale = await upsertStatements(db, shop.id, page.items, now());
      // A few statements at a time: each is its own transaction, and TikTok's limit is per endpoint.
      await eachLimited(stale, STATEMENTS_IN_FLIGHT, async (statement) => {
        signal?.throwIfAborted();
        await syncStatementTransactions(db, client, shop.id, statement, now(), signal);
      });
      if (page.nextPageToken) await window.checkpoint(saveCursor(start, page.nextPageToken));
    }
    return {};
  };
}

/** Saves statements; returns those whose transactions must be (re)fetched. */
export async function upsertStatements(
  db: Db,
  shopId: string,
  items: Statement[],
  syncedAt: number,
): Promise<Statement[]> {
  if (items.length === 0) return [];
  const known = await db
    .select({ id: schema.statements.id, transactionsKey: schema.statements.transactionsKey })
    .from(schema.statements)
    .where(
      and(
        eq(schema.statements.shopId, shopId),
        inArray(
          schema.statements.id,
          items.map((s) => s.id),
        ),
      ),
    );
  const fetched = new Map(known.map((row) => [row.id, row.transactionsKey]));
  await db
    .insert(schema.statements)
    .values(
      items.map((s) => ({
        shopId,
        id: s.id,
        statementTime: Number(s.statement_time ?? 0),
        currency: s.currency ?? "",
        settlementAmount: s.settlement_amount ?? "0",
        revenueAmount: s.revenue_amount ?? null,
        netSalesAmount: s.net_sales_amount ?? null,
        feeAmount: s.fee_amount ?? null,
        shippingCostAmount: s.shipping_cost_amount ?? null,
        adjustmentAmount: s.adjustment_amount ?? null,
        paymentId: presentId(s.payment_id),
        paymentStatus: s.payment_status ?? null,
        paymentTime: s.payment_time ?? null,
        amountsKey: amountsKey(s),
        raw: s,
        syncedAt,
      })),
    )
    .onConflictDoUpdate({
      target: [schema.statements.shopId, schema.statements.id],
      set: {
        statementTime: sql`excluded.statement_time`,
        currency: sql`excluded.currency`,
        settlementAmount: sql`excluded.settlement_amount`,
        revenueAmount: sql`excluded.revenue_amount`,
        netSalesAmount: sql`excluded.net_sales_amount`,
        feeAmount: sql`excluded.fee_amount`,
        shippingCostAmount: sql`excluded.shipping_cost_amount`,
        adjustmentAmount: sql`excluded.adjustment_amount`,
        paymentId: sql`excluded.payment_id`,
        paymentStatus: sql`excluded.payment_status`,
        paymentTime: sql`excluded.payment_time`,
        amountsKey: sql`excluded.amounts_key`,
        raw: sql`excluded.raw`,
        syncedAt: sql`excluded.synced_at`,
      },
    });
  return items.filter((s) => fetched.get(s.id) !== amountsKey(s));
}

/** Replaces a statement's transactions with TikTok's current list, then fetches newly settled orders. */
export async function syncStatementTransactions(
  db: Db,
  client: ShopClient,
  shopId: string,
  statement: Statement,
  at: number,
  signal?: AbortSignal,
): Promise<void> {
  const lines: Transaction[] = [];
  let header: Record<string, unknown> = {};
  for await (const page of client.pages(
    contract.finance.getStatementTransactions202501,
    {
      params: { statement_id: statement.id },
      query: { sort_field: "order_create_time", sort_order: "ASC", page_size: 100 },
    },
    signal ? { signal } : {},
  )) {
    lines.push(...page.items);
    header = page.data as Record<string, unknown>;
  }
  signal?.throwIfAborted();
  const currency = (header.currency as string | undefined) || statement.currency || "";
  await db.transaction(async (tx) => {
    await tx
      .delete(schema.transactions)
      .where(and(eq(schema.transactions.shopId, shopId), eq(schema.transactions.statementId, statement.id)));
    if (lines.length > 0) {
      // Large statements insert in chunks (Postgres caps the parameters of one statement).
      for (let i = 0; i < lines.length; i += 500) {
        await tx.insert(schema.transactions).values(
          lines.slice(i, i + 500).map((t) => ({
            shopId,
            statementId: statement.id,
            id: t.id,
            type: String(t.type ?? "ORDER"),
            orderId: presentId(t.order_id),
            adjustmentId: presentId(t.adjustment_id),
            relatedOrderId: presentId(t.associated_order_id) ?? presentId(t.adjustment_order_id),
            orderCreateTime: t.order_create_time ?? null,
            currency,
            revenueAmount: t.revenue_amount ?? null,
            shippingCostAmount: t.shipping_cost_amount ?? null,
            feeTaxAmount: t.fee_tax_amount ?? null,
            adjustmentAmount: t.adjustment_amount ?? null,
            settlementAmount: t.settlement_amount ?? null,
            reserveAmount: t.reserve_amount ?? null,
            reserveStatus: t.reserve_status ?? null,
            raw: t,
          })),
        );
      }
    }
    await tx
      .update(schema.statements)
      .set({
        totalReserveAmount: (header.total_reserve_amount as string | undefined) ?? null,
        payableAmount: (header.payable_amount as string | undefined) ?? null,
        transactionCount: lines.length,
        transactionsKey: amountsKey(statement),
      })
      .where(and(eq(schema.statements.shopId, shopId), eq(schema.statements.id, statement.id)));
  });
  // Orders settled by this statement (adjustment and reserve lines name their order elsewhere).
  const orderIds = [
    ...new Set(lines.flatMap((t) => (t.type === "ORDER" && presentId(t.order_id) ? [t.order_id!] : []))),
  ];
  await syncSettledOrders(db, client, shopId, orderIds, at, signal);
}

/**
 * SKU-level settlement (Get Transactions by Order, 202501) of the orders whose set of statements
 * changed since their detail was last fetched: a newly settled order, or one settled again.
 */
export async function syncSettledOrders(
  db: Db,
  client: ShopClient,
  shopId: string,
  orderIds: string[],
  at: number,
  signal?: AbortSignal,
): Promise<number> {
  if (orderIds.length === 0) return 0;
  let fetched = 0;
  for (let i = 0; i < orderIds.length; i += 200) {
    const chunk = orderIds.slice(i, i + 200);
    const [settledIn, details] = await Promise.all([
      db
        .selectDistinct({
          orderId: schema.transactions.orderId,
          statementId: schema.transactions.statementId,
        })
        .from(schema.transactions)
        .where(and(eq(schema.transactions.shopId, shopId), inArray(schema.transactions.orderId, chunk))),
      db
        .select({ orderId: schema.orderDetails.orderId, key: schema.orderDetails.statementsKey })
        .from(schema.orderDetails)
        .where(and(eq(schema.orderDetails.shopId, shopId), inArray(schema.orderDetails.orderId, chunk))),
    ]);
    const statementsOf = new Map<string, string[]>();
    for (const row of settledIn) {
      if (!row.orderId) continue;
      statementsOf.set(row.orderId, [...(statementsOf.get(row.orderId) ?? []), row.statementId]);
    }
    const knownKey = new Map(details.map((d) => [d.orderId, d.key]));
    const due = chunk.filter(
      (orderId) => knownKey.get(orderId) !== (statementsOf.get(orderId) ?? []).sort().join(","),
    );
    await eachLimited(due, ORDERS_IN_FLIGHT, async (orderId) => {
      const key = (statementsOf.get(orderId) ?? []).sort().join(",");
      signal?.throwIfAborted();
      const detail = await client.finance.getOrderStatementTransactions202501(
        { params: { order_id: orderId } },
        signal ? { signal } : {},
      );
      fetched++;
      const currency = detail.currency ?? "";
      await db.transaction(async (tx) => {
        await tx
          .delete(schema.orderSkus)
          .where(and(eq(schema.orderSkus.shopId, shopId), eq(schema.orderSkus.orderId, orderId)));
        // One row per SKU and statement; should TikTok list a SKU twice for one statement, the
        // repeats are added into the first row.
        const rows = new Map<string, typeof schema.orderSkus.$inferInsert>();
        for (const sku of detail.sku_transactions) {
          const statementId = sku.statement_id ?? "";
          const rowKey = `${statementId}/${sku.sku_id}`;
          const quantity = Number.parseInt(sku.quantity ?? "1", 10) || 1;
          const previous = rows.get(rowKey);
          if (previous) {
            const plus = (a: string | null | undefined, b: string | undefined) =>
              a == null && b === undefined ? null : sum([a, b]).toString();
            previous.quantity += quantity;
            previous.revenueAmount = plus(previous.revenueAmount, sku.revenue_amount);
            previous.shippingCostAmount = plus(previous.shippingCostAmount, sku.shipping_cost_amount);
            previous.feeTaxAmount = plus(previous.feeTaxAmount, sku.fee_tax_amount);
            previous.settlementAmount = plus(previous.settlementAmount, sku.settlement_amount);
            continue;
          }
          rows.set(rowKey, {
            shopId,
            orderId,
            statementId,
            skuId: sku.sku_id,
            skuName: sku.sku_name ?? null,
            productName: sku.product_name ?? null,
            quantity,
            currency,
            revenueAmount: sku.revenue_amount ?? null,
            shippingCostAmount: sku.shipping_cost_amount ?? null,
            feeTaxAmount: sku.fee_tax_amount ?? null,
            settlementAmount: sku.settlement_amount ?? null,
            raw: sku,
          });
        }
        if (rows.size > 0) await tx.insert(schema.orderSkus).values([...rows.values()]);
        await tx
          .insert(schema.orderDetails)
          .values({
            shopId,
            orderId,
            statementsKey: key,
            currency: currency || null,
            settlementAmount: detail.settlement_amount ?? null,
            fetchedAt: at,
          })
          .onConflictDoUpdate({
            target: [schema.orderDetails.shopId, schema.orderDetails.orderId],
            set: {
              statementsKey: key,
              currency: currency || null,
              settlementAmount: detail.settlement_amount ?? null,
              fetchedAt: at,
            },
          });
      });
    });
  }
  return fetched;
}
