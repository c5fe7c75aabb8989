import { type Auth, type AuthEnv, shopNotFound } from "@tts-kit/auth";
import type { AppDatabase, JobQueue } from "@tts-kit/db";
import { errorHandler, errorJson, type ServerEnv } from "@tts-kit/server";
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import type * as schema from "../db/schema.ts";
import { batchInput, createBatch, getBatch, recentBatches } from "./batch.ts";
import { combinableGroups, combine, uncombine } from "./combine.ts";
import { ShopContext } from "./context.ts";
import { mergeLabels, packingSlips, pickList } from "./documents.ts";
import { FulfillmentError } from "./errors.ts";
import { planShipment } from "./plan.ts";
import { listRules, rulesInput, saveRules, validateRules } from "./rules.ts";
import { shopSetup } from "./setup.ts";
import { loadOrder, shipExistingPackage, shipOrderLines, updateTracking } from "./ship.ts";
import { buyLabel, eligibleServices, packageDocument } from "./tiktok-shipping.ts";
import { fulfilView } from "./view.ts";
import { workspaceOrders, workspaceQuery } from "./workspace.ts";

type Env = ServerEnv & AuthEnv;

export interface FulfillmentDeps {
  db: AppDatabase<typeof schema>;
  auth: Auth;
  now: () => number;
  queue: JobQueue;
  /** Downloads label PDFs from TikTok's `doc_url` (tests inject the in-process dev shop). */
  fetch?: typeof globalThis.fetch;
}

const id = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, "An id is letters and digits.");
const ids = z.array(id).min(1).max(200);
const tracking = z.string().max(200);
const parcel = {
  dimension: z
    .object({
      length: z.string().regex(/^\d+(\.\d+)?$/),
      width: z.string().regex(/^\d+(\.\d+)?$/),
      height: z.string().regex(/^\d+(\.\d+)?$/),
      unit: z.enum(["CM", "INCH"]),
    })
    .optional(),
  weight: z.object({ value: z.string().regex(/^\d+(\.\d+)?$/), unit: z.enum(["GRAM", "POUND"]) }).optional(),
};

const shipBody = z
  .object({
    lineItemIds: z.array(id).max(500).optional(),
    trackingNumber: tracking,
    confirmUnusualTracking: z.boolean().optional(),
    via: z.enum(["fulfil", "scan"]).default("fulfil"),
  })
  .strict();
const shipPackageBody = z
  .object({
    trackingNumber: tracking.optional(),
    confirmUnusualTracking: z.boolean().optional(),
    handoverMethod: z.enum(["PICKUP", "DROP_OFF"]).optional(),
  })
  .strict();
const updateBody = z
  .object({
    trackingNumber: tracking,
    shippingProviderId: id,
    confirmUnusualTracking: z.boolean().optional(),
  })
  .strict();
const servicesBody = z.object({ lineItemIds: z.array(id).max(500).optional(), ...parcel }).strict();
const labelBody = z
  .object({ lineItemIds: z.array(id).max(500).optional(), shippingServiceId: id, ...parcel })
  .strict();
const combineBody = z.object({ packageId: id, orderIds: ids }).strict();
const uncombineBody = z.object({ orderIds: ids }).strict();
const packagesBody = z.object({ packageIds: ids }).strict();
const ordersBody = z.object({ orderIds: ids }).strict();
const documentType = z.enum(["SHIPPING_LABEL", "PACKING_SLIP", "SHIPPING_LABEL_AND_PACKING_SLIP"]);

function pdf(c: Context, bytes: Uint8Array, name: string, headers: Record<string, string> = {}) {
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type": "application/pdf",
    "content-disposition": `attachment; filename="${name}"`,
    ...headers,
  });
}

/**
 * The fulfilment API (/api/fulfillment/:shopId/...): per-order shipping (3PL and 4PL), tracking
 * corrections, split and combine, labels and paperwork, batch shipping, shipping rules and the
 * awaiting-shipment workspace. Every route needs a seller session and one of their connected
 * shops; any other shop id is answered as if it did not exist.
 */
export function fulfillmentApi(deps: FulfillmentDeps) {
  const { db, auth, now } = deps;
  const fetcher = deps.fetch ?? ((input, init) => fetch(input, init));

  const context = async (c: Context<Env>, shopId: string): Promise<ShopContext> => {
    const seller = c.var.seller;
    const shop = await auth.connections.get(seller.id, shopId);
    if (shop.status !== "connected") throw shopNotFound();
    const client = await auth.connections.shopClient(seller.id, shopId);
    return new ShopContext(db, client, shopId, shop.region, seller.id, now, fetcher);
  };
  const param = (c: Context, name: string) => id.parse(c.req.param(name));
  const body = async <T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> =>
    schema.parse(await c.req.json().catch(() => ({})));

  return (
    new Hono<ServerEnv>()
      .use(auth.requireSeller)
      .onError((error, context) => {
        // The kit's error helpers are typed for its own env; the auth variables do not matter there.
        const c = context as unknown as Context<ServerEnv>;
        if (error instanceof FulfillmentError) {
          c.get("logger")?.info({ code: error.code }, "fulfilment action refused");
          const response = errorJson(c, { status: error.status, code: error.code, message: error.message });
          return addDetails(response, error.details);
        }
        return errorHandler(error, c);
      })

      // ---- workspace, setup, per-order view ---------------------------------------------------
      .get("/:shopId/queue", async (c) => {
        const shopId = param(c, "shopId");
        await context(c, shopId);
        return c.json(await workspaceOrders(db, shopId, workspaceQuery.parse(c.req.query())));
      })
      .get("/:shopId/setup", async (c) => {
        const shopId = param(c, "shopId");
        const ctx = await context(c, shopId);
        const warehouses = await auth.connections.carrierOptions(c.var.seller.id, shopId);
        return c.json(shopSetup(warehouses, await ctx.mappings()));
      })
      .get("/:shopId/orders/:orderId", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        return c.json(await fulfilView(ctx, param(c, "orderId")));
      })

      // ---- 3PL ------------------------------------------------------------------------------
      .post("/:shopId/orders/:orderId/ship", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        const input = await body(c, shipBody);
        const outcome = await shipOrderLines(ctx, {
          orderId: param(c, "orderId"),
          trackingNumber: input.trackingNumber,
          confirmUnusualTracking: input.confirmUnusualTracking ?? false,
          via: input.via,
          ...(input.lineItemIds ? { lineItemIds: input.lineItemIds } : {}),
        });
        return c.json({ notification: outcome.notification });
      })
      .post("/:shopId/packages/:packageId/ship", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        const input = await body(c, shipPackageBody);
        const outcome = await shipExistingPackage(ctx, {
          packageId: param(c, "packageId"),
          trackingNumber: input.trackingNumber,
          confirmUnusualTracking: input.confirmUnusualTracking ?? false,
          ...(input.handoverMethod ? { handoverMethod: input.handoverMethod } : {}),
          via: "fulfil",
        });
        return c.json({ notification: outcome.notification });
      })
      .post("/:shopId/orders/:orderId/packages/:packageId/tracking", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        const input = await body(c, updateBody);
        const outcome = await updateTracking(ctx, {
          orderId: param(c, "orderId"),
          packageId: param(c, "packageId"),
          trackingNumber: input.trackingNumber,
          shippingProviderId: input.shippingProviderId,
          confirmUnusualTracking: input.confirmUnusualTracking ?? false,
        });
        return c.json({ notification: outcome.notification });
      })

      // ---- 4PL ------------------------------------------------------------------------------
      .post("/:shopId/orders/:orderId/services", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        const input = await body(c, servicesBody);
        return c.json(await eligibleServices(ctx, param(c, "orderId"), withoutUndefined(input)));
      })
      .post("/:shopId/orders/:orderId/labels", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        const input = await body(c, labelBody);
        const outcome = await buyLabel(ctx, param(c, "orderId"), {
          ...withoutUndefined(input),
          via: "fulfil",
        });
        return c.json({ notification: outcome.notification });
      })
      .get("/:shopId/packages/:packageId/label", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        const packageId = param(c, "packageId");
        const type = documentType.parse(c.req.query("type") ?? "SHIPPING_LABEL");
        const document = await packageDocument(ctx, packageId, type);
        return pdf(c, document.pdf, `label-${packageId}.pdf`);
      })

      // ---- combine ----------------------------------------------------------------------------
      .get("/:shopId/combinable", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        return c.json({ groups: await combinableGroups(ctx) });
      })
      .post("/:shopId/combine", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        const input = await body(c, combineBody);
        return c.json({ package: await combine(ctx, input.packageId, input.orderIds) });
      })
      .post("/:shopId/packages/:packageId/uncombine", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        const input = await body(c, uncombineBody);
        return c.json({ packages: await uncombine(ctx, param(c, "packageId"), input.orderIds) });
      })

      // ---- paperwork --------------------------------------------------------------------------
      .post("/:shopId/documents/labels", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        const input = await body(c, packagesBody);
        const merged = await mergeLabels(ctx, input.packageIds);
        return pdf(c, merged.pdf, "labels.pdf", {
          "x-labels-included": String(merged.included.length),
          "x-labels-skipped": encodeURIComponent(JSON.stringify(merged.skipped)),
        });
      })
      .post("/:shopId/documents/pick-list", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        const input = await body(c, ordersBody);
        return pdf(c, await pickList(ctx, input.orderIds), "pick-list.pdf");
      })
      .post("/:shopId/documents/packing-slips", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        const input = await body(c, ordersBody);
        return pdf(c, await packingSlips(ctx, input.orderIds), "packing-slips.pdf");
      })

      // ---- batch ------------------------------------------------------------------------------
      .post("/:shopId/batches", async (c) => {
        const shopId = param(c, "shopId");
        await context(c, shopId);
        const input = await body(c, batchInput);
        const batch = await createBatch({ ...deps, fetch: fetcher }, shopId, c.var.seller.id, input);
        return c.json({ batch }, 202);
      })
      .get("/:shopId/batches", async (c) => {
        const shopId = param(c, "shopId");
        await context(c, shopId);
        return c.json({ batches: await recentBatches(db, shopId) });
      })
      .get("/:shopId/batches/:batchId", async (c) => {
        const shopId = param(c, "shopId");
        await context(c, shopId);
        const batch = await getBatch(db, shopId, z.string().uuid().parse(c.req.param("batchId")));
        if (!batch) throw new FulfillmentError(404, "batch_not_found", "No such batch in this shop.");
        return c.json({ batch });
      })

      // ---- rules ------------------------------------------------------------------------------
      .get("/:shopId/rules", async (c) => {
        const shopId = param(c, "shopId");
        await context(c, shopId);
        return c.json({ rules: await listRules(db, shopId) });
      })
      .put("/:shopId/rules", async (c) => {
        const shopId = param(c, "shopId");
        await context(c, shopId);
        const input = await body(c, rulesInput);
        validateRules(input.rules, await auth.connections.carrierOptions(c.var.seller.id, shopId));
        return c.json({ rules: await saveRules(db, shopId, input.rules, now()) });
      })
      .get("/:shopId/rules/match/:orderId", async (c) => {
        const ctx = await context(c, param(c, "shopId"));
        const order = await loadOrder(ctx, param(c, "orderId"));
        const plan = await planShipment(ctx, order);
        return c.json({ plan });
      })
  );
}

/** Adds a refusal's details (e.g. when a hold ends) beside the kit's error body. */
async function addDetails(response: Response, details: Record<string, unknown>): Promise<Response> {
  if (Object.keys(details).length === 0) return response;
  const body = (await response.json()) as { error: Record<string, unknown> };
  return new Response(JSON.stringify({ error: { ...body.error, details } }), {
    status: response.status,
    headers: response.headers,
  });
}

function withoutUndefined<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
