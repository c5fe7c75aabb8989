import { type Handler, type HandlerContext, ok } from "../handler.ts";
import { attempt, codes, messages, raise, raiseInvalid } from "./errors.ts";
import { sumComponents, totalsOf } from "./finance-fees.ts";
import { findStatement, statementPaymentStatus, unsettledItems } from "./finance-ledger.ts";
import {
  type LedgerStatement,
  type LedgerTransaction,
  type ShopFinance,
  shopFinance,
} from "./finance-model.ts";
import {
  render202309OrderShare,
  render202309Statement,
  render202309StatementHeader,
  render202309Transaction,
  render202501Sku,
  render202501StatementHeader,
  render202501Transaction,
  renderPayment,
  renderUnsettled,
  renderWithdrawal,
} from "./finance-view.ts";
import { fromMinor } from "./money.ts";
import { pageSize, paginate, sortByKey } from "./paging.ts";
import { idList, num, str } from "./params.ts";
import { requireOrder, shopOf } from "./shop-data.ts";
import type { ShopCommerce } from "./state.ts";

/** Finance endpoints (reference §2): statements, payments, withdrawals, transactions, estimates. */

/** Finance pages: 20 by default, at most 100 (the gateway has range-checked page_size). */
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;
/** Get Unsettled Transactions only knows transactions created after 2025-01-01 00:00 UTC. */
const UNSETTLED_EPOCH = 1_735_689_600;

function ledgerOf(ctx: HandlerContext): { shop: ShopCommerce; ledger: ShopFinance } {
  const shop = shopOf(ctx);
  return { shop, ledger: shopFinance(ctx.store.commerce, shop) };
}

/**
 * A `[ge, lt)` window. A missing lower bound means the beginning, a missing upper bound means now
 * (as documented); a window that ends before it starts is refused rather than silently empty.
 */
function timeWindow(
  ctx: HandlerContext,
  field: string,
  earliest: number,
): { ge: number; lt: number; asked: [number | null, number | null] } {
  const ge = num(ctx.query[`${field}_ge`]);
  const lt = num(ctx.query[`${field}_lt`]);
  // `asked` identifies the query for page tokens: "until now" must not change between pages.
  const window = {
    ge: ge ?? earliest,
    lt: lt ?? ctx.now + 1,
    asked: [ge ?? null, lt ?? null] as [number | null, number | null],
  };
  if (ge !== undefined && lt !== undefined && ge >= lt) {
    raiseInvalid(`${field}_ge must be earlier than ${field}_lt.`);
  }
  return window;
}

function descending(ctx: HandlerContext): boolean {
  return str(ctx.query.sort_order) === "DESC";
}

/** Transactions of the by-statement and unsettled endpoints sort by order_create_time, then id. */
function transactionPage<T extends { id: string; orderCreateTime: number }>(
  ctx: HandlerContext,
  items: T[],
  query: unknown,
) {
  const desc = descending(ctx);
  const key = (item: T) => ({ value: item.orderCreateTime, id: item.id });
  return paginate(sortByKey(items, key, desc), {
    pageSize: pageSize(ctx.query.page_size, DEFAULT_PAGE, MAX_PAGE),
    token: str(ctx.query.page_token),
    descending: desc,
    key,
    query,
  });
}

function requireStatement(ledger: ShopFinance, id: string): LedgerStatement {
  const statement = findStatement(ledger, id);
  if (!statement) raiseInvalid(`statement_id ${id} does not exist in this shop.`);
  return statement;
}

/** The 202309 transaction endpoints are documented for UK and US local sellers only. */
function requireLocalSeller(shop: ShopCommerce): void {
  if (shop.sellerType !== "LOCAL" || (shop.region !== "US" && shop.region !== "GB")) {
    raise(codes.regionUnsupported, messages.regionUnsupported);
  }
}

const getStatements: Handler = (ctx) =>
  attempt(() => {
    const { shop, ledger } = ledgerOf(ctx);
    const window = timeWindow(ctx, "statement_time", 0);
    const status = str(ctx.query.payment_status);
    const matching = ledger.statements.filter(
      (statement) =>
        statement.time >= window.ge &&
        statement.time < window.lt &&
        (status === undefined || statementPaymentStatus(ledger, statement) === status),
    );
    const desc = descending(ctx);
    const key = (statement: LedgerStatement) => ({ value: statement.time, id: statement.id });
    const page = paginate(sortByKey(matching, key, desc), {
      pageSize: pageSize(ctx.query.page_size, DEFAULT_PAGE, MAX_PAGE),
      token: str(ctx.query.page_token),
      descending: desc,
      key,
      query: { window: window.asked, status, desc },
    });
    return ok({
      statements: page.items.map((statement) => render202309Statement(shop, ledger, statement)),
      next_page_token: page.nextPageToken,
    });
  });

const getPayments: Handler = (ctx) =>
  attempt(() => {
    const { ledger } = ledgerOf(ctx);
    const window = timeWindow(ctx, "create_time", 0);
    const matching = ledger.payments.filter(
      (payment) => payment.createTime >= window.ge && payment.createTime < window.lt,
    );
    const desc = descending(ctx);
    const key = (payment: (typeof matching)[number]) => ({ value: payment.createTime, id: payment.id });
    const page = paginate(sortByKey(matching, key, desc), {
      pageSize: pageSize(ctx.query.page_size, DEFAULT_PAGE, MAX_PAGE),
      token: str(ctx.query.page_token),
      descending: desc,
      key,
      query: { window: window.asked, desc },
    });
    return ok({
      payments: page.items.map((payment) => renderPayment(ledger, payment)),
      next_page_token: page.nextPageToken,
    });
  });

/** Newest first: the endpoint has no sort parameters (unconfirmed which order TikTok uses). */
const getWithdrawals: Handler = (ctx) =>
  attempt(() => {
    const { ledger } = ledgerOf(ctx);
    const window = timeWindow(ctx, "create_time", 0);
    const types = idList(ctx.query.types) ?? [];
    const matching = ledger.withdrawals.filter(
      (withdrawal) =>
        types.includes(withdrawal.type) &&
        withdrawal.createTime >= window.ge &&
        withdrawal.createTime < window.lt,
    );
    const key = (withdrawal: (typeof matching)[number]) => ({
      value: withdrawal.createTime,
      id: withdrawal.id,
    });
    const page = paginate(sortByKey(matching, key, true), {
      pageSize: pageSize(ctx.query.page_size, DEFAULT_PAGE, MAX_PAGE),
      token: str(ctx.query.page_token),
      descending: true,
      key,
      query: { window: window.asked, types: [...types].sort() },
    });
    return ok({
      withdrawals: page.items.map((withdrawal) => renderWithdrawal(ledger, withdrawal)),
      total_count: page.totalCount,
      next_page_token: page.nextPageToken,
    });
  });

const getStatementTransactions: Handler = (ctx) =>
  attempt(() => {
    const { shop, ledger } = ledgerOf(ctx);
    requireLocalSeller(shop);
    const statement = requireStatement(ledger, String(ctx.params.statement_id));
    // Reserve movements exist from 202501 on; the 202309 list has orders and adjustments only.
    const lines = statement.transactions.filter((tx) => tx.type !== "RESERVE");
    const page = transactionPage(ctx, lines, { statement: statement.id, desc: descending(ctx) });
    return ok({
      ...render202309StatementHeader(shop, ledger, statement),
      total_count: page.totalCount,
      next_page_token: page.nextPageToken,
      statement_transactions: page.items.map((tx) => render202309Transaction(ledger, tx)),
    });
  });

const getStatementTransactions202501: Handler = (ctx) =>
  attempt(() => {
    const { ledger } = ledgerOf(ctx);
    const statement = requireStatement(ledger, String(ctx.params.statement_id));
    const page = transactionPage(ctx, statement.transactions, {
      statement: statement.id,
      desc: descending(ctx),
    });
    return ok({
      ...render202501StatementHeader(ledger, statement),
      total_count: page.totalCount,
      next_page_token: page.nextPageToken,
      transactions: page.items.map((tx) => render202501Transaction(ledger, tx)),
    });
  });

/** The order's settled transaction and its statement, if it has settled. */
function settledShare(
  ledger: ShopFinance,
  orderId: string,
): { statement: LedgerStatement; tx: LedgerTransaction } | null {
  const statementId = ledger.settledOrders[orderId];
  const statement = statementId === undefined ? undefined : findStatement(ledger, statementId);
  const tx = statement?.transactions.find((line) => line.type === "ORDER" && line.orderId === orderId);
  return statement && tx ? { statement, tx } : null;
}

const getOrderStatementTransactions: Handler = (ctx) =>
  attempt(() => {
    const { shop, ledger } = ledgerOf(ctx);
    requireLocalSeller(shop);
    const order = requireOrder(shop, String(ctx.params.order_id));
    const share = settledShare(ledger, order.id);
    return ok({
      order_id: order.id,
      order_create_time: order.createTime,
      statement_transactions: share ? [render202309OrderShare(ledger, share.statement, share.tx)] : [],
    });
  });

const getOrderStatementTransactions202501: Handler = (ctx) =>
  attempt(() => {
    const { shop, ledger } = ledgerOf(ctx);
    const order = requireOrder(shop, String(ctx.params.order_id));
    const share = settledShare(ledger, order.id);
    const skus = share?.tx.skus ?? [];
    const totals = totalsOf(sumComponents(skus.map((sku) => sku.amounts)));
    const money = (minor: number) => fromMinor(minor, ledger.currency);
    return ok({
      order_id: order.id,
      order_create_time: order.createTime,
      currency: ledger.currency,
      revenue_amount: money(totals.netSales),
      shipping_cost_amount: money(totals.shippingCost),
      fee_and_tax_amount: money(totals.fee + totals.tax),
      settlement_amount: money(totals.settlement),
      total_count: skus.length,
      sku_transactions: share
        ? skus.map((sku) => render202501Sku(ledger.currency, share.statement.id, sku))
        : [],
    });
  });

const getUnsettledTransactions: Handler = (ctx) =>
  attempt(() => {
    const { shop, ledger } = ledgerOf(ctx);
    const window = timeWindow(ctx, "search_time", UNSETTLED_EPOCH);
    const matching = unsettledItems(shop, ledger, ctx.now).filter(
      (item) =>
        item.orderCreateTime >= Math.max(window.ge, UNSETTLED_EPOCH) && item.orderCreateTime < window.lt,
    );
    const sums = { settlement: 0, revenue: 0, fee: 0, adjustment: 0 };
    for (const item of matching) {
      const t = totalsOf(item.components);
      sums.settlement += t.settlement;
      sums.revenue += t.netSales;
      sums.fee += t.fee + t.tax;
      sums.adjustment += t.adjustment;
    }
    const page = transactionPage(ctx, matching, { window: window.asked, desc: descending(ctx) });
    const money = (minor: number) => fromMinor(minor, ledger.currency);
    return ok({
      transactions: page.items.map((item) => renderUnsettled(ledger.currency, item)),
      total_count: page.totalCount,
      next_page_token: page.nextPageToken,
      sum_est_settlement_amount: money(sums.settlement),
      sum_est_revenue_amount: money(sums.revenue),
      sum_est_fee_amount: money(sums.fee),
      sum_est_adjustment_amount: money(sums.adjustment),
    });
  });

export const financeHandlers: Record<string, Handler> = {
  "GET /finance/202309/statements": getStatements,
  "GET /finance/202309/payments": getPayments,
  "GET /finance/202309/withdrawals": getWithdrawals,
  "GET /finance/202309/statements/{statement_id}/statement_transactions": getStatementTransactions,
  "GET /finance/202501/statements/{statement_id}/statement_transactions": getStatementTransactions202501,
  "GET /finance/202309/orders/{order_id}/statement_transactions": getOrderStatementTransactions,
  "GET /finance/202501/orders/{order_id}/statement_transactions": getOrderStatementTransactions202501,
  "GET /finance/202507/orders/unsettled": getUnsettledTransactions,
};
