import { type Auth, shopNotFound } from "@tts-kit/auth";
import type { AppDatabase } from "@tts-kit/db";
import { errorJson, type ServerEnv } from "@tts-kit/server";
import { isTikTokShopError, type ShopClient } from "@tts-kit/tiktok-shop";
import { and, asc, count, desc, eq, inArray, min, type SQL, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { z } from "zod";
import * as schema from "../db/schema.ts";
import { refreshOrders } from "../orders/sync.ts";
import { sellerCancelReasons, whyNotCancellable } from "./cancel-reasons.ts";
import { CANCEL_PENDING, RETURN_NEEDS_ACTION, returnDecision } from "./decisions.ts";
import { refreshCancellations, refreshReturns } from "./mirror.ts";

const listQuery = z.object({
  view: z.enum(["action", "all"]).default("action"),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

const rejectBody = z.object({
  reason: z.string().trim().min(1, "Choose a reason."),
  comment: z.string().trim().max(500, "Keep the note under 500 characters.").default(""),
});

const cancelBody = z.object({ reason: z.string().trim().min(1, "Choose a reason.") });

export interface AfterSalesApiDeps {
  db: AppDatabase<typeof schema>;
  auth: Auth;
  now: () => number;
}

// Routes run behind requireSeller, so their context carries more than ServerEnv; any fits here.
type Ctx = Context;

/** An answer in the kit's error shape (errorJson) from any route context. */
function fail(c: Ctx, mapped: Parameters<typeof errorJson>[1]) {
  return errorJson(c, mapped);
}

function conflict(c: Ctx, code: string, message: string) {
  return fail(c, { status: 409, code, message });
}

/** TikTok refused a decision: its reason, and the reassurance that nothing changed here. */
function tiktokRefusal(c: Ctx, error: unknown, action: string) {
  if (isTikTokShopError(error) && (error.kind === "business" || error.kind === "validation")) {
    return fail(c, {
      status: 422,
      code: "tiktok_refused",
      message: `TikTok Shop refused to ${action}: ${error.tiktokMessage} Nothing was changed.`,
      ...(error.requestId ? { tiktokRequestId: error.requestId } : {}),
    });
  }
  throw error;
}

/** Checks a reason against Get Reject Reasons for this very request. */
async function rejectReasonsFor(client: ShopClient, id: string) {
  const { reasons } = await client.returnRefund.getRejectReasons({ query: { return_or_cancel_id: id } });
  return reasons.map((reason) => ({ name: reason.name, text: reason.text ?? reason.name }));
}

/**
 * The returns and cancellations inbox (ORD-CANCEL-BUYER, the returns inbox) and the seller's own
 * cancellation (ORD-CANCEL-SELLER). Lists and counts read the local mirror; every decision first
 * re-reads the request from TikTok (it may have been decided meanwhile, by the buyer or by TikTok's
 * deadline), then acts with an idempotency key, then mirrors the request and its order again.
 */
export function afterSalesApi({ db, auth, now }: AfterSalesApiDeps) {
  const ownShop = async (sellerId: string, shopId: string) => {
    const shop = await auth.connections.get(sellerId, shopId);
    if (shop.status !== "connected") throw shopNotFound();
    return shop;
  };
  const C = schema.afterSalesCancellations;
  const R = schema.afterSalesReturns;
  const cancellationNeedsAction = and(eq(C.status, CANCEL_PENDING), eq(C.type, "BUYER_CANCEL"));
  const returnNeedsAction = inArray(R.status, RETURN_NEEDS_ACTION);

  const freshCancellation = async (client: ShopClient, shopId: string, cancelId: string) =>
    (await refreshCancellations(db, client, shopId, { cancelIds: [cancelId] }, now()))[0];
  const freshReturn = async (client: ShopClient, shopId: string, returnId: string) =>
    (await refreshReturns(db, client, shopId, { returnIds: [returnId] }, now()))[0];

  /** TikTok no longer knows the request: it leaves the inbox too, and the seller is told. */
  const gone = async (c: Ctx, table: typeof C | typeof R, shopId: string, id: string, what: string) => {
    await db.delete(table).where(and(eq(table.shopId, shopId), eq(table.id, id)));
    return fail(c, {
      status: 404,
      code: "not_found",
      message: `This ${what} does not exist in this shop any more; it was removed from the inbox. Nothing was changed.`,
    });
  };

  /** After a decision: the request and its order as TikTok now has them. */
  const settle = async (
    client: ShopClient,
    shopId: string,
    orderId: string,
    kind: "cancel" | "return",
    id: string,
  ) => {
    if (kind === "cancel") await refreshCancellations(db, client, shopId, { cancelIds: [id] }, now());
    else await refreshReturns(db, client, shopId, { returnIds: [id] }, now());
    await refreshOrders(db, client, shopId, [orderId], now());
  };

  return (
    new Hono<ServerEnv>()
      .use(auth.requireSeller)
      // Counts needing action and the nearest deadline of each kind, for the inbox header and badges.
      .get("/:shopId/summary", async (c) => {
        const shopId = c.req.param("shopId");
        await ownShop(c.var.seller.id, shopId);
        const [[cancellations], [returns]] = await Promise.all([
          db
            .select({ needsAction: count(), nextDeadline: min(C.respondBy) })
            .from(C)
            .where(and(eq(C.shopId, shopId), cancellationNeedsAction)),
          db
            .select({ needsAction: count(), nextDeadline: min(R.respondBy) })
            .from(R)
            .where(and(eq(R.shopId, shopId), returnNeedsAction)),
        ]);
        return c.json({
          now: now(),
          cancellations: {
            needsAction: cancellations?.needsAction ?? 0,
            nextDeadline: cancellations?.nextDeadline ?? null,
          },
          returns: { needsAction: returns?.needsAction ?? 0, nextDeadline: returns?.nextDeadline ?? null },
        });
      })
      .get("/:shopId/cancellations", async (c) => {
        const shopId = c.req.param("shopId");
        await ownShop(c.var.seller.id, shopId);
        const query = listQuery.parse(c.req.query());
        const where: SQL[] = [eq(C.shopId, shopId)];
        if (query.view === "action") where.push(cancellationNeedsAction!);
        const [rows, [{ total } = { total: 0 }]] = await Promise.all([
          db
            .select({
              id: C.id,
              orderId: C.orderId,
              type: C.type,
              status: C.status,
              role: C.role,
              reason: C.reason,
              reasonText: C.reasonText,
              refundTotal: C.refundTotal,
              currency: C.currency,
              respondBy: C.respondBy,
              createTime: C.createTime,
              updateTime: C.updateTime,
            })
            .from(C)
            .where(and(...where))
            // Most urgent first: open requests by deadline, then the newest.
            .orderBy(sql`${C.respondBy} asc nulls last`, desc(C.updateTime), asc(C.id))
            .limit(query.page_size)
            .offset((query.page - 1) * query.page_size),
          db
            .select({ total: count() })
            .from(C)
            .where(and(...where)),
        ]);
        return c.json({ cancellations: rows, total, now: now() });
      })
      .get("/:shopId/returns", async (c) => {
        const shopId = c.req.param("shopId");
        await ownShop(c.var.seller.id, shopId);
        const query = listQuery.parse(c.req.query());
        const where: SQL[] = [eq(R.shopId, shopId)];
        if (query.view === "action") where.push(returnNeedsAction);
        const [rows, [{ total } = { total: 0 }]] = await Promise.all([
          db
            .select({
              id: R.id,
              orderId: R.orderId,
              type: R.type,
              status: R.status,
              role: R.role,
              reason: R.reason,
              reasonText: R.reasonText,
              refundTotal: R.refundTotal,
              currency: R.currency,
              nextAction: R.nextAction,
              respondBy: R.respondBy,
              createTime: R.createTime,
              updateTime: R.updateTime,
            })
            .from(R)
            .where(and(...where))
            .orderBy(sql`${R.respondBy} asc nulls last`, desc(R.updateTime), asc(R.id))
            .limit(query.page_size)
            .offset((query.page - 1) * query.page_size),
          db
            .select({ total: count() })
            .from(R)
            .where(and(...where)),
        ]);
        return c.json({ returns: rows, total, now: now() });
      })
      // The reasons TikTok accepts for rejecting this cancellation or return, in its current state.
      .get("/:shopId/requests/:requestId/reject-reasons", async (c) => {
        const client = await auth.connections.shopClient(c.var.seller.id, c.req.param("shopId"));
        return c.json({ reasons: await rejectReasonsFor(client, c.req.param("requestId")) });
      })
      .post("/:shopId/cancellations/:cancelId/approve", async (c) => {
        const shopId = c.req.param("shopId");
        const cancelId = c.req.param("cancelId");
        const client = await auth.connections.shopClient(c.var.seller.id, shopId);
        const current = await freshCancellation(client, shopId, cancelId);
        if (!current) return gone(c, C, shopId, cancelId, "cancellation request");
        if (current.cancel_status !== CANCEL_PENDING) {
          return conflict(
            c,
            "already_decided",
            `This request is no longer waiting for you (${statusWords(current.cancel_status)}). Nothing was changed.`,
          );
        }
        try {
          await client.returnRefund.approveCancellation({
            params: { cancel_id: cancelId },
            query: { idempotency_key: `oms-approve-cancel-${cancelId}` },
          });
        } catch (error) {
          return tiktokRefusal(c, error, "approve this cancellation");
        }
        await settle(client, shopId, current.order_id, "cancel", cancelId);
        return c.json({ ok: true });
      })
      .post("/:shopId/cancellations/:cancelId/reject", async (c) => {
        const shopId = c.req.param("shopId");
        const cancelId = c.req.param("cancelId");
        const client = await auth.connections.shopClient(c.var.seller.id, shopId);
        const body = rejectBody.parse(await c.req.json());
        const current = await freshCancellation(client, shopId, cancelId);
        if (!current) return gone(c, C, shopId, cancelId, "cancellation request");
        if (current.cancel_status !== CANCEL_PENDING) {
          return conflict(
            c,
            "already_decided",
            `This request is no longer waiting for you (${statusWords(current.cancel_status)}). Nothing was changed.`,
          );
        }
        const reasons = await rejectReasonsFor(client, cancelId);
        if (!reasons.some((reason) => reason.name === body.reason)) {
          return fail(c, {
            status: 400,
            code: "invalid_reason",
            message: "Choose one of the reasons TikTok Shop offers for this request. Nothing was changed.",
            fields: [{ path: "reason", message: "Not a reason TikTok Shop accepts for this request." }],
          });
        }
        try {
          await client.returnRefund.rejectCancellation({
            params: { cancel_id: cancelId },
            query: { idempotency_key: `oms-reject-cancel-${cancelId}` },
            body: { reject_reason: body.reason, ...(body.comment ? { comment: body.comment } : {}) },
          });
        } catch (error) {
          return tiktokRefusal(c, error, "reject this cancellation");
        }
        await settle(client, shopId, current.order_id, "cancel", cancelId);
        return c.json({ ok: true });
      })
      .post("/:shopId/returns/:returnId/approve", async (c) => {
        const shopId = c.req.param("shopId");
        const returnId = c.req.param("returnId");
        const client = await auth.connections.shopClient(c.var.seller.id, shopId);
        const current = await freshReturn(client, shopId, returnId);
        if (!current) return gone(c, R, shopId, returnId, "return");
        const decision = returnDecision(String(current.return_type), String(current.return_status));
        if (!decision) {
          return conflict(
            c,
            "already_decided",
            `This return is not waiting for you (${statusWords(current.return_status)}). Nothing was changed.`,
          );
        }
        try {
          await client.returnRefund.approveReturn({
            params: { return_id: returnId },
            query: { idempotency_key: `oms-${decision.approve.toLowerCase()}-${returnId}` },
            body: { decision: decision.approve },
          });
        } catch (error) {
          return tiktokRefusal(c, error, `approve ${decision.what}`);
        }
        await settle(client, shopId, current.order_id, "return", returnId);
        return c.json({ ok: true, decision: decision.approve });
      })
      .post("/:shopId/returns/:returnId/reject", async (c) => {
        const shopId = c.req.param("shopId");
        const returnId = c.req.param("returnId");
        const client = await auth.connections.shopClient(c.var.seller.id, shopId);
        const body = rejectBody.parse(await c.req.json());
        const current = await freshReturn(client, shopId, returnId);
        if (!current) return gone(c, R, shopId, returnId, "return");
        const decision = returnDecision(String(current.return_type), String(current.return_status));
        if (!decision) {
          return conflict(
            c,
            "already_decided",
            `This return is not waiting for you (${statusWords(current.return_status)}). Nothing was changed.`,
          );
        }
        const reasons = await rejectReasonsFor(client, returnId);
        if (!reasons.some((reason) => reason.name === body.reason)) {
          return fail(c, {
            status: 400,
            code: "invalid_reason",
            message: "Choose one of the reasons TikTok Shop offers for this return. Nothing was changed.",
            fields: [{ path: "reason", message: "Not a reason TikTok Shop accepts for this return." }],
          });
        }
        try {
          await client.returnRefund.rejectReturn({
            params: { return_id: returnId },
            query: { idempotency_key: `oms-${decision.reject.toLowerCase()}-${returnId}` },
            body: {
              decision: decision.reject,
              reject_reason: body.reason,
              ...(body.comment ? { comment: body.comment } : {}),
            },
          });
        } catch (error) {
          return tiktokRefusal(c, error, `reject ${decision.what}`);
        }
        await settle(client, shopId, current.order_id, "return", returnId);
        return c.json({ ok: true, decision: decision.reject });
      })
      // What the seller-cancellation page needs: the order now, whether it can be cancelled, the
      // reasons for its state and the refund the buyer would get (Calculate Refund).
      .get("/:shopId/orders/:orderId/cancellation", async (c) => {
        const shopId = c.req.param("shopId");
        const orderId = c.req.param("orderId");
        const shop = await ownShop(c.var.seller.id, shopId);
        const client = await auth.connections.shopClient(c.var.seller.id, shopId);
        const [order] = await refreshOrders(db, client, shopId, [orderId], now());
        if (!order)
          return fail(c, {
            status: 404,
            code: "not_found",
            message: "This order does not exist in this shop.",
          });
        const status = String(order.status);
        const blocked = whyNotCancellable({
          status,
          isBuyerRequestCancel: order.is_buyer_request_cancel === true,
        });
        const refund = blocked
          ? null
          : await client.returnRefund
              .calculateRefund({ body: { order_id: orderId, request_type: "CANCEL" } })
              .then((data) => data.order_refund_amount ?? null)
              .catch(() => null);
        return c.json({
          order: {
            id: order.id,
            status,
            totalAmount: order.payment?.total_amount ?? null,
            currency: order.payment?.currency ?? null,
            lines: order.line_items.map((line) => ({
              id: line.id,
              productName: line.product_name ?? "",
              skuName: line.sku_name ?? "",
              sellerSku: line.seller_sku ?? "",
              salePrice: line.sale_price ?? null,
              status: line.display_status ?? null,
            })),
          },
          cancellable: blocked === null,
          reason: blocked,
          reasons: blocked ? [] : sellerCancelReasons(status, shop.region),
          refund: refund
            ? {
                total: refund.refund_total ?? null,
                currency: refund.currency ?? order.payment?.currency ?? null,
              }
            : null,
        });
      })
      .post("/:shopId/orders/:orderId/cancel", async (c) => {
        const shopId = c.req.param("shopId");
        const orderId = c.req.param("orderId");
        const shop = await ownShop(c.var.seller.id, shopId);
        const client = await auth.connections.shopClient(c.var.seller.id, shopId);
        const body = cancelBody.parse(await c.req.json());
        // The order as TikTok has it now: the page may have been open while it shipped.
        const [order] = await refreshOrders(db, client, shopId, [orderId], now());
        if (!order)
          return fail(c, {
            status: 404,
            code: "not_found",
            message: "This order does not exist in this shop.",
          });
        const status = String(order.status);
        const blocked = whyNotCancellable({
          status,
          isBuyerRequestCancel: order.is_buyer_request_cancel === true,
        });
        if (blocked) return conflict(c, "not_cancellable", `${blocked} Nothing was changed.`);
        const reasons = sellerCancelReasons(status, shop.region);
        if (!reasons.some((reason) => reason.name === body.reason)) {
          return fail(c, {
            status: 400,
            code: "invalid_reason",
            message: `Choose one of the reasons for ${status === "UNPAID" ? "an unpaid" : "a paid"} order. Nothing was changed.`,
            fields: [{ path: "reason", message: "Not a cancellation reason for this order." }],
          });
        }
        let cancelId: string;
        try {
          ({ cancel_id: cancelId } = await client.returnRefund.cancelOrder({
            body: { order_id: orderId, cancel_reason: body.reason },
          }));
        } catch (error) {
          await refreshOrders(db, client, shopId, [orderId], now()).catch(() => undefined);
          return tiktokRefusal(c, error, "cancel this order");
        }
        await settle(client, shopId, orderId, "cancel", cancelId);
        const [after] = await db
          .select({ status: schema.orders.status })
          .from(schema.orders)
          .where(and(eq(schema.orders.shopId, shopId), eq(schema.orders.id, orderId)));
        return c.json({ ok: true, cancelId, orderStatus: after?.status ?? null });
      })
  );
}

const statusNames: Record<string, string> = {
  CANCELLATION_REQUEST_PENDING: "waiting for your answer",
  CANCELLATION_REQUEST_SUCCESS: "approved",
  CANCELLATION_REQUEST_COMPLETE: "approved and refunded",
  CANCELLATION_REQUEST_CANCEL: "rejected or withdrawn",
  CANCELLATION_REQUEST_CANCELLED: "rejected or withdrawn",
  RETURN_OR_REFUND_REQUEST_PENDING: "waiting for your answer",
  REFUND_OR_RETURN_REQUEST_REJECT: "rejected",
  AWAITING_BUYER_SHIP: "approved, waiting for the buyer to send the item",
  BUYER_SHIPPED_ITEM: "the buyer sent the item back",
  REJECT_RECEIVE_PACKAGE: "returned parcel rejected",
  RETURN_OR_REFUND_REQUEST_SUCCESS: "approved, refund on its way",
  RETURN_OR_REFUND_REQUEST_CANCEL: "withdrawn or closed",
  RETURN_OR_REFUND_REQUEST_COMPLETE: "refunded",
  AWAITING_BUYER_RESPONSE: "waiting for the buyer's answer",
};

/** A request status in words. */
export function statusWords(status: string | undefined): string {
  return (status && statusNames[status]) ?? status ?? "unknown";
}
