import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DevShop } from "../../src/app.ts";
import { authorizedToken, BASE, call, envelope, testShop } from "../platform/helpers.ts";
import { type Json, minor, obj, sumOf } from "./finance-helpers.ts";

/**
 * The finance control API (what a finance app's tests rely on): read-only views that agree with
 * the Open API, the four injected discrepancies, bad input refused without a change, the clock
 * shortcut to the next daily close, and Seller Center › Finance.
 */

const DAY = 86_400;

let devShop: DevShop;
beforeEach(() => {
  devShop = testShop();
});
afterEach(() => devShop.close());

async function control(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await devShop.fetch(
    new Request(`${BASE}/control${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    }),
  );
  return { status: res.status, json: (await res.json()) as Json };
}

async function ok(method: string, path: string, body?: unknown): Promise<Json> {
  const answer = await control(method, path, body);
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json;
}

function usShopId(): string {
  return devShop.control.shops().find((s) => s.region === "US")!.id;
}

async function api(path: string, query: Record<string, string> = {}) {
  const { accessToken, shops } = await authorizedToken(devShop);
  const us = shops.find((s) => s.region === "US")!;
  const res = await call(devShop, { path, query: { shop_cipher: us.cipher, ...query }, token: accessToken });
  const answer = await envelope(res);
  expect(answer.code, answer.message).toBe(0);
  return answer.data as Json;
}

const statementsView = async (shopId: string) =>
  (await ok("GET", `/finance/shops/${shopId}/statements`)).statements as Json[];
const paymentsView = async (shopId: string) =>
  (await ok("GET", `/finance/shops/${shopId}/payments`)).payments as Json[];

/** A statement that settled at least one order, with the order id. */
async function settledOrder(shopId: string): Promise<{ statement: Json; orderId: string }> {
  const statements = await statementsView(shopId);
  const statement = [...statements].reverse().find((s) => (s.order_ids as string[]).length > 0)!;
  return { statement, orderId: (statement.order_ids as string[])[0]! };
}

function orderWith(shopId: string, status: string, noReturns = false): string {
  const data = devShop.store.commerce.shops[shopId]!;
  const returned = new Set(Object.values(data.returns).map((r) => r.orderId));
  const order = Object.values(data.orders).find(
    (o) => o.status === status && !o.isSampleOrder && (!noReturns || !returned.has(o.id)),
  );
  if (!order) throw new Error(`no ${status} order`);
  return order.id;
}

/** Statement totals equal their lines and every payment equals settlement + reserve of its statements. */
async function expectConsistent(shopId: string) {
  const statements = await statementsView(shopId);
  for (const s of statements) expect(s.settlement_amount).toBe(s.transactions_settlement_amount);
  for (const p of await paymentsView(shopId)) {
    const covered = statements.filter((s) => s.payment_id === p.id);
    expect(minor(p.settlement_amount)).toBe(sumOf(covered, "settlement_amount"));
    expect(minor(p.reserve_amount)).toBe(sumOf(covered, "reserve_amount"));
    expect(minor(p.amount_before_exchange)).toBe(minor(p.settlement_amount) + minor(p.reserve_amount));
  }
}

describe("finance control API: views", () => {
  it("lists the finance routes and shows the shop's fee model", async () => {
    const routes = (await ok("GET", "")).routes as string[];
    expect(routes).toEqual(
      expect.arrayContaining([
        "POST /control/finance/faults/fee-overcharge",
        "POST /control/finance/next-statement",
      ]),
    );
    const us = await ok("GET", `/finance/shops/${usShopId()}`);
    expect(us).toMatchObject({ currency: "USD", payout_currency: "USD" });
    expect(obj(us.fee_model)).toMatchObject({
      commission_field: "referral_fee_amount",
      commission_rate: "0.0600",
      transaction_fee_rate: "0.0290",
      refund_administration_rate: "0.2000",
      reserve_days: 14,
    });
    const xb = devShop.control.shops().find((s) => s.sellerType === "CROSS_BORDER")!;
    expect(await ok("GET", `/finance/shops/${xb.id}`)).toMatchObject({
      currency: "GBP",
      payout_currency: "USD",
    });
    expect(Number(us.next_statement_time) % DAY).toBe(0);
  });

  it("agrees with the Open API on statements, payments and an order's settlement", async () => {
    const shopId = usShopId();
    const statements = await statementsView(shopId);
    const listed = (
      await api("/finance/202309/statements", { sort_field: "statement_time", page_size: "100" })
    ).statements as Json[];
    expect(statements.slice(0, 100).map((s) => [s.id, s.settlement_amount, s.payment_id || ""])).toEqual(
      listed.map((s) => [s.id, s.settlement_amount, s.payment_id]),
    );
    const payments = await paymentsView(shopId);
    const paid = (await api("/finance/202309/payments", { sort_field: "create_time", page_size: "100" }))
      .payments as Json[];
    expect(payments.slice(0, 100).map((p) => [p.id, p.amount, p.status])).toEqual(
      paid.map((p) => [p.id, obj(p.amount).value, p.status]),
    );
    const { statement, orderId } = await settledOrder(shopId);
    const detail = await ok("GET", `/finance/shops/${shopId}/statements/${statement.id}`);
    expect((detail.transactions as Json[]).length).toBe(statement.transaction_count);
    const order = await ok("GET", `/finance/shops/${shopId}/orders/${orderId}`);
    expect(order).toMatchObject({ settled: true, statement_id: statement.id, withheld: false });
    const byOrder = await api(`/finance/202501/orders/${orderId}/statement_transactions`);
    expect(obj(order.settlement).settlement_amount).toBe(byOrder.settlement_amount);
    const withdrawals = (await ok("GET", `/finance/shops/${shopId}/withdrawals`)).withdrawals as Json[];
    expect(withdrawals.filter((w) => w.type === "WITHDRAW")).toHaveLength(payments.length);
  });
});

describe("finance control API: fault injection", () => {
  it("overcharges a fee on a settled order and keeps the statement and the payment adding up", async () => {
    const shopId = usShopId();
    const { statement, orderId } = await settledOrder(shopId);
    const before = await api(`/finance/202309/orders/${orderId}/statement_transactions`);
    const result = await ok("POST", "/finance/faults/fee-overcharge", {
      shop_id: shopId,
      order_id: orderId,
      fee: "referral",
      amount: "1.50",
    });
    expect(result).toMatchObject({
      order_id: orderId,
      field: "referral_fee_amount",
      settled: true,
      statement_id: statement.id,
    });
    expect(minor(obj(result.after).settlement_amount)).toBe(
      minor(obj(result.before).settlement_amount) - 150,
    );
    const after = await api(`/finance/202309/orders/${orderId}/statement_transactions`);
    const [was, is] = [before, after].map((d) => (d.statement_transactions as Json[])[0]!);
    expect(minor(is!.referral_fee_amount)).toBe(minor(was!.referral_fee_amount) - 150);
    expect(minor(is!.settlement_amount)).toBe(minor(was!.settlement_amount) - 150);
    const updated = (await statementsView(shopId)).find((s) => s.id === statement.id)!;
    expect(minor(updated.settlement_amount)).toBe(minor(statement.settlement_amount) - 150);
    await expectConsistent(shopId);
  });

  it("overcharges the label of an order not settled yet when it settles", async () => {
    const shopId = usShopId();
    const orderId = orderWith(shopId, "DELIVERED", true);
    const estimate = await ok("GET", `/finance/shops/${shopId}/orders/${orderId}`);
    expect(estimate.settled).toBe(false);
    const result = await ok("POST", "/finance/faults/fee-overcharge", {
      shop_id: shopId,
      order_id: orderId,
      fee: "shipping",
      amount: "2.25",
    });
    expect(result).toMatchObject({ settled: false, statement_id: null, field: "fbm_shipping_cost_amount" });
    await ok("POST", "/clock/advance", { seconds: 17 * DAY });
    const settled = await ok("GET", `/finance/shops/${shopId}/orders/${orderId}`);
    expect(settled.settled).toBe(true);
    expect(minor(obj(settled.settlement).settlement_amount)).toBe(
      minor(obj(estimate.settlement).settlement_amount) - 225,
    );
    expect(minor(obj(settled.settlement).shipping_cost_amount)).toBe(
      minor(obj(estimate.settlement).shipping_cost_amount) - 225,
    );
    await expectConsistent(shopId);
  });

  it("makes a statement total disagree with its transactions, and the payment pay what the statement says", async () => {
    const shopId = usShopId();
    const statement = (await statementsView(shopId)).find((s) => s.payment_id !== null)!;
    const result = await ok("POST", "/finance/faults/statement-total", {
      shop_id: shopId,
      statement_id: statement.id,
      delta: "5.00",
    });
    expect(result).toMatchObject({
      statement_id: statement.id,
      field: "settlement_amount",
      before: statement.settlement_amount,
      transactions_sum: statement.settlement_amount,
    });
    expect(minor(result.after)).toBe(minor(statement.settlement_amount) + 500);
    const listed = (
      await api("/finance/202309/statements", {
        sort_field: "statement_time",
        statement_time_ge: String(statement.statement_time),
        statement_time_lt: String(Number(statement.statement_time) + 1),
      })
    ).statements as Json[];
    expect(listed[0]!.settlement_amount).toBe(result.after);
    const lines = await api(`/finance/202501/statements/${statement.id}/statement_transactions`, {
      sort_field: "order_create_time",
      page_size: "100",
    });
    expect(minor(lines.total_settlement_amount)).toBe(minor(result.after));
    const sum = sumOf(
      (lines.transactions as Json[]).filter((tx) => tx.type !== "RESERVE"),
      "settlement_amount",
    );
    expect(sum).toBe(minor(statement.settlement_amount));
    const payment = (await paymentsView(shopId)).find((p) => p.id === statement.payment_id)!;
    const covered = (await statementsView(shopId)).filter((s) => s.payment_id === payment.id);
    expect(minor(payment.settlement_amount)).toBe(sumOf(covered, "settlement_amount"));
    const fee = await ok("POST", "/finance/faults/statement-total", {
      shop_id: shopId,
      statement_id: statement.id,
      field: "fee_amount",
      delta: "-0.40",
    });
    expect(minor(fee.after)).toBe(minor(fee.transactions_sum) - 40);
  });

  it("makes a payment's amount differ from settlement + reserve", async () => {
    const shopId = usShopId();
    const payment = (await paymentsView(shopId)).at(-3)!;
    const result = await ok("POST", "/finance/faults/payment-amount", {
      shop_id: shopId,
      payment_id: payment.id,
      delta: "-3.00",
    });
    expect(result).toMatchObject({
      payment_id: payment.id,
      before: payment.amount_before_exchange,
      settlement_amount: payment.settlement_amount,
      reserve_amount: payment.reserve_amount,
    });
    expect(minor(result.after)).toBe(minor(payment.amount_before_exchange) - 300);
    const listed = (
      await api("/finance/202309/payments", {
        sort_field: "create_time",
        create_time_ge: String(payment.create_time),
        create_time_lt: String(Number(payment.create_time) + 1),
      })
    ).payments as Json[];
    const wire = listed[0]!;
    expect(minor(obj(wire.amount).value)).toBe(
      minor(obj(wire.settlement_amount).value) + minor(obj(wire.reserve_amount).value) - 300,
    );
  });

  it("leaves a completed order out of every statement for good", async () => {
    const shopId = usShopId();
    const { statement, orderId } = await settledOrder(shopId);
    const result = await ok("POST", "/finance/faults/unsettled-order", {
      shop_id: shopId,
      order_id: orderId,
    });
    expect(result).toMatchObject({
      order_id: orderId,
      order_status: "COMPLETED",
      removed_from_statement: statement.id,
    });
    const expected = Number(result.expected_settlement_time);
    expect(expected).toBe(statement.statement_time);
    const after = await ok("GET", `/finance/shops/${shopId}/statements/${statement.id}`);
    expect(after.order_ids).not.toContain(orderId);
    expect((after.transactions as Json[]).some((tx) => tx.associated_order_id === orderId)).toBe(false);
    await expectConsistent(shopId);
    await ok("POST", "/finance/next-statement", { days: 3 });
    for (const s of await statementsView(shopId)) expect(s.order_ids).not.toContain(orderId);
    const view = await ok("GET", `/finance/shops/${shopId}/orders/${orderId}`);
    expect(view).toMatchObject({ settled: false, withheld: true });
    const created = devShop.store.commerce.shops[shopId]!.orders[orderId]!.createTime;
    const unsettled = (
      await api("/finance/202507/orders/unsettled", {
        sort_field: "order_create_time",
        search_time_ge: String(created),
        search_time_lt: String(created + 1),
      })
    ).transactions as Json[];
    const found = unsettled.find((tx) => tx.order_id === orderId);
    expect(Number(found?.estimated_settlement)).toBe(expected);
    expect(expected).toBeLessThan(devShop.clock.now());
  });

  it("keeps a delivered order unsettled past its expected settlement", async () => {
    const shopId = usShopId();
    const orderId = orderWith(shopId, "DELIVERED", true);
    const result = await ok("POST", "/finance/faults/unsettled-order", {
      shop_id: shopId,
      order_id: orderId,
    });
    expect(result.removed_from_statement).toBeNull();
    await ok("POST", "/clock/advance", { seconds: 17 * DAY });
    const view = await ok("GET", `/finance/shops/${shopId}/orders/${orderId}`);
    expect(view).toMatchObject({ order_status: "COMPLETED", settled: false, withheld: true });
    expect(Number(view.expected_settlement_time)).toBeLessThan(devShop.clock.now());
    for (const s of await statementsView(shopId)) expect(s.order_ids).not.toContain(orderId);
  });

  it("refuses bad input with 400 and a clear error, changing nothing", async () => {
    const shopId = usShopId();
    const { statement, orderId } = await settledOrder(shopId);
    const payment = (await paymentsView(shopId))[0]!;
    const waiting = orderWith(shopId, "AWAITING_SHIPMENT");
    const before = JSON.stringify(devShop.store.commerce.finance);
    const cases: Array<[string, unknown, RegExp]> = [
      [
        "fee-overcharge",
        { shop_id: "nope", order_id: orderId, fee: "referral", amount: "1.00" },
        /Unknown shop nope/,
      ],
      [
        "fee-overcharge",
        { shop_id: shopId, order_id: "576400", fee: "referral", amount: "1.00" },
        /Unknown order 576400/,
      ],
      ["fee-overcharge", { shop_id: shopId, order_id: orderId, fee: "vat", amount: "1.00" }, /fee/],
      [
        "fee-overcharge",
        { shop_id: shopId, order_id: orderId, fee: "referral", amount: "1.234" },
        /amount must be a decimal string in USD/,
      ],
      [
        "fee-overcharge",
        { shop_id: shopId, order_id: orderId, fee: "referral", amount: "-1" },
        /amount must be greater than 0/,
      ],
      ["fee-overcharge", { shop_id: shopId, order_id: orderId, fee: "referral" }, /amount/],
      [
        "fee-overcharge",
        { shop_id: shopId, order_id: waiting, fee: "referral", amount: "1.00" },
        /no order transaction/,
      ],
      ["statement-total", { shop_id: shopId, statement_id: "7230", delta: "1.00" }, /Unknown statement 7230/],
      [
        "statement-total",
        { shop_id: shopId, statement_id: statement.id, field: "tax", delta: "1.00" },
        /field/,
      ],
      [
        "statement-total",
        { shop_id: shopId, statement_id: statement.id, delta: "0.00" },
        /delta must be other than 0/,
      ],
      ["payment-amount", { shop_id: shopId, payment_id: "3458", delta: "1.00" }, /Unknown payment 3458/],
      [
        "payment-amount",
        { shop_id: shopId, payment_id: payment.id, delta: "one" },
        /delta must be a decimal string/,
      ],
      [
        "payment-amount",
        { shop_id: shopId, payment_id: payment.id, delta: "1.00", extra: 1 },
        /extra|unrecognized/i,
      ],
      ["unsettled-order", { shop_id: shopId, order_id: waiting }, /only a DELIVERED or COMPLETED order/],
      ["unsettled-order", "{not json", /not valid JSON/],
    ];
    for (const [route, body, message] of cases) {
      const answer = await control("POST", `/finance/faults/${route}`, body);
      expect(answer.status, `${route} ${JSON.stringify(body)}`).toBe(400);
      expect(String(answer.json.error)).toMatch(message);
    }
    expect((await control("GET", "/finance/shops/nope/statements")).status).toBe(400);
    expect((await control("GET", `/finance/shops/${shopId}/statements/123`)).json.error).toMatch(
      /Unknown statement/,
    );
    expect((await control("POST", "/finance/next-statement", { days: 0 })).status).toBe(400);
    expect(JSON.stringify(devShop.store.commerce.finance)).toBe(before);
  });

  it("moves the clock to the next daily closes and returns the statements generated", async () => {
    const now = devShop.clock.now();
    const first = Math.floor(now / DAY) * DAY + DAY;
    const result = await ok("POST", "/finance/next-statement", { days: 2 });
    expect(result.now).toBeGreaterThanOrEqual(first + DAY + 60);
    expect(result.now).toBeLessThan(first + DAY + 120);
    const created = result.statements as Json[];
    expect(created.length).toBeGreaterThan(0);
    for (const s of created) expect([first, first + DAY]).toContain(s.statement_time);
    const shopIds = new Set(devShop.control.shops().map((s) => s.id));
    for (const s of created) expect(shopIds.has(String(s.shop_id))).toBe(true);
  });
});

describe("Seller Center › Finance", () => {
  async function session(email: string) {
    const res = await devShop.fetch(
      new Request(`${BASE}/seller-center/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email, password: "devshop", next: "/seller-center/finance" }),
      }),
    );
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
    return async (path: string) => {
      const page = await devShop.fetch(new Request(`${BASE}${path}`, { headers: { cookie } }));
      return { status: page.status, text: await page.text() };
    };
  }

  it("shows the seller's statements, payments with the bank account, and withdrawals, and no other seller's", async () => {
    const get = await session("seller1@dev.shop");
    const us = devShop.control.shops().find((s) => s.region === "US")!;
    const xb = devShop.control.shops().find((s) => s.sellerType === "CROSS_BORDER")!;
    const statements = await statementsView(us.id);
    const payments = await paymentsView(us.id);
    const page = await get(`/seller-center/finance?shop_id=${us.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('aria-current="page">Finance');
    const latest = statements.at(-1)!;
    expect(page.text).toContain(String(latest.id));
    expect(page.text).toContain(`<strong>${latest.settlement_amount}</strong>`);
    expect(page.text).toContain(String(payments.at(-1)!.bank_account));
    expect(page.text).toContain(`${payments.at(-1)!.amount} USD`);
    expect(page.text).toContain("SETTLE");
    const detail = await get(`/seller-center/finance/statements/${latest.id}`);
    expect(detail.status).toBe(200);
    for (const id of latest.order_ids as string[]) expect(detail.text).toContain(id);
    // Another seller's shop or statement is never shown.
    const xbStatement = (await statementsView(xb.id)).at(-1)!;
    expect((await get(`/seller-center/finance/statements/${xbStatement.id}`)).status).toBe(404);
    const picked = await get(`/seller-center/finance?shop_id=${xb.id}`);
    expect(picked.text).not.toContain(String(xbStatement.id));
    expect(picked.text).toContain(String(latest.id));
  });
});
