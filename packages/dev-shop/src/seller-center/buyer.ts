import type { Hono } from "hono";
import { html } from "hono/html";
import { BuyerActionError, type BuyerControl } from "../control/buyer.ts";
import type { Order, ReturnOrder } from "../domains.ts";
import type { Runtime } from "../platform/runtime.ts";
import type { Shop } from "../state/platform.ts";
import type { SellerCenterEnv } from "./env.ts";
import { formatTime, type Html, page } from "./layout.ts";

/**
 * BUYER SIMULATION — where the commerce side's buyer functions plug into Seller Center. The seller
 * acts as a TikTok buyer on their own shops: place an order, pay, cancel, change the address,
 * request a return and ship it back. Every action runs the same operations as the Open API and
 * sends the same webhooks. Only the seller's own shops, orders and returns can be touched.
 */

const CANCELLABLE = new Set(["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION"]);
const ADDRESS_EDITABLE = new Set(["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT"]);
const RETURNABLE = new Set(["IN_TRANSIT", "DELIVERED", "COMPLETED"]);
const WITHDRAWABLE = new Set([
  "RETURN_OR_REFUND_REQUEST_PENDING",
  "AWAITING_BUYER_SHIP",
  "AWAITING_BUYER_RESPONSE",
]);

export function buyerRoutes(app: Hono<SellerCenterEnv>, runtime: Runtime, buyer: BuyerControl): void {
  const ownShops = (sellerId: string) => runtime.store.platform.shops.filter((s) => s.sellerId === sellerId);
  const commerceOf = (shopId: string) => runtime.store.commerce.shops?.[shopId];

  /** The seller's shop holding a record, or undefined (another seller's, or none). */
  const shopHolding = (sellerId: string, has: (shopId: string) => boolean) =>
    ownShops(sellerId).find((s) => has(s.id));

  const back = (shopId: string, outcome: { done?: string; error?: string }) => {
    const q = new URLSearchParams({ shop_id: shopId, ...outcome });
    return `/seller-center/buyer?${q}`;
  };

  /** Runs a buyer action and reports its outcome on the page. */
  const act = (shopId: string, action: () => string) => {
    try {
      return back(shopId, { done: action() });
    } catch (error) {
      if (error instanceof BuyerActionError)
        return back(shopId, { error: `${error.message} (${error.code})` });
      throw error;
    }
  };

  app.get("/buyer", (c) => {
    const seller = c.get("seller");
    const shops = ownShops(seller.id);
    const selected = shops.find((s) => s.id === c.req.query("shop_id")) ?? shops[0];
    const data = selected ? commerceOf(selected.id) : undefined;
    const done = c.req.query("done");
    const error = c.req.query("error");
    const body = html`<h1>Buyer simulation</h1>
      <p class="muted">Act as a TikTok buyer on your shops. Every action goes through the same operations as the Open API and sends the same webhooks to the authorized apps.</p>
      <form class="card" method="get" action="/seller-center/buyer">
        <label for="shop_id">Shop</label>
        <select id="shop_id" name="shop_id">
          ${shops.map((s) => html`<option value="${s.id}" ${s.id === selected?.id ? "selected" : ""}>${s.name} (${s.region})</option>`)}
        </select>
        <div class="actions"><button type="submit">Show</button></div>
      </form>
      ${selected && data ? shopSection(selected, Object.values(data.orders), Object.values(data.returns)) : html`<div class="card"><p>No shop data is loaded for this shop.</p></div>`}`;
    const flash = error
      ? { kind: "error" as const, text: error }
      : done
        ? { kind: "ok" as const, text: done }
        : undefined;
    return c.html(
      page({ title: "Buyer simulation", seller, active: "buyer", now: runtime.clock.now(), body, flash }),
    );
  });

  app.post("/buyer/orders", async (c) => {
    const seller = c.get("seller");
    const form = await c.req.parseBody();
    const shop = ownShops(seller.id).find((s) => s.id === form.shop_id);
    if (!shop) return c.text("Not found", 404);
    const payment = String(form.payment ?? "on_hold");
    const quantity = Math.min(5, Math.max(1, Number(form.quantity) || 1));
    const target = act(shop.id, () => {
      const id = buyer.placeOrder(shop.id, {
        quantityPerSku: quantity,
        onHold: payment === "on_hold",
        unpaid: payment === "unpaid",
        shippingType: form.shipping_type === "SELLER" ? "SELLER" : "TIKTOK",
      });
      return `Order ${id} placed.`;
    });
    return c.redirect(target, 303);
  });

  app.post("/buyer/orders/:id/:action", async (c) => {
    const seller = c.get("seller");
    const orderId = c.req.param("id");
    const shop = shopHolding(seller.id, (shopId) => Boolean(commerceOf(shopId)?.orders[orderId]));
    if (!shop) return c.text("Not found", 404);
    const form = await c.req.parseBody();
    const actions: Record<string, () => string> = {
      pay: () => {
        buyer.payForOrder(orderId, true);
        return `Order ${orderId} paid.`;
      },
      cancel: () => `Cancellation ${buyer.requestCancellation(orderId)} requested for order ${orderId}.`,
      address: () => {
        buyer.updateAddress(orderId);
        return `The delivery address of order ${orderId} changed.`;
      },
      return: () => {
        const type = form.type === "REFUND" ? "REFUND" : "RETURN_AND_REFUND";
        return `Return ${buyer.requestReturn(orderId, { type })} requested for order ${orderId}.`;
      },
    };
    const action = actions[c.req.param("action")];
    if (!action) return c.text("Not found", 404);
    return c.redirect(act(shop.id, action), 303);
  });

  app.post("/buyer/returns/:id/:action", (c) => {
    const seller = c.get("seller");
    const returnId = c.req.param("id");
    const shop = shopHolding(seller.id, (shopId) => Boolean(commerceOf(shopId)?.returns[returnId]));
    if (!shop) return c.text("Not found", 404);
    const actions: Record<string, () => string> = {
      ship: () => {
        buyer.shipReturn(returnId);
        return `Return ${returnId} shipped back.`;
      },
      withdraw: () => {
        buyer.withdrawReturn(returnId);
        return `Return ${returnId} withdrawn.`;
      },
      accept: () => {
        buyer.answerPartialRefund(returnId, true);
        return `Partial refund accepted for return ${returnId}.`;
      },
      reject: () => {
        buyer.answerPartialRefund(returnId, false);
        return `Partial refund rejected for return ${returnId}.`;
      },
    };
    const action = actions[c.req.param("action")];
    if (!action) return c.text("Not found", 404);
    return c.redirect(act(shop.id, action), 303);
  });
}

function button(action: string, label: string, extra: Html | string = ""): Html {
  return html`<form class="inline" method="post" action="${action}">${extra}<button type="submit">${label}</button></form>`;
}

function shopSection(shop: Shop, orders: Order[], returns: ReturnOrder[]): Html {
  const recent = [...orders].sort((a, b) => b.createTime - a.createTime).slice(0, 20);
  const recentReturns = [...returns].sort((a, b) => b.createTime - a.createTime).slice(0, 10);
  return html`<form class="card" method="post" action="/seller-center/buyer/orders">
      <h2>Place an order</h2>
      <input type="hidden" name="shop_id" value="${shop.id}">
      <label for="payment">Payment</label>
      <select id="payment" name="payment">
        <option value="on_hold">Paid (ON_HOLD for one hour, then AWAITING_SHIPMENT)</option>
        <option value="paid">Paid (straight to AWAITING_SHIPMENT)</option>
        <option value="unpaid">Unpaid (cancelled after 24 hours)</option>
      </select>
      <label for="quantity">Units per SKU</label>
      <input id="quantity" name="quantity" type="number" min="1" max="5" value="1">
      <label for="shipping_type">Shipping</label>
      <select id="shipping_type" name="shipping_type">
        <option value="TIKTOK">Shipped via TikTok</option>
        <option value="SELLER">Shipped by the seller</option>
      </select>
      <div class="actions"><button class="primary" type="submit">Place order</button></div>
    </form>
    <h2>Recent orders</h2>
    ${
      recent.length === 0
        ? html`<div class="card"><p>No orders yet.</p></div>`
        : html`<table>
        <thead><tr><th scope="col">Order</th><th scope="col">Created</th><th scope="col">Status</th><th scope="col">Units</th>
          <th scope="col">Total</th><th scope="col"><span class="muted">Buyer actions</span></th></tr></thead>
        <tbody>${recent.map(
          (o) => html`<tr>
            <td class="mono">${o.id}</td>
            <td>${formatTime(o.createTime)}</td>
            <td>${o.status}</td>
            <td>${o.lineItems.filter((l) => !l.cancelled).length}</td>
            <td>${o.payment.totalAmount} ${o.payment.currency}</td>
            <td><div class="actions">
              ${o.status === "UNPAID" ? button(`/seller-center/buyer/orders/${o.id}/pay`, "Pay") : ""}
              ${ADDRESS_EDITABLE.has(o.status) ? button(`/seller-center/buyer/orders/${o.id}/address`, "Change address") : ""}
              ${CANCELLABLE.has(o.status) ? button(`/seller-center/buyer/orders/${o.id}/cancel`, "Cancel") : ""}
              ${
                RETURNABLE.has(o.status)
                  ? html`${button(`/seller-center/buyer/orders/${o.id}/return`, "Request refund", html`<input type="hidden" name="type" value="REFUND">`)}
                    ${button(`/seller-center/buyer/orders/${o.id}/return`, "Request return", html`<input type="hidden" name="type" value="RETURN_AND_REFUND">`)}`
                  : ""
              }
            </div></td>
          </tr>`,
        )}</tbody></table>`
    }
    <h2>Returns and refunds</h2>
    ${
      recentReturns.length === 0
        ? html`<div class="card"><p>No return or refund requests.</p></div>`
        : html`<table>
        <thead><tr><th scope="col">Return</th><th scope="col">Order</th><th scope="col">Type</th><th scope="col">Status</th>
          <th scope="col"><span class="muted">Buyer actions</span></th></tr></thead>
        <tbody>${recentReturns.map(
          (r) => html`<tr>
            <td class="mono">${r.id}</td>
            <td class="mono">${r.orderId}</td>
            <td>${r.type}</td>
            <td>${r.status}</td>
            <td><div class="actions">
              ${r.status === "AWAITING_BUYER_SHIP" ? button(`/seller-center/buyer/returns/${r.id}/ship`, "Ship item back") : ""}
              ${
                r.status === "AWAITING_BUYER_RESPONSE"
                  ? html`${button(`/seller-center/buyer/returns/${r.id}/accept`, "Accept partial refund")}
                    ${button(`/seller-center/buyer/returns/${r.id}/reject`, "Reject partial refund")}`
                  : ""
              }
              ${WITHDRAWABLE.has(r.status) ? button(`/seller-center/buyer/returns/${r.id}/withdraw`, "Withdraw") : ""}
            </div></td>
          </tr>`,
        )}</tbody></table>`
    }`;
}
