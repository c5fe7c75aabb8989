import { type Auth, shopNotFound } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { ServerEnv } from "@tts-kit/server";
import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import * as schema from "../db/schema.ts";

const listQuery = z.object({
  status: z
    .string()
    .regex(/^[A-Z_]+$/)
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * The order workspace's API over the local mirror. Every route first proves the shop belongs to
 * the signed-in seller (a foreign shop id is answered as if it did not exist).
 */
export function ordersApi(db: AppDatabase<typeof schema>, auth: Auth) {
  return new Hono<ServerEnv>().use(auth.requireSeller).get("/:shopId", async (c) => {
    const shopId = c.req.param("shopId");
    // Ownership check: a shop of another seller throws a 404; a disconnected one of this seller is
    // answered the same way, since its data is gone.
    const shop = await auth.connections.get(c.var.seller.id, shopId);
    if (shop.status !== "connected") throw shopNotFound();
    const query = listQuery.parse(c.req.query());
    const where: SQL[] = [eq(schema.orders.shopId, shopId)];
    if (query.status) where.push(eq(schema.orders.status, query.status));
    const [rows, [{ total } = { total: 0 }]] = await Promise.all([
      db
        .select({
          id: schema.orders.id,
          status: schema.orders.status,
          createTime: schema.orders.createTime,
          updateTime: schema.orders.updateTime,
          totalAmount: schema.orders.totalAmount,
          currency: schema.orders.currency,
        })
        .from(schema.orders)
        .where(and(...where))
        .orderBy(desc(schema.orders.createTime))
        .limit(query.page_size)
        .offset((query.page - 1) * query.page_size),
      db
        .select({ total: count() })
        .from(schema.orders)
        .where(and(...where)),
    ]);
    return c.json({ orders: rows, total, page: query.page, pageSize: query.page_size });
  });
}
