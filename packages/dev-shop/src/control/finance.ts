import type { Hono } from "hono";
import { z } from "zod";
import { CommerceError } from "../commerce/errors.ts";
import {
  OVERCHARGEABLE_FEES,
  overchargeFee,
  TAMPERABLE_FIELDS,
  tamperPaymentAmount,
  tamperStatementTotal,
  withholdOrder,
} from "../commerce/finance-faults.ts";
import {
  orderAdjustments,
  orderShares,
  returnsByOrder,
  sumComponents,
  totalsOf,
} from "../commerce/finance-fees.ts";
import {
  findPayment,
  paymentFigures,
  settlementOutlook,
  statementFigures,
  statementPaymentStatus,
} from "../commerce/finance-ledger.ts";
import {
  bankAccount,
  type FeeModel,
  feeModel,
  type LedgerStatement,
  nextMidnight,
  type ShopFinance,
  shopFinance,
} from "../commerce/finance-model.ts";
import {
  rateString,
  render202501Sku,
  render202501Transaction,
  renderWithdrawal,
} from "../commerce/finance-view.ts";
import { fromMinor } from "../commerce/money.ts";
import { findShopData } from "../commerce/shop-data.ts";
import type { ShopCommerce } from "../commerce/state.ts";
import type { Runtime } from "../platform/runtime.ts";
import { ControlError } from "./control.ts";

/**
 * The finance side of the control API, under /control/finance: read-only views of a shop's
 * ledger for assertions, fault injection of the discrepancies a finance app must flag, and a clock
 * shortcut to the next daily close. Bodies and answers are documented in the README.
 */

export const financeControlRouteList = [
  "GET /control/finance/shops/:shop_id",
  "GET /control/finance/shops/:shop_id/statements",
  "GET /control/finance/shops/:shop_id/statements/:statement_id",
  "GET /control/finance/shops/:shop_id/payments",
  "GET /control/finance/shops/:shop_id/withdrawals",
  "GET /control/finance/shops/:shop_id/orders/:order_id",
  "POST /control/finance/faults/fee-overcharge",
  "POST /control/finance/faults/statement-total",
  "POST /control/finance/faults/payment-amount",
  "POST /control/finance/faults/unsettled-order",
  "POST /control/finance/next-statement",
];

const shopId = z.string().min(1);
const overchargeBody = z
  .object({
    shop_id: shopId,
    order_id: z.string().min(1),
    fee: z.enum(OVERCHARGEABLE_FEES),
    amount: z.string(),
  })
  .strict();
const statementTotalBody = z
  .object({
    shop_id: shopId,
    statement_id: z.string().min(1),
    field: z.enum(Object.keys(TAMPERABLE_FIELDS) as [string, ...string[]]).default("settlement_amount"),
    delta: z.string(),
  })
  .strict();
const paymentAmountBody = z
  .object({ shop_id: shopId, payment_id: z.string().min(1), delta: z.string() })
  .strict();
const unsettledOrderBody = z.object({ shop_id: shopId, order_id: z.string().min(1) }).strict();
const nextStatementBody = z.object({ days: z.number().int().min(1).max(31).default(1) }).strict();

/** Runs a ledger operation, turning its input errors into the control API's 400. */
function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof CommerceError) throw new ControlError(error.message);
    throw error;
  }
}

function rate(bp: number): string {
  return `${Math.floor(bp / 10_000)}.${String(bp % 10_000).padStart(4, "0")}`;
}

function feeModelView(model: FeeModel, currency: string) {
  const money = (minor: number) => fromMinor(minor, currency);
  return {
    commission_field:
      model.commissionField === "referralFee" ? "referral_fee_amount" : "platform_commission_amount",
    commission_rate: rate(model.commissionBp),
    transaction_fee_rate: rate(model.transactionFeeBp),
    refund_administration_rate: rate(model.refundAdminBp),
    refund_administration_cap_per_unit: money(model.refundAdminCapPerUnit),
    affiliate_rates: model.affiliateRatesBp.map(rate),
    affiliate_order_share_percent: model.affiliateShare,
    fbt_fulfillment_fee_per_unit: money(model.fbtFeePerUnit),
    reserve_rate: rate(model.reserveBp),
    reserve_days: model.reserveDays,
    minimum_payout: money(model.minimumPayout),
    payout_days: model.payoutDays,
    payout_currency: model.payoutCurrency,
  };
}

export function statementView(ledger: ShopFinance, statement: LedgerStatement) {
  const figures = statementFigures(statement);
  const money = (minor: number) => fromMinor(minor, ledger.currency);
  const s = figures.stated;
  return {
    id: statement.id,
    statement_time: statement.time,
    currency: ledger.currency,
    revenue_amount: money(s.revenue),
    net_sales_amount: money(s.netSales),
    shipping_cost_amount: money(s.shippingCost),
    fee_amount: money(s.fee + s.tax),
    adjustment_amount: money(s.adjustment),
    settlement_amount: money(s.settlement),
    reserve_amount: money(figures.reserve),
    payable_amount: money(figures.payable),
    transactions_settlement_amount: money(figures.lines.settlement),
    payment_id: statement.paymentId,
    payment_status: statementPaymentStatus(ledger, statement),
    order_ids: statement.transactions.flatMap((tx) =>
      tx.type === "ORDER" && tx.orderId ? [tx.orderId] : [],
    ),
    transaction_count: statement.transactions.length,
  };
}

export function paymentView(ledger: ShopFinance, payment: ShopFinance["payments"][number]) {
  const figures = paymentFigures(ledger, payment);
  const money = (minor: number) => fromMinor(minor, ledger.currency);
  return {
    id: payment.id,
    create_time: payment.createTime,
    paid_time: payment.status === "PAID" ? payment.paidAt : null,
    status: payment.status,
    amount: fromMinor(figures.amount, payment.currency),
    currency: payment.currency,
    settlement_amount: money(figures.settlement),
    reserve_amount: money(figures.reserve),
    amount_before_exchange: money(figures.beforeExchange),
    statement_currency: ledger.currency,
    exchange_rate: rateString(payment.rateMicros),
    bank_account: bankAccount(ledger.shopId),
    statement_ids: payment.statementIds,
  };
}

export function financeControlRoutes(
  routes: Hono,
  runtime: Runtime,
  json: (c: { req: { text(): Promise<string> } }) => Promise<unknown>,
): void {
  const shopAndLedger = (id: string | undefined): { shop: ShopCommerce; ledger: ShopFinance } => {
    const shop = id ? findShopData(runtime.store, id) : undefined;
    if (!shop) throw new ControlError(`Unknown shop ${id ?? ""}`);
    return { shop, ledger: shopFinance(runtime.store.commerce, shop) };
  };

  routes.get("/finance/shops/:shop_id", (c) => {
    const { shop, ledger } = shopAndLedger(c.req.param("shop_id"));
    return c.json({
      shop_id: shop.shopId,
      region: shop.region,
      seller_type: shop.sellerType,
      currency: ledger.currency,
      payout_currency: ledger.payoutCurrency,
      bank_account: bankAccount(shop.shopId),
      fee_model: feeModelView(feeModel(shop), shop.currency),
      next_statement_time: ledger.nextStatementAt,
    });
  });

  routes.get("/finance/shops/:shop_id/statements", (c) => {
    const { ledger } = shopAndLedger(c.req.param("shop_id"));
    return c.json({ statements: ledger.statements.map((statement) => statementView(ledger, statement)) });
  });

  routes.get("/finance/shops/:shop_id/statements/:statement_id", (c) => {
    const { ledger } = shopAndLedger(c.req.param("shop_id"));
    const id = c.req.param("statement_id");
    const statement = ledger.statements.find((candidate) => candidate.id === id);
    if (!statement) throw new ControlError(`Unknown statement ${id} in shop ${ledger.shopId}`);
    return c.json({
      ...statementView(ledger, statement),
      transactions: statement.transactions.map((tx) => render202501Transaction(ledger, tx)),
    });
  });

  routes.get("/finance/shops/:shop_id/payments", (c) => {
    const { ledger } = shopAndLedger(c.req.param("shop_id"));
    return c.json({ payments: ledger.payments.map((payment) => paymentView(ledger, payment)) });
  });

  routes.get("/finance/shops/:shop_id/withdrawals", (c) => {
    const { ledger } = shopAndLedger(c.req.param("shop_id"));
    return c.json({
      withdrawals: ledger.withdrawals.map((withdrawal) => ({
        ...renderWithdrawal(ledger, withdrawal),
        statement_id: withdrawal.statementId,
        payment_id: withdrawal.paymentId,
      })),
    });
  });

  routes.get("/finance/shops/:shop_id/orders/:order_id", (c) => {
    const { shop, ledger } = shopAndLedger(c.req.param("shop_id"));
    const orderId = c.req.param("order_id");
    const order = shop.orders[orderId];
    if (!order) throw new ControlError(`Unknown order ${orderId} in shop ${shop.shopId}`);
    const returns = returnsByOrder(shop).get(order.id) ?? [];
    const statementId = ledger.settledOrders[order.id] ?? null;
    const statement = statementId === null ? undefined : ledger.statements.find((s) => s.id === statementId);
    const tx = statement?.transactions.find((line) => line.type === "ORDER" && line.orderId === order.id);
    const skus =
      tx?.skus ??
      (order.rtsTime !== null && !order.isSampleOrder && order.status !== "CANCELLED"
        ? orderShares(shop, order, returns, feeModel(shop), ledger.feeOverrides[order.id])
        : []);
    const totals = totalsOf(sumComponents(skus.map((sku) => sku.amounts)));
    const money = (minor: number) => fromMinor(minor, ledger.currency);
    const reserve =
      Object.values(ledger.reserves).find((candidate) => candidate.orderId === order.id) ?? null;
    return c.json({
      order_id: order.id,
      order_status: order.status,
      settled: tx !== undefined,
      statement_id: tx ? statementId : null,
      expected_settlement_time: settlementOutlook(order, returns).at,
      withheld: order.id in ledger.withheldOrders,
      settlement: {
        currency: ledger.currency,
        revenue_amount: money(totals.netSales),
        shipping_cost_amount: money(totals.shippingCost),
        fee_tax_amount: money(totals.fee + totals.tax),
        settlement_amount: money(totals.settlement),
        sku_transactions: skus.map((sku) => render202501Sku(ledger.currency, statementId ?? "", sku)),
      },
      adjustments: orderAdjustments(shop, order)
        .filter((adjustment) => adjustment.createTime <= runtime.clock.now())
        .map((adjustment) => ({
          adjustment_id: adjustment.id,
          type: adjustment.type,
          amount: money(adjustment.amount),
          create_time: adjustment.createTime,
          statement_id: ledger.settledAdjustments[adjustment.id] ?? null,
        })),
      reserve: reserve && {
        reserve_id: reserve.id,
        amount: money(reserve.amount),
        collected_on: reserve.collectedOn,
        release_time: reserve.releaseAt,
        released_on: reserve.releasedOn,
      },
    });
  });

  routes.post("/finance/faults/fee-overcharge", async (c) => {
    const body = overchargeBody.parse(await json(c));
    const { shop, ledger } = shopAndLedger(body.shop_id);
    const result = guarded(() => overchargeFee(shop, ledger, body.order_id, body.fee, body.amount));
    runtime.markDirty();
    return c.json(result);
  });

  routes.post("/finance/faults/statement-total", async (c) => {
    const body = statementTotalBody.parse(await json(c));
    const { ledger } = shopAndLedger(body.shop_id);
    const result = guarded(() => tamperStatementTotal(ledger, body.statement_id, body.field, body.delta));
    runtime.markDirty();
    return c.json(result);
  });

  routes.post("/finance/faults/payment-amount", async (c) => {
    const body = paymentAmountBody.parse(await json(c));
    const { ledger } = shopAndLedger(body.shop_id);
    if (!findPayment(ledger, body.payment_id)) {
      throw new ControlError(`Unknown payment ${body.payment_id} in shop ${ledger.shopId}`);
    }
    const result = guarded(() => tamperPaymentAmount(ledger, body.payment_id, body.delta));
    runtime.markDirty();
    return c.json(result);
  });

  routes.post("/finance/faults/unsettled-order", async (c) => {
    const body = unsettledOrderBody.parse(await json(c));
    const { shop, ledger } = shopAndLedger(body.shop_id);
    const result = guarded(() => withholdOrder(shop, ledger, body.order_id, runtime.clock.now()));
    runtime.markDirty();
    return c.json(result);
  });

  routes.post("/finance/next-statement", async (c) => {
    const body = nextStatementBody.parse(await json(c));
    const before = new Map(
      Object.entries(runtime.store.commerce.finance?.shops ?? {}).map(([id, ledger]) => [
        id,
        new Set(ledger.statements.map((statement) => statement.id)),
      ]),
    );
    for (let day = 0; day < body.days; day++) {
      const now = runtime.clock.now();
      // One minute past midnight: the close of the day has run, nothing of the new day is due yet.
      runtime.clock.advance(nextMidnight(now) + 60 - now);
    }
    const created = Object.entries(runtime.store.commerce.finance?.shops ?? {}).flatMap(([id, ledger]) =>
      ledger.statements
        .filter((statement) => !before.get(id)?.has(statement.id))
        .map((statement) => ({ shop_id: id, ...statementView(ledger, statement) })),
    );
    return c.json({ now: runtime.clock.now(), statements: created });
  });
}
