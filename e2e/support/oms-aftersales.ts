import { expect, type Page } from "@playwright/test";
import { control } from "./dev-shop.ts";
import { omsUrl } from "./ports.ts";

/** After-sales steps of the OMS suites: the dev shop's own orders, cancellations and returns. */

export interface DevShopOrderState {
  order: {
    id: string;
    status: string;
    is_buyer_request_cancel: boolean;
    cancel_reason: string;
    cancellation_initiator: string | null;
  };
  cancellations: Array<{
    id: string;
    status: string;
    role: string;
    reject_reason: string;
    refund_total: string;
  }>;
  returns: Array<{ id: string; type: string; status: string; refund_total: string; reason: string }>;
}

export const afterSales = {
  order: (orderId: string) => control.call<DevShopOrderState>("GET", `/aftersales/orders/${orderId}`),
  orders: async (shopId: string, status: string) =>
    (
      await control.call<{ orders: Array<{ id: string; status: string }> }>(
        "GET",
        `/aftersales/orders?shop_id=${shopId}&status=${status}`,
      )
    ).orders,
  returnOf: async (returnId: string) =>
    (
      await control.call<{
        return: {
          id: string;
          status: string;
          type: string;
          refund_total: string;
          currency: string;
          records: unknown[];
        };
      }>("GET", `/aftersales/returns/${returnId}`)
    ).return,
  /** A buyer's order, paid and waiting to ship (no hold). */
  placePaidOrder: async (shopId: string) =>
    (await control.call<{ order_id: string }>("POST", "/buyer/orders", { shop_id: shopId, on_hold: false }))
      .order_id,
  /** The buyer asks for a return or refund of a delivered order of the seeded history. */
  requestReturn: async (shopId: string, type: "REFUND" | "RETURN_AND_REFUND") => {
    for (const order of await afterSales.orders(shopId, "DELIVERED")) {
      const answer = await control
        .call<{ return_id: string }>("POST", `/buyer/orders/${order.id}/return`, { type })
        .catch(() => null);
      if (answer) return { orderId: order.id, returnId: answer.return_id };
    }
    throw new Error(`no delivered order of shop ${shopId} can be returned`);
  },
};

/** Opens the inbox tab, reloading until the request's row shows (webhook, or polling). */
export async function openInboxRow(
  page: Page,
  shopId: string,
  tab: "Cancellation requests" | "Returns and refunds",
  text: string,
) {
  const row = page.getByRole("row").filter({ hasText: text });
  await expect
    .poll(
      async () => {
        await page.goto(`${omsUrl}/after-sales?shop=${shopId}`);
        await page.getByRole("tab", { name: new RegExp(`^${tab}`) }).click();
        await row
          .first()
          .waitFor({ timeout: 3_000 })
          .catch(() => {});
        return row.count();
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBeGreaterThan(0);
  return row.first();
}
