import type { Hono } from "hono";
import { html } from "hono/html";
import { findActiveAuthorization } from "../platform/authorizations.ts";
import type { Runtime } from "../platform/runtime.ts";
import type { SellerCenterEnv } from "./env.ts";
import { page } from "./layout.ts";

/** The App Store: every registered partner app, with Authorize (consent page) and Open (its homepage). */
export function appStoreRoutes(app: Hono<SellerCenterEnv>, runtime: Runtime): void {
  app.get("/app-store", (c) => {
    const seller = c.get("seller");
    const now = runtime.clock.now();
    const apps = runtime.store.platform.apps;
    const body = html`<h1>App Store</h1>
      ${
        apps.length === 0
          ? html`<div class="card"><p>No apps are registered. Add one to <code>config/apps.json</code> or
              <code>POST /control/apps</code>.</p></div>`
          : html`<div class="cards">${apps.map((a) => {
              const authorized = findActiveAuthorization(runtime.store.platform, a.appKey, seller.id, now);
              return html`<article class="card" aria-labelledby="app-${a.appKey}">
                <h2 id="app-${a.appKey}">${a.name}</h2>
                <p><span class="tag">${a.category}</span>${authorized ? html`<span class="tag status-active">Authorized</span>` : ""}</p>
                <p class="muted">${a.description || "No description."}</p>
                <div class="actions">
                  <a class="button primary" href="/open/authorize?service_id=${a.serviceId}">${authorized ? "Authorize again" : "Authorize"}</a>
                  <a class="button" href="${a.homepageUrl}">Open</a>
                </div>
              </article>`;
            })}</div>`
      }`;
    return c.html(page({ title: "App Store", seller, active: "app-store", now, body }));
  });
}
