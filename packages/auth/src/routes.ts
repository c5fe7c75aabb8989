import type { MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { carrierMappingsInput } from "./carriers.ts";
import { installUrl, type ResolvedConfig } from "./config.ts";
import type { ShopConnections } from "./connections.ts";
import { AuthHttpError } from "./errors.ts";
import type { InstallFlow } from "./install.ts";
import type { AuthEnv } from "./middleware.ts";
import type { SessionManager } from "./sessions.ts";
import { sellerView } from "./views.ts";

/**
 * `/api/auth`: install, callback, logout, session. Plain Hono, so the app server mounts it with
 * `app.route("/api/auth", auth.routes)` behind its own middleware (CSRF applies to logout).
 */
export function authRoutes(
  config: ResolvedConfig,
  install: InstallFlow,
  sessions: SessionManager,
  connections: ShopConnections,
) {
  return new Hono<AuthEnv>()
    .get("/install", (c) => install.begin(c))
    .get("/callback", (c) => install.callback(c))
    .post("/logout", async (c) => {
      await sessions.signOut(c);
      c.header("Cache-Control", "no-store");
      return c.json({ ok: true as const });
    })
    .get("/session", async (c) => {
      c.header("Cache-Control", "no-store");
      const current = await sessions.current(c);
      if (!current) {
        return c.json(
          {
            error: "unauthenticated" as const,
            message: "Sign in to continue.",
            installUrl: installUrl(config),
          },
          401,
        );
      }
      return c.json({
        seller: sellerView(current.seller),
        shops: await connections.list(current.seller.id),
        installUrls: { US: installUrl(config, { market: "US" }), ROW: installUrl(config, { market: "ROW" }) },
      });
    });
}

/**
 * `/api/connections`: the signed-in seller's shops, disconnect, and carrier mapping. Every route
 * requires a session and answers 404 for a shop of anyone else.
 */
export function connectionRoutes(
  config: ResolvedConfig,
  connections: ShopConnections,
  requireSeller: MiddlewareHandler<AuthEnv>,
) {
  return new Hono<AuthEnv>()
    .use(requireSeller)
    .get("/", async (c) =>
      c.json({
        shops: await connections.list(c.var.seller.id),
        installUrls: { US: installUrl(config, { market: "US" }), ROW: installUrl(config, { market: "ROW" }) },
      }),
    )
    .post("/:shopId/disconnect", async (c) =>
      c.json({ shop: await connections.disconnect(c.var.seller.id, c.req.param("shopId")) }),
    )
    .get("/:shopId/carriers/options", async (c) =>
      c.json({ warehouses: await connections.carrierOptions(c.var.seller.id, c.req.param("shopId")) }),
    )
    .get("/:shopId/carriers", async (c) =>
      c.json({ mappings: await connections.carrierMappings(c.var.seller.id, c.req.param("shopId")) }),
    )
    .put("/:shopId/carriers", async (c) => {
      const shopId = c.req.param("shopId");
      // Ownership first, so another seller's shop is a 404 whatever the body holds.
      await connections.get(c.var.seller.id, shopId);
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw new AuthHttpError(400, "invalid_json", 'The body must be JSON: { "mappings": [...] }.');
      }
      const parsed = carrierMappingsInput.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AuthHttpError(
          400,
          "invalid_carrier_mapping",
          `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`,
          { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
        );
      }
      const result = await connections.setCarrierMappings(c.var.seller.id, shopId, parsed.data.mappings);
      if (!result.ok) {
        return c.json(
          {
            error: "invalid_carrier_mapping" as const,
            message: result.issues[0]?.message ?? "Invalid mapping.",
            issues: result.issues,
          },
          400,
        );
      }
      return c.json({ mappings: result.mappings });
    });
}

export type AuthRoutes = ReturnType<typeof authRoutes>;
export type ConnectionRoutes = ReturnType<typeof connectionRoutes>;
