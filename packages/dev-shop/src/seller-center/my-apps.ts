import type { Hono } from "hono";
import { html } from "hono/html";
import { revokeApp } from "../platform/actions.ts";
import { isActive, shopsOf } from "../platform/authorizations.ts";
import type { Runtime } from "../platform/runtime.ts";
import type { Authorization } from "../state/platform.ts";
import type { SellerCenterEnv } from "./env.ts";
import { formatTime, page } from "./layout.ts";

/** The apps this seller authorized: shops, scopes, expiry, and Revoke. */
export function myAppsRoutes(app: Hono<SellerCenterEnv>, runtime: Runtime): void {
  const status = (a: Authorization, now: number) =>
    a.revokedAt !== null
      ? "revoked"
      : a.expiresAt <= now
        ? "expired"
        : isActive(a, now)
          ? "active"
          : "revoked";

  app.get("/my-apps", (c) => {
    const seller = c.get("seller");
    const now = runtime.clock.now();
    const state = runtime.store.platform;
    const mine = state.authorizations
      .filter((a) => a.sellerId === seller.id)
      .sort((a, b) => b.createdAt - a.createdAt);
    const notice = c.req.query("revoked")
      ? { kind: "ok" as const, text: "The authorization was revoked." }
      : undefined;
    const body = html`<h1>My apps</h1>
      ${
        mine.length === 0
          ? html`<div class="card"><p>You have not authorized any app yet. Visit the <a href="/seller-center/app-store">App Store</a>.</p></div>`
          : html`<table>
          <thead><tr><th scope="col">App</th><th scope="col">Shops</th><th scope="col">Granted scopes</th>
            <th scope="col">Authorized</th><th scope="col">Expires</th><th scope="col">Status</th><th scope="col"><span class="muted">Action</span></th></tr></thead>
          <tbody>${mine.map((a) => {
            const partner = state.apps.find((p) => p.appKey === a.appKey);
            const s = status(a, now);
            return html`<tr>
              <td>${partner?.name ?? a.appKey}</td>
              <td>${shopsOf(state, a).map((shop) => html`<span class="tag">${shop.name}</span>`)}</td>
              <td>${a.grantedScopes.map((scope) => html`<span class="tag mono">${scope}</span>`)}</td>
              <td>${formatTime(a.createdAt)}</td>
              <td>${formatTime(a.expiresAt)}</td>
              <td class="status-${s}">${s}</td>
              <td>${
                s === "active"
                  ? html`<form class="inline" method="post" action="/seller-center/my-apps/${a.id}/revoke">
                      <button class="danger" type="submit" aria-label="Revoke ${partner?.name ?? a.appKey}">Revoke</button></form>`
                  : ""
              }</td>
            </tr>`;
          })}</tbody></table>`
      }`;
    return c.html(page({ title: "My apps", seller, active: "my-apps", now, body, flash: notice }));
  });

  app.post("/my-apps/:id/revoke", (c) => {
    const seller = c.get("seller");
    const authorization = runtime.store.platform.authorizations.find(
      (a) => a.id === c.req.param("id") && a.sellerId === seller.id,
    );
    if (!authorization) return c.text("Not found", 404);
    if (authorization.revokedAt === null) revokeApp(runtime, authorization);
    return c.redirect("/seller-center/my-apps?revoked=1", 303);
  });
}
