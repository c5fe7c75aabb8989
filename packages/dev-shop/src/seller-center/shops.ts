import type { Hono } from "hono";
import { html } from "hono/html";
import type { Runtime } from "../platform/runtime.ts";
import type { SellerCenterEnv } from "./env.ts";
import { page } from "./layout.ts";

/** The logged-in seller's shops, with the identifiers an app developer needs. */
export function shopsRoutes(app: Hono<SellerCenterEnv>, runtime: Runtime): void {
  app.get("/shops", (c) => {
    const seller = c.get("seller");
    const shops = runtime.store.platform.shops.filter((s) => s.sellerId === seller.id);
    return c.html(
      page({
        title: "Shops",
        seller,
        active: "shops",
        now: runtime.clock.now(),
        body: html`<h1>Your shops</h1>
          <table>
            <thead><tr><th scope="col">Name</th><th scope="col">Region</th><th scope="col">Type</th><th scope="col">Shop code</th>
              <th scope="col">Currency</th><th scope="col">Shop ID</th><th scope="col">Cipher</th></tr></thead>
            <tbody>${shops.map(
              (
                s,
              ) => html`<tr><td>${s.name}</td><td>${s.region}</td><td>${s.sellerType}</td><td><code>${s.code}</code></td>
                <td>${s.currency}</td><td><code>${s.id}</code></td><td><code>${s.cipher}</code></td></tr>`,
            )}</tbody>
          </table>`,
      }),
    );
  });
}
