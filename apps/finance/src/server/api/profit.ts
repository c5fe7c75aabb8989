import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { ServerEnv } from "@tts-kit/server";
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import * as schema from "../db/schema.ts";
import { isDecimal } from "../money.ts";
import { parseCostsCsv } from "../profit/costs.ts";
import { computeProfit, type SoldLine } from "../profit/engine.ts";
import { ownedShop, paged, pageQuery, parseDateRange, refuse } from "./common.ts";

type Db = AppDatabase<typeof schema>;

const listQuery = z.object({
  interval: z.enum(["day", "week", "month"]).default("day"),
  sort: z.enum(["profit", "margin", "revenue", "quantity"]).default("profit"),
  ...pageQuery,
});

const costBody = z.object({
  unitCost: z
    .string()
    .refine(isDecimal, "Enter an amount like 12.50.")
    .refine((v) => !v.startsWith("-"), "A cost cannot be negative."),
});

/** The shop's currency: the one its settlements are in (or its orders', before the first settlement). */
async function shopCurrency(db: Db, shopId: string): Promise<string | undefined> {
  const [statement] = await db
    .select({ currency: schema.statements.currency })
    .from(schema.statements)
    .where(eq(schema.statements.shopId, shopId))
    .limit(1);
  if (statement?.currency) return statement.currency;
  const [order] = await db
    .select({ currency: schema.orders.currency })
    .from(schema.orders)
    .where(eq(schema.orders.shopId, shopId))
    .limit(1);
  return order?.currency ?? undefined;
}

async function soldLines(db: Db, shopId: string, range: { start: number; end: number }): Promise<SoldLine[]> {
  const rows = await db
    .select({
      orderId: schema.orderSkus.orderId,
      statementTime: schema.statements.statementTime,
      skuId: schema.orderSkus.skuId,
      skuName: schema.orderSkus.skuName,
      productName: schema.orderSkus.productName,
      quantity: schema.orderSkus.quantity,
      currency: schema.orderSkus.currency,
      revenueAmount: schema.orderSkus.revenueAmount,
      settlementAmount: schema.orderSkus.settlementAmount,
    })
    .from(schema.orderSkus)
    .innerJoin(
      schema.statements,
      and(
        eq(schema.statements.shopId, schema.orderSkus.shopId),
        eq(schema.statements.id, schema.orderSkus.statementId),
      ),
    )
    .where(
      and(
        eq(schema.orderSkus.shopId, shopId),
        gte(schema.statements.statementTime, range.start),
        lt(schema.statements.statementTime, range.end),
      ),
    );
  return rows;
}

const byKey = {
  profit: (r: { profit: string }) => Number(r.profit),
  margin: (r: { marginPercent: string | null }) =>
    r.marginPercent === null ? -Infinity : Number(r.marginPercent),
  revenue: (r: { revenue: string }) => Number(r.revenue),
  quantity: (r: { quantity: number }) => r.quantity,
};

/** Net profit per order and per SKU, the margin dashboard, and costs of goods (entered or imported). */
export function profitApi(db: Db, auth: Auth, now: () => number) {
  return new Hono<ServerEnv>()
    .use(auth.requireSeller)
    .get("/:shopId", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const dates = parseDateRange(c.req.query(), now());
      if (!dates.ok) return refuse(c, "invalid_date_range", dates.message, dates.fields);
      const query = listQuery.parse(c.req.query());
      const [lines, costs] = await Promise.all([
        soldLines(db, shop.id, dates.range),
        db.select().from(schema.costs).where(eq(schema.costs.shopId, shop.id)),
      ]);
      const result = computeProfit(lines, new Map(costs.map((k) => [k.skuId, k.unitCost])), query.interval);
      // Sorting is for display only; amounts stay strings in the response.
      const order = byKey[query.sort] as (r: unknown) => number;
      result.orders.sort((a, b) => order(b) - order(a) || a.orderId.localeCompare(b.orderId));
      result.skus.sort((a, b) => order(b) - order(a) || a.skuId.localeCompare(b.skuId));
      return c.json({
        range: { from: dates.range.from, to: dates.range.to },
        totals: result.totals,
        periods: result.periods,
        orders: paged(result.orders, query.page, query.page_size),
        skus: paged(result.skus, query.page, query.page_size),
      });
    })
    .get("/:shopId/costs", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const query = z.object(pageQuery).parse(c.req.query());
      // Every SKU the shop sold (from settlements and orders), with its cost if one was entered.
      const [sold, costs, currency] = await Promise.all([
        db
          .selectDistinctOn([schema.orderSkus.skuId], {
            skuId: schema.orderSkus.skuId,
            skuName: schema.orderSkus.skuName,
            productName: schema.orderSkus.productName,
          })
          .from(schema.orderSkus)
          .where(eq(schema.orderSkus.shopId, shop.id))
          .orderBy(asc(schema.orderSkus.skuId)),
        db.select().from(schema.costs).where(eq(schema.costs.shopId, shop.id)),
        shopCurrency(db, shop.id),
      ]);
      const costOf = new Map(costs.map((k) => [k.skuId, k]));
      const rows = sold.map((s) => ({
        ...s,
        unitCost: costOf.get(s.skuId)?.unitCost ?? null,
        currency: costOf.get(s.skuId)?.currency ?? currency ?? null,
        updatedAt: costOf.get(s.skuId)?.updatedAt ?? null,
      }));
      for (const cost of costs) {
        if (!sold.some((s) => s.skuId === cost.skuId)) {
          rows.push({ skuName: null, productName: null, ...cost });
        }
      }
      return c.json({ currency: currency ?? null, ...paged(rows, query.page, query.page_size) });
    })
    .put("/:shopId/costs/:skuId", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const skuId = c.req.param("skuId");
      if (!/^\d{1,30}$/.test(skuId)) return refuse(c, "invalid_sku", `"${skuId}" is not a TikTok SKU id.`);
      const parsed = costBody.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success) {
        const message = parsed.error.issues[0]?.message ?? "Enter an amount like 12.50.";
        return refuse(c, "invalid_cost", message, [{ path: "unitCost", message }]);
      }
      const currency = await shopCurrency(db, shop.id);
      if (!currency)
        return refuse(
          c,
          "no_currency_yet",
          "This shop has no orders yet; costs can be set once it has.",
          [],
          409,
        );
      await db
        .insert(schema.costs)
        .values({ shopId: shop.id, skuId, unitCost: parsed.data.unitCost, currency, updatedAt: now() })
        .onConflictDoUpdate({
          target: [schema.costs.shopId, schema.costs.skuId],
          set: { unitCost: parsed.data.unitCost, currency, updatedAt: now() },
        });
      return c.json({ skuId, unitCost: parsed.data.unitCost, currency });
    })
    .post("/:shopId/costs/import", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const text = await c.req.text();
      if (text.length > 2_000_000)
        return refuse(c, "file_too_large", "The file is larger than 2 MB; split it.");
      const currency = await shopCurrency(db, shop.id);
      if (!currency)
        return refuse(
          c,
          "no_currency_yet",
          "This shop has no orders yet; costs can be set once it has.",
          [],
          409,
        );
      const known = await db
        .selectDistinct({ skuId: schema.orderSkus.skuId })
        .from(schema.orderSkus)
        .where(eq(schema.orderSkus.shopId, shop.id));
      const result = parseCostsCsv(text, currency, new Set(known.map((k) => k.skuId)));
      if (!result.ok) {
        return c.json(
          {
            error: {
              code: "invalid_costs_file",
              message: result.message,
              requestId: c.get("requestId") ?? "",
              rows: result.errors,
            },
          },
          400,
        );
      }
      const at = now();
      await db.transaction(async (tx) => {
        for (let i = 0; i < result.rows.length; i += 500) {
          await tx
            .insert(schema.costs)
            .values(result.rows.slice(i, i + 500).map((r) => ({ shopId: shop.id, ...r, updatedAt: at })))
            .onConflictDoUpdate({
              target: [schema.costs.shopId, schema.costs.skuId],
              set: { unitCost: sql`excluded.unit_cost`, currency: sql`excluded.currency`, updatedAt: at },
            });
        }
      });
      return c.json({ imported: result.rows.length });
    });
}
