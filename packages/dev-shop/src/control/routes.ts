import { Hono } from "hono";
import { z } from "zod";
import { RegistrationError, registrationFromJson } from "../platform/apps.ts";
import type { Runtime } from "../platform/runtime.ts";
import { afterSalesControlRouteList, afterSalesControlRoutes } from "./aftersales.ts";
import { BuyerActionError } from "./buyer.ts";
import { buyerControlRoutes } from "./buyer-routes.ts";
import { catalogControlRouteList, catalogControlRoutes } from "./catalog.ts";
import { ControlError, type DevShopControl } from "./control.ts";
import { financeControlRouteList, financeControlRoutes } from "./finance.ts";
import {
  createSellerFulfillmentControl,
  fulfillmentControlRouteList,
  fulfillmentControlRoutes,
} from "./fulfillment.ts";
import { ordersControlRouteList, ordersControlRoutes } from "./orders.ts";
import { appView, authorizationView, deliveryView, faultView, sellerView, shopView } from "./views.ts";

/**
 * The JSON control API under /control: register apps, authorize without a browser, move the
 * clock, reset, inspect state and webhook deliveries, inject faults, simulate buyers. It has no authentication;
 * main.ts binds the dev shop to the loopback interface only.
 */

export interface EndpointStatus {
  domain: string;
  name: string;
  method: string;
  path: string;
  emulated: boolean;
}

const authorizeBody = z
  .object({
    app_key: z.string().min(1),
    shop_ids: z.array(z.string().min(1)).optional(),
    seller_email: z.string().min(1).optional(),
    duration_seconds: z.number().int().positive().optional(),
  })
  .refine((b) => (b.shop_ids && b.shop_ids.length > 0) || b.seller_email, {
    message: "give shop_ids or seller_email",
  });

const advanceBody = z.object({ seconds: z.number().int().min(0) });

const emitBody = z.object({
  shop_id: z.string().min(1),
  type: z.number().int().positive(),
  data: z.record(z.string(), z.unknown()).default({}),
  app_key: z.string().min(1).optional(),
});

export function controlRoutes(
  runtime: Runtime,
  control: DevShopControl,
  endpoints: () => EndpointStatus[],
): Hono {
  const routes = new Hono();

  routes.onError((error, c) => {
    if (error instanceof z.ZodError) {
      const issue = error.issues[0];
      return c.json({ error: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` }, 400);
    }
    if (error instanceof ControlError || error instanceof RegistrationError)
      return c.json({ error: error.message }, 400);
    if (error instanceof BuyerActionError) return c.json({ error: error.message, code: error.code }, 400);
    if (error instanceof SyntaxError) return c.json({ error: "the body is not valid JSON" }, 400);
    console.error("[dev-shop] control API failed:", error);
    return c.json({ error: "internal error" }, 500);
  });

  const json = async (c: { req: { text(): Promise<string> } }) => {
    const text = await c.req.text();
    return text.trim() === "" ? {} : (JSON.parse(text) as unknown);
  };

  routes.get("/", (c) =>
    c.json({
      routes: [
        "GET /control/health",
        "GET /control/apps",
        "POST /control/apps",
        "POST /control/authorize",
        "GET /control/clock",
        "POST /control/clock/advance",
        "POST /control/tick",
        "POST /control/reset",
        "GET /control/state/sellers",
        "GET /control/state/shops",
        "GET /control/state/authorizations",
        "GET /control/webhooks",
        "POST /control/webhooks/emit",
        "GET /control/faults",
        "POST /control/faults",
        "DELETE /control/faults",
        "DELETE /control/faults/:id",
        "GET /control/endpoints",
        "POST /control/buyer/orders",
        "POST /control/buyer/orders/:id/pay",
        "POST /control/buyer/orders/:id/cancel",
        "POST /control/buyer/orders/:id/return",
        "POST /control/buyer/orders/:id/address",
        "POST /control/buyer/returns/:id/ship",
        "POST /control/buyer/returns/:id/withdraw",
        "POST /control/buyer/returns/:id/partial-refund",
        ...catalogControlRouteList,
        ...afterSalesControlRouteList,
        ...ordersControlRouteList,
        ...fulfillmentControlRouteList,
        ...financeControlRouteList,
      ],
    }),
  );

  routes.get("/health", (c) => c.json({ ok: true, now: runtime.clock.now() }));

  routes.get("/apps", (c) => c.json({ apps: control.apps().map(appView) }));
  routes.post("/apps", async (c) => {
    const app = control.registerApp(registrationFromJson(await json(c)));
    return c.json({ app: appView(app) });
  });

  routes.post("/authorize", async (c) => {
    const body = authorizeBody.parse(await json(c));
    const result = control.authorize({
      appKey: body.app_key,
      ...(body.shop_ids ? { shopIds: body.shop_ids } : {}),
      ...(body.seller_email ? { sellerEmail: body.seller_email } : {}),
      ...(body.duration_seconds ? { durationSeconds: body.duration_seconds } : {}),
    });
    return c.json({ code: result.code, authorization_id: result.authorizationId, shop_ids: result.shopIds });
  });

  const clockView = () => ({
    now: runtime.clock.now(),
    iso: new Date(runtime.clock.now() * 1000).toISOString(),
    offset_seconds: runtime.clock.offsetSeconds,
  });
  routes.get("/clock", (c) => c.json(clockView()));
  routes.post("/clock/advance", async (c) => {
    const { seconds } = advanceBody.parse(await json(c));
    control.advanceClock(seconds);
    return c.json(clockView());
  });
  routes.post("/tick", (c) => {
    control.tick();
    return c.json(clockView());
  });

  routes.post("/reset", (c) => {
    control.reset();
    return c.json({ ok: true, ...clockView() });
  });

  routes.get("/state/sellers", (c) => c.json({ sellers: control.sellers().map(sellerView) }));
  routes.get("/state/shops", (c) => c.json({ shops: control.shops().map(shopView) }));
  routes.get("/state/authorizations", (c) =>
    c.json({ authorizations: runtime.store.platform.authorizations.map(authorizationView) }),
  );

  routes.get("/webhooks", (c) => {
    const q = c.req.query();
    const type = q.type ? Number(q.type) : undefined;
    const state =
      q.state === "pending" || q.state === "delivered" || q.state === "dropped" ? q.state : undefined;
    const log = control.webhookLog({
      ...(q.app_key ? { appKey: q.app_key } : {}),
      ...(q.shop_id ? { shopId: q.shop_id } : {}),
      ...(type !== undefined && Number.isFinite(type) ? { type } : {}),
      ...(state ? { state } : {}),
    });
    return c.json({ deliveries: log.map(deliveryView) });
  });
  routes.post("/webhooks/emit", async (c) => {
    const body = emitBody.parse(await json(c));
    control.emitWebhook({
      shopId: body.shop_id,
      type: body.type,
      data: body.data,
      ...(body.app_key ? { appKey: body.app_key } : {}),
    });
    return c.json({ ok: true });
  });

  routes.get("/faults", (c) => c.json({ faults: control.faults().map(faultView) }));
  routes.post("/faults", async (c) => {
    const body = await json(c);
    const inputs = Array.isArray(body) ? body : [body];
    const added = inputs.map((input) => control.addFault(input as Parameters<DevShopControl["addFault"]>[0]));
    return c.json({ faults: added.map(faultView) });
  });
  routes.delete("/faults", (c) => {
    control.clearFaults();
    return c.json({ ok: true });
  });
  routes.delete("/faults/:id", (c) =>
    control.removeFault(c.req.param("id")) ? c.json({ ok: true }) : c.json({ error: "no such fault" }, 404),
  );

  buyerControlRoutes(routes, control.buyer, json);
  fulfillmentControlRoutes(routes, createSellerFulfillmentControl(runtime), json);
  catalogControlRoutes(routes, runtime, json);
  afterSalesControlRoutes(routes, runtime);
  ordersControlRoutes(routes, runtime, json);
  financeControlRoutes(routes, runtime, json);

  routes.get("/endpoints", (c) => {
    const list = endpoints();
    return c.json({
      emulated: list.filter((e) => e.emulated).length,
      total: list.length,
      endpoints: list,
    });
  });

  return routes;
}
