import { fileURLToPath } from "node:url";
import { type Database, openDatabase } from "@tts-kit/db";
import type { SyncWindow } from "@tts-kit/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as schema from "../src/server/db/schema.ts";
import { ordersSync, unsettledSync } from "../src/server/sync/orders.ts";
import { paymentsSync } from "../src/server/sync/payouts.ts";
import { statementsSync } from "../src/server/sync/statements.ts";
import { emptyData, type FakeData, type FakeTransaction, fakeFinance } from "./support/fake-finance.ts";

const SHOP = "7000000000000000001";
const DAY = 86_400;
const T0 = 1_767_225_600; // 2026-01-01 00:00 UTC

function orderLine(orderId: string, settlement: string): FakeTransaction {
  return {
    id: `9${orderId}`,
    type: "ORDER",
    order_id: orderId,
    order_create_time: T0 - 10 * DAY,
    revenue_amount: settlement,
    shipping_cost_amount: "0.00",
    fee_tax_amount: "0.00",
    adjustment_amount: "0.00",
    settlement_amount: settlement,
  };
}

function window(start: number, end: number, saved: string[] = [], cursor?: string): SyncWindow {
  return { start, end, cursor, checkpoint: async (c: string) => void saved.push(c) };
}

describe("incremental finance sync (fake TikTok)", () => {
  let database: Database<typeof schema>;
  let data: FakeData;
  let fake: ReturnType<typeof fakeFinance>;
  const now = () => T0 + 30 * DAY;

  beforeAll(async () => {
    database = await openDatabase({
      migrationsFolder: fileURLToPath(new URL("../drizzle", import.meta.url)),
      schema,
    });
  });
  afterAll(async () => database?.close());

  beforeEach(async () => {
    for (const table of schema.shopTables) await database.db.delete(table);
    data = emptyData();
    for (let day = 1; day <= 3; day++) {
      const id = `70000000000000000${day}0`;
      data.statements.push({
        id,
        statement_time: T0 + day * DAY,
        currency: "USD",
        settlement_amount: "30.00",
        payment_id: `P${day}`,
        payment_status: day < 3 ? "PAID" : "PROCESSING",
      });
      data.transactions[id] = [
        orderLine(`50000000000000${day}01`, "10.00"),
        orderLine(`50000000000000${day}02`, "20.00"),
      ];
    }
    fake = fakeFinance(data);
  });

  const run = (start: number, end: number) =>
    statementsSync(database.db, async () => fake.client, now)({ id: SHOP }, window(start, end));

  it("fetches statements, their transactions and each settled order's SKU detail once", async () => {
    await run(T0, T0 + 10 * DAY);
    expect(fake.count("statements")).toBe(1);
    expect(fake.count("statementTransactions")).toBe(3);
    expect(fake.count("orderTransactions")).toBe(6);
    const rows = await database.db
      .select()
      .from(schema.transactions)
      .where(eq(schema.transactions.shopId, SHOP));
    expect(rows).toHaveLength(6);
    const skus = await database.db.select().from(schema.orderSkus);
    expect(skus).toHaveLength(6);
  });

  it("a second sync fetches only what changed: new statements, and SKU detail of newly settled orders", async () => {
    await run(T0, T0 + 10 * DAY);
    fake.reset();
    // Nothing changed: the statement list only (re-read from the oldest unpaid statement).
    await run(T0 + 10 * DAY - 300, T0 + 11 * DAY);
    expect(fake.count("statements")).toBe(1);
    expect(fake.count("statementTransactions")).toBe(0);
    expect(fake.count("orderTransactions")).toBe(0);

    // The unpaid statement is paid (its lines unchanged), and a new statement arrives with one new
    // order and a refund line of an order settled before.
    fake.reset();
    data.statements[2]!.payment_status = "PAID";
    data.statements.push({
      id: "70000000000000000990",
      statement_time: T0 + 11 * DAY,
      currency: "USD",
      settlement_amount: "5.00",
      payment_id: "P9",
      payment_status: "PROCESSING",
    });
    data.transactions["70000000000000000990"] = [
      orderLine("50000000000000901", "7.00"),
      { ...orderLine("50000000000000101", "-2.00"), id: "91" },
    ];
    await run(T0 + 11 * DAY - 300, T0 + 12 * DAY);
    expect(fake.count("statements")).toBe(1);
    expect(fake.count("statementTransactions")).toBe(1);
    // The new order, and the order settled again by the refund line: nothing else.
    expect(fake.count("orderTransactions")).toBe(2);
    const [paid] = await database.db
      .select()
      .from(schema.statements)
      .where(and(eq(schema.statements.shopId, SHOP), eq(schema.statements.id, data.statements[2]!.id)));
    expect(paid?.paymentStatus).toBe("PAID");
  });

  it("refetches a statement's transactions when its amounts change", async () => {
    await run(T0, T0 + 10 * DAY);
    fake.reset();
    data.statements[0]!.settlement_amount = "31.00";
    data.transactions[data.statements[0]!.id]!.push({ ...orderLine("50000000000000777", "1.00") });
    await run(T0, T0 + 10 * DAY);
    expect(fake.count("statementTransactions")).toBe(1);
    expect(fake.count("orderTransactions")).toBe(1);
    const lines = await database.db
      .select()
      .from(schema.transactions)
      .where(eq(schema.transactions.statementId, data.statements[0]!.id));
    expect(lines).toHaveLength(3);
  });

  it("saves its page cursor with the window start and resumes from it", async () => {
    for (let i = 0; i < 150; i++) {
      data.statements.push({
        id: `71${String(i).padStart(17, "0")}`,
        statement_time: T0 + 4 * DAY + i,
        currency: "USD",
        settlement_amount: "0.00",
        payment_status: "PAID",
      });
    }
    const saved: string[] = [];
    await statementsSync(
      database.db,
      async () => fake.client,
      now,
    )({ id: SHOP }, window(T0, T0 + 10 * DAY, saved));
    expect(saved).toEqual([`${T0}:100`]);
    fake.reset();
    await statementsSync(
      database.db,
      async () => fake.client,
      now,
    )({ id: SHOP }, window(T0, T0 + 10 * DAY, [], saved[0]));
    // Resumed at the second page: one call for the remaining 53 statements, nothing refetched.
    expect(fake.count("statements")).toBe(1);
    expect(fake.count("statementTransactions")).toBe(0);
  });

  it("re-reads payments still processing, and keeps estimates that left TikTok's list as history", async () => {
    data.payments.push(
      { id: "P1", create_time: T0 + DAY, status: "PAID", amount: { value: "30.00", currency: "USD" } },
      {
        id: "P2",
        create_time: T0 + 2 * DAY,
        status: "PROCESSING",
        amount: { value: "30.00", currency: "USD" },
      },
    );
    const payments = paymentsSync(database.db, async () => fake.client, now);
    await payments({ id: SHOP }, window(T0, T0 + 3 * DAY));
    data.payments[1]!.status = "PAID";
    // A later window that does not cover P2's creation still re-reads it, because it was processing.
    await payments({ id: SHOP }, window(T0 + 5 * DAY, T0 + 6 * DAY));
    const [p2] = await database.db.select().from(schema.payments).where(eq(schema.payments.id, "P2"));
    expect(p2?.status).toBe("PAID");

    data.unsettled.push(
      { id: "U1", type: "ORDER", order_id: "501", currency: "USD", est_settlement_amount: "9.00" },
      { id: "U2", type: "ORDER", order_id: "502", currency: "USD", est_settlement_amount: "8.00" },
    );
    const estimates = unsettledSync(database.db, async () => fake.client, now);
    await estimates({ id: SHOP }, window(0, 1));
    data.unsettled.shift();
    await estimates({ id: SHOP }, window(0, 1));
    const rows = await database.db.select().from(schema.unsettled).where(eq(schema.unsettled.shopId, SHOP));
    expect(rows.map((r) => [r.id, r.current]).sort()).toEqual([
      ["U1", false],
      ["U2", true],
    ]);

    data.orders.push({
      id: "501",
      status: "DELIVERED",
      create_time: T0,
      update_time: T0 + DAY,
      delivery_time: T0 + DAY,
    });
    await ordersSync(database.db, async () => fake.client, now)({ id: SHOP }, window(T0, T0 + 2 * DAY));
    const [order] = await database.db.select().from(schema.orders).where(eq(schema.orders.id, "501"));
    expect(order?.deliveryTime).toBe(T0 + DAY);
  });
});
