export { type AppServer, type AppServerOptions, createAppServer } from "./app-server.ts";
export type { ServerEnv, ServerVariables } from "./context.ts";
export {
  CSRF_HEADER,
  type Csrf,
  type CsrfOptions,
  createCsrf,
  csrfCookieName,
  DEFAULT_CSRF_EXEMPT,
} from "./csrf.ts";
export {
  type BaseEnv,
  baseEnvSchema,
  type EncryptionKey,
  EnvError,
  type EnvSource,
  loadEnv,
  loadEnvOrExit,
  parseEncryptionKeys,
  SECRET_NAME,
} from "./env.ts";
export { type ApiErrorBody, describeError, errorHandler, errorJson, notFoundHandler } from "./errors.ts";
export { checkReadiness, healthRoutes, type Readiness, type ReadinessOptions } from "./health.ts";
export {
  createLogger,
  type Logger,
  type LoggerOptions,
  REDACTED,
  redactDeep,
  scrubString,
  silentLogger,
} from "./logger.ts";
export {
  type AppParts,
  createPlatformServer,
  type Platform,
  type PlatformServer,
  type PlatformServerOptions,
  type ShopTable,
} from "./platform.ts";
export { REQUEST_ID_HEADER, type RequestContextOptions, requestContext } from "./request-context.ts";
export { syncCursors, WEBHOOK_STATUSES, type WebhookStatus, webhookEvents } from "./schema.ts";
export { type SecurityHeadersOptions, securityHeaders } from "./security-headers.ts";
export { IMMUTABLE, REVALIDATE, type ServeSpaOptions, serveSpa } from "./spa.ts";
export { type RunningServer, type StartServerOptions, startServer } from "./start.ts";
export {
  createSyncScheduler,
  type SyncJobDefinition,
  type SyncJobStatus,
  type SyncScheduler,
  type SyncSchedulerOptions,
  type SyncStatus,
  type SyncWindow,
  syncQueueName,
} from "./sync.ts";
export {
  createWebhookIngestion,
  type FailedWebhook,
  WEBHOOK_PATH,
  WEBHOOK_QUEUE_PREFIX,
  type WebhookIngestion,
  type WebhookIngestionOptions,
  webhookQueueName,
} from "./webhooks/ingestion.ts";
export type {
  EventOfType,
  PlatformHooks,
  WebhookContext,
  WebhookHandler,
  WebhookHandlers,
} from "./webhooks/types.ts";
