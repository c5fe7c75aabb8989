import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { type Database, deadLetterQueueName, type Job, type JobQueue, type RetryOptions } from "@tts-kit/db";
import { parseWebhook, verifyWebhook, type WebhookEvent, webhookTypeNames } from "@tts-kit/tiktok-shop";
import type { Context } from "hono";
import type { ServerEnv } from "../context.ts";
import { errorJson } from "../errors.ts";
import { type Logger, silentLogger } from "../logger.ts";
import type { WebhookStatus } from "../schema.ts";
import { Batcher } from "./batcher.ts";
import type { PlatformHooks, WebhookContext, WebhookHandler, WebhookHandlers } from "./types.ts";

/**
 * Webhook ingestion, the path every TikTok Shop event takes into an app:
 *
 * 1. read the RAW body and verify `Authorization` = HMAC-SHA256(app_secret, app_key + body), timing-safe
 *    (401, nothing stored, on failure);
 * 2. parse the envelope (400, nothing stored, when malformed);
 * 3. persist it in `webhook_events` with `INSERT … ON CONFLICT (dedupe_key) DO NOTHING`, batched with
 *    the deliveries arriving at the same moment (group commit, one statement per batch);
 * 4. send one job per new event to the durable queue (`tiktok-webhook-<type>`), in the same flush;
 * 5. answer 200 only after 3 (and normally 4) completed. No handler runs in the request.
 *
 * If the process dies between 3 and 4, or the job insert fails, the event has no job: the sweeper finds
 * unprocessed events without a live job after `sweepAfterSeconds` and sends them again. Handlers run from the queue with retries and
 * backoff; after the last retry pg-boss dead-letters the job and the event is marked `failed`.
 */

export const WEBHOOK_PATH = "/api/webhooks/tiktok";
export const WEBHOOK_QUEUE_PREFIX = "tiktok-webhook-";

export const webhookQueueName = (type: number): string => `${WEBHOOK_QUEUE_PREFIX}${type}`;

type SqlDatabase = Pick<Database, "sql" | "kind">;

export interface WebhookIngestionOptions extends PlatformHooks {
  database: SqlDatabase;
  queue: JobQueue;
  appKey: string;
  appSecret: string;
  handlers?: WebhookHandlers;
  logger?: Logger;
  /** Handler retries (default 5 retries, 10 s base, exponential backoff with jitter). */
  retry?: RetryOptions;
  /** A handler running longer fails and is retried (default 300 s). */
  handlerTimeoutSeconds?: number;
  /**
   * Jobs of one type fetched together and run concurrently per instance (default 5). pg-boss finishes
   * a fetched batch before fetching the next, so one slow handler holds its batch-mates' slots.
   */
  concurrency?: number;
  /** Unprocessed events older than this without a live job are re-enqueued by the sweeper (default 120 s). */
  sweepAfterSeconds?: number;
  /** pg-boss's schema, as given to createJobQueue (default `pgboss`); the sweeper looks for live jobs there. */
  queueSchema?: string;
  /** How often the sweeper runs (default 60 s; 0 disables the timer, `sweep()` still works). */
  sweepIntervalSeconds?: number;
  /** Larger bodies are refused with 413 (default 1 MiB). */
  maxBodyBytes?: number;
  /**
   * Run handlers in this instance (default true). False for a web-only instance that just ingests,
   * with workers elsewhere (or started later with `startWorkers()`).
   */
  runHandlers?: boolean;
  /** Deliveries per insert statement (default 500). */
  maxBatch?: number;
  /** Insert batches in flight at once (default 1 on PGlite, a single connection; 4 on Postgres). */
  flushConcurrency?: number;
  /** Unix seconds; tests move it. */
  now?: () => number;
}

export interface FailedWebhook {
  id: number;
  type: number;
  typeName: string;
  shopId: string;
  notificationId: string | null;
  receivedAt: number;
  attempts: number;
  lastError: string | null;
}

export interface WebhookIngestion {
  /** The route handler for `POST /api/webhooks/tiktok` (createAppServer mounts it). */
  handler: (c: Context<ServerEnv>) => Promise<Response>;
  /** Declares the queues and starts the sweeper, and the workers unless `runHandlers` is false. */
  start(): Promise<void>;
  /** Starts the handler workers (idempotent). */
  startWorkers(): Promise<void>;
  /** Stops the sweeper timer and waits for pending inserts. The queue itself is stopped by its owner. */
  stop(): Promise<void>;
  /** Re-enqueues events stored without a job (and `queued` ones whose job was lost). Returns how many. */
  sweep(): Promise<number>;
  /** Failed events, newest first, with their last error: the dead-letter view. */
  failed(options?: { limit?: number; offset?: number }): Promise<FailedWebhook[]>;
  /** Runs a failed event again with fresh retries (removing its pg-boss dead letter). */
  requeue(eventId: number): Promise<void>;
  /** Deletes every stored event of a shop (on deauthorization); pending jobs for them become no-ops. */
  purgeShop(shopId: string): Promise<number>;
  /** Types that have a handler or a platform hook (each has its queue). */
  readonly handledTypes: readonly number[];
}

/**
 * The exact request bytes. Under @hono/node-server they are read straight from Node's request stream:
 * going through `c.req.arrayBuffer()` would first build a WHATWG Request (and its AbortSignal) per
 * delivery, a measurable share of the ingestion cost under load.
 */
async function rawBodyOf(c: Context<ServerEnv>, limit: number): Promise<Buffer | null> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.readableEnded || incoming.readableDidRead) {
    const body = Buffer.from(await c.req.arrayBuffer());
    return body.length > limit ? null : body;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

interface Delivery {
  dedupeKey: string;
  notificationId: string | null;
  type: number;
  shopId: string;
  pushedAt: number;
  receivedAt: number;
  rawBody: string;
  status: WebhookStatus;
  lastError: string | null;
}

interface Stored {
  eventId: number;
  duplicate: boolean;
}

interface EventJob {
  eventId: number;
}

// One statement per batch whatever its size: the columns travel as arrays.
const INSERT_EVENTS = `
  INSERT INTO webhook_events
    (dedupe_key, notification_id, type, shop_id, pushed_at, received_at, raw_body, status, last_error, queued_at)
  SELECT d.*, CASE WHEN d.status = 'queued' THEN d.received_at END
  FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::bigint[], $6::bigint[], $7::text[], $8::text[], $9::text[])
    AS d (dedupe_key, notification_id, type, shop_id, pushed_at, received_at, raw_body, status, last_error)
  ON CONFLICT (dedupe_key) DO NOTHING
  RETURNING id, dedupe_key, type, status`;

export function createWebhookIngestion(options: WebhookIngestionOptions): WebhookIngestion {
  const { database, queue } = options;
  const sql = database.sql;
  const logger = options.logger ?? silentLogger();
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const handlers: WebhookHandlers = options.handlers ?? {};
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const retry: Required<RetryOptions> = {
    retryLimit: options.retry?.retryLimit ?? 5,
    retryDelay: options.retry?.retryDelay ?? 10,
    retryBackoff: options.retry?.retryBackoff ?? true,
  };

  const handledTypes = [
    ...new Set([
      ...Object.keys(handlers)
        .map(Number)
        .filter((type) => Number.isInteger(type) && handlers[type]),
      ...(options.onDeauthorization ? [6] : []),
      ...(options.onExpiryNotice ? [7] : []),
    ]),
  ].sort((a, b) => a - b);
  const handled = new Set(handledTypes);
  const workerIds = new Map<number, string[]>();

  /** Sends one job per event (pg-boss batch insert); `short` policy + key = event id: no duplicate waiting job. */
  async function sendJobs(events: Array<{ id: number; type: number }>): Promise<void> {
    if (events.length === 0) return;
    await queue.boss.insert(
      events.map((event) => ({
        name: webhookQueueName(event.type),
        data: { eventId: event.id } satisfies EventJob,
        singletonKey: String(event.id),
      })),
    );
    // Wake this instance's idle workers instead of leaving the jobs to their next poll.
    for (const type of new Set(events.map((event) => event.type)))
      for (const id of workerIds.get(type) ?? []) queue.boss.notifyWorker(id);
  }

  /** For events already stored (sweeper, requeue): send their jobs, then mark them queued. */
  async function enqueueStored(events: Array<{ id: number; type: number }>): Promise<void> {
    if (events.length === 0) return;
    await sendJobs(events);
    await sql.query(
      "UPDATE webhook_events SET status = 'queued', queued_at = $2 WHERE id = ANY($1::bigint[]) AND status IN ('received', 'queued')",
      [events.map((event) => event.id), now()],
    );
  }

  const batcher = new Batcher<Delivery, Stored>({
    maxBatch: options.maxBatch ?? 500,
    concurrency: options.flushConcurrency ?? (database.kind === "postgres" ? 4 : 1),
    flush: async (deliveries) => {
      // Duplicates within one batch (concurrent retries of one notification) go in once.
      const unique = new Map<string, Delivery>();
      for (const delivery of deliveries)
        if (!unique.has(delivery.dedupeKey)) unique.set(delivery.dedupeKey, delivery);
      const rows = [...unique.values()];
      const { rows: inserted } = await sql.query<{
        id: string | number;
        dedupe_key: string;
        type: number;
        status: string;
      }>(INSERT_EVENTS, [
        rows.map((r) => r.dedupeKey),
        rows.map((r) => r.notificationId),
        rows.map((r) => r.type),
        rows.map((r) => r.shopId),
        rows.map((r) => r.pushedAt),
        rows.map((r) => r.receivedAt),
        rows.map((r) => r.rawBody),
        rows.map((r) => r.status),
        rows.map((r) => r.lastError),
      ]);
      const newIds = new Map<string, number>();
      for (const row of inserted) newIds.set(row.dedupe_key, Number(row.id));
      const toQueue = inserted
        .filter((row) => row.status === "queued")
        .map((row) => ({ id: Number(row.id), type: row.type }));
      try {
        await sendJobs(toQueue);
      } catch (error) {
        // Stored is what the acknowledgement promises; mark them for the sweeper, which sends the jobs.
        logger.warn({ err: error, events: toQueue.length }, "webhook jobs not sent; the sweeper will retry");
        await sql
          .query(
            "UPDATE webhook_events SET status = 'received' WHERE id = ANY($1::bigint[]) AND status = 'queued'",
            [toQueue.map((event) => event.id)],
          )
          .catch(() => {});
      }
      const firstSeen = new Set<string>();
      return deliveries.map((delivery) => {
        const id = newIds.get(delivery.dedupeKey);
        if (id === undefined || firstSeen.has(delivery.dedupeKey))
          return { eventId: id ?? 0, duplicate: true };
        firstSeen.add(delivery.dedupeKey);
        return { eventId: id, duplicate: false };
      });
    },
  });

  const handler = async (c: Context<ServerEnv>): Promise<Response> => {
    const declared = Number(c.req.header("content-length") ?? "0");
    if (declared > maxBodyBytes)
      return errorJson(c, { status: 413, code: "too_large", message: "Body too large." });
    const body = await rawBodyOf(c, maxBodyBytes);
    if (!body) return errorJson(c, { status: 413, code: "too_large", message: "Body too large." });

    const signature = c.req.header("authorization");
    if (!verifyWebhook({ appKey: options.appKey, appSecret: options.appSecret, rawBody: body, signature })) {
      return errorJson(c, {
        status: 401,
        code: "invalid_signature",
        message: "Webhook signature does not match.",
      });
    }
    const rawBody = body.toString("utf8");
    const parsed = parseWebhook(rawBody);
    if (!parsed.ok) return errorJson(c, { status: 400, code: "invalid_webhook", message: parsed.error });
    const event = parsed.event;

    let status: WebhookStatus = "skipped";
    let lastError: string | null = null;
    if (handled.has(event.type)) {
      if (event.name === "UNKNOWN" && event.type in webhookTypeNames) {
        // A known type whose data does not match: keep it (visible in the dead-letter view), run nothing.
        status = "failed";
        lastError = `payload does not match type ${event.type}: ${"issue" in event ? event.issue : "invalid data"}`;
      } else status = "queued"; // its job is inserted in the same flush, right after the row
    }

    const delivery: Delivery = {
      dedupeKey: event.notificationId
        ? `n:${event.notificationId}`
        : `h:${createHash("sha256").update(body).digest("hex")}`,
      notificationId: event.notificationId ?? null,
      type: event.type,
      shopId: event.shopId,
      pushedAt: Math.trunc(event.timestamp),
      receivedAt: now(),
      rawBody,
      status,
      lastError,
    };
    let stored: Stored;
    try {
      stored = await batcher.add(delivery);
    } catch (error) {
      // Not stored: TikTok must retry, so do not answer 2xx.
      c.get("logger")?.error({ err: error, type: event.type }, "webhook not stored");
      return errorJson(c, {
        status: 503,
        code: "unavailable",
        message: "Could not store the webhook; retry later.",
      });
    }
    c.get("logger")?.debug(
      {
        type: event.type,
        shopId: event.shopId,
        eventId: stored.eventId,
        duplicate: stored.duplicate,
        status,
      },
      "webhook stored",
    );
    return c.json({ ok: true, duplicate: stored.duplicate });
  };

  async function runJob(type: number, job: Job<EventJob>): Promise<void> {
    const eventId = job.data.eventId;
    // Claim and load in one statement; a processed, skipped or purged event makes the job a no-op
    // (jobs are at-least-once, and the sweeper may resend one).
    const { rows } = await sql.query<{ raw_body: string; received_at: string | number; attempts: number }>(
      `UPDATE webhook_events SET attempts = attempts + 1
       WHERE id = $1 AND status IN ('received', 'queued')
       RETURNING raw_body, received_at, attempts`,
      [eventId],
    );
    const row = rows[0];
    if (!row) return;
    const ctx: WebhookContext = {
      eventId,
      attempt: job.retryCount + 1,
      isLastAttempt: job.retryCount >= job.retryLimit,
      receivedAt: Number(row.received_at),
      logger: logger.child({ webhookEventId: eventId, webhookType: type }),
    };
    try {
      const parsed = parseWebhook(row.raw_body);
      if (!parsed.ok) throw new Error(parsed.error);
      const event = parsed.event;
      if (event.name === "UNKNOWN" && event.type in webhookTypeNames)
        throw new Error(`payload does not match type ${event.type}: ${event.issue ?? "invalid data"}`);
      await dispatch(event, ctx);
      await sql.query(
        "UPDATE webhook_events SET status = 'processed', processed_at = $2, last_error = NULL WHERE id = $1",
        [eventId, now()],
      );
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await sql.query(
        `UPDATE webhook_events SET last_error = $2, status = CASE WHEN $3::boolean THEN 'failed' ELSE status END
         WHERE id = $1 AND status IN ('received', 'queued')`,
        [eventId, message.slice(0, 2000), ctx.isLastAttempt],
      );
      ctx.logger[ctx.isLastAttempt ? "error" : "warn"](
        { err: error, attempt: ctx.attempt, deadLettered: ctx.isLastAttempt },
        "webhook handler failed",
      );
      throw error;
    }
  }

  async function dispatch(event: WebhookEvent, ctx: WebhookContext): Promise<void> {
    if (event.name === "SELLER_DEAUTHORIZATION") await options.onDeauthorization?.(event.shopId, event, ctx);
    if (event.name === "UPCOMING_AUTHORIZATION_EXPIRATION" && options.onExpiryNotice) {
      const raw = event.data.expiration_time;
      const expiresAt = raw === undefined || raw === "" || !Number.isFinite(Number(raw)) ? null : Number(raw);
      await options.onExpiryNotice(event.shopId, expiresAt, event, ctx);
    }
    const handlerFn = handlers[event.type] as WebhookHandler | undefined;
    await handlerFn?.(event, ctx);
  }

  async function startWorkers(): Promise<void> {
    for (const type of handledTypes) {
      if (workerIds.has(type)) continue;
      const id = await queue.work<EventJob>(webhookQueueName(type), (job) => runJob(type, job), {
        batchSize: options.concurrency ?? 5,
      });
      workerIds.set(type, [id]);
    }
  }

  let sweepTimer: NodeJS.Timeout | undefined;
  let sweeping: Promise<number> | undefined;

  const queueSchema = options.queueSchema ?? "pgboss";
  if (!/^[a-z_][a-z0-9_]{0,49}$/.test(queueSchema)) throw new Error(`invalid queue schema "${queueSchema}"`);

  /**
   * Unprocessed events older than `sweepAfterSeconds` that have no live job: `received` ones (their
   * job insert failed) and `queued` ones whose job never made it (the process died between the row and
   * the job) or was lost. pg-boss offers no lookup by key, so its job table is read directly.
   */
  async function sweep(): Promise<number> {
    const before = now() - (options.sweepAfterSeconds ?? 120);
    const { rows } = await sql.query<{ id: string | number; type: number }>(
      `SELECT e.id, e.type FROM webhook_events e
       WHERE e.status IN ('received', 'queued') AND e.received_at <= $1
         AND NOT EXISTS (
           SELECT 1 FROM ${queueSchema}.job j
           WHERE j.name = $2::text || e.type AND j.singleton_key = e.id::text AND j.state IN ('created', 'retry', 'active'))
       ORDER BY e.id LIMIT 500`,
      [before, WEBHOOK_QUEUE_PREFIX],
    );
    const events = rows
      .map((row) => ({ id: Number(row.id), type: row.type }))
      .filter((e) => handled.has(e.type));
    await enqueueStored(events);
    if (events.length > 0) logger.warn({ events: events.length }, "webhook sweeper re-enqueued events");
    return events.length;
  }

  return {
    handler,
    handledTypes,

    async start() {
      for (const type of handledTypes) {
        await queue.createQueue(webhookQueueName(type), {
          policy: "short",
          ...retry,
          expireInSeconds: options.handlerTimeoutSeconds ?? 300,
        });
      }
      if (options.runHandlers !== false) await startWorkers();
      const interval = options.sweepIntervalSeconds ?? 60;
      if (interval > 0) {
        sweepTimer = setInterval(() => {
          sweeping ??= sweep()
            .catch((error: unknown) => {
              logger.error({ err: error }, "webhook sweep failed");
              return 0;
            })
            .finally(() => {
              sweeping = undefined;
            });
        }, interval * 1000);
        sweepTimer.unref();
      }
    },

    async stop() {
      clearInterval(sweepTimer);
      for (const ids of workerIds.values()) for (const id of ids) await queue.boss.offWork({ id });
      workerIds.clear();
      await sweeping;
      await batcher.idle();
    },

    sweep,
    startWorkers,

    async failed(listOptions = {}) {
      const { rows } = await sql.query<{
        id: string | number;
        type: number;
        shop_id: string;
        notification_id: string | null;
        received_at: string | number;
        attempts: number;
        last_error: string | null;
      }>(
        `SELECT id, type, shop_id, notification_id, received_at, attempts, last_error FROM webhook_events
         WHERE status = 'failed' ORDER BY received_at DESC, id DESC LIMIT $1 OFFSET $2`,
        [listOptions.limit ?? 100, listOptions.offset ?? 0],
      );
      return rows.map((row) => ({
        id: Number(row.id),
        type: row.type,
        typeName: webhookTypeNames[row.type as keyof typeof webhookTypeNames] ?? "UNKNOWN",
        shopId: row.shop_id,
        notificationId: row.notification_id,
        receivedAt: Number(row.received_at),
        attempts: row.attempts,
        lastError: row.last_error,
      }));
    },

    async requeue(eventId) {
      const { rows } = await sql.query<{ type: number }>(
        "UPDATE webhook_events SET status = 'received' WHERE id = $1 AND status = 'failed' RETURNING type",
        [eventId],
      );
      const row = rows[0];
      if (!row) throw new Error(`webhook event ${eventId} is not failed`);
      if (!handled.has(row.type)) throw new Error(`no handler for webhook type ${row.type}`);
      await enqueueStored([{ id: eventId, type: row.type }]);
      // The pg-boss dead letter of this event (if any) is now redundant.
      const name = webhookQueueName(row.type);
      const dead = await queue.deadLetters<EventJob>(name, { limit: 1000 });
      const ids = dead.filter((letter) => letter.data.eventId === eventId).map((letter) => letter.id);
      if (ids.length > 0) await queue.boss.deleteJob(deadLetterQueueName(name), ids);
    },

    async purgeShop(shopId) {
      const { rows } = await sql.query<{ id: string | number }>(
        "DELETE FROM webhook_events WHERE shop_id = $1 RETURNING id",
        [shopId],
      );
      return rows.length;
    },
  };
}
