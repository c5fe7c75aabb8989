import type { Auth } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import type { ServerEnv, SyncStatus } from "@tts-kit/server";
import { and, asc, count, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { payoutMonths } from "../accounting/split.ts";
import { monthIn, statementInstant } from "../accounting/zone.ts";
import * as schema from "../db/schema.ts";
import { sum, toAmount } from "../money.ts";
import { type Issue, reconcile } from "../reconcile/engine.ts";
import { transactionRecord } from "../reconcile/load.ts";
import { loadSellerSettings } from "../settings.ts";
import { ownedShop, pageQuery, parseDateRange, refuse } from "./common.ts";

type Db = AppDatabase<typeof schema>;

export interface SyncControl {
  /** Queues every sync job of the shop now; `full` re-reads its whole history. */
  runNow: (shopId: string, full: boolean) => Promise<void>;
  status: (shopId: string) => Promise<SyncStatus | null>;
}

const statementsQuery = z.object({
  payment_status: z.enum(["PAID", "PROCESSING", "FAILED"]).optional(),
  ...pageQuery,
});
const transactionsQuery = z.object({
  type: z
    .string()
    .regex(/^[A-Z_]+$/)
    .optional(),
  ...pageQuery,
});
const paymentsQuery = z.object({ status: z.enum(["PAID", "PROCESSING", "FAILED"]).optional(), ...pageQuery });
const withdrawalsQuery = z.object({
  type: z.enum(["WITHDRAW", "SETTLE", "TRANSFER", "REVERSE"]).optional(),
  ...pageQuery,
});

/** Issues of one statement or payment, from the same engine as the reconciliation page. */
function checksFor(input: Parameters<typeof reconcile>[0], filter: (issue: Issue) => boolean): Issue[] {
  return reconcile(input).issues.filter(filter);
}

/**
 * FIN-GET-STATEMENT, FIN-TXGET-STATEMENT, FIN-TXGET-ORDER, FIN-GET-PAYMENT, FIN-GET-WITHDRAWALS:
 * the mirrored finance data with drill-down (payout → statements → transactions → order → SKU
 * lines). Lists are paged on the server; every route checks the shop is the seller's.
 */
export function financeApi(db: Db, auth: Auth, sync: SyncControl, now: () => number) {
  return new Hono<ServerEnv>()
    .use(auth.requireSeller)
    .get("/:shopId/sync", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      return c.json({ status: await sync.status(shop.id) });
    })
    .post("/:shopId/sync", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      await sync.runNow(shop.id, c.req.query("full") === "true");
      return c.json({ queued: true }, 202);
    })
    .get("/:shopId/statements", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const dates = parseDateRange(c.req.query(), now());
      if (!dates.ok) return refuse(c, "invalid_date_range", dates.message, dates.fields);
      const query = statementsQuery.parse(c.req.query());
      const where: SQL[] = [
        eq(schema.statements.shopId, shop.id),
        gte(schema.statements.statementTime, dates.range.start),
        lt(schema.statements.statementTime, dates.range.end),
      ];
      if (query.payment_status) where.push(eq(schema.statements.paymentStatus, query.payment_status));
      const all = await db
        .select({
          id: schema.statements.id,
          statementTime: schema.statements.statementTime,
          currency: schema.statements.currency,
          settlementAmount: schema.statements.settlementAmount,
          revenueAmount: schema.statements.revenueAmount,
          feeAmount: schema.statements.feeAmount,
          shippingCostAmount: schema.statements.shippingCostAmount,
          adjustmentAmount: schema.statements.adjustmentAmount,
          totalReserveAmount: schema.statements.totalReserveAmount,
          payableAmount: schema.statements.payableAmount,
          paymentId: schema.statements.paymentId,
          paymentStatus: schema.statements.paymentStatus,
          paymentTime: schema.statements.paymentTime,
          transactionCount: schema.statements.transactionCount,
        })
        .from(schema.statements)
        .where(and(...where))
        .orderBy(desc(schema.statements.statementTime));
      // Totals of the whole range per currency, not only the page.
      const totals = new Map<string, string[]>();
      for (const s of all) totals.set(s.currency, [...(totals.get(s.currency) ?? []), s.settlementAmount]);
      return c.json({
        statements: all.slice((query.page - 1) * query.page_size, query.page * query.page_size),
        total: all.length,
        totals: [...totals].map(([currency, amounts]) => ({
          currency,
          settlementAmount: toAmount(sum(amounts), currency),
        })),
        range: { from: dates.range.from, to: dates.range.to },
      });
    })
    .get("/:shopId/statements/:statementId", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const statementId = c.req.param("statementId");
      const query = transactionsQuery.parse(c.req.query());
      const [statement] = await db
        .select()
        .from(schema.statements)
        .where(and(eq(schema.statements.shopId, shop.id), eq(schema.statements.id, statementId)));
      if (!statement)
        return refuse(c, "statement_not_found", `No statement ${statementId} in this shop.`, [], 404);
      const where: SQL[] = [
        eq(schema.transactions.shopId, shop.id),
        eq(schema.transactions.statementId, statementId),
      ];
      if (query.type) where.push(eq(schema.transactions.type, query.type));
      const [rows, [{ total } = { total: 0 }], all, payment] = await Promise.all([
        db
          .select()
          .from(schema.transactions)
          .where(and(...where))
          .orderBy(asc(schema.transactions.orderCreateTime), asc(schema.transactions.id))
          .limit(query.page_size)
          .offset((query.page - 1) * query.page_size),
        db
          .select({ total: count() })
          .from(schema.transactions)
          .where(and(...where)),
        db
          .select()
          .from(schema.transactions)
          .where(
            and(eq(schema.transactions.shopId, shop.id), eq(schema.transactions.statementId, statementId)),
          ),
        statement.paymentId
          ? db
              .select()
              .from(schema.payments)
              .where(and(eq(schema.payments.shopId, shop.id), eq(schema.payments.id, statement.paymentId)))
          : Promise.resolve([]),
      ]);
      const issues = checksFor(
        {
          orders: [],
          statements: [
            {
              id: statement.id,
              statementTime: statement.statementTime,
              currency: statement.currency,
              settlementAmount: statement.settlementAmount,
              paymentId: statement.paymentId,
              paymentStatus: statement.paymentStatus,
              totalReserveAmount: statement.totalReserveAmount,
              payableAmount: statement.payableAmount,
              transactionCount: statement.transactionsKey === null ? null : statement.transactionCount,
            },
          ],
          transactions: all.map((t) => transactionRecord(t)),
          payments: [],
          unsettled: [],
          feeRates: [],
          latestStatementTime: null,
        },
        () => true,
      );
      const { raw: _raw, amountsKey: _a, transactionsKey: _t, ...header } = statement;
      return c.json({
        statement: { ...header, transactionsFetched: statement.transactionsKey !== null },
        payment: payment[0] ? { id: payment[0].id, status: payment[0].status } : null,
        transactions: rows.map(({ raw, ...row }) => ({ ...row, raw })),
        total,
        issues,
      });
    })
    .get("/:shopId/orders/:orderId", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const orderId = c.req.param("orderId");
      const [order, lines, skus, estimate] = await Promise.all([
        db
          .select()
          .from(schema.orders)
          .where(and(eq(schema.orders.shopId, shop.id), eq(schema.orders.id, orderId))),
        db
          .select()
          .from(schema.transactions)
          .where(and(eq(schema.transactions.shopId, shop.id), eq(schema.transactions.orderId, orderId))),
        db
          .select()
          .from(schema.orderSkus)
          .where(and(eq(schema.orderSkus.shopId, shop.id), eq(schema.orderSkus.orderId, orderId)))
          .orderBy(asc(schema.orderSkus.statementId), asc(schema.orderSkus.skuId)),
        db
          .select()
          .from(schema.unsettled)
          .where(and(eq(schema.unsettled.shopId, shop.id), eq(schema.unsettled.orderId, orderId))),
      ]);
      if (!order[0] && lines.length === 0 && estimate.length === 0) {
        return refuse(c, "order_not_found", `No finance data for order ${orderId} in this shop.`, [], 404);
      }
      const currency = lines[0]?.currency ?? skus[0]?.currency ?? order[0]?.currency ?? "";
      return c.json({
        order: order[0]
          ? {
              id: order[0].id,
              status: order[0].status,
              createTime: order[0].createTime,
              deliveryTime: order[0].deliveryTime,
              currency: order[0].currency,
              totalAmount: order[0].totalAmount,
              shippingFee: order[0].shippingFee,
            }
          : null,
        currency,
        settlementAmount:
          lines.length > 0 ? toAmount(sum(lines.map((l) => l.settlementAmount)), currency) : null,
        transactions: lines,
        skus,
        estimate: estimate.find((e) => e.current) ?? null,
      });
    })
    .get("/:shopId/payments", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const dates = parseDateRange(c.req.query(), now());
      if (!dates.ok) return refuse(c, "invalid_date_range", dates.message, dates.fields);
      const query = paymentsQuery.parse(c.req.query());
      const where: SQL[] = [
        eq(schema.payments.shopId, shop.id),
        gte(schema.payments.createTime, dates.range.start),
        lt(schema.payments.createTime, dates.range.end),
      ];
      if (query.status) where.push(eq(schema.payments.status, query.status));
      const [rows, [{ total } = { total: 0 }]] = await Promise.all([
        db
          .select()
          .from(schema.payments)
          .where(and(...where))
          .orderBy(desc(schema.payments.createTime))
          .limit(query.page_size)
          .offset((query.page - 1) * query.page_size),
        db
          .select({ total: count() })
          .from(schema.payments)
          .where(and(...where)),
      ]);
      const ids = rows.map((p) => p.id);
      const paid =
        ids.length === 0
          ? []
          : await db
              .select({
                paymentId: schema.statements.paymentId,
                settlementAmount: schema.statements.settlementAmount,
              })
              .from(schema.statements)
              .where(and(eq(schema.statements.shopId, shop.id), inArray(schema.statements.paymentId, ids)));
      const matched = new Map<string, string[]>();
      for (const s of paid) {
        if (s.paymentId) matched.set(s.paymentId, [...(matched.get(s.paymentId) ?? []), s.settlementAmount]);
      }
      const issues = reconcile({
        orders: [],
        statements: [],
        transactions: [],
        payments: rows,
        unsettled: [],
        feeRates: [],
        latestStatementTime: null,
      }).issues;
      return c.json({
        payments: rows.map(({ raw: _raw, ...p }) => {
          const amounts = matched.get(p.id) ?? [];
          const currency = p.settlementCurrency ?? p.currency;
          const statementsTotal = toAmount(sum(amounts), currency);
          return {
            ...p,
            statementCount: amounts.length,
            statementsTotal,
            matchesStatements:
              amounts.length > 0 &&
              p.settlementAmount !== null &&
              statementsTotal === toAmount(sum([p.settlementAmount]), currency),
            issues: issues.filter((i) => i.paymentId === p.id).map((i) => i.message),
          };
        }),
        total,
      });
    })
    .get("/:shopId/payments/:paymentId", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const paymentId = c.req.param("paymentId");
      const [payment] = await db
        .select()
        .from(schema.payments)
        .where(and(eq(schema.payments.shopId, shop.id), eq(schema.payments.id, paymentId)));
      if (!payment) return refuse(c, "payment_not_found", `No payment ${paymentId} in this shop.`, [], 404);
      const paidStatements = await db
        .select()
        .from(schema.statements)
        .where(and(eq(schema.statements.shopId, shop.id), eq(schema.statements.paymentId, paymentId)))
        .orderBy(asc(schema.statements.statementTime));
      const issues = reconcile({
        orders: [],
        statements: paidStatements.map((s) => ({
          id: s.id,
          statementTime: s.statementTime,
          currency: s.currency,
          settlementAmount: s.settlementAmount,
          paymentId: s.paymentId,
          paymentStatus: s.paymentStatus,
          totalReserveAmount: s.totalReserveAmount,
          payableAmount: s.payableAmount,
          // Statement-level checks belong to the statement's own page.
          transactionCount: null,
        })),
        transactions: [],
        payments: [payment],
        unsettled: [],
        feeRates: [],
        latestStatementTime: null,
      }).issues;
      // The bank side: the deposit is the payout's amount after exchange on its paid date; the
      // withdrawals list shows the matching SETTLE movement of the balance, when TikTok reports one.
      const nearby = await db
        .select()
        .from(schema.withdrawals)
        .where(
          and(
            eq(schema.withdrawals.shopId, shop.id),
            gte(schema.withdrawals.createTime, payment.createTime - 3 * 86_400),
            lt(schema.withdrawals.createTime, (payment.paidTime ?? payment.createTime) + 3 * 86_400),
          ),
        );
      const { raw: _raw, ...rest } = payment;
      // ACC-R6: the months the payout's money belongs to, in the seller's zone.
      const settings = await loadSellerSettings(db, (c.var as { seller: { id: string } }).seller.id);
      const statementMonth = (time: number) => monthIn(statementInstant(time), settings.timeZone);
      const months = payoutMonths(
        paidStatements.map((s) => statementMonth(s.statementTime)),
        monthIn(payment.paidTime ?? payment.createTime, settings.timeZone),
      );
      return c.json({
        months: {
          list: months,
          spans: months.length > 1,
          splitOn: settings.splitMonthEnd,
          timeZone: settings.timeZone,
          byStatement: Object.fromEntries(paidStatements.map((s) => [s.id, statementMonth(s.statementTime)])),
        },
        payment: rest,
        deposit: {
          amount: payment.amount,
          currency: payment.currency,
          date: payment.paidTime,
          bankAccount: payment.bankAccount,
        },
        statements: paidStatements.map(({ raw: _r, amountsKey: _a, transactionsKey: _t, ...s }) => s),
        statementsTotal: toAmount(
          sum(paidStatements.map((s) => s.settlementAmount)),
          payment.settlementCurrency ?? payment.currency,
        ),
        withdrawals: nearby
          .filter((w) => w.amount.replace(/^-/, "") === payment.amount.replace(/^-/, ""))
          .map(({ raw: _r, ...w }) => w),
        issues,
      });
    })
    .get("/:shopId/withdrawals", async (c) => {
      const shop = await ownedShop(auth, c, c.req.param("shopId"));
      const dates = parseDateRange(c.req.query(), now());
      if (!dates.ok) return refuse(c, "invalid_date_range", dates.message, dates.fields);
      const query = withdrawalsQuery.parse(c.req.query());
      const where: SQL[] = [
        eq(schema.withdrawals.shopId, shop.id),
        gte(schema.withdrawals.createTime, dates.range.start),
        lt(schema.withdrawals.createTime, dates.range.end),
      ];
      if (query.type) where.push(eq(schema.withdrawals.type, query.type));
      const [rows, [{ total } = { total: 0 }]] = await Promise.all([
        db
          .select()
          .from(schema.withdrawals)
          .where(and(...where))
          .orderBy(desc(schema.withdrawals.createTime))
          .limit(query.page_size)
          .offset((query.page - 1) * query.page_size),
        db
          .select({ total: count() })
          .from(schema.withdrawals)
          .where(and(...where)),
      ]);
      return c.json({ withdrawals: rows.map(({ raw: _raw, ...w }) => w), total });
    });
}
