import type { Hono } from "hono";
import { html } from "hono/html";
import type { Runtime } from "../platform/runtime.ts";
import type { SellerCenterEnv } from "./env.ts";
import { page } from "./layout.ts";

/**
 * BUYER SIMULATION — the plug-in point for the commerce side. When ./commerce/index.ts exports
 * `buyer` (an object of simulation functions), domains.ts passes it here and this page offers
 * its actions for the seller's shops; otherwise the page explains that no shop data is loaded.
 */
export function buyerRoutes(
  app: Hono<SellerCenterEnv>,
  runtime: Runtime,
  simulation: Readonly<Record<string, unknown>> | null,
): void {
  app.get("/buyer", (c) => {
    const seller = c.get("seller");
    const actions = simulation
      ? Object.keys(simulation).filter((k) => typeof simulation[k] === "function")
      : [];
    const body =
      actions.length === 0
        ? html`<h1>Buyer simulation</h1>
          <div class="card"><p>No shop data is loaded: the commerce side of the dev shop does not provide a buyer simulation yet.</p></div>`
        : html`<h1>Buyer simulation</h1>
          <div class="card"><p>Available actions:</p><ul>${actions.map((a) => html`<li><code>${a}</code></li>`)}</ul></div>`;
    return c.html(
      page({ title: "Buyer simulation", seller, active: "buyer", now: runtime.clock.now(), body }),
    );
  });
}
