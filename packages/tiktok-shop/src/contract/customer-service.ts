import { z } from "zod";
import { empty, id, pageQuery, queryBoolean, sortOrder, unixSeconds } from "./common.ts";
import { endpoint } from "./define.ts";
import { scopes } from "./scopes.ts";

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

/** Language of system-message text; `en` is the default. */
export const csLocale = z.enum([
  "de-DE",
  "en",
  "en-GB",
  "es-ES",
  "es-MX",
  "fr-FR",
  "id-ID",
  "it-IT",
  "ja-JP",
  "ms-MY",
  "th-TH",
  "vi-VN",
  "pt-BR",
  "zh-CN",
]);

export const participantRole = z.enum(["BUYER", "SHOP", "CUSTOMER_SERVICE"]);
/** SYSTEM and ROBOT messages reuse the shop's id, nickname and avatar. */
export const senderRole = z.enum(["BUYER", "SHOP", "CUSTOMER_SERVICE", "SYSTEM", "ROBOT"]);
/** Only set for Indonesian buyers. */
export const buyerPlatform = z.enum(["TIKTOK_SHOP", "TOKOPEDIA"]);

/** Every type Get Conversation Messages may return. */
export const messageType = z.enum([
  "TEXT",
  "IMAGE",
  "VIDEO",
  "EMOTICONS",
  "PRODUCT_CARD",
  "ORDER_CARD",
  "RETURN_REFUND_CARD",
  "COUPON_CARD",
  "LOGISTICS_CARD",
  "ALLOCATED_SERVICE",
  "NOTIFICATION",
  "BUYER_ENTER_FROM_TRANSFER",
  "BUYER_ENTER_FROM_PRODUCT",
  "BUYER_ENTER_FROM_ORDER",
  "OTHER",
]);
export type MessageType = z.infer<typeof messageType>;

/** The types Send Message accepts. */
export const sendableMessageType = z.enum([
  "TEXT",
  "IMAGE",
  "VIDEO",
  "PRODUCT_CARD",
  "ORDER_CARD",
  "RETURN_REFUND_CARD",
  "COUPON_CARD",
  "LOGISTICS_CARD",
]);
export type SendableMessageType = z.infer<typeof sendableMessageType>;

/** Keys the JSON inside `content` must have, per sendable type. */
export const messageContentKeys: Readonly<Record<SendableMessageType, readonly string[]>> = {
  TEXT: ["content"],
  IMAGE: ["url", "width", "height"],
  VIDEO: ["vid"],
  PRODUCT_CARD: ["product_id"],
  ORDER_CARD: ["order_id"],
  RETURN_REFUND_CARD: ["order_id", "sku_id"],
  COUPON_CARD: ["coupon_id"],
  LOGISTICS_CARD: ["order_id"],
};

/** Longest text a TEXT message may carry. */
export const maxTextLength = 2000;

// ---------------------------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------------------------

const str = z.string().optional();
const int = z.number().int().optional();

export const participant = z.looseObject({
  /** The buyer's user id, the same as an order's `user_id`. */
  user_id: str,
  /** The IM-only id. */
  im_user_id: str,
  nickname: str,
  avatar: str,
  role: participantRole.or(z.string()).optional(),
  buyer_platform: buyerPlatform.or(z.string()).optional(),
  /** 202601 renames `buyer_platform` to this. */
  platform: buyerPlatform.or(z.string()).optional(),
});

export const message = z.looseObject({
  id,
  /** Unique per conversation; larger is newer (not strictly monotonic). A string. */
  index: str,
  create_time: unixSeconds.optional(),
  type: messageType.or(z.string()).optional(),
  /** A JSON-encoded string, e.g. `{"content":"hi"}` for TEXT. */
  content: str,
  /** False for e.g. system rating prompts, which agents should not see. */
  is_visible: z.boolean().optional(),
  sender: z
    .looseObject({ im_user_id: str, nickname: str, avatar: str, role: senderRole.or(z.string()).optional() })
    .optional(),
  /** A JSON string, only with `need_data=true`. */
  data: str,
});
export type Message = z.infer<typeof message>;

export const conversation = z.looseObject({
  id,
  create_time: unixSeconds.optional(),
  /** Whether the shop may message the buyer (recent chat, order or return). */
  can_send_message: z.boolean().optional(),
  /** 2 = shop and buyer; 3 once an agent joined. */
  participant_count: int,
  /** Messages the agent has not read. */
  unread_count: int,
  participants: z.array(participant).default([]),
  latest_message: message.optional(),
});
export type Conversation = z.infer<typeof conversation>;

export const customerServicePerformance = z.looseObject({
  support_session_count: int,
  response_percentage: str,
  response_time_mins: str,
  satisfaction_percentage: str,
});

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD");

export const sendMessageBody = z
  .object({
    type: sendableMessageType,
    /** The JSON-encoded payload; see `messageContentKeys`. */
    content: z.string().min(1),
  })
  .superRefine((body, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.content);
    } catch {
      ctx.addIssue({ code: "custom", path: ["content"], message: "content must be a JSON-encoded object" });
      return;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      ctx.addIssue({ code: "custom", path: ["content"], message: "content must be a JSON-encoded object" });
      return;
    }
    const fields = parsed as Record<string, unknown>;
    const missing = messageContentKeys[body.type].filter((key) => fields[key] === undefined);
    if (missing.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["content"],
        message: `${body.type} content needs ${missing.join(", ")}`,
      });
    }
    const text = fields.content;
    if (
      body.type === "TEXT" &&
      (typeof text !== "string" || text.length === 0 || text.length > maxTextLength)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["content"],
        message: `TEXT content must be 1-${maxTextLength} characters`,
      });
    }
  });

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

// The OAS marks shop_cipher optional on every CS endpoint but Performance; cross-border shops
// need it in practice, so clients should send it anyway.
const base = { cipher: "optional", scope: scopes.customerService } as const;

export const customerService = {
  getConversations: endpoint({
    ...base,
    name: "getConversations",
    summary: "The shop's buyer conversations, newest first.",
    method: "GET",
    path: "/customer_service/202309/conversations",
    query: z.object({ ...pageQuery({ max: 20, required: true }), locale: csLocale.optional() }),
    response: z.looseObject({
      conversations: z.array(conversation).default([]),
      next_page_token: str,
    }),
    pagination: { tokenIn: "query", items: "conversations" },
  }),
  getConversation: endpoint({
    ...base,
    name: "getConversation",
    summary: "One conversation with its participants and unread count.",
    method: "GET",
    path: "/customer_service/202601/conversations/{conversation_id}",
    params: z.object({ conversation_id: id }),
    response: z.looseObject({ conversation: conversation.optional() }),
  }),
  createConversation: endpoint({
    ...base,
    name: "createConversation",
    summary: "Opens (or reopens) the conversation with a buyer.",
    method: "POST",
    path: "/customer_service/202309/conversations",
    // TikTok returns the buyer's existing conversation when there is one, so a retry is harmless.
    safety: "idempotent-write",
    body: z.object({ buyer_user_id: id }),
    response: z.looseObject({ conversation_id: id }),
  }),
  getConversationMessages: endpoint({
    ...base,
    name: "getConversationMessages",
    summary: "Messages of one conversation; reading them does not mark them read.",
    method: "GET",
    path: "/customer_service/202309/conversations/{conversation_id}/messages",
    params: z.object({ conversation_id: id }),
    query: z.object({
      ...pageQuery({ max: 10, required: true }),
      locale: csLocale.optional(),
      sort_order: sortOrder.optional(),
      sort_field: z.enum(["create_time", "index"]).optional(),
      need_data: queryBoolean.optional(),
    }),
    response: z.looseObject({
      messages: z.array(message).default([]),
      next_page_token: str,
      /** What to show for messages of type OTHER. */
      unsupported_msg_tips: str,
    }),
    pagination: { tokenIn: "query", items: "messages" },
  }),
  sendMessage: endpoint({
    ...base,
    name: "sendMessage",
    summary: "Sends a text, image, video or card message to the buyer.",
    method: "POST",
    path: "/customer_service/202309/conversations/{conversation_id}/messages",
    params: z.object({ conversation_id: id }),
    body: sendMessageBody,
    response: z.looseObject({ message_id: id }),
  }),
  readMessage: endpoint({
    ...base,
    name: "readMessage",
    summary: "Marks every buyer message of the conversation read.",
    method: "POST",
    path: "/customer_service/202309/conversations/{conversation_id}/messages/read",
    // Marking read twice changes nothing.
    safety: "idempotent-write",
    params: z.object({ conversation_id: id }),
    response: empty,
  }),
  uploadBuyerMessagesImage: endpoint({
    ...base,
    name: "uploadBuyerMessagesImage",
    summary: "Uploads an image for an IMAGE message and returns its URL and size.",
    method: "POST",
    path: "/customer_service/202309/images/upload",
    multipart: true,
    body: z.object({ data: z.instanceof(Blob) }),
    response: z.looseObject({ url: str, width: int, height: int }),
  }),
  getAgentSettings: endpoint({
    ...base,
    name: "getAgentSettings",
    summary: "Whether the shop owner account accepts auto-assigned chats.",
    method: "GET",
    path: "/customer_service/202309/agents/settings",
    response: z.looseObject({ can_accept_chat: z.boolean().optional() }),
  }),
  updateAgentSettings: endpoint({
    ...base,
    name: "updateAgentSettings",
    summary: "Turns auto-assignment of chats to the shop owner account on or off.",
    method: "PUT",
    path: "/customer_service/202309/agents/settings",
    safety: "write",
    body: z.object({ can_accept_chat: z.boolean() }),
    response: empty,
  }),
  getCustomerServicePerformance: endpoint({
    ...base,
    name: "getCustomerServicePerformance",
    summary: "Session count, response rate and time, and satisfaction over a date range.",
    method: "GET",
    path: "/customer_service/202407/performance",
    cipher: "required",
    query: z.object({ support_date_ge: isoDate, support_date_lt: isoDate }),
    response: z.looseObject({ performance: customerServicePerformance.optional() }),
  }),
};
