import { Hono } from "hono";
import type { BuyerControl } from "../control/buyer.ts";
import { createSellerFulfillmentControl } from "../control/fulfillment.ts";
import type { Runtime } from "../platform/runtime.ts";
import { appStoreRoutes } from "./app-store.ts";
import { buyerRoutes } from "./buyer.ts";
import { clockRoutes } from "./clock.ts";
import type { SellerCenterEnv } from "./env.ts";
import { financeRoutes } from "./finance.ts";
import { sellerOrdersRoutes } from "./fulfillment.ts";
import { loginRoutes } from "./login.ts";
import { myAppsRoutes } from "./my-apps.ts";
import { loginRedirect, type SessionStore } from "./session.ts";
import { shopsRoutes } from "./shops.ts";
import { webhookLogRoutes } from "./webhooks.ts";

/** Seller Center, mounted at /seller-center: login, then every page needs a seller session. */
export function sellerCenterRoutes(
  runtime: Runtime,
  sessions: SessionStore,
  buyer: BuyerControl,
): Hono<SellerCenterEnv> {
  const app = new Hono<SellerCenterEnv>();
  loginRoutes(app, runtime, sessions);

  app.use("*", async (c, next) => {
    const seller = sessions.seller(c, runtime);
    if (!seller) return loginRedirect(c);
    c.set("seller", seller);
    await next();
  });

  app.get("/", (c) => c.redirect("/seller-center/shops", 302));
  shopsRoutes(app, runtime);
  appStoreRoutes(app, runtime);
  myAppsRoutes(app, runtime);
  webhookLogRoutes(app, runtime);
  clockRoutes(app, runtime);
  buyerRoutes(app, runtime, buyer);
  financeRoutes(app, runtime);
  sellerOrdersRoutes(app, runtime, createSellerFulfillmentControl(runtime));
  return app;
}
