import type { Hono } from "hono";
import { html } from "hono/html";
import type { Runtime } from "../platform/runtime.ts";
import { SEED_PASSWORD } from "../state/seed-platform.ts";
import type { SellerCenterEnv } from "./env.ts";
import { page } from "./layout.ts";
import { type SessionStore, safeNext } from "./session.ts";

/** Login and logout. The page lists the test sellers and their passwords: this is a dev tool. */
export function loginRoutes(app: Hono<SellerCenterEnv>, runtime: Runtime, sessions: SessionStore): void {
  const loginPage = (next: string, error?: string, email = "") =>
    page({
      title: "Log in",
      seller: null,
      now: runtime.clock.now(),
      narrow: true,
      flash: error ? { kind: "error", text: error } : undefined,
      body: html`<div class="card">
        <h1>Log in to Seller Center</h1>
        <form method="post" action="/seller-center/login">
          <input type="hidden" name="next" value="${next}">
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value="${email}">
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required>
          <div class="actions"><button class="primary" type="submit">Log in</button></div>
        </form>
      </div>
      <div class="card">
        <h2>Test sellers</h2>
        <table>
          <caption class="muted">Seeded accounts of this dev shop</caption>
          <thead><tr><th scope="col">Email</th><th scope="col">Password</th><th scope="col">Shops</th></tr></thead>
          <tbody>
            ${runtime.store.platform.sellers.map(
              (
                s,
              ) => html`<tr><td><code>${s.email}</code></td><td><code>${s.password === SEED_PASSWORD ? s.password : "(custom)"}</code></td>
                <td>${runtime.store.platform.shops
                  .filter((shop) => shop.sellerId === s.id)
                  .map((shop) => html`<span class="tag">${shop.name} (${shop.region})</span>`)}</td></tr>`,
            )}
          </tbody>
        </table>
      </div>`,
    });

  app.get("/login", (c) => c.html(loginPage(safeNext(c.req.query("next")))));

  app.post("/login", async (c) => {
    const form = await c.req.parseBody();
    const email = typeof form.email === "string" ? form.email.trim().toLowerCase() : "";
    const password = typeof form.password === "string" ? form.password : "";
    const next = safeNext(typeof form.next === "string" ? form.next : undefined);
    const seller = runtime.store.platform.sellers.find((s) => s.email.toLowerCase() === email);
    if (!seller || seller.password !== password) {
      return c.html(loginPage(next, "Wrong email or password.", email), 401);
    }
    sessions.login(c, seller);
    return c.redirect(next, 303);
  });

  app.post("/logout", (c) => {
    sessions.logout(c);
    return c.redirect("/seller-center/login", 303);
  });
}
