import type { SyncWindow } from "@tts-kit/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterSalesSync } from "../src/server/aftersales/sync.ts";
import * as schema from "../src/server/db/schema.ts";
import { APP, type CatalogFixture, catalogFixture } from "./catalog-fixture.ts";

interface Summary {
  cancellations: { needsAction: number; nextDeadline: number | null };
  returns: { needsAction: number; nextDeadline: number | null };
}
interface CancellationRow {
  id: string;
  orderId: string;
  status: string;
  respondBy: number | null;
  refundTotal: string | null;
}
interface ReturnRow {
  id: string;
  orderId: string;
  type: string;
  status: string;
  respondBy: number | null;
  refundTotal: string | null;
  reasonText: string | null;
}
interface ApiError {
  error: { code: string; message: string };
}

/**
 * The returns and cancellations inbox against the dev shop in-process: requests arrive by webhook
 * (and by polling when webhooks are lost), approve and reject really change the dev shop, the
 * order mirror follows, and a seller's own cancellation is refused once the order has shipped.
 */
describe("OMS after-sales", () => {
  let f: CatalogFixture;
  let shopId: string;
  const shop = () => f.devShop.store.commerce.shops[shopId]!;
  const mirroredOrderStatus = async (orderId: string) =>
    (
      await f.oms.database.db
        .select({ status: schema.orders.status })
        .from(schema.orders)
        .where(and(eq(schema.orders.shopId, shopId), eq(schema.orders.id, orderId)))
    )[0]?.status;
  /** A buyer's order that is paid and waiting to ship, and their cancellation request. */
  const buyerRequest = () => {
    const orderId = f.devShop.control.buyer.placeOrder(shopId, { onHold: false });
    const cancelId = f.devShop.control.buyer.requestCancellation(orderId);
    return { orderId, cancelId };
  };
  /** A return request on a delivered order of the seeded history. */
  const returnRequest = (type: "REFUND" | "RETURN_AND_REFUND") => {
    for (const order of Object.values(shop().orders)) {
      if (order.status !== "DELIVERED") continue;
      try {
        return { orderId: order.id, returnId: f.devShop.control.buyer.requestReturn(order.id, { type }) };
      } catch {
        // Already under a return; try the next one.
      }
    }
    throw new Error("no delivered order left to return");
  };

  beforeAll(async () => {
    f = await catalogFixture({ ordersPerShop: 60, productsPerShop: 8 });
    shopId = f.shopIds[0]!;
  });
  afterAll(() => f?.close());

  it("ORD-CANCEL-BUYER: a buyer's request arrives by webhook 11 with its deadline; approving cancels the order", async () => {
    const { orderId, cancelId } = buyerRequest();
    const sla = shop().cancellations[cancelId]!.slaTime!;
    await f.eventually(async () => {
      const { body } = await f.get<{ cancellations: CancellationRow[] }>(
        `/after-sales/${shopId}/cancellations`,
      );
      expect(body.cancellations.find((c) => c.id === cancelId)).toMatchObject({
        orderId,
        status: "CANCELLATION_REQUEST_PENDING",
        respondBy: sla,
      });
    });
    const summary = await f.get<Summary>(`/after-sales/${shopId}/summary`);
    expect(summary.body.cancellations.needsAction).toBeGreaterThanOrEqual(1);
    expect(summary.body.cancellations.nextDeadline).toBeLessThanOrEqual(sla);

    const approved = await f.post(`/after-sales/${shopId}/cancellations/${cancelId}/approve`);
    expect(approved.status).toBe(200);
    expect(shop().orders[orderId]!.status).toBe("CANCELLED");
    expect(shop().cancellations[cancelId]!.status).toBe("CANCELLATION_REQUEST_SUCCESS");
    // The inbox and the order mirror were re-read after the decision.
    expect(await mirroredOrderStatus(orderId)).toBe("CANCELLED");
    const { body } = await f.get<{ cancellations: CancellationRow[] }>(
      `/after-sales/${shopId}/cancellations`,
    );
    expect(body.cancellations.some((c) => c.id === cancelId)).toBe(false);

    // A second click is answered clearly and changes nothing.
    const again = await f.post<ApiError>(`/after-sales/${shopId}/cancellations/${cancelId}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/no longer waiting for you \(approved\)/);
  });

  it("ORD-CANCEL-BUYER: a request TikTok no longer knows is answered clearly and leaves the inbox", async () => {
    const { cancelId } = buyerRequest();
    await f.eventually(async () => {
      const { body } = await f.get<{ cancellations: CancellationRow[] }>(
        `/after-sales/${shopId}/cancellations`,
      );
      expect(body.cancellations.map((c) => c.id)).toContain(cancelId);
    });
    delete shop().cancellations[cancelId];
    const answer = await f.post<ApiError>(`/after-sales/${shopId}/cancellations/${cancelId}/approve`);
    expect(answer.status).toBe(404);
    expect(answer.body.error.message).toMatch(/does not exist in this shop any more.*Nothing was changed/);
    const { body } = await f.get<{ cancellations: CancellationRow[] }>(
      `/after-sales/${shopId}/cancellations?view=all`,
    );
    expect(body.cancellations.map((c) => c.id)).not.toContain(cancelId);
  });

  it("ORD-CANCEL-BUYER: rejecting needs a reason TikTok offers; the order stays shippable", async () => {
    const { orderId, cancelId } = buyerRequest();
    const reasons = await f.get<{ reasons: Array<{ name: string; text: string }> }>(
      `/after-sales/${shopId}/requests/${cancelId}/reject-reasons`,
    );
    expect(reasons.body.reasons.length).toBeGreaterThan(0);

    const bad = await f.post<ApiError>(`/after-sales/${shopId}/cancellations/${cancelId}/reject`, {
      reason: "because",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Choose one of the reasons/);
    expect(shop().cancellations[cancelId]!.status).toBe("CANCELLATION_REQUEST_PENDING");

    const reason = reasons.body.reasons[0]!.name;
    const rejected = await f.post(`/after-sales/${shopId}/cancellations/${cancelId}/reject`, {
      reason,
      comment: "Already packed",
    });
    expect(rejected.status).toBe(200);
    const stored = shop().cancellations[cancelId]!;
    expect(stored).toMatchObject({ status: "CANCELLATION_REQUEST_CANCEL", rejectReason: reason });
    expect(shop().orders[orderId]!.status).toBe("AWAITING_SHIPMENT");
    expect(shop().orders[orderId]!.isBuyerRequestCancel).toBe(false);
  });

  it("ORD-CANCEL-SELLER: cancels with a reason for the order's state, and refuses a shipped order", async () => {
    const orderId = f.devShop.control.buyer.placeOrder(shopId, { onHold: false });
    const page = await f.get<{
      cancellable: boolean;
      reasons: Array<{ name: string }>;
      refund: { total: string; currency: string } | null;
    }>(`/after-sales/${shopId}/orders/${orderId}/cancellation`);
    expect(page.body.cancellable).toBe(true);
    expect(page.body.reasons.map((r) => r.name)).toContain("seller_cancel_reason_out_of_stock");
    expect(page.body.reasons.map((r) => r.name)).not.toContain("seller_cancel_unpaid_reason_out_of_stock");
    expect(page.body.refund?.total).toBe(shop().orders[orderId]!.payment.totalAmount);

    const wrong = await f.post<ApiError>(`/after-sales/${shopId}/orders/${orderId}/cancel`, {
      reason: "seller_cancel_unpaid_reason_out_of_stock",
    });
    expect(wrong.status).toBe(400);
    expect(shop().orders[orderId]!.status).toBe("AWAITING_SHIPMENT");

    const done = await f.post<{ orderStatus: string; cancelId: string }>(
      `/after-sales/${shopId}/orders/${orderId}/cancel`,
      { reason: "seller_cancel_reason_out_of_stock" },
    );
    expect(done.status).toBe(200);
    expect(done.body.orderStatus).toBe("CANCELLED");
    expect(shop().orders[orderId]!).toMatchObject({ status: "CANCELLED", cancellationInitiator: "SELLER" });

    const shipped = Object.values(shop().orders).find((o) => o.status === "IN_TRANSIT")!;
    const before = JSON.stringify(shipped);
    const refusedPage = await f.get<{ cancellable: boolean; reason: string }>(
      `/after-sales/${shopId}/orders/${shipped.id}/cancellation`,
    );
    expect(refusedPage.body).toMatchObject({
      cancellable: false,
      reason: expect.stringMatching(/already shipped/),
    });
    const refused = await f.post<ApiError>(`/after-sales/${shopId}/orders/${shipped.id}/cancel`, {
      reason: "seller_cancel_reason_out_of_stock",
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/already shipped.*Nothing was changed/);
    expect(JSON.stringify(shop().orders[shipped.id])).toBe(before);
  });

  it("OMS-RETURNS: return and refund requests arrive with amounts and deadlines; approve and reject change the dev shop", async () => {
    const toApprove = returnRequest("RETURN_AND_REFUND");
    const toReject = returnRequest("REFUND");
    await f.eventually(async () => {
      const { body } = await f.get<{ returns: ReturnRow[] }>(`/after-sales/${shopId}/returns`);
      const ids = body.returns.map((r) => r.id);
      expect(ids).toContain(toApprove.returnId);
      expect(ids).toContain(toReject.returnId);
    });
    const { body } = await f.get<{ returns: ReturnRow[] }>(`/after-sales/${shopId}/returns`);
    const row = body.returns.find((r) => r.id === toApprove.returnId)!;
    const stored = shop().returns[toApprove.returnId]!;
    expect(row).toMatchObject({
      type: "RETURN_AND_REFUND",
      status: "RETURN_OR_REFUND_REQUEST_PENDING",
      refundTotal: stored.refund.refundTotal,
      respondBy: stored.sellerDeadline,
      reasonText: stored.reasonText,
    });

    expect((await f.post(`/after-sales/${shopId}/returns/${toApprove.returnId}/approve`)).status).toBe(200);
    expect(shop().returns[toApprove.returnId]!.status).toBe("AWAITING_BUYER_SHIP");

    const reasons = await f.get<{ reasons: Array<{ name: string }> }>(
      `/after-sales/${shopId}/requests/${toReject.returnId}/reject-reasons`,
    );
    const rejected = await f.post(`/after-sales/${shopId}/returns/${toReject.returnId}/reject`, {
      reason: reasons.body.reasons[0]!.name,
      comment: "Tracking shows it was delivered",
    });
    expect(rejected.status).toBe(200);
    expect(shop().returns[toReject.returnId]!.status).toBe("REFUND_OR_RETURN_REQUEST_REJECT");

    // The buyer sends the approved return back: it needs the seller again (the parcel), then it is done.
    f.devShop.control.buyer.shipReturn(toApprove.returnId);
    await f.eventually(async () => {
      const { body: inbox } = await f.get<{ returns: ReturnRow[] }>(`/after-sales/${shopId}/returns`);
      expect(inbox.returns.find((r) => r.id === toApprove.returnId)?.status).toBe("BUYER_SHIPPED_ITEM");
    });
    expect((await f.post(`/after-sales/${shopId}/returns/${toApprove.returnId}/approve`)).status).toBe(200);
    expect(shop().returns[toApprove.returnId]!.status).toBe("RETURN_OR_REFUND_REQUEST_SUCCESS");
    const [mirrored] = await f.oms.database.db
      .select()
      .from(schema.afterSalesReturns)
      .where(eq(schema.afterSalesReturns.id, toApprove.returnId));
    expect(mirrored?.status).toBe("RETURN_OR_REFUND_REQUEST_SUCCESS");
  });

  it("polling brings in requests whose webhooks were lost", async () => {
    f.devShop.control.addFault({ app_key: APP.appKey, drop_webhooks: true });
    const { cancelId } = buyerRequest();
    const { returnId } = returnRequest("REFUND");
    f.devShop.control.clearFaults();
    const now = f.devShop.clock.now();
    const window: SyncWindow = {
      start: now - 60,
      end: now + 1,
      cursor: undefined,
      checkpoint: async () => {},
    };
    await afterSalesSync(f.oms.database.db, f.oms.auth, () => now)({ id: shopId }, window);
    const cancellations = await f.oms.database.db
      .select({ id: schema.afterSalesCancellations.id })
      .from(schema.afterSalesCancellations)
      .where(eq(schema.afterSalesCancellations.id, cancelId));
    const returns = await f.oms.database.db
      .select({ id: schema.afterSalesReturns.id })
      .from(schema.afterSalesReturns)
      .where(eq(schema.afterSalesReturns.id, returnId));
    expect(cancellations).toHaveLength(1);
    expect(returns).toHaveLength(1);
  });

  it("ignores webhooks 11 and 12 for a shop that is not connected: logged, nothing written", async () => {
    const other = f.devShop.control.shops().find((s) => !f.shopIds.includes(s.id))!;
    const order = Object.values(f.devShop.store.commerce.shops[other.id]!.orders)[0]!;
    // Counted for the unconnected shop only: the connected shops' own syncs keep running meanwhile.
    const { db } = f.oms.database;
    const count = async () => ({
      cancellations: (
        await db
          .select()
          .from(schema.afterSalesCancellations)
          .where(eq(schema.afterSalesCancellations.shopId, other.id))
      ).length,
      returns: (
        await db.select().from(schema.afterSalesReturns).where(eq(schema.afterSalesReturns.shopId, other.id))
      ).length,
      orders: (await db.select().from(schema.orders).where(eq(schema.orders.shopId, other.id))).length,
    });
    const before = await count();
    expect(before).toEqual({ cancellations: 0, returns: 0, orders: 0 });
    for (const type of [11, 12]) {
      f.devShop.control.emitWebhook({
        shopId: other.id,
        type,
        appKey: APP.appKey,
        data: { order_id: order.id, cancel_id: "1", return_id: "1" },
      });
    }
    await f.eventually(() => {
      for (const type of [11, 12]) {
        expect(f.logs.some((line) => String(line.msg).includes(`webhook ${type} for shop ${other.id}`))).toBe(
          true,
        );
      }
    });
    expect(f.devShop.control.webhookLog({ shopId: other.id }).every((d) => d.state === "delivered")).toBe(
      true,
    );
    expect(await count()).toEqual(before);
  });
});
