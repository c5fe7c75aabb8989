import { expect, type Page, test } from "@playwright/test";
import { omsApp } from "../support/apps.ts";
import { control } from "../support/dev-shop.ts";
import { eachTestStartsClean } from "../support/hooks.ts";
import { installFromAppStore, seller1Shops } from "../support/oms.ts";
import { afterSales, openInboxRow } from "../support/oms-aftersales.ts";
import { installAndImport } from "../support/oms-orders.ts";
import { devShopUrl, omsUrl } from "../support/ports.ts";

/**
 * Cancellations and returns as a seller handles them: buyers act in Seller Center's buyer
 * simulation (or through the dev shop's control API), requests show up in OMS's inbox, and the
 * seller's decisions in OMS are checked in the dev shop's own state.
 */

eachTestStartsClean({ app: omsApp, url: omsUrl, consoleErrors: "allow-4xx" });

async function installFirstShop(page: Page) {
  const [shop] = await seller1Shops();
  await installFromAppStore(page, { onlyShop: shop!.name });
  return shop!;
}

const toast = (page: Page, text: string | RegExp) =>
  page.getByRole("region", { name: "Notifications" }).getByText(text);

/** Seller Center → Buyer simulation: a paid order, then the buyer asks to cancel it. */
async function buyerOrdersAndAsksToCancel(page: Page, shopId: string) {
  await page.goto(`${devShopUrl}/seller-center/buyer?shop_id=${shopId}`);
  await page.getByLabel("Payment").selectOption("paid");
  await page.getByRole("button", { name: "Place order" }).click();
  const placed = (await page.getByText(/^Order \d+ placed\.$/).textContent()) ?? "";
  const orderId = /Order (\d+) placed/.exec(placed)![1]!;
  await page.getByRole("row").filter({ hasText: orderId }).getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText(`requested for order ${orderId}`)).toBeVisible();
  const { cancellations } = await afterSales.order(orderId);
  expect(cancellations).toEqual([expect.objectContaining({ status: "CANCELLATION_REQUEST_PENDING" })]);
  return { orderId, cancelId: cancellations[0]!.id };
}

test("ORD-CANCEL-BUYER: a buyer's cancellation request reaches the inbox with its deadline; approving cancels the order", async ({
  page,
}) => {
  const shop = await installFirstShop(page);
  const { orderId, cancelId } = await buyerOrdersAndAsksToCancel(page, shop.id);

  // By the request's id: the dev shop's ids restart on reset while OMS keeps its mirror between tests.
  const row = await openInboxRow(page, shop.id, "Cancellation requests", cancelId);
  await expect(row).toContainText(orderId);
  await expect(row).toContainText("Waiting for you");
  await expect(row).toContainText(/left/);
  await expect(page.getByRole("tab", { name: /^Cancellation requests/ })).toContainText("next answer due in");

  await row.getByRole("button", { name: `Approve ${cancelId}` }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(`Order ${orderId} will be cancelled and the buyer refunded`);
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(toast(page, `Order ${orderId} cancelled.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: cancelId })).toHaveCount(0);

  const state = await afterSales.order(orderId);
  expect(state.order.status).toBe("CANCELLED");
  expect(state.cancellations[0]).toMatchObject({ id: cancelId, status: "CANCELLATION_REQUEST_SUCCESS" });
});

test("ORD-CANCEL-BUYER: a request whose webhook 11 was lost still reaches the inbox by polling", async ({
  page,
}) => {
  const shop = await installFirstShop(page);
  await control.call("POST", "/faults", { app_key: omsApp.app_key, shop_id: shop.id, drop_webhooks: true });
  try {
    const orderId = await afterSales.placePaidOrder(shop.id);
    const { cancel_id: cancelId } = await control.call<{ cancel_id: string }>(
      "POST",
      `/buyer/orders/${orderId}/cancel`,
      {},
    );
    const { deliveries } = await control.webhooks(
      `?type=11&shop_id=${shop.id}&app_key=${omsApp.app_key}&state=dropped`,
    );
    expect(deliveries.length).toBeGreaterThan(0);
    // Only Search Cancellations over the next polling window (every 10 s here) can bring it in.
    const row = await openInboxRow(page, shop.id, "Cancellation requests", cancelId);
    await expect(row).toContainText(orderId);
    await expect(row).toContainText("Waiting for you");
  } finally {
    await control.call("DELETE", "/faults");
  }
});

test("ORD-CANCEL-BUYER: rejecting a buyer's request with one of TikTok's reasons keeps the order shippable", async ({
  page,
}) => {
  const shop = await installFirstShop(page);
  const { orderId, cancelId } = await buyerOrdersAndAsksToCancel(page, shop.id);

  const row = await openInboxRow(page, shop.id, "Cancellation requests", cancelId);
  await expect(row).toContainText(orderId);
  await row.getByRole("button", { name: `Reject ${cancelId}` }).click();
  const dialog = page.getByRole("alertdialog");
  // Without a reason nothing is sent.
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(/Choose a reason/);
  expect((await afterSales.order(orderId)).cancellations[0]!.status).toBe("CANCELLATION_REQUEST_PENDING");

  await dialog.getByLabel("Reason").selectOption({ label: "Product has been packed" });
  await dialog.getByLabel("Note to the buyer (optional)").fill("It is already packed and leaves today.");
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(toast(page, `Cancellation of order ${orderId} rejected.`)).toBeVisible();

  const state = await afterSales.order(orderId);
  expect(state.cancellations[0]).toMatchObject({
    status: "CANCELLATION_REQUEST_CANCEL",
    reject_reason: "seller_reject_apply_product_has_been_packed",
  });
  expect(state.order).toMatchObject({ status: "AWAITING_SHIPMENT", is_buyer_request_cancel: false });
});

test("ORD-CANCEL-SELLER: the seller cancels an order with a reason; the dev shop shows it cancelled by the seller", async ({
  page,
}) => {
  const shop = await installFirstShop(page);
  const orderId = await afterSales.placePaidOrder(shop.id);
  await page.goto(`${omsUrl}/orders/${orderId}/cancel?shop=${shop.id}`);
  await expect(page.getByRole("heading", { name: `Cancel order ${orderId}` })).toBeVisible();
  await expect(page.getByText(/The buyer will be refunded/)).toBeVisible();

  // Unpaid-order reasons are not offered for a paid order.
  const reason = page.getByLabel("Reason");
  await expect(reason.getByRole("option", { name: "The buyer hasn't paid in time" })).toHaveCount(0);
  await page.getByRole("button", { name: "Cancel order" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The order was not cancelled" })).toContainText(
    "Choose a reason for the cancellation.",
  );

  await reason.selectOption({ label: "Out of stock" });
  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel order" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Order ${orderId} is cancelled` })).toBeVisible();

  const state = await afterSales.order(orderId);
  expect(state.order).toMatchObject({ status: "CANCELLED", cancellation_initiator: "SELLER" });
  expect(state.cancellations[0]).toMatchObject({ role: "SELLER", status: "CANCELLATION_REQUEST_SUCCESS" });
});

test("ORD-CANCEL-SELLER: an order that has shipped cannot be cancelled: a clear message, and nothing changes", async ({
  page,
}) => {
  const shop = await installFirstShop(page);
  const [shipped] = await afterSales.orders(shop.id, "IN_TRANSIT");
  const before = await afterSales.order(shipped!.id);
  await page.goto(`${omsUrl}/orders/${shipped!.id}/cancel?shop=${shop.id}`);
  await expect(page.getByRole("status").filter({ hasText: "This order cannot be cancelled" })).toContainText(
    "This order has already shipped, so it can no longer be cancelled.",
  );
  await expect(page.getByRole("button", { name: "Cancel order" })).toHaveCount(0);

  // The API refuses it too, whatever a page might send.
  const csrf = (await (await page.request.get(`${omsUrl}/api/csrf`)).json()) as { token: string };
  const answer = await page.request.post(
    `${omsUrl}/api/after-sales/${shop.id}/orders/${shipped!.id}/cancel`,
    {
      data: { reason: "seller_cancel_reason_out_of_stock" },
      headers: { "x-csrf-token": csrf.token, origin: omsUrl },
    },
  );
  expect(answer.status()).toBe(409);
  expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(
    /already shipped.*Nothing was changed\./,
  );
  expect(await afterSales.order(shipped!.id)).toEqual(before);
});

test("OMS-RETURNS: a return request is listed with its order, reason and refund; approving asks the buyer to send the item", async ({
  page,
}) => {
  const shop = await installFirstShop(page);
  const { orderId, returnId } = await afterSales.requestReturn(shop.id, "RETURN_AND_REFUND");
  const stored = await afterSales.returnOf(returnId);

  const row = await openInboxRow(page, shop.id, "Returns and refunds", returnId);
  await expect(row).toContainText(orderId);
  await expect(row).toContainText("Return and refund");
  await expect(row).toContainText(stored.refund_total);
  await expect(row).toContainText(/left/);

  await row.getByRole("button", { name: `Approve ${returnId}` }).click();
  await expect(page.getByRole("alertdialog")).toContainText("The buyer is asked to send the item back");
  await page.getByRole("alertdialog").getByRole("button", { name: "Approve" }).click();
  await expect(toast(page, `${returnId} approved.`)).toBeVisible();
  expect((await afterSales.returnOf(returnId)).status).toBe("AWAITING_BUYER_SHIP");

  // The buyer sends it back from Seller Center; the parcel then needs the seller once more.
  await page.goto(`${devShopUrl}/seller-center/buyer?shop_id=${shop.id}`);
  await page
    .getByRole("row")
    .filter({ hasText: returnId })
    .getByRole("button", { name: "Ship item back" })
    .click();
  const parcel = await openInboxRow(page, shop.id, "Returns and refunds", returnId);
  await expect(parcel).toContainText("Parcel on its way back");
  await parcel.getByRole("button", { name: `Accept parcel ${returnId}` }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Accept parcel" }).click();
  await expect(toast(page, `${returnId} approved.`)).toBeVisible();
  expect((await afterSales.returnOf(returnId)).status).toBe("RETURN_OR_REFUND_REQUEST_SUCCESS");
});

test("OMS-RETURNS: rejecting a refund request with one of TikTok's reasons; the dev shop shows it rejected", async ({
  page,
}) => {
  const shop = await installFirstShop(page);
  const { returnId } = await afterSales.requestReturn(shop.id, "REFUND");
  const row = await openInboxRow(page, shop.id, "Returns and refunds", returnId);
  await row.getByRole("button", { name: `Reject ${returnId}` }).click();
  const dialog = page.getByRole("alertdialog");
  await dialog.getByLabel("Reason").selectOption({ label: "Product delivery is on schedule" });
  await dialog.getByRole("button", { name: "Reject" }).click();
  await expect(toast(page, `${returnId} rejected.`)).toBeVisible();
  const after = await afterSales.returnOf(returnId);
  expect(after.status).toBe("REFUND_OR_RETURN_REQUEST_REJECT");
  expect(JSON.stringify(after.records)).toContain("Product delivery is on schedule");
});

test("OMS-RETURNS: a signed webhook for a shop not connected to OMS is acknowledged and writes nothing", async ({
  page,
}) => {
  const [connected, other] = await seller1Shops();
  await installAndImport(page, connected!);
  // What OMS holds for the connected shop, in full (the dev shop's ids restart on reset, so an id
  // alone would not tell one shop's request from another's).
  const ownReturns = async () => {
    const response = await page.request.get(
      `${omsUrl}/api/after-sales/${connected!.id}/returns?view=all&page_size=200`,
    );
    const { returns, total } = (await response.json()) as { returns: unknown[]; total: number };
    return { returns, total };
  };
  const { orderId, returnId } = await afterSales.requestReturn(other!.id, "REFUND");
  // The shop's first after-sales import runs in the background after the install: wait until
  // what OMS holds stops changing.
  let before = await ownReturns();
  await expect
    .poll(
      async () => {
        const now = await ownReturns();
        const settled = JSON.stringify(now) === JSON.stringify(before);
        before = now;
        return settled;
      },
      { timeout: 30_000, intervals: [1_500] },
    )
    .toBe(true);
  // TikTok would not send it, but a signed event for a shop OMS does not serve must not land anywhere.
  await control.emitWebhook({
    app_key: omsApp.app_key,
    shop_id: other!.id,
    type: 12,
    data: { order_id: orderId, return_id: returnId, return_status: "RETURN_OR_REFUND_REQUEST_PENDING" },
  });
  await expect
    .poll(
      async () =>
        (await control.webhooks(`?type=12&shop_id=${other!.id}&app_key=${omsApp.app_key}`)).deliveries,
    )
    .toEqual([expect.objectContaining({ state: "delivered" })]);
  // OMS answers for the unconnected shop as for one that does not exist, and the connected one is untouched.
  const foreign = await page.request.get(`${omsUrl}/api/after-sales/${other!.id}/returns?view=all`);
  expect(foreign.status()).toBe(404);
  // Handlers run after the delivery is acknowledged: give them time before looking.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const after = await ownReturns();
  expect(after).toEqual(before);
  expect(JSON.stringify(after)).not.toContain(returnId);
});
