import type { Hono } from "hono";
import { html } from "hono/html";
import type { Runtime } from "../platform/runtime.ts";
import { topicName } from "../webhooks/types.ts";
import type { SellerCenterEnv } from "./env.ts";
import { formatTime, page } from "./layout.ts";

/** Webhook delivery log for the seller's shops, per app: every attempt, and the next retry. */
export function webhookLogRoutes(app: Hono<SellerCenterEnv>, runtime: Runtime): void {
  app.get("/webhooks", (c) => {
    const seller = c.get("seller");
    const state = runtime.store.platform;
    const shops = new Map(state.shops.filter((s) => s.sellerId === seller.id).map((s) => [s.id, s]));
    const appKey = c.req.query("app_key") || "";
    const deliveries = state.webhookDeliveries
      .filter((d) => shops.has(d.shopId) && (appKey === "" || d.appKey === appKey))
      .slice(-200)
      .reverse();
    const appName = (key: string) => state.apps.find((a) => a.appKey === key)?.name ?? key;
    const body = html`<h1>Webhook delivery log</h1>
      <form method="get" action="/seller-center/webhooks" class="card">
        <label for="app_key">App</label>
        <select id="app_key" name="app_key">
          <option value="">All apps</option>
          ${state.apps.map((a) => html`<option value="${a.appKey}" ${a.appKey === appKey ? "selected" : ""}>${a.name}</option>`)}
        </select>
        <div class="actions"><button type="submit">Filter</button></div>
      </form>
      ${
        deliveries.length === 0
          ? html`<div class="card"><p>No webhooks have been sent for your shops yet.</p></div>`
          : html`<table>
          <thead><tr><th scope="col">Sent</th><th scope="col">App</th><th scope="col">Type</th><th scope="col">Shop</th>
            <th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Next retry</th><th scope="col">URL</th></tr></thead>
          <tbody>${deliveries.map((d) => {
            const last = d.attempts.at(-1);
            return html`<tr>
              <td>${formatTime(d.createdAt)}</td>
              <td>${appName(d.appKey)}</td>
              <td>${d.type} <span class="muted">${topicName(d.type) ?? ""}</span></td>
              <td>${shops.get(d.shopId)?.name ?? d.shopId}</td>
              <td class="status-${d.state}">${d.state}${d.dropReason ? html`<br><span class="muted">${d.dropReason}</span>` : ""}</td>
              <td>${d.attempts.length}${last ? html`<br><span class="muted">last: ${last.status ?? last.error ?? ""}</span>` : ""}</td>
              <td>${formatTime(d.nextAttemptAt)}</td>
              <td class="mono">${d.url}</td>
            </tr>`;
          })}</tbody></table>`
      }`;
    return c.html(page({ title: "Webhook log", seller, active: "webhooks", now: runtime.clock.now(), body }));
  });
}
