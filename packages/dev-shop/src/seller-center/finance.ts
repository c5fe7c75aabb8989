import type { Hono } from "hono";
import { html } from "hono/html";
import { totalsOf } from "../commerce/finance-fees.ts";
import {
  paymentFigures,
  statementFigures,
  statementPaymentStatus,
  transactionComponents,
} from "../commerce/finance-ledger.ts";
import { bankAccount, DAY, type ShopFinance } from "../commerce/finance-model.ts";
import { rateString, renderWithdrawal } from "../commerce/finance-view.ts";
import { fromMinor } from "../commerce/money.ts";
import type { Runtime } from "../platform/runtime.ts";
import type { Shop } from "../state/platform.ts";
import type { SellerCenterEnv } from "./env.ts";
import { formatTime, page } from "./layout.ts";

/**
 * Seller Center › Finance: what the seller sees of the settlement ledger. Daily statements with
 * their totals, payments with their status and bank account, withdrawals, and each statement's
 * lines, so that a reviewer can hold a finance app's figures against the platform's. Only the
 * seller's own shops are shown.
 */

const day = (time: number) => new Date((time - DAY) * 1000).toISOString().slice(0, 10);

export function financeRoutes(app: Hono<SellerCenterEnv>, runtime: Runtime): void {
  const ownShops = (sellerId: string) => runtime.store.platform.shops.filter((s) => s.sellerId === sellerId);
  const ledgerOf = (shop: Shop): ShopFinance | undefined => runtime.store.commerce.finance?.shops[shop.id];

  const shopPicker = (shops: Shop[], selected: Shop | undefined) =>
    html`<form class="card" method="get" action="/seller-center/finance">
      <label for="shop_id">Shop</label>
      <select id="shop_id" name="shop_id">
        ${shops.map((s) => html`<option value="${s.id}" ${s.id === selected?.id ? "selected" : ""}>${s.name} (${s.region}, ${s.sellerType})</option>`)}
      </select>
      <div class="actions"><button type="submit">Show</button></div>
    </form>`;

  app.get("/finance", (c) => {
    const seller = c.get("seller");
    const shops = ownShops(seller.id);
    const selected = shops.find((s) => s.id === c.req.query("shop_id")) ?? shops[0];
    const ledger = selected ? ledgerOf(selected) : undefined;
    const body = html`<h1>Finance</h1>
      ${shopPicker(shops, selected)}
      ${selected && ledger ? overview(selected, ledger) : html`<div class="card"><p>No finance data for this shop yet.</p></div>`}`;
    return c.html(page({ title: "Finance", seller, active: "finance", now: runtime.clock.now(), body }));
  });

  app.get("/finance/statements/:id", (c) => {
    const seller = c.get("seller");
    const id = c.req.param("id");
    for (const shop of ownShops(seller.id)) {
      const ledger = ledgerOf(shop);
      const statement = ledger?.statements.find((candidate) => candidate.id === id);
      if (!ledger || !statement) continue;
      const money = (minor: number) => fromMinor(minor, ledger.currency);
      const figures = statementFigures(statement);
      const body = html`<h1>Statement ${statement.id}</h1>
        <p><a href="/seller-center/finance?shop_id=${shop.id}">← ${shop.name} finance</a></p>
        <div class="card">
          <dl class="facts">
            <dt>Day</dt><dd>${day(statement.time)}</dd>
            <dt>Generated</dt><dd>${formatTime(statement.time)}</dd>
            <dt>Settlement</dt><dd>${money(figures.stated.settlement)} ${ledger.currency}</dd>
            <dt>Reserve</dt><dd>${money(figures.reserve)} ${ledger.currency}</dd>
            <dt>Payable</dt><dd><strong>${money(figures.payable)} ${ledger.currency}</strong></dd>
            <dt>Payment</dt><dd>${statement.paymentId ?? "not paid yet"} (${statementPaymentStatus(ledger, statement)})</dd>
          </dl>
        </div>
        <table aria-label="Transactions">
          <thead><tr><th scope="col">Type</th><th scope="col">Order</th><th scope="col">Reference</th>
            <th scope="col">Revenue</th><th scope="col">Shipping</th><th scope="col">Fees</th><th scope="col">Adjustment</th>
            <th scope="col">Settlement</th><th scope="col">Reserve</th></tr></thead>
          <tbody>${statement.transactions.map((tx) => {
            const t = totalsOf(transactionComponents(tx));
            return html`<tr><td>${tx.type}</td><td class="mono">${tx.orderId ?? ""}</td>
              <td class="mono">${tx.adjustmentId ?? tx.reserve?.reserveId ?? tx.id}</td>
              <td>${money(t.netSales)}</td><td>${money(t.shippingCost)}</td><td>${money(t.fee + t.tax)}</td>
              <td>${money(t.adjustment)}</td><td>${money(t.settlement)}</td><td>${money(tx.reserve?.amount ?? 0)}</td></tr>`;
          })}</tbody>
        </table>`;
      return c.html(page({ title: "Statement", seller, active: "finance", now: runtime.clock.now(), body }));
    }
    const body = html`<h1>Statement not found</h1><p>None of your shops has statement ${id}.</p>`;
    return c.html(
      page({ title: "Statement", seller, active: "finance", now: runtime.clock.now(), body }),
      404,
    );
  });
}

function overview(shop: Shop, ledger: ShopFinance) {
  const money = (minor: number) => fromMinor(minor, ledger.currency);
  const statements = [...ledger.statements].reverse();
  const payments = [...ledger.payments].reverse();
  const withdrawals = [...ledger.withdrawals].reverse();
  return html`<div class="card">
      <dl class="facts">
        <dt>Statement currency</dt><dd>${ledger.currency}</dd>
        <dt>Payout currency</dt><dd>${ledger.payoutCurrency}</dd>
        <dt>Bank account</dt><dd class="mono">${bankAccount(shop.id)}</dd>
        <dt>Next statement</dt><dd>${ledger.nextStatementAt === null ? "—" : formatTime(ledger.nextStatementAt)}</dd>
      </dl>
      <p class="muted">Statements are generated at 00:00 UTC for the day before. Amounts are signed from your side: income positive, fees and costs negative.</p>
    </div>
    <h2 id="statements">Statements (${statements.length})</h2>
    <table aria-labelledby="statements">
      <thead><tr><th scope="col">Day</th><th scope="col">Statement</th><th scope="col">Net sales</th><th scope="col">Shipping</th>
        <th scope="col">Fees</th><th scope="col">Adjustments</th><th scope="col">Settlement</th><th scope="col">Reserve</th>
        <th scope="col">Payable</th><th scope="col">Payment</th><th scope="col">Status</th></tr></thead>
      <tbody>${statements.map((statement) => {
        const f = statementFigures(statement);
        return html`<tr><td>${day(statement.time)}</td>
          <td class="mono"><a href="/seller-center/finance/statements/${statement.id}">${statement.id}</a></td>
          <td>${money(f.stated.netSales)}</td><td>${money(f.stated.shippingCost)}</td><td>${money(f.stated.fee + f.stated.tax)}</td>
          <td>${money(f.stated.adjustment)}</td><td><strong>${money(f.stated.settlement)}</strong></td><td>${money(f.reserve)}</td>
          <td>${money(f.payable)}</td><td class="mono">${statement.paymentId ?? "—"}</td>
          <td>${statementPaymentStatus(ledger, statement)}</td></tr>`;
      })}</tbody>
    </table>
    <h2 id="payments">Payments (${payments.length})</h2>
    <table aria-labelledby="payments">
      <thead><tr><th scope="col">Payment</th><th scope="col">Created</th><th scope="col">Paid</th><th scope="col">Status</th>
        <th scope="col">Amount</th><th scope="col">Settlement</th><th scope="col">Reserve</th><th scope="col">Exchange rate</th>
        <th scope="col">Bank account</th><th scope="col">Statements</th></tr></thead>
      <tbody>${payments.map((payment) => {
        const f = paymentFigures(ledger, payment);
        return html`<tr><td class="mono">${payment.id}</td><td>${formatTime(payment.createTime)}</td>
          <td>${payment.status === "PAID" ? formatTime(payment.paidAt) : "—"}</td><td>${payment.status}</td>
          <td><strong>${fromMinor(f.amount, payment.currency)} ${payment.currency}</strong></td>
          <td>${money(f.settlement)}</td><td>${money(f.reserve)}</td><td>${rateString(payment.rateMicros)}</td>
          <td class="mono">${bankAccount(shop.id)}</td><td>${payment.statementIds.length}</td></tr>`;
      })}</tbody>
    </table>
    <h2 id="withdrawals">Withdrawals (${withdrawals.length})</h2>
    <table aria-labelledby="withdrawals">
      <thead><tr><th scope="col">ID</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Amount</th><th scope="col">Created</th></tr></thead>
      <tbody>${withdrawals.map((withdrawal) => {
        const wire = renderWithdrawal(ledger, withdrawal);
        return html`<tr><td class="mono">${withdrawal.id}</td><td>${withdrawal.type}</td><td>${String(wire.status)}</td>
          <td>${String(wire.amount)} ${String(wire.currency)}</td><td>${formatTime(withdrawal.createTime)}</td></tr>`;
      })}</tbody>
    </table>`;
}
