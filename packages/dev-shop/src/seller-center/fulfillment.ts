import type { Hono } from "hono";
import { html } from "hono/html";
import { activeLines, lineStage } from "../commerce/order-model.ts";
import type { Order, Package, ShopCommerce } from "../commerce/state.ts";
import { BuyerActionError } from "../control/buyer.ts";
import type { SellerFulfillmentControl } from "../control/fulfillment.ts";
import type { Runtime } from "../platform/runtime.ts";
import type { SellerCenterEnv } from "./env.ts";
import { formatTime, type Html, page } from "./layout.ts";

/**
 * Seller Center → Orders: what a seller does to orders in TikTok's own Seller Center rather than
 * through an app. Split an order into several packages, combine orders of one buyer into one
 * package, uncombine. Each action runs the same operations as the Split Orders / Combine Package /
 * Uncombine Packages endpoints and sends webhook 4 to the authorized apps. Only the seller's own
 * shops and orders can be touched.
 */

const OPEN = new Set(["ON_HOLD", "AWAITING_SHIPMENT", "PARTIALLY_SHIPPING"]);
const MAX_PACKAGES = 5;

export function sellerOrdersRoutes(
  app: Hono<SellerCenterEnv>,
  runtime: Runtime,
  control: SellerFulfillmentControl,
): void {
  const ownShops = (sellerId: string) => runtime.store.platform.shops.filter((s) => s.sellerId === sellerId);
  const commerceOf = (shopId: string) => runtime.store.commerce.shops?.[shopId];
  const back = (shopId: string, outcome: { done?: string; error?: string }) =>
    `/seller-center/orders?${new URLSearchParams({ shop_id: shopId, ...outcome })}`;
  const act = (shopId: string, action: () => string) => {
    try {
      return back(shopId, { done: action() });
    } catch (error) {
      if (error instanceof BuyerActionError)
        return back(shopId, { error: `${error.message} (${error.code})` });
      throw error;
    }
  };
  /** The seller's shop holding the order, or undefined (another seller's order, or none). */
  const shopOfOrder = (sellerId: string, orderId: string) =>
    ownShops(sellerId).find((s) => Boolean(commerceOf(s.id)?.orders[orderId]));

  app.get("/orders", (c) => {
    const seller = c.get("seller");
    const shops = ownShops(seller.id);
    const selected = shops.find((s) => s.id === c.req.query("shop_id")) ?? shops[0];
    const data = selected ? commerceOf(selected.id) : undefined;
    const done = c.req.query("done");
    const error = c.req.query("error");
    const body = html`<h1>Orders</h1>
      <p class="muted">Split an order into several packages or combine one buyer's orders into one package, as in TikTok Seller Center. Authorized apps receive webhook 4 (package update).</p>
      <form class="card" method="get" action="/seller-center/orders">
        <label for="shop_id">Shop</label>
        <select id="shop_id" name="shop_id">
          ${shops.map((s) => html`<option value="${s.id}" ${s.id === selected?.id ? "selected" : ""}>${s.name} (${s.region})</option>`)}
        </select>
        <div class="actions"><button type="submit">Show</button></div>
      </form>
      ${selected && data ? ordersSection(data, control.combinable(selected.id)) : html`<div class="card"><p>No shop data is loaded for this shop.</p></div>`}`;
    const flash = error
      ? { kind: "error" as const, text: error }
      : done
        ? { kind: "ok" as const, text: done }
        : undefined;
    return c.html(page({ title: "Orders", seller, active: "orders", now: runtime.clock.now(), body, flash }));
  });

  app.get("/orders/:id/split", (c) => {
    const seller = c.get("seller");
    const orderId = c.req.param("id");
    const shop = shopOfOrder(seller.id, orderId);
    if (!shop) return c.text("Not found", 404);
    const data = commerceOf(shop.id)!;
    const order = data.orders[orderId]!;
    const lines = activeLines(order).filter((line) => lineStage(data, line) === "UNSHIPPED");
    const options = Math.min(MAX_PACKAGES, Math.max(2, lines.length));
    const body = html`<h1>Split order <span class="mono">${order.id}</span></h1>
      <p class="muted">Choose the package each item ships in (the first item alone, the rest together, until you change it). Every package needs at least one item.</p>
      <form class="card" method="post" action="/seller-center/orders/${order.id}/split">
        ${lines.map(
          (
            line,
            index,
          ) => html`<label for="line-${line.id}">${line.productName} · ${line.skuName} <span class="mono">(${line.sellerSku}, item ${line.id})</span></label>
          <select id="line-${line.id}" name="line_${line.id}">
            ${Array.from({ length: options }, (_, n) => html`<option value="${n + 1}" ${n === (index === 0 ? 0 : 1) ? "selected" : ""}>Package ${n + 1}</option>`)}
          </select>`,
        )}
        <div class="actions"><button class="primary" type="submit">Split order</button>
          <a class="button" href="/seller-center/orders?shop_id=${shop.id}">Cancel</a></div>
      </form>`;
    return c.html(page({ title: "Split order", seller, active: "orders", now: runtime.clock.now(), body }));
  });

  app.post("/orders/:id/split", async (c) => {
    const seller = c.get("seller");
    const orderId = c.req.param("id");
    const shop = shopOfOrder(seller.id, orderId);
    if (!shop) return c.text("Not found", 404);
    const form = await c.req.parseBody();
    const groups = new Map<string, string[]>();
    for (const [key, value] of Object.entries(form)) {
      if (!key.startsWith("line_") || typeof value !== "string") continue;
      groups.set(value, [...(groups.get(value) ?? []), key.slice("line_".length)]);
    }
    const ordered = [...groups.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, ids]) => ids);
    const target = act(shop.id, () => {
      const packages = control.split(orderId, ordered);
      return `Order ${orderId} split into ${packages.length} packages: ${packages.join(", ")}.`;
    });
    return c.redirect(target, 303);
  });

  app.post("/orders/combine", async (c) => {
    const seller = c.get("seller");
    const form = await c.req.parseBody({ all: true });
    const ids = [form.order_ids].flat().flatMap((v) => (typeof v === "string" ? v.split(",") : []));
    const shop = ids[0] ? shopOfOrder(seller.id, ids[0]) : undefined;
    if (!shop || !ids.every((id) => shopOfOrder(seller.id, id)?.id === shop.id))
      return c.text("Not found", 404);
    const target = act(shop.id, () => {
      const packageId = control.combine(ids);
      return `Orders ${ids.join(", ")} combined into package ${packageId}.`;
    });
    return c.redirect(target, 303);
  });

  app.post("/packages/:id/uncombine", async (c) => {
    const seller = c.get("seller");
    const packageId = c.req.param("id");
    const shop = ownShops(seller.id).find((s) => Boolean(commerceOf(s.id)?.packages[packageId]));
    if (!shop) return c.text("Not found", 404);
    const pkg = commerceOf(shop.id)!.packages[packageId]!;
    const target = act(shop.id, () => {
      const packages = control.uncombine(packageId, [...pkg.orderIds]);
      return `Package ${packageId} uncombined into ${packages.join(", ")}.`;
    });
    return c.redirect(target, 303);
  });
}

function button(action: string, label: string, extra: Html | string = ""): Html {
  return html`<form class="inline" method="post" action="${action}">${extra}<button type="submit">${label}</button></form>`;
}

function packagesOf(shop: ShopCommerce, order: Order): Package[] {
  const ids = new Set(activeLines(order).flatMap((line) => (line.packageId ? [line.packageId] : [])));
  return [...ids].flatMap((id) => (shop.packages[id] ? [shop.packages[id]] : []));
}

function ordersSection(shop: ShopCommerce, combinable: Array<{ id: string; orderIds: string[] }>): Html {
  const open = Object.values(shop.orders)
    .filter((order) => OPEN.has(order.status) && order.fulfillmentType === "FULFILLMENT_BY_SELLER")
    .sort((a, b) => b.createTime - a.createTime)
    .slice(0, 30);
  const combined = Object.values(shop.packages).filter(
    (pkg) => pkg.orderIds.length > 1 && pkg.stage === "UNSHIPPED",
  );
  return html`<h2>Orders to ship</h2>
    ${
      open.length === 0
        ? html`<div class="card"><p>No orders are waiting to ship.</p></div>`
        : html`<table>
        <thead><tr><th scope="col">Order</th><th scope="col">Created</th><th scope="col">Status</th><th scope="col">Shipping</th>
          <th scope="col">Items</th><th scope="col">Packages</th><th scope="col"><span class="muted">Actions</span></th></tr></thead>
        <tbody>${open.map((order) => {
          const unshipped = activeLines(order).filter((line) => lineStage(shop, line) === "UNSHIPPED");
          const packages = packagesOf(shop, order);
          return html`<tr>
            <td class="mono">${order.id}</td>
            <td>${formatTime(order.createTime)}</td>
            <td>${order.status}</td>
            <td>${order.shippingType === "SELLER" ? "Shipped by seller" : "Shipped via TikTok"}</td>
            <td>${activeLines(order).length}</td>
            <td class="mono">${packages.map((pkg) => pkg.id).join(", ") || "—"}</td>
            <td><div class="actions">${
              unshipped.length >= 2 && order.status !== "ON_HOLD"
                ? html`<a class="button" href="/seller-center/orders/${order.id}/split" aria-label="Split order ${order.id}">Split</a>`
                : ""
            }</div></td>
          </tr>`;
        })}</tbody></table>`
    }
    <h2>Combinable orders</h2>
    ${
      combinable.length === 0
        ? html`<div class="card"><p>No orders can be combined: combinable orders come from one buyer, one warehouse and one delivery option.</p></div>`
        : html`<table>
        <thead><tr><th scope="col">Orders</th><th scope="col"><span class="muted">Actions</span></th></tr></thead>
        <tbody>${combinable.map(
          (group) => html`<tr>
            <td class="mono">${group.orderIds.join(", ")}</td>
            <td>${button("/seller-center/orders/combine", "Combine", html`<input type="hidden" name="order_ids" value="${group.orderIds.join(",")}">`)}</td>
          </tr>`,
        )}</tbody></table>`
    }
    <h2>Combined packages</h2>
    ${
      combined.length === 0
        ? html`<div class="card"><p>No combined packages are waiting to ship.</p></div>`
        : html`<table>
        <thead><tr><th scope="col">Package</th><th scope="col">Orders</th><th scope="col"><span class="muted">Actions</span></th></tr></thead>
        <tbody>${combined.map(
          (pkg) => html`<tr>
            <td class="mono">${pkg.id}</td>
            <td class="mono">${pkg.orderIds.join(", ")}</td>
            <td>${button(`/seller-center/packages/${pkg.id}/uncombine`, "Uncombine")}</td>
          </tr>`,
        )}</tbody></table>`
    }`;
}
