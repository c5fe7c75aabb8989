/**
 * The development shop: a local emulator of the TikTok Shop Open API, its token host, the seller
 * consent page and a small Seller Center. Start it with `createDevShop()` (a fetch handler) or
 * `serveDevShop()` (an HTTP server); see README.md.
 */
export {
  createDevShop,
  type DevShop,
  type DevShopOptions,
  type RunningDevShop,
  type ServeOptions,
  serveDevShop,
} from "./app.ts";
export { type Clock, type ClockOptions, createClock } from "./clock.ts";
export { BuyerActionError, type BuyerControl } from "./control/buyer.ts";
export type { AuthorizeInput, DevShopControl, WebhookFilter } from "./control/control.ts";
export type { Fault, FaultInput } from "./control/faults.ts";
export {
  type BusinessError,
  fail,
  type Handler,
  type HandlerContext,
  type HandlerResult,
  ok,
} from "./handler.ts";
export { type AppRegistration, registrationFromJson } from "./platform/apps.ts";
export { requestSignBase, signRequest, signWebhook, verifyRequestSign } from "./signing.ts";
export type {
  Authorization,
  PartnerApp,
  PlatformState,
  Seller,
  SellerType,
  Shop,
  Token,
  WebhookDelivery,
} from "./state/platform.ts";
export { SEED_PASSWORD } from "./state/seed-platform.ts";
export type { DevShopStore } from "./state/store.ts";
export { RETRY_OFFSETS_SECONDS, WEBHOOK_TYPES, type WebhookTopic } from "./webhooks/types.ts";
