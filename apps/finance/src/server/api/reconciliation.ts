import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { ServerEnv } from "@tts-kit/server";
import { feeBreakdown } from "@tts-kit/tiktok-shop/contract";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { csv } from "../accounting/formats.ts";
import * as schema from "../db/schema.ts";
import { isDecimal } from "../money.ts";
import { ISSUE_KINDS, reconcile } from "../reconcile/engine.ts";
import { loadReconciliationInput } from "../reconcile/load.ts";
import { ownedShop, paged, pageQuery, parseDateRange, refuse } from "./common.ts";

type Db = AppDatabase<typeof schema>;

const listQuery = z.object({
  kind: z.enum(ISSUE_KINDS as [string, ...string[]]).optional(),
  state: z.enum(["settled", "unsettled", "missing"]).optional(),
  ...pageQuery,
});

/** The fee components a rate can be set for: those of fee_tax_breakdown.fee in the contract. */
export const FEE_COMPONENTS = Object.keys(feeBreakdown.shape);

const feeRatesBody = z.object({
  rates: z.array(
    z.object({
      component: z.string(),
      ratePercent: z.string(),
      basis: z.enum(["net_sales", "customer_payment"]).default("net_sales"),
      enabled: z.boolean().default(true),
    }),
  ),
});

/**
 * ACC-R7 and the reconciliation checks: every delivered or completed order accounted for, statements
 * and payments that add up, fees at the expected rates and the overcharged shipping report.
 */
export function reconciliationApi(db: Db, auth: Auth, now: () => number) {
  return new Hono<ServerEnv>()
    .use(auth.requireSeller)
    .get("/:shopId", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const dates = parseDateRange(c.req.query(), now());
      if (!dates.ok) return refuse(c, "invalid_date_range", dates.message, dates.fields);
      const query = listQuery.parse(c.req.query());
      const result = reconcile(await loadReconciliationInput(db, shop.id, dates.range));
      const issues = query.kind ? result.issues.filter((i) => i.kind === query.kind) : result.issues;
      const orders = query.state ? result.orders.filter((o) => o.state === query.state) : result.orders;
      return c.json({
        range: { from: dates.range.from, to: dates.range.to },
        summary: result.summary,
        issues: paged(issues, query.page, query.page_size),
        orders: paged(orders, query.page, query.page_size),
        shipping: paged(result.shipping, query.page, query.page_size),
      });
    })
    .get("/:shopId/shipping.csv", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const dates = parseDateRange(c.req.query(), now());
      if (!dates.ok) return refuse(c, "invalid_date_range", dates.message, dates.fields);
      const result = reconcile(await loadReconciliationInput(db, shop.id, dates.range));
      const body = csv([
        ["Order", "Statement", "Currency", "Estimated shipping", "Charged shipping", "Overcharged by"],
        ...result.shipping.map((s) => [
          s.orderId,
          s.statementId,
          s.currency,
          s.estimated,
          s.charged,
          s.overchargedBy,
        ]),
      ]);
      c.header("content-type", "text/csv; charset=utf-8");
      c.header(
        "content-disposition",
        `attachment; filename="overcharged-shipping-${shop.id}-${dates.range.from}-${dates.range.to}.csv"`,
      );
      return c.body(body);
    })
    .get("/:shopId/fee-rates", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const rates = await db.select().from(schema.feeRates).where(eq(schema.feeRates.shopId, shop.id));
      return c.json({ rates, components: FEE_COMPONENTS });
    })
    .put("/:shopId/fee-rates", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const parsed = feeRatesBody.safeParse(await c.req.json().catch(() => null));
      if (!parsed.success)
        return refuse(c, "invalid_fee_rates", "Send { rates: [{ component, ratePercent }] }.");
      const fields: Array<{ path: string; message: string }> = [];
      const seen = new Set<string>();
      parsed.data.rates.forEach((rate, index) => {
        if (!FEE_COMPONENTS.includes(rate.component)) {
          fields.push({
            path: `rates.${index}.component`,
            message: `"${rate.component}" is not a TikTok fee component.`,
          });
        } else if (seen.has(rate.component)) {
          fields.push({ path: `rates.${index}.component`, message: `${rate.component} is listed twice.` });
        }
        seen.add(rate.component);
        if (!isDecimal(rate.ratePercent) || Number(rate.ratePercent) < 0 || Number(rate.ratePercent) > 100) {
          fields.push({
            path: `rates.${index}.ratePercent`,
            message: `"${rate.ratePercent}" is not a percentage between 0 and 100.`,
          });
        }
      });
      if (fields.length > 0) {
        return refuse(c, "invalid_fee_rates", `Fee rates not saved: ${fields[0]!.message}`, fields);
      }
      await db.transaction(async (tx) => {
        await tx.delete(schema.feeRates).where(eq(schema.feeRates.shopId, shop.id));
        if (parsed.data.rates.length > 0) {
          await tx.insert(schema.feeRates).values(parsed.data.rates.map((r) => ({ shopId: shop.id, ...r })));
        }
      });
      const rates = await db.select().from(schema.feeRates).where(eq(schema.feeRates.shopId, shop.id));
      return c.json({ rates, components: FEE_COMPONENTS });
    });
}
