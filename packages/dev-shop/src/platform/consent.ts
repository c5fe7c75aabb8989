import { Hono } from "hono";
import { html } from "hono/html";
import { formatTime, page } from "../seller-center/layout.ts";
import { loginRedirect, type SessionStore } from "../seller-center/session.ts";
import type { PartnerApp, Seller } from "../state/platform.ts";
import { authorizeApp } from "./actions.ts";
import type { Runtime } from "./runtime.ts";

/**
 * The seller authorization (consent) page, services.tiktokshop.com/open/authorize?service_id=...
 * The seller logs in to Seller Center, picks the shops (all checked by default), sees the app and
 * the scopes it asks for, and approves or denies. Approve redirects to the app's registered
 * redirect URL with `code` and `state`; Deny with `error=auth_denied` and `state`.
 */
export function consentRoutes(runtime: Runtime, sessions: SessionStore): Hono {
  const routes = new Hono();

  const appByService = (serviceId: string | undefined) =>
    runtime.store.platform.apps.find((a) => a.serviceId === serviceId);

  const notFound = (seller: Seller | null) =>
    page({
      title: "Authorization",
      seller,
      now: runtime.clock.now(),
      narrow: true,
      body: html`<div class="card" role="alert"><h1>This service does not exist</h1>
        <p class="muted">Check the <code>service_id</code> of the authorization link: it is the app's numeric service ID from Partner Center, not its app key.</p></div>`,
    });

  const consentPage = (app: PartnerApp, seller: Seller, state: string | undefined, error?: string) => {
    const shops = runtime.store.platform.shops.filter((s) => s.sellerId === seller.id);
    const durationDays = Math.round(runtime.authorizationSeconds / 86_400);
    return page({
      title: `Authorize ${app.name}`,
      seller,
      now: runtime.clock.now(),
      narrow: true,
      flash: error ? { kind: "error", text: error } : undefined,
      body: html`<div class="card">
        <h1>Authorize ${app.name}</h1>
        <p><strong>${app.name}</strong> <span class="tag">${app.category}</span> wants to access your TikTok Shop data.</p>
        ${app.description ? html`<p class="muted">${app.description}</p>` : ""}
        <form method="post" action="/open/authorize">
          <input type="hidden" name="service_id" value="${app.serviceId}">
          ${state !== undefined ? html`<input type="hidden" name="state" value="${state}">` : ""}
          <fieldset class="card">
            <legend>Shops to authorize</legend>
            ${shops.map(
              (
                shop,
              ) => html`<label class="check"><input type="checkbox" name="shop_ids" value="${shop.id}" checked>
                ${shop.name} <span class="muted">${shop.region} · ${shop.sellerType} · ${shop.code}</span></label>`,
            )}
          </fieldset>
          <h2>Requested permissions</h2>
          <ul>${app.scopes.map((scope) => html`<li><code>${scope}</code></li>`)}</ul>
          <p class="muted">The authorization lasts ${durationDays} days (until ${formatTime(runtime.clock.now() + runtime.authorizationSeconds)}).</p>
          <div class="actions">
            <button class="primary" type="submit" name="decision" value="approve">Authorize</button>
            <button type="submit" name="decision" value="deny">Cancel</button>
          </div>
        </form>
      </div>`,
    });
  };

  routes.get("/authorize", (c) => {
    const seller = sessions.seller(c, runtime) ?? null;
    const app = appByService(c.req.query("service_id"));
    if (!app) return c.html(notFound(seller), 404);
    if (!seller) return loginRedirect(c);
    return c.html(consentPage(app, seller, c.req.query("state")));
  });

  routes.post("/authorize", async (c) => {
    const form = await c.req.parseBody({ all: true });
    const field = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : undefined);
    const seller = sessions.seller(c, runtime) ?? null;
    const app = appByService(field("service_id"));
    if (!app) return c.html(notFound(seller), 404);
    if (!seller) return loginRedirect(c);
    const state = field("state");

    const target = new URL(app.redirectUrl);
    if (field("decision") !== "approve") {
      target.searchParams.set("error", "auth_denied");
      if (state !== undefined) target.searchParams.set("state", state);
      return c.redirect(target.toString(), 302);
    }

    const raw = form.shop_ids;
    const requested = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
      (v): v is string => typeof v === "string",
    );
    const own = new Set(
      runtime.store.platform.shops.filter((s) => s.sellerId === seller.id).map((s) => s.id),
    );
    const shopIds = requested.filter((id) => own.has(id));
    if (shopIds.length === 0)
      return c.html(consentPage(app, seller, state, "Select at least one shop."), 400);

    const { code } = authorizeApp(runtime, { app, seller, shopIds });
    target.searchParams.set("code", code);
    if (state !== undefined) target.searchParams.set("state", state);
    return c.redirect(target.toString(), 302);
  });

  return routes;
}
