import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../src/server/db/schema.ts";
import { type OrdersFixture, ordersFixture } from "./orders-fixture.ts";
import { listQueries, measureListQueries, seedLargeMirror } from "./orders-scale.ts";

const ORDERS = 10_000;

/**
 * A shop of 10,000 orders stays responsive: every list query the workspace makes (first page, a
 * filtered and sorted view, searches, a deep page, view counts, the summary) answers from the
 * server-side mirror well within a second at the 95th percentile, on the embedded database, on a
 * busy machine. bench/list.bench.ts prints the figures, with more samples.
 */
describe("orders list at 10,000 orders", () => {
  let f: OrdersFixture;
  let shopId: string;
  let buyer: string;
  let sku: string;

  beforeAll(async () => {
    f = await ordersFixture({ ordersPerShop: 150 });
    shopId = f.shopIds[0]!;
    await f.firstImport(shopId);
    await f.oms.database.db.delete(schema.orders).where(eq(schema.orders.shopId, shopId));
    const { templates, buyerOf } = await seedLargeMirror(f, shopId, ORDERS);
    buyer = buyerOf(7);
    sku = templates.find((o) => o.status === "DELIVERED")!.line_items[0]!.seller_sku!;
  }, 180_000);
  afterAll(() => f?.close());

  it("holds 10,000 orders with their search terms", async () => {
    const [row] = await f.oms.database.db
      .select({ n: count() })
      .from(schema.orders)
      .where(eq(schema.orders.shopId, shopId));
    expect(row?.n).toBe(ORDERS);
  });

  it("answers every list query with a p95 under 1 s", async () => {
    const results = await measureListQueries(f, listQueries(shopId, buyer, sku), 20);
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    // The searches find what they should: one buyer's 4 orders, the SKU's delivered orders.
    expect(byName["search by buyer"]!.total).toBe(4);
    expect(byName["search by SKU, in a view"]!.total).toBeGreaterThan(0);
    expect(byName["first page (all orders, newest first)"]!.total).toBe(ORDERS);
    for (const r of results) {
      expect(r.p95, `${r.name}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms`).toBeLessThan(1000);
    }
  });
});
