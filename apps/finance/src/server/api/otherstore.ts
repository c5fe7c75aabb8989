import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { ServerEnv } from "@tts-kit/server";
import { and, eq, gte, lt, notInArray, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { nextDay, startOfDay } from "../accounting/zone.ts";
import * as schema from "../db/schema.ts";
import { type CompareState, compareOrders, parseShopifyOrders, shopifyTime } from "../otherstore/shopify.ts";
import { loadSellerSettings, loadShopSettings } from "../settings.ts";
import { ownedShop, paged, pageQuery, parseDateRange, refuse } from "./common.ts";

type Db = AppDatabase<typeof schema>;

const importBody = z.object({
  content: z.string().min(1, "The file is empty.").max(20_000_000, "The file is larger than 20 MB."),
});
const reportQuery = z.object({
  state: z.enum(["agrees", "differs", "only_tiktok", "only_other"]).optional(),
  ...pageQuery,
});

/** Orders TikTok settles money for; unpaid and cancelled ones are in no other store's books. */
const NOT_BOOKED = ["UNPAID", "CANCELLED", "ON_HOLD"];

/**
 * ACC-R4: the other store's order export (Shopify) and the report per TikTok order of whether both
 * stores have it with the same gross.
 */
export function otherStoreApi(db: Db, auth: Auth, now: () => number) {
  const sellerOf = (c: Context) => (c.var as { seller: { id: string } }).seller.id;
  return new Hono<ServerEnv>()
    .use(auth.requireSeller)
    .post("/:shopId/import", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const body = importBody.safeParse(await c.req.json().catch(() => null));
      if (!body.success) {
        const message = body.error.issues[0]?.message ?? "Send the file's text.";
        return refuse(c, "invalid_orders_file", `Nothing imported: ${message}`);
      }
      const settings = (await loadShopSettings(db, [shop.id])).get(shop.id)!;
      const { orders, errors } = parseShopifyOrders(body.data.content, settings.otherStoreIdPattern);
      if (errors.length > 0) {
        const where = (e: (typeof errors)[number]) =>
          [e.row !== null ? `row ${e.row}` : null, e.column ? `column ${e.column}` : null]
            .filter(Boolean)
            .join(", ");
        const first = errors[0]!;
        return refuse(
          c,
          "invalid_orders_file",
          `Nothing imported: ${where(first) ? `${where(first)}: ` : ""}${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`,
          errors.map((e) => ({ path: where(e) || "file", message: e.message })),
          422,
        );
      }
      await db.transaction(async (tx) => {
        for (let i = 0; i < orders.length; i += 500) {
          await tx
            .insert(schema.otherStoreOrders)
            .values(
              orders.slice(i, i + 500).map((o) => ({
                shopId: shop.id,
                name: o.name,
                tiktokOrderId: o.tiktokOrderId,
                currency: o.currency,
                subtotal: o.subtotal,
                shipping: o.shipping,
                taxes: o.taxes,
                discount: o.discount,
                total: o.total,
                financialStatus: o.financialStatus,
                createdAt: o.createdAt,
                raw: { lineItems: o.lineItems, source: o.source },
                importedAt: now(),
              })),
            )
            // A later export of the same order replaces it.
            .onConflictDoUpdate({
              target: [schema.otherStoreOrders.shopId, schema.otherStoreOrders.name],
              set: {
                tiktokOrderId: sql`excluded.tiktok_order_id`,
                currency: sql`excluded.currency`,
                subtotal: sql`excluded.subtotal`,
                shipping: sql`excluded.shipping`,
                taxes: sql`excluded.taxes`,
                discount: sql`excluded.discount`,
                total: sql`excluded.total`,
                financialStatus: sql`excluded.financial_status`,
                createdAt: sql`excluded.created_at`,
                raw: sql`excluded.raw`,
                importedAt: sql`excluded.imported_at`,
              },
            });
        }
      });
      return c.json({
        imported: orders.length,
        withTikTokId: orders.filter((o) => o.tiktokOrderId).length,
      });
    })
    .get("/:shopId/report", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const dates = parseDateRange(c.req.query(), now());
      if (!dates.ok) return refuse(c, "invalid_date_range", dates.message, dates.fields);
      const query = reportQuery.parse(c.req.query());
      const { timeZone } = await loadSellerSettings(db, sellerOf(c));
      const start = startOfDay(dates.range.from, timeZone);
      const end = startOfDay(nextDay(dates.range.to), timeZone);
      const [tiktok, other, settings] = await Promise.all([
        db
          .select({
            id: schema.orders.id,
            currency: schema.orders.currency,
            total: schema.orders.totalAmount,
            createTime: schema.orders.createTime,
            status: schema.orders.status,
          })
          .from(schema.orders)
          .where(
            and(
              eq(schema.orders.shopId, shop.id),
              gte(schema.orders.createTime, start),
              lt(schema.orders.createTime, end),
              notInArray(schema.orders.status, NOT_BOOKED),
              eq(schema.orders.isSample, false),
            ),
          ),
        db.select().from(schema.otherStoreOrders).where(eq(schema.otherStoreOrders.shopId, shop.id)),
        loadShopSettings(db, [shop.id]),
      ]);
      const inRange = new Set(tiktok.map((o) => o.id));
      const otherIds = other.map((o) => o.tiktokOrderId).filter((id): id is string => id !== null);
      // Every TikTok order the other store names that the shop has at all (in range or not).
      const known = new Set(
        otherIds.length === 0
          ? []
          : (
              await db
                .select({ id: schema.orders.id })
                .from(schema.orders)
                .where(eq(schema.orders.shopId, shop.id))
            )
              .map((o) => o.id)
              .filter((id) => otherIds.includes(id)),
      );
      const relevant = other.filter((o) => {
        if (o.tiktokOrderId && inRange.has(o.tiktokOrderId)) return true;
        const time = o.createdAt ? shopifyTime(o.createdAt) : null;
        return time === null || (time >= start && time < end);
      });
      // Newest TikTok orders first; orders only the other store has (no TikTok time) lead.
      const created = new Map(tiktok.map((o) => [o.id, o.createTime]));
      const time = (row: { tiktokOrderId: string | null }) =>
        (row.tiktokOrderId ? created.get(row.tiktokOrderId) : undefined) ?? Number.MAX_SAFE_INTEGER;
      const rows = compareOrders(tiktok, relevant, known).sort(
        (a, b) => time(b) - time(a) || (a.otherName ?? "").localeCompare(b.otherName ?? ""),
      );
      const summary: Record<CompareState, number> = { agrees: 0, differs: 0, only_tiktok: 0, only_other: 0 };
      for (const row of rows) summary[row.state]++;
      const filtered = query.state ? rows.filter((r) => r.state === query.state) : rows;
      return c.json({
        range: dates.range,
        mode: settings.get(shop.id)!,
        imported: other.length,
        notTikTok: other.filter((o) => !o.tiktokOrderId).length,
        summary,
        rows: paged(filtered, query.page, query.page_size),
      });
    });
}
