import { fileURLToPath } from "node:url";
import type { Database } from "@tts-kit/db";
import { createTestDatabase, postgresTestTarget } from "@tts-kit/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../src/server/db/schema.ts";
import { type Order, refreshMirrorStatistics, upsertOrders } from "../src/server/orders/sync.ts";

const target = await postgresTestTarget("oms orders");
const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

function order(id: string, updateTime: number, sku: string): Order {
  return {
    id,
    status: "AWAITING_SHIPMENT",
    create_time: 100,
    update_time: updateTime,
    user_id: "7494000000000000001",
    buyer_email: "Buyer.One@scs.tiktokw.us",
    payment: { currency: "USD", total_amount: "12.50" },
    recipient_address: { name: "Ada Lovelace", district_info: [] },
    line_items: [
      {
        id: `${id}1`,
        sku_id: "1730000000000000001",
        seller_sku: sku,
        item_tax: [],
        combined_listing_skus: [],
      },
    ],
    packages: [],
  };
}

/**
 * The mirror's single-statement upsert on both engines: the embedded PGlite and a real Postgres
 * (skipped, loudly, when none answers): columns, search terms rewritten with the order, an older
 * copy ignored, and a batch listing one order twice.
 */
for (const kind of ["pglite", "postgres"] as const) {
  describe.skipIf(kind === "postgres" && !target.reachable)(`mirror upsert on ${kind}`, () => {
    let database: Database<typeof schema>;
    beforeAll(async () => {
      database = await createTestDatabase({ kind, migrationsFolder, schema });
    });
    afterAll(() => database?.close());
    const terms = async (orderId: string) =>
      (
        await database.db
          .select({ term: schema.orderSearchTerms.term })
          .from(schema.orderSearchTerms)
          .where(and(eq(schema.orderSearchTerms.shopId, "s1"), eq(schema.orderSearchTerms.orderId, orderId)))
      )
        .map((row) => row.term)
        .sort();
    const row = async (orderId: string) =>
      (await database.db.select().from(schema.orders).where(eq(schema.orders.id, orderId)))[0];

    it("writes the order, its columns and its search terms", async () => {
      await upsertOrders(database.db, "s1", [order("576000000000000001", 200, "TEE-RED-M")], 5);
      expect(await row("576000000000000001")).toMatchObject({
        shopId: "s1",
        status: "AWAITING_SHIPMENT",
        updateTime: 200,
        totalAmount: "12.50",
        buyerName: "Ada Lovelace",
        itemCount: 1,
        syncedAt: 5,
      });
      expect(await terms("576000000000000001")).toEqual(
        [
          "576000000000000001",
          "7494000000000000001",
          "buyer.one@scs.tiktokw.us",
          "ada",
          "lovelace",
          "tee-red-m",
          "1730000000000000001",
        ].sort(),
      );
    });

    it("rewrites the terms with a newer copy and ignores an older one", async () => {
      await upsertOrders(database.db, "s1", [order("576000000000000001", 300, "TEE-BLUE-M")], 6);
      expect(await terms("576000000000000001")).toContain("tee-blue-m");
      expect(await terms("576000000000000001")).not.toContain("tee-red-m");
      await upsertOrders(database.db, "s1", [order("576000000000000001", 250, "TEE-GREEN-M")], 7);
      expect((await row("576000000000000001"))?.updateTime).toBe(300);
      expect(await terms("576000000000000001")).not.toContain("tee-green-m");
    });

    it("keeps the newest of two copies in one batch", async () => {
      await upsertOrders(
        database.db,
        "s1",
        [order("576000000000000002", 400, "MUG-1"), order("576000000000000002", 380, "MUG-0")],
        8,
      );
      expect((await row("576000000000000002"))?.updateTime).toBe(400);
      expect(await terms("576000000000000002")).toContain("mug-1");
      await refreshMirrorStatistics(database.db);
    });
  });
}
