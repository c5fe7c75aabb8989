import { type Auth, shopNotFound } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { ServerEnv } from "@tts-kit/server";
import { orderStatus } from "@tts-kit/tiktok-shop/contract";
import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import * as schema from "../db/schema.ts";
import { orderDetail } from "./detail.ts";
import { FBT, type Order, queryTerms } from "./mirror.ts";
import { lateDispatch, shipByState } from "./sla.ts";
import { VIEW_IDS, VIEW_LABELS, viewCondition } from "./views.ts";

const o = schema.orders;
const terms = schema.orderSearchTerms;

/** The deepest page served: 10,000 orders at the largest page size is page 20; far more is room. */
const MAX_PAGE = 100_000;
/** A search of more words than this is not a search a seller types. */
const MAX_QUERY_TERMS = 6;
/** Tracking events are cached this long; "Refresh" asks TikTok again at once. */
const TRACKING_TTL_SECONDS = 10 * 60;

const listQuery = z.object({
  view: z.enum(VIEW_IDS).default("all"),
  status: z.enum(orderStatus.options).optional(),
  q: z.string().trim().max(200, "Search for at most 200 characters.").optional(),
  sort: z.enum(["created", "updated", "ship_by"]).default("created"),
  order: z.enum(["asc", "desc"]).optional(),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(50),
});

const orderIdParam = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, "An order id is letters and digits.");

function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Orders whose search terms start with every word of the query (indexed prefix lookups). */
function searchCondition(shopId: string, query: string): SQL | undefined {
  const words = queryTerms(query).slice(0, MAX_QUERY_TERMS);
  if (words.length === 0) return undefined;
  return and(
    ...words.map((word) =>
      inArray(
        o.id,
        sql`(select ${terms.orderId} from ${terms} where ${terms.shopId} = ${shopId} and ${terms.term} like ${`${escapeLike(word)}%`})`,
      ),
    ),
  );
}

function sortOf(sort: "created" | "updated" | "ship_by", order: "asc" | "desc" | undefined): SQL[] {
  // Ship-by: most urgent first by default; dates: newest first. Orders without a deadline last.
  const direction = order ?? (sort === "ship_by" ? "asc" : "desc");
  const by = direction === "asc" ? asc : desc;
  const column = sort === "created" ? o.createTime : sort === "updated" ? o.updateTime : o.shipBy;
  const nulls = sort === "ship_by" ? [sql`${o.shipBy} is null`] : [];
  return [...nulls, by(column), by(o.id)];
}

/**
 * The orders workspace's API over the local mirror: the list (saved views, search, sort, paging,
 * all on the server), view counts, the shop's summary (late dispatch rate, last 30 days), the order
 * detail, and on-demand tracking and price detail from TikTok, cached. Every route first proves the
 * shop belongs to the signed-in seller (a foreign shop id is answered as if it did not exist).
 */
export function ordersApi(db: AppDatabase<typeof schema>, auth: Auth, now: () => number) {
  const connectedShop = async (sellerId: string, shopId: string) => {
    // A disconnected shop of this seller is answered like a foreign one, since its data is gone.
    const shop = await auth.connections.get(sellerId, shopId);
    if (shop.status !== "connected") throw shopNotFound();
    return shop;
  };
  const mirrored = async (shopId: string, orderId: string) => {
    const [row] = await db
      .select()
      .from(o)
      .where(and(eq(o.shopId, shopId), eq(o.id, orderId)));
    if (!row) {
      throw new HTTPException(404, {
        message: `Order ${orderId} is not in this shop's orders. If it was placed moments ago, it appears within a minute.`,
      });
    }
    return row;
  };

  return new Hono<ServerEnv>()
    .use(auth.requireSeller)
    .get("/:shopId", async (c) => {
      const shopId = c.req.param("shopId");
      await connectedShop(c.var.seller.id, shopId);
      const query = listQuery.parse(c.req.query());
      const at = now();
      const where = and(
        eq(o.shopId, shopId),
        viewCondition(query.view, at),
        query.status ? eq(o.status, query.status) : undefined,
        query.q ? searchCondition(shopId, query.q) : undefined,
      );
      const [rows, [{ total } = { total: 0 }]] = await Promise.all([
        db
          .select({
            id: o.id,
            status: o.status,
            createTime: o.createTime,
            updateTime: o.updateTime,
            paidTime: o.paidTime,
            shipBy: o.shipBy,
            onHoldUntil: o.onHoldUntil,
            shippedAt: o.shippedAt,
            fulfillmentType: o.fulfillmentType,
            isSample: o.isSample,
            isOnHoldOrder: o.isOnHoldOrder,
            buyerName: o.buyerName,
            buyerUserId: o.buyerUserId,
            itemCount: o.itemCount,
            itemsSummary: o.itemsSummary,
            totalAmount: o.totalAmount,
            currency: o.currency,
            trackingNumber: sql<string | null>`nullif(${o.raw}->>'tracking_number', '')`,
          })
          .from(o)
          // The page's ids first, then their rows: a deep page skips thousands of orders, and only
          // the rows shown should pay for reading the stored order (the tracking number).
          .where(
            and(
              eq(o.shopId, shopId),
              inArray(
                o.id,
                db
                  .select({ id: o.id })
                  .from(o)
                  .where(where)
                  .orderBy(...sortOf(query.sort, query.order))
                  .limit(query.page_size)
                  .offset((query.page - 1) * query.page_size),
              ),
            ),
          )
          .orderBy(...sortOf(query.sort, query.order)),
        db.select({ total: count() }).from(o).where(where),
      ]);
      return c.json({
        orders: rows.map((row) => ({
          ...row,
          fulfilledByTikTok: row.fulfillmentType === FBT,
          shipByState: shipByState(row, at),
        })),
        total,
        page: query.page,
        pageSize: query.page_size,
        now: at,
      });
    })
    .get("/:shopId/views", async (c) => {
      const shopId = c.req.param("shopId");
      await connectedShop(c.var.seller.id, shopId);
      const at = now();
      const counts = Object.fromEntries(
        VIEW_IDS.map((view) => {
          const condition = viewCondition(view, at);
          return [
            view,
            (condition ? sql<number>`count(*) filter (where ${condition})` : sql<number>`count(*)`).mapWith(
              Number,
            ),
          ];
        }),
      );
      const [row] = await db.select(counts).from(o).where(eq(o.shopId, shopId));
      return c.json({
        views: VIEW_IDS.map((view) => ({
          id: view,
          label: VIEW_LABELS[view],
          count: Number(row?.[view] ?? 0),
        })),
      });
    })
    .get("/:shopId/summary", async (c) => {
      const shopId = c.req.param("shopId");
      await connectedShop(c.var.seller.id, shopId);
      const at = now();
      const dispatch = await lateDispatch(db, shopId, at);
      // Reporting includes FBT orders: they are the shop's sales too, only shipped by TikTok.
      const since = at - 30 * 86_400;
      const sold = and(
        eq(o.shopId, shopId),
        sql`${o.createTime} >= ${since}`,
        sql`${o.status} not in ('UNPAID', 'CANCELLED')`,
      );
      const [[totals], sales] = await Promise.all([
        db
          .select({
            orders: count(),
            fbt: sql<number>`count(*) filter (where ${o.fulfillmentType} = ${FBT})`.mapWith(Number),
            samples: sql<number>`count(*) filter (where ${o.isSample})`.mapWith(Number),
          })
          .from(o)
          .where(sold),
        db
          .select({
            currency: o.currency,
            // numeric keeps the decimal strings exact; malformed amounts count as nothing.
            amount: sql<string>`coalesce(sum(case when ${o.totalAmount} ~ '^-?[0-9]+([.][0-9]+)?$' then ${o.totalAmount}::numeric end), 0)::text`,
          })
          .from(o)
          .where(sold)
          .groupBy(o.currency),
      ]);
      return c.json({
        from: since,
        to: at,
        orders: totals?.orders ?? 0,
        fulfilledByTikTok: totals?.fbt ?? 0,
        samples: totals?.samples ?? 0,
        sales: sales.filter((s) => s.currency !== null),
        lateDispatch: dispatch,
      });
    })
    .get("/:shopId/:orderId", async (c) => {
      const shopId = c.req.param("shopId");
      await connectedShop(c.var.seller.id, shopId);
      const orderId = orderIdParam.parse(c.req.param("orderId"));
      const row = await mirrored(shopId, orderId);
      return c.json({ order: orderDetail(row.raw as Order, now()), syncedAt: row.syncedAt });
    })
    .get("/:shopId/:orderId/tracking", async (c) => {
      const shopId = c.req.param("shopId");
      // Proves the seller owns the shop and it is connected (404 otherwise).
      const client = await auth.connections.shopClient(c.var.seller.id, shopId);
      const orderId = orderIdParam.parse(c.req.param("orderId"));
      const row = await mirrored(shopId, orderId);
      if (row.shippedAt === null) {
        return c.json({ events: [], fetchedAt: null, cached: false, shipped: false });
      }
      const at = now();
      const refresh = c.req.query("refresh") === "1";
      const cached = await lookup(db, shopId, orderId, "tracking");
      if (cached && !refresh && cached.fetchedAt > at - TRACKING_TTL_SECONDS) {
        return c.json({
          ...(cached.data as object),
          fetchedAt: cached.fetchedAt,
          cached: true,
          shipped: true,
        });
      }
      const { tracking } = await client.fulfillment.getTracking({ params: { order_id: orderId } });
      const events = tracking
        .map((event) => ({
          description: event.description ?? "",
          // TikTok gives milliseconds here, unlike everywhere else.
          time: event.update_time_millis === undefined ? null : Math.floor(event.update_time_millis / 1000),
        }))
        .sort((a, b) => (b.time ?? 0) - (a.time ?? 0));
      await store(db, shopId, orderId, "tracking", { events }, row.updateTime, at);
      return c.json({ events, fetchedAt: at, cached: false, shipped: true });
    })
    .get("/:shopId/:orderId/price-detail", async (c) => {
      const shopId = c.req.param("shopId");
      // Proves the seller owns the shop and it is connected (404 otherwise).
      const client = await auth.connections.shopClient(c.var.seller.id, shopId);
      const orderId = orderIdParam.parse(c.req.param("orderId"));
      const row = await mirrored(shopId, orderId);
      const cached = await lookup(db, shopId, orderId, "price_detail");
      // The price of an order changes only with the order (a cancelled line, a changed fee).
      if (cached && cached.orderUpdateTime >= row.updateTime) {
        return c.json({ priceDetail: cached.data, fetchedAt: cached.fetchedAt, cached: true });
      }
      const at = now();
      const detail = await client.order.getPriceDetail({ params: { order_id: orderId } });
      await store(db, shopId, orderId, "price_detail", detail, row.updateTime, at);
      return c.json({ priceDetail: detail, fetchedAt: at, cached: false });
    });
}

async function lookup(db: AppDatabase<typeof schema>, shopId: string, orderId: string, kind: string) {
  const l = schema.orderLookups;
  const [row] = await db
    .select()
    .from(l)
    .where(and(eq(l.shopId, shopId), eq(l.orderId, orderId), eq(l.kind, kind)));
  return row;
}

async function store(
  db: AppDatabase<typeof schema>,
  shopId: string,
  orderId: string,
  kind: string,
  data: unknown,
  orderUpdateTime: number,
  fetchedAt: number,
) {
  const l = schema.orderLookups;
  await db
    .insert(l)
    .values({ shopId, orderId, kind, data, orderUpdateTime, fetchedAt })
    .onConflictDoUpdate({
      target: [l.shopId, l.orderId, l.kind],
      set: { data, orderUpdateTime, fetchedAt },
    });
}
