import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * Tables of the server kit. Apps re-export them from their own schema so that the app's one
 * migration set creates them:
 *
 * ```ts
 * // apps/oms/src/server/db/schema.ts
 * export { syncCursors, webhookEvents } from "@tts-kit/server/schema";
 * ```
 *
 * Times are Unix seconds, like everywhere in the project.
 */

export const WEBHOOK_STATUSES = ["received", "queued", "processed", "failed", "skipped"] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

/**
 * Every verified webhook delivery, once. `dedupe_key` is `n:<tts_notification_id>`, or `h:<sha256 of
 * the raw body>` for deliveries without an id; its unique index is what makes TikTok's retries and
 * concurrent duplicate deliveries land once.
 *
 * status: `queued` (stored with its job, sent in the same flush) → `processed`, or `failed` (retries
 * exhausted, or a payload that does not match its type); `received` when the job insert failed or for
 * a requeue in progress (the sweeper sends those); `skipped` when the app has no handler for the type
 * (stored and acknowledged, nothing to run).
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    dedupeKey: text("dedupe_key").notNull(),
    /** TikTok's tts_notification_id; null in older deliveries. */
    notificationId: text("notification_id"),
    type: integer("type").notNull(),
    shopId: text("shop_id").notNull(),
    /** TikTok's `timestamp` of the push. */
    pushedAt: bigint("pushed_at", { mode: "number" }),
    receivedAt: bigint("received_at", { mode: "number" }).notNull(),
    /** The exact body the signature was verified on. */
    rawBody: text("raw_body").notNull(),
    status: text("status", { enum: WEBHOOK_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    queuedAt: bigint("queued_at", { mode: "number" }),
    processedAt: bigint("processed_at", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("webhook_events_dedupe_key_key").on(t.dedupeKey),
    // The sweeper (status received/queued by age) and the dead-letter view (status failed).
    index("webhook_events_status_received_at_idx").on(t.status, t.receivedAt),
    index("webhook_events_shop_id_idx").on(t.shopId),
  ],
);

/**
 * Progress of the polling safety net, per shop and sync job. The current (or interrupted) window is
 * `[window_start, window_end)` over `update_time`; `cursor` is the page token reached inside it, so a
 * crashed run resumes there. `synced_until` is the end of the last completed window: the next window
 * starts at `synced_until - overlap`. `running_since` is the lease of the run in progress.
 */
export const syncCursors = pgTable(
  "sync_cursors",
  {
    shopId: text("shop_id").notNull(),
    job: text("job").notNull(),
    windowStart: bigint("window_start", { mode: "number" }),
    windowEnd: bigint("window_end", { mode: "number" }),
    cursor: text("cursor"),
    syncedUntil: bigint("synced_until", { mode: "number" }),
    lastSuccessAt: bigint("last_success_at", { mode: "number" }),
    lastError: text("last_error"),
    lastErrorAt: bigint("last_error_at", { mode: "number" }),
    runningSince: bigint("running_since", { mode: "number" }),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.job] })],
);
