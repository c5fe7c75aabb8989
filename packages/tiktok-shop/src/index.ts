export {
  type CallOptions,
  type CallResult,
  DEFAULT_API_BASE_URL,
  DEFAULT_AUTH_BASE_URL,
  DEFAULT_AUTHORIZE_URLS,
  type DomainClient,
  ShopClient,
  type ShopCredentials,
  TikTokShop,
  type TikTokShopOptions,
  type TokenSource,
} from "./client.ts";
export { type Clock, systemClock } from "./clock.ts";
export type {
  AnyEndpoint,
  EndpointData,
  EndpointInput,
  EndpointSpec,
  PageItem,
  PaginatedEndpoint,
} from "./contract/define.ts";
export { contract } from "./contract/index.ts";
export { classify, type ErrorKind, isTikTokShopError, parseRetryAfter, TikTokShopError } from "./errors.ts";
export { type Logger, redact, silentLogger } from "./logger.ts";
export {
  items,
  type Page,
  type PaginateOptions,
  PRODUCT_SEARCH_CAP,
  pages,
  windowedProductSearch,
} from "./paginate.ts";
export {
  type PendingRange,
  parseRangeResumeToken,
  type RangePage,
  type RangePagesOptions,
  rangePages,
  rangeResumeToken,
} from "./range-pages.ts";
export { type RateLimiter, type RateLimitKey, SlidingWindowLimiter, unlimited } from "./rate-limit.ts";
export { backoffDelay, defaultRetryPolicy, isSafeToRepeat, type RetryPolicy } from "./retry.ts";
export { isMultipart, sign, signatureBase } from "./signing.ts";
export { type Grant, TokenApi } from "./tokens.ts";
export {
  type KnownWebhookEvent,
  type ParsedWebhook,
  parseWebhook,
  type UnknownWebhookEvent,
  verifyWebhook,
  type WebhookEvent,
  webhookSignature,
  webhookTypeNames,
} from "./webhooks.ts";
