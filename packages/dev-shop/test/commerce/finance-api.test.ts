import { contract } from "@tts-kit/tiktok-shop/contract";
import { afterAll, describe, expect, it } from "vitest";
import { authorizedToken, call, envelope, testShop } from "../platform/helpers.ts";
import { type Json, minor, obj, sumOf } from "./finance-helpers.ts";

/**
 * The finance endpoints through the real gateway: signed requests, tokens, ciphers, the contract's
 * parameter validation, and the handlers' paging, sorting, windows and error codes.
 */

const violations: string[] = [];
const devShop = testShop({
  onContractViolation: (endpoint, message) => violations.push(`${endpoint}: ${message}`),
});
afterAll(() => devShop.close());
const seller1 = await authorizedToken(devShop, "seller1@dev.shop");
const seller2 = await authorizedToken(devShop, "seller2@dev.shop");
const us = seller1.shops.find((s) => s.region === "US")!;
const gb = seller1.shops.find((s) => s.region === "GB")!;
const xb = seller2.shops.find((s) => s.sellerType === "CROSS_BORDER")!;

type Who = { token: string; cipher: string };
const asUs: Who = { token: seller1.accessToken, cipher: us.cipher };
const asGb: Who = { token: seller1.accessToken, cipher: gb.cipher };
const asXb: Who = { token: seller2.accessToken, cipher: xb.cipher };

async function get(path: string, query: Record<string, string | number> = {}, who: Who = asUs) {
  const q = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const res = await call(devShop, { path, query: { shop_cipher: who.cipher, ...q }, token: who.token });
  return { status: res.status, ...(await envelope(res)) };
}

async function data(
  path: string,
  query: Record<string, string | number> = {},
  who: Who = asUs,
): Promise<Json> {
  const answer = await get(path, query, who);
  expect(answer.code, answer.message).toBe(0);
  return answer.data as Json;
}

async function walk(path: string, items: string, query: Record<string, string | number>, who: Who = asUs) {
  const all: Json[] = [];
  let token = "";
  let pages = 0;
  do {
    const page = await data(path, { ...query, ...(token ? { page_token: token } : {}) }, who);
    all.push(...(page[items] as Json[]));
    token = String(page.next_page_token ?? "");
    pages++;
  } while (token !== "" && pages < 500);
  return { all, pages };
}

const STATEMENTS = "/finance/202309/statements";
const PAYMENTS = "/finance/202309/payments";
const WITHDRAWALS = "/finance/202309/withdrawals";
const UNSETTLED = "/finance/202507/orders/unsettled";
const byStatement = (version: string, id: string) =>
  `/finance/${version}/statements/${id}/statement_transactions`;
const byOrder = (version: string, id: string) => `/finance/${version}/orders/${id}/statement_transactions`;

const statementsOf = async (who: Who) =>
  (await walk(STATEMENTS, "statements", { sort_field: "statement_time", page_size: 100 }, who)).all;

describe("finance endpoints through the gateway", () => {
  it("answers every finance endpoint in both shapes within the contract, for local and cross-border shops", async () => {
    for (const who of [asUs, asGb, asXb]) {
      let id = "";
      let orderId = "";
      for (const statement of (await statementsOf(who)).reverse()) {
        id = String(statement.id);
        const v2 = await data(
          byStatement("202501", id),
          { sort_field: "order_create_time", page_size: 100 },
          who,
        );
        expect(contract.finance.getStatementTransactions202501.response.safeParse(v2).success).toBe(true);
        orderId = String((v2.transactions as Json[]).find((tx) => tx.type === "ORDER")?.order_id ?? "");
        if (orderId) break;
      }
      expect(orderId).not.toBe("");
      const answers: Array<{ success: boolean }> = [
        contract.finance.getStatements.response.safeParse(
          await data(STATEMENTS, { sort_field: "statement_time" }, who),
        ),
        contract.finance.getPayments.response.safeParse(
          await data(PAYMENTS, { sort_field: "create_time" }, who),
        ),
        contract.finance.getWithdrawals.response.safeParse(
          await data(WITHDRAWALS, { types: "SETTLE,WITHDRAW" }, who),
        ),
        contract.finance.getUnsettledTransactions.response.safeParse(
          await data(UNSETTLED, { sort_field: "order_create_time" }, who),
        ),
      ];
      answers.push(
        contract.finance.getOrderStatementTransactions202501.response.safeParse(
          await data(byOrder("202501", orderId), {}, who),
        ),
      );
      if (who !== asXb) {
        answers.push(
          contract.finance.getStatementTransactions.response.safeParse(
            await data(byStatement("202309", id), { sort_field: "order_create_time" }, who),
          ),
          contract.finance.getOrderStatementTransactions.response.safeParse(
            await data(byOrder("202309", orderId), {}, who),
          ),
        );
      }
      for (const answer of answers) expect(answer.success).toBe(true);
    }
    expect(violations).toEqual([]);
  });

  it("pages statements with page_token in either order, without gaps or repeats", async () => {
    const all = await statementsOf(asUs);
    expect(all.length).toBeGreaterThan(30);
    const small = await walk(STATEMENTS, "statements", { sort_field: "statement_time", page_size: 7 });
    expect(small.pages).toBe(Math.ceil(all.length / 7));
    expect(small.all.map((s) => s.id)).toEqual(all.map((s) => s.id));
    const times = all.map((s) => Number(s.statement_time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const desc = await walk(STATEMENTS, "statements", {
      sort_field: "statement_time",
      sort_order: "DESC",
      page_size: 9,
    });
    expect(desc.all.map((s) => s.id)).toEqual(all.map((s) => s.id).reverse());
    const first = await data(STATEMENTS, { sort_field: "statement_time" });
    expect(first.statements as Json[]).toHaveLength(20);
  });

  it("filters statements by statement_time [ge, lt) and by payment status", async () => {
    const all = await statementsOf(asUs);
    const t = Number(all[5]!.statement_time);
    const one = await data(STATEMENTS, {
      sort_field: "statement_time",
      statement_time_ge: t,
      statement_time_lt: t + 1,
    });
    expect((one.statements as Json[]).map((s) => s.id)).toEqual([all[5]!.id]);
    const after = await walk(STATEMENTS, "statements", {
      sort_field: "statement_time",
      statement_time_ge: t + 1,
      page_size: 100,
    });
    expect(after.all.map((s) => s.id)).toEqual(all.slice(6).map((s) => s.id));
    const before = await walk(STATEMENTS, "statements", {
      sort_field: "statement_time",
      statement_time_lt: t,
      page_size: 100,
    });
    expect(before.all.map((s) => s.id)).toEqual(all.slice(0, 5).map((s) => s.id));
    const processing = await walk(STATEMENTS, "statements", {
      sort_field: "statement_time",
      payment_status: "PROCESSING",
      page_size: 100,
    });
    expect(processing.all.map((s) => s.id)).toEqual(
      all.filter((s) => s.payment_status === "PROCESSING").map((s) => s.id),
    );
    expect(processing.all.length).toBeGreaterThan(0);
    const failed = await data(STATEMENTS, { sort_field: "statement_time", payment_status: "FAILED" });
    expect(failed.statements).toEqual([]);
  });

  it("refuses bad statement queries with 36009004 and a message naming the parameter", async () => {
    const cases: Array<[Record<string, string | number>, RegExp]> = [
      [{}, /SortField is a required field/],
      [{ sort_field: "create_time" }, /sort_field/],
      [{ sort_field: "statement_time", sort_order: "UP" }, /sort_order/],
      [{ sort_field: "statement_time", page_size: 0 }, /page_size/],
      [{ sort_field: "statement_time", page_size: 101 }, /page_size/],
      [{ sort_field: "statement_time", payment_status: "DONE" }, /payment_status/],
      [{ sort_field: "statement_time", statement_time_ge: "yesterday" }, /statement_time_ge/],
      [
        { sort_field: "statement_time", statement_time_ge: 1_780_000_000, statement_time_lt: 1_780_000_000 },
        /statement_time_ge must be earlier than statement_time_lt/,
      ],
      [{ sort_field: "statement_time", page_token: "not-a-token" }, /page_token/],
    ];
    for (const [query, message] of cases) {
      const answer = await get(STATEMENTS, query);
      expect(answer.code, JSON.stringify(query)).toBe(36009004);
      expect(answer.status).toBe(400);
      expect(answer.message).toMatch(message);
      expect(answer.data).toBeNull();
    }
    // A cursor belongs to its query: reusing it with another sort order is refused.
    const page = await data(STATEMENTS, { sort_field: "statement_time", page_size: 2 });
    const reused = await get(STATEMENTS, {
      sort_field: "statement_time",
      sort_order: "DESC",
      page_size: 2,
      page_token: String(page.next_page_token),
    });
    expect(reused.code).toBe(36009004);
    const noCipher = await call(devShop, {
      path: STATEMENTS,
      query: { sort_field: "statement_time" },
      token: seller1.accessToken,
    });
    expect((await envelope(noCipher)).code).toBe(106013);
  });

  it("pages and filters payments by create_time", async () => {
    const all = (await walk(PAYMENTS, "payments", { sort_field: "create_time", page_size: 100 })).all;
    expect(all.length).toBeGreaterThan(20);
    const small = await walk(PAYMENTS, "payments", {
      sort_field: "create_time",
      sort_order: "DESC",
      page_size: 6,
    });
    expect(small.all.map((p) => p.id)).toEqual(all.map((p) => p.id).reverse());
    const t = Number(all[3]!.create_time);
    const window = await data(PAYMENTS, {
      sort_field: "create_time",
      create_time_ge: t,
      create_time_lt: t + 1,
    });
    expect((window.payments as Json[]).map((p) => p.id)).toEqual([all[3]!.id]);
    expect((await get(PAYMENTS, { sort_field: "statement_time" })).code).toBe(36009004);
    expect((await get(PAYMENTS, {})).message).toMatch(/SortField is a required field/);
    const inverted = await get(PAYMENTS, {
      sort_field: "create_time",
      create_time_ge: t,
      create_time_lt: t - 1,
    });
    expect(inverted.message).toMatch(/create_time_ge must be earlier than create_time_lt/);
  });

  it("lists withdrawals by type, newest first, with total_count", async () => {
    expect((await get(WITHDRAWALS, {})).message).toMatch(/Types is a required field/);
    expect((await get(WITHDRAWALS, { types: "SETTLE,PAYOUT" })).code).toBe(36009004);
    const settle = await walk(WITHDRAWALS, "withdrawals", { types: "SETTLE", page_size: 100 });
    const both = await walk(WITHDRAWALS, "withdrawals", { types: "SETTLE,WITHDRAW", page_size: 13 });
    expect(settle.all.every((w) => w.type === "SETTLE" && w.status === "SUCCESS")).toBe(true);
    expect(both.all.length).toBeGreaterThan(settle.all.length);
    const first = await data(WITHDRAWALS, { types: "SETTLE,WITHDRAW", page_size: 13 });
    expect(first.total_count).toBe(both.all.length);
    const times = both.all.map((w) => Number(w.create_time));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(both.all.map((w) => w.id)).size).toBe(both.all.length);
    expect(await data(WITHDRAWALS, { types: "TRANSFER,REVERSE" })).toMatchObject({
      withdrawals: [],
      total_count: 0,
    });
  });

  it("pages a statement's transactions by order_create_time in both versions", async () => {
    const statements = await statementsOf(asUs);
    const busiest = (
      await Promise.all(
        statements.slice(-30).map(async (s) => {
          const page = await data(byStatement("202501", String(s.id)), {
            sort_field: "order_create_time",
            page_size: 1,
          });
          return { s, count: Number(page.total_count) };
        }),
      )
    ).sort((a, b) => b.count - a.count)[0]!;
    expect(busiest.count).toBeGreaterThan(4);
    const id = String(busiest.s.id);
    for (const [version, items] of [
      ["202501", "transactions"],
      ["202309", "statement_transactions"],
    ] as const) {
      const all = await walk(byStatement(version, id), items, {
        sort_field: "order_create_time",
        page_size: 100,
      });
      const paged = await walk(byStatement(version, id), items, {
        sort_field: "order_create_time",
        page_size: 2,
      });
      expect(paged.all.map((tx) => tx.id)).toEqual(all.all.map((tx) => tx.id));
      const times = all.all.map((tx) => Number(tx.order_create_time));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const desc = await walk(byStatement(version, id), items, {
        sort_field: "order_create_time",
        sort_order: "DESC",
        page_size: 3,
      });
      expect(desc.all.map((tx) => tx.id)).toEqual(all.all.map((tx) => tx.id).reverse());
      const first = await data(byStatement(version, id), { sort_field: "order_create_time", page_size: 2 });
      expect(first.total_count).toBe(all.all.length);
      expect(minor(first[version === "202501" ? "total_settlement_amount" : "settlement_amount"])).toBe(
        sumOf(
          all.all.filter((tx) => tx.type !== "RESERVE"),
          "settlement_amount",
        ),
      );
      expect((await get(byStatement(version, id), {})).message).toMatch(/SortField is a required field/);
    }
  });

  it("refuses unknown and other shops' statements and orders, and 202309 lines for cross-border shops", async () => {
    const xbStatement = String((await statementsOf(asXb))[0]!.id);
    for (const version of ["202309", "202501"]) {
      for (const id of ["7230999999999999999", xbStatement]) {
        const answer = await get(byStatement(version, id), { sort_field: "order_create_time" });
        expect(answer.code).toBe(36009004);
        expect(answer.status).toBe(400);
        expect(answer.message).toContain(`statement_id ${id} does not exist`);
      }
      const otherOrder = Object.keys(devShop.store.commerce.shops[xb.id]!.orders)[0]!;
      for (const id of ["576499999999999999", otherOrder]) {
        const answer = await get(byOrder(version, id));
        expect(answer.code).toBe(21008111);
      }
    }
    const crossBorder = await get(
      byStatement("202309", xbStatement),
      { sort_field: "order_create_time" },
      asXb,
    );
    expect(crossBorder.code).toBe(21008106);
    const xbOrder = Object.keys(devShop.store.commerce.shops[xb.id]!.orders)[0]!;
    expect((await get(byOrder("202309", xbOrder), {}, asXb)).code).toBe(21008106);
    expect((await get(byOrder("202501", xbOrder), {}, asXb)).code).toBe(0);
  });

  it("pages unsettled transactions with their sums over the whole search window", async () => {
    const all = await walk(UNSETTLED, "transactions", { sort_field: "order_create_time", page_size: 100 });
    expect(all.all.length).toBeGreaterThan(50);
    const paged = await walk(UNSETTLED, "transactions", {
      sort_field: "order_create_time",
      sort_order: "DESC",
      page_size: 17,
    });
    expect(paged.all.map((tx) => tx.id)).toEqual(all.all.map((tx) => tx.id).reverse());
    const first = await data(UNSETTLED, { sort_field: "order_create_time", page_size: 17 });
    expect(first.total_count).toBe(all.all.length);
    expect(minor(first.sum_est_settlement_amount)).toBe(sumOf(all.all, "est_settlement_amount"));
    const times = all.all.map((tx) => Number(tx.order_create_time));
    const middle = times[Math.floor(times.length / 2)]!;
    const older = await walk(UNSETTLED, "transactions", {
      sort_field: "order_create_time",
      search_time_lt: middle,
      page_size: 100,
    });
    expect(older.all.map((tx) => tx.id)).toEqual(
      all.all.filter((tx) => Number(tx.order_create_time) < middle).map((tx) => tx.id),
    );
    const newer = await data(UNSETTLED, {
      sort_field: "order_create_time",
      search_time_ge: middle,
      page_size: 100,
    });
    expect(minor(newer.sum_est_revenue_amount)).toBe(
      sumOf(
        all.all.filter((tx) => Number(tx.order_create_time) >= middle),
        "est_revenue_amount",
      ),
    );
    const inverted = await get(UNSETTLED, {
      sort_field: "order_create_time",
      search_time_ge: middle,
      search_time_lt: middle,
    });
    expect(inverted.code).toBe(36009004);
    expect(inverted.message).toMatch(/search_time_ge must be earlier than search_time_lt/);
    expect((await get(UNSETTLED, { sort_field: "statement_time" })).code).toBe(36009004);
    for (const tx of all.all) {
      expect(obj(tx).status).toBe("UNSETTLED");
      expect(tx.currency).toBe("USD");
    }
  });
});
