import { z } from "zod";
import { empty } from "./common.ts";
import { endpoint } from "./define.ts";
import { scopes } from "./scopes.ts";

/** Topic names accepted by the shop webhook API (the delivered payload carries only the numeric type). */
export const webhookEventType = z.enum([
  "ORDER_STATUS_CHANGE",
  "RECIPIENT_ADDRESS_UPDATE",
  "PACKAGE_UPDATE",
  "PRODUCT_STATUS_CHANGE",
  "SELLER_DEAUTHORIZATION",
  "UPCOMING_AUTHORIZATION_EXPIRATION",
  "CANCELLATION_STATUS_CHANGE",
  "RETURN_STATUS_CHANGE",
  "NEW_CONVERSATION",
  "NEW_MESSAGE",
  "PRODUCT_INFORMATION_CHANGE",
  "PRODUCT_CREATION",
  "PRODUCT_CATEGORY_CHANGE",
  "NEW_MESSAGE_LISTENER",
  "INVOICE_STATUS_CHANGE",
  "PRODUCT_AUDIT_STATUS_CHANGE",
  "REVERSE_STATUS_UPDATE",
]);
export type WebhookEventType = z.infer<typeof webhookEventType>;

export const event = {
  getShopWebhooks: endpoint({
    name: "getShopWebhooks",
    summary: "The webhook URLs registered for the shop, one per event type.",
    method: "GET",
    path: "/event/202309/webhooks",
    cipher: "required",
    scope: scopes.webhook,
    response: z.looseObject({
      webhooks: z
        .array(
          z.looseObject({
            address: z.string(),
            event_type: z.string(),
            create_time: z.number().optional(),
            update_time: z.number().optional(),
          }),
        )
        .default([]),
      total_count: z.number().int().optional(),
    }),
  }),
  updateShopWebhook: endpoint({
    name: "updateShopWebhook",
    summary: "Registers (or replaces) the URL that receives one event type.",
    method: "PUT",
    path: "/event/202309/webhooks",
    cipher: "required",
    scope: scopes.webhook,
    safety: "idempotent-write",
    body: z.object({ address: z.string().url(), event_type: webhookEventType }),
    response: empty,
  }),
  deleteShopWebhook: endpoint({
    name: "deleteShopWebhook",
    summary: "Removes the URL of one event type.",
    method: "DELETE",
    path: "/event/202309/webhooks",
    cipher: "required",
    scope: scopes.webhook,
    safety: "idempotent-write",
    body: z.object({ event_type: webhookEventType }),
    response: empty,
  }),
};
