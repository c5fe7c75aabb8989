import { describe, expect, it } from "vitest";
import { parseWebhook, verifyWebhook, webhookSignature } from "../src/webhooks.ts";

// The official vector from the webhook overview (tiktok-shop-api-domains.md §5.4).
const official = {
  appKey: "abcdef",
  appSecret: "123",
  body: '{"type":1,"tts_notification_id":"7380066284010030890","shop_id":"7495540735365777507","timestamp":1718305585,"data":{"is_on_hold_order":true,"order_id":"576653688135258178","order_status":"UNPAID","update_time":1718305585}}',
  signature: "5dec0f11ec2f6783b8deee53c9ffbf8d024302f7c7e7fa55a35d17629031ac05",
};

describe("webhook verification", () => {
  it("reproduces the official signature", () => {
    expect(webhookSignature(official.appKey, official.appSecret, official.body)).toBe(official.signature);
  });

  it("accepts the official delivery, as text or bytes, in either hex case", () => {
    const { appKey, appSecret, body, signature } = official;
    expect(verifyWebhook({ appKey, appSecret, rawBody: body, signature })).toBe(true);
    expect(
      verifyWebhook({ appKey, appSecret, rawBody: Buffer.from(body), signature: signature.toUpperCase() }),
    ).toBe(true);
  });

  it("rejects a changed body, a wrong secret, a missing or malformed header", () => {
    const { appKey, appSecret, body, signature } = official;
    expect(
      verifyWebhook({ appKey, appSecret, rawBody: body.replace("UNPAID", "DELIVERED"), signature }),
    ).toBe(false);
    expect(verifyWebhook({ appKey, appSecret: "124", rawBody: body, signature })).toBe(false);
    expect(verifyWebhook({ appKey, appSecret, rawBody: body, signature: null })).toBe(false);
    expect(verifyWebhook({ appKey, appSecret, rawBody: body, signature: `Bearer ${signature}` })).toBe(false);
    expect(verifyWebhook({ appKey, appSecret, rawBody: body, signature: signature.slice(0, 40) })).toBe(
      false,
    );
  });

  it("rejects a body re-serialized with different spacing (the raw bytes are what count)", () => {
    const { appKey, appSecret, body, signature } = official;
    const reformatted = JSON.stringify(JSON.parse(body), null, 1);
    expect(verifyWebhook({ appKey, appSecret, rawBody: reformatted, signature })).toBe(false);
  });
});

describe("webhook parsing", () => {
  it("types an order status change", () => {
    const parsed = parseWebhook(official.body);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.event.name !== "ORDER_STATUS_CHANGE") throw new Error("wrong variant");
    expect(parsed.event.type).toBe(1);
    expect(parsed.event.shopId).toBe("7495540735365777507");
    expect(parsed.event.notificationId).toBe("7380066284010030890");
    expect(parsed.event.data.order_id).toBe("576653688135258178");
    expect(parsed.event.data.is_on_hold_order).toBe(true);
  });

  it.each([
    [3, { order_id: "1", update_time: 1 }, "RECIPIENT_ADDRESS_UPDATE"],
    [4, { package_list: [{ package_id: "9", order_id_list: ["1"] }], sc_type: "COMBINE" }, "PACKAGE_UPDATE"],
    [5, { product_id: 1729, status: "PRODUCT_FIRST_PASS_REVIEW" }, "PRODUCT_STATUS_CHANGE"],
    [6, { message: "Shop_id 1 is deauthorized from your APP by merchant." }, "SELLER_DEAUTHORIZATION"],
    [7, { message: "expiring", expiration_time: "1720000000" }, "UPCOMING_AUTHORIZATION_EXPIRATION"],
    [
      11,
      { order_id: "1", cancel_id: "2", cancel_status: "CANCELLATION_REQUEST_PENDING" },
      "CANCELLATION_STATUS_CHANGE",
    ],
    [12, { order_id: "1", return_id: "3", return_status: "AWAITING_BUYER_SHIP" }, "RETURN_STATUS_CHANGE"],
    [13, { conversation_id: "5" }, "NEW_CONVERSATION"],
    [14, { conversation_id: "5", message_id: "6", type: "TEXT" }, "NEW_MESSAGE"],
    [15, { product_id: "1", changed_fields: ["title"] }, "PRODUCT_INFORMATION_CHANGE"],
    [16, { product_id: "1", product_type: ["GPR_PRODUCT"] }, "PRODUCT_CREATION"],
    [27, { sku_id: "1" }, "INVENTORY_STATUS_CHANGE"],
    [37, { product_id: "1", audit: { status: "PRE_APPROVED" } }, "PRODUCT_AUDIT_STATUS_CHANGE"],
    [39, { activity_id: "1" }, "ACTIVITY_STATUS_CHANGE"],
  ])("types event %i", (type, data, name) => {
    const parsed = parseWebhook(JSON.stringify({ type, shop_id: "1", timestamp: 1, data }));
    expect(parsed.ok && parsed.event.name).toBe(name);
  });

  it("turns a numeric product id into a string", () => {
    const parsed = parseWebhook(
      '{"type":5,"shop_id":"1","timestamp":1,"data":{"product_id":1729382256910270000}}',
    );
    if (!parsed.ok || parsed.event.name !== "PRODUCT_STATUS_CHANGE") throw new Error("wrong variant");
    expect(typeof parsed.event.data.product_id).toBe("string");
  });

  it("keeps unknown types and malformed known ones instead of throwing", () => {
    const unknown = parseWebhook('{"type":64,"shop_id":"1","timestamp":1,"data":{"x":1}}');
    expect(unknown).toEqual({
      ok: true,
      event: {
        type: 64,
        name: "UNKNOWN",
        shopId: "1",
        notificationId: undefined,
        timestamp: 1,
        data: { x: 1 },
      },
    });
    const malformed = parseWebhook('{"type":1,"shop_id":"1","timestamp":1,"data":{"order_status":5}}');
    expect(malformed.ok && malformed.event.name).toBe("UNKNOWN");
    expect(malformed.ok && "issue" in malformed.event && malformed.event.issue).toBeTruthy();
  });

  it("reports bodies that are not JSON or not webhooks", () => {
    expect(parseWebhook("not json")).toEqual({ ok: false, error: "body is not JSON" });
    expect(parseWebhook('{"hello":"world"}').ok).toBe(false);
    expect(parseWebhook("[]").ok).toBe(false);
  });
});
