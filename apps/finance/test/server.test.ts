import { createDevShop } from "@tts-kit/dev-shop";
import { loadEnv } from "@tts-kit/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadLedger } from "../src/server/accounting/build.ts";
import { DEFAULT_ACCOUNTS } from "../src/server/accounting/ledger.ts";
import { createFinanceServer, type FinanceServer, SYNC_JOBS } from "../src/server/app.ts";
import * as schema from "../src/server/db/schema.ts";
import { financeEnvSchema } from "../src/server/env.ts";
import { reconcile } from "../src/server/reconcile/engine.ts";
import { loadReconciliationInput } from "../src/server/reconcile/load.ts";

const BASE = "http://dev-shop.test";
const APP = {
  appKey: "6finunittest",
  appSecret: "finance-unit-test-secret-0123456789",
  serviceId: "7300000000000000998",
  name: "Finance (unit tests)",
  redirectUrl: "http://finance.test/api/auth/callback",
};

interface ControlStatement {
  id: string;
  statement_time: number;
  settlement_amount: string;
  order_ids: string[];
  transaction_count: number;
}

/**
 * The Finance server against the dev shop in-process, synced by the server package's scheduler:
 * the mirror matches the dev shop's ledger, a second sync fetches only what changed (counted at
 * the dev shop's door), and each discrepancy the dev shop can inject is found.
 */
describe("Finance server against the dev shop", () => {
  const devShop = createDevShop({
    seed: 11,
    tickIntervalMs: 0,
    apps: [APP],
    size: { ordersPerShop: 150, productsPerShop: 10 },
  });
  const calls = new Map<string, number>();
  const endpoint = (path: string) =>
    path
      .replace(/\/statements\/\d+\/statement_transactions/, "/statements/{id}/statement_transactions")
      .replace(/\/orders\/\d+\/statement_transactions/, "/orders/{id}/statement_transactions");
  let finance: FinanceServer;
  let shopIds: string[];

  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await devShop.fetch(
      new Request(`${BASE}/control${path}`, {
        method,
        ...(body ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
      }),
    );
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Runs every sync job of every shop through the scheduler's queue and waits until all are done. */
  async function syncAll(): Promise<void> {
    for (const shopId of shopIds) for (const job of SYNC_JOBS) await finance.sync!.runNow(shopId, job);
    const deadline = Date.now() + 45_000;
    for (;;) {
      const { rows } = await finance.database.sql.query<{ n: string }>(
        "SELECT count(*) AS n FROM pgboss.job WHERE name LIKE 'sync-%' AND state IN ('created', 'retry', 'active')",
      );
      if (Number(rows[0]?.n) === 0) break;
      if (Date.now() > deadline) {
        const { rows: jobs } = await finance.database.sql.query(
          "SELECT name, state, count(*) FROM pgboss.job GROUP BY 1, 2",
        );
        const errors = await Promise.all(shopIds.map((id) => finance.sync!.syncStatus(id)));
        throw new Error(
          `sync did not finish: ${JSON.stringify(jobs)} ${JSON.stringify(errors.map((e) => e.lastError))}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const shopId of shopIds) {
      const status = await finance.sync!.syncStatus(shopId);
      expect(status.lastError, `sync of ${shopId}`).toBeNull();
    }
  }

  const count = (key: string) => calls.get(key) ?? 0;
  const findings = async (shopId: string) =>
    reconcile(await loadReconciliationInput(finance.database.db, shopId, { start: 0, end: 4_000_000_000 }));

  beforeAll(async () => {
    const env = loadEnv(financeEnvSchema, {
      NODE_ENV: "test",
      LOG_LEVEL: "silent",
      APP_URL: "http://finance.test",
      FINANCE_DATA_DIR: "memory",
      FINANCE_SYNC_INTERVAL_SECONDS: "60",
      TIKTOK_APP_KEY: APP.appKey,
      TIKTOK_APP_SECRET: APP.appSecret,
      TIKTOK_SERVICE_ID: APP.serviceId,
      TIKTOK_API_BASE_URL: BASE,
      TIKTOK_AUTH_BASE_URL: BASE,
      TOKEN_ENCRYPTION_KEYS: `t1:${Buffer.alloc(32, 9).toString("base64")}`,
    });
    finance = await createFinanceServer({
      env,
      syncTickSeconds: 0,
      // The dev shop's clock is the app's clock too (the tests move it).
      now: () => devShop.clock.now(),
      fetch: (input, init) => {
        const request = new Request(input, init);
        const key = `${request.method} ${endpoint(new URL(request.url).pathname)}`;
        calls.set(key, (calls.get(key) ?? 0) + 1);
        return devShop.fetch(request);
      },
    });
    const { code } = devShop.control.authorize({ appKey: APP.appKey, sellerEmail: "seller1@dev.shop" });
    shopIds = (await finance.auth.install.connect(code)).shopIds;
    await syncAll();
  });
  afterAll(async () => {
    await finance?.close();
    await devShop.close();
  });

  it("mirrors every statement, payout and settled order of each shop as the dev shop has them", async () => {
    for (const shopId of shopIds) {
      const { statements } = await control<{ statements: ControlStatement[] }>(
        "GET",
        `/finance/shops/${shopId}/statements`,
      );
      const mirrored = await finance.database.db
        .select()
        .from(schema.statements)
        .where(eq(schema.statements.shopId, shopId));
      expect(mirrored.map((s) => [s.id, s.settlementAmount]).sort()).toEqual(
        statements.map((s) => [s.id, s.settlement_amount]).sort(),
      );
      const lines = await finance.database.db
        .select()
        .from(schema.transactions)
        .where(eq(schema.transactions.shopId, shopId));
      expect(lines).toHaveLength(statements.reduce((n, s) => n + s.transaction_count, 0));
      const { payments } = await control<{ payments: Array<{ id: string; amount: string }> }>(
        "GET",
        `/finance/shops/${shopId}/payments`,
      );
      const paid = await finance.database.db
        .select()
        .from(schema.payments)
        .where(eq(schema.payments.shopId, shopId));
      expect(paid.map((p) => [p.id, p.amount]).sort()).toEqual(payments.map((p) => [p.id, p.amount]).sort());
      // Every settled order has its SKU-level detail.
      const settledOrders = new Set(statements.flatMap((s) => s.order_ids));
      const details = await finance.database.db
        .select()
        .from(schema.orderDetails)
        .where(eq(schema.orderDetails.shopId, shopId));
      expect(details.length).toBeGreaterThanOrEqual(settledOrders.size);
    }
  });

  it("finds nothing wrong in an untouched ledger, with the shops' fee rates set", async () => {
    const shops = await control<{ shops: Array<{ id: string; region: string }> }>("GET", "/state/shops");
    for (const shopId of shopIds) {
      const model = await control<{
        fee_model: { commission_field: string; commission_rate: string; transaction_fee_rate: string };
      }>("GET", `/finance/shops/${shopId}`);
      const commission =
        model.fee_model.commission_field === "referral_fee_amount"
          ? "referral_fee_amount"
          : "platform_commission_amount";
      const rates = [
        {
          shopId,
          component: commission,
          ratePercent: String(Number(model.fee_model.commission_rate) * 100),
          basis: "net_sales",
        },
      ];
      if (Number(model.fee_model.transaction_fee_rate) > 0) {
        rates.push({
          shopId,
          component: "transaction_fee_amount",
          ratePercent: String(Number(model.fee_model.transaction_fee_rate) * 100),
          basis: "customer_payment",
        });
      }
      await finance.database.db.insert(schema.feeRates).values(rates);
      const result = await findings(shopId);
      expect(
        result.issues.map((i) => i.message),
        shops.shops.find((s) => s.id === shopId)?.region,
      ).toEqual([]);
      expect(result.summary.ordersSettled).toBeGreaterThan(0);
      expect(result.summary.ordersUnsettled).toBeGreaterThan(0);
    }
  });

  it("a second sync fetches only what changed: no transactions or order details when nothing did", async () => {
    calls.clear();
    await syncAll();
    expect(count("GET /finance/202309/statements")).toBe(shopIds.length);
    expect(count("GET /finance/202501/statements/{id}/statement_transactions")).toBe(0);
    expect(count("GET /finance/202501/orders/{id}/statement_transactions")).toBe(0);

    // The next day closes: only the new statements' transactions, and only newly settled orders.
    const { statements: fresh } = await control<{
      statements: Array<ControlStatement & { shop_id: string }>;
    }>("POST", "/finance/next-statement", { days: 3 });
    calls.clear();
    await syncAll();
    const mine = fresh.filter((s) => shopIds.includes(s.shop_id) && s.transaction_count > 0);
    expect(mine.length).toBeGreaterThan(0);
    expect(count("GET /finance/202501/statements/{id}/statement_transactions")).toBe(mine.length);
    expect(count("GET /finance/202501/orders/{id}/statement_transactions")).toBe(
      new Set(mine.flatMap((s) => s.order_ids)).size,
    );
  });

  it("flags each discrepancy injected at the dev shop: fee overcharge, statement total, payment amount, missing order", async () => {
    const [shopId] = shopIds as [string];
    const { statements } = await control<{ statements: ControlStatement[] }>(
      "GET",
      `/finance/shops/${shopId}/statements`,
    );
    const withOrders = statements.filter((s) => s.order_ids.length > 0);
    const target = withOrders.at(-2)!;
    const overcharged = target.order_ids[0]!;
    const missing = withOrders.at(-3)!.order_ids[0]!;
    await control("POST", "/finance/faults/fee-overcharge", {
      shop_id: shopId,
      order_id: overcharged,
      fee: "referral",
      amount: "4.00",
    });
    await control("POST", "/finance/faults/statement-total", {
      shop_id: shopId,
      statement_id: target.id,
      delta: "5.00",
    });
    const { payments } = await control<{ payments: Array<{ id: string }> }>(
      "GET",
      `/finance/shops/${shopId}/payments`,
    );
    const payment = payments.at(-1)!;
    await control("POST", "/finance/faults/payment-amount", {
      shop_id: shopId,
      payment_id: payment.id,
      delta: "-3.00",
    });
    await control("POST", "/finance/faults/unsettled-order", { shop_id: shopId, order_id: missing });
    // Faults on settled statements change their amounts: the usual sync window re-reads them only
    // when they are in it, so the seller's "sync now" covers the history here by a wide window.
    await finance.database.db
      .update(schema.syncCursors)
      .set({ syncedUntil: devShop.clock.now() - 200 * 86_400 })
      .where(eq(schema.syncCursors.shopId, shopId));
    await syncAll();
    const issues = (await findings(shopId)).issues;
    const kinds = (kind: string) => issues.filter((i) => i.kind === kind);
    expect(kinds("fee_overcharged").map((i) => [i.orderId, i.difference])).toContainEqual([
      overcharged,
      "4.00",
    ]);
    expect(kinds("statement_total_mismatch").map((i) => [i.statementId, i.difference])).toContainEqual([
      target.id,
      "5.00",
    ]);
    expect(kinds("payment_reserve_mismatch").map((i) => [i.paymentId, i.difference])).toContainEqual([
      payment.id,
      "-3.00",
    ]);
    expect(kinds("order_missing").map((i) => i.orderId)).toContain(missing);
    const [row] = await finance.database.db
      .select()
      .from(schema.transactions)
      .where(and(eq(schema.transactions.shopId, shopId), eq(schema.transactions.orderId, missing)));
    expect(row).toBeUndefined();
  });

  it("adds the default account of a newer line kind to a chart saved before it existed", async () => {
    const { db } = finance.database;
    const sellerId = "seller-with-an-older-chart";
    const older = DEFAULT_ACCOUNTS.filter((a) => a.code !== "1230" && a.code !== "1240");
    await db.insert(schema.ledgerAccounts).values(older.map((a) => ({ sellerId, ...a })));
    const ledger = await loadLedger(db, sellerId);
    const codes = new Set(ledger.accounts.map((a) => a.code));
    expect(codes.has("1230") && codes.has("1240")).toBe(true);
    for (const code of Object.values(ledger.mapping)) expect(codes, `mapped account ${code}`).toContain(code);
    expect(ledger.accounts.map((a) => a.code)).toEqual([...codes].sort());
  });

  it("purges a disconnected shop's finance data and stops its sync", async () => {
    const shopId = shopIds[1]!;
    const [{ sellerId } = { sellerId: "" }] = await finance.database.db
      .select({ sellerId: schema.shops.sellerId })
      .from(schema.shops)
      .where(eq(schema.shops.id, shopId));
    await finance.auth.connections.disconnect(sellerId, shopId);
    for (const table of schema.shopTables) {
      const rows = await finance.database.db.select().from(table).where(eq(table.shopId, shopId));
      expect(rows).toHaveLength(0);
    }
    const cursors = await finance.database.db
      .select()
      .from(schema.syncCursors)
      .where(eq(schema.syncCursors.shopId, shopId));
    expect(cursors).toHaveLength(0);
  });
});
