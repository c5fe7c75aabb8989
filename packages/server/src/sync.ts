import type { Database, Job, JobQueue, RetryOptions } from "@tts-kit/db";
import { type Logger, silentLogger } from "./logger.ts";

/**
 * The polling safety net. Webhooks get lost (TikTok drops them after its last retry at +12 h, and an
 * app can be down longer), so every app also pulls changes per shop over `update_time` windows.
 *
 * Every `intervalSeconds` (plus jitter) one job per shop and sync job is queued (`sync-<name>`). A run
 * covers `[synced_until - overlapSeconds, now)`; the overlap catches records whose update_time was
 * written late. Progress inside the window is a cursor (page token) checkpointed in `sync_cursors`,
 * so a run that crashed or failed resumes the same window at the same page, and only a completed
 * window moves `synced_until`.
 *
 * Runs of one shop and job never overlap: the queue policy `short` keeps at most one waiting job per
 * shop, and a run takes a lease (`running_since`) on its cursor row before starting; a second job that
 * finds the lease held is queued again behind it instead of running. (pg-boss's `singleton`/`stately` policies would enforce
 * this in the queue, but in pg-boss 10 a waiting job blocked by a running one makes the whole fetch
 * fail, starving every other shop's job behind it.)
 */

export interface SyncWindow {
  /** Unix seconds, inclusive (`update_time_ge`). */
  start: number;
  /** Unix seconds, exclusive (`update_time_lt`). */
  end: number;
  /** Where an interrupted run of this window stopped (a page token), or undefined for a fresh window. */
  cursor: string | undefined;
  /** Saves progress: call after each page with the next page token. Also renews the run's lease. */
  checkpoint(cursor: string): Promise<void>;
}

export interface SyncJobDefinition<TShop extends { id: string }> {
  /** Queue-safe name (A-Z a-z 0-9 _ -), e.g. `orders`. */
  name: string;
  intervalSeconds: number;
  /** How far each window reaches back before the last completed window's end (default 300). */
  overlapSeconds?: number;
  /** Length of the very first window of a shop (default 1 day). */
  initialWindowSeconds?: number;
  /**
   * Pulls the window. Return `{ cursor }` to stop early with more to do (e.g. a time budget): the
   * cursor is saved and the window continues in a new job at once. Return `{}` when the window is done.
   * Throwing keeps the last checkpoint and the job is retried with backoff.
   */
  run: (
    shop: TShop,
    window: SyncWindow,
    signal: AbortSignal,
  ) => Promise<{ cursor?: string | undefined } | undefined>;
}

export interface SyncSchedulerOptions<TShop extends { id: string }> {
  database: Pick<Database, "sql">;
  queue: JobQueue;
  /** The shops to sync (connected, not deauthorized). Called at every scheduling tick. */
  listShops: () => Promise<TShop[]>;
  /** One shop by id (default: search listShops()). Returning undefined skips the run. */
  getShop?: (shopId: string) => Promise<TShop | undefined>;
  jobs: Array<SyncJobDefinition<TShop>>;
  logger?: Logger;
  /** Unix seconds (tests move it). */
  now?: () => number;
  /** 0 ≤ x < 1 (tests fix it). */
  random?: () => number;
  /** Jitter added to each interval and spread of the shops' start times, as a fraction (default 0.1). */
  jitter?: number;
  /** How often the scheduler looks for due jobs, seconds (default 5; 0: only `tick()`). */
  tickSeconds?: number;
  /** Retries of a failed run (default 3, 30 s base, backoff). */
  retry?: RetryOptions;
  /** A run longer than this fails (default 15 min). Also the lease after which a crashed run is taken over. */
  runTimeoutSeconds?: number;
  /**
   * Concurrent runs per sync job and instance (default 2): that many workers, each running one job at
   * a time, so one slow shop never holds up another (pg-boss finishes a fetched batch before the next).
   */
  concurrency?: number;
  /** A job that finds its shop's run in progress is queued again this much later (default 30 s). */
  busyRetrySeconds?: number;
  /** pg-boss's schema, as given to createJobQueue (default `pgboss`); stopShop reads its job table. */
  queueSchema?: string;
}

export interface SyncJobStatus {
  job: string;
  /** When the last window completed (Unix seconds). */
  lastSyncedAt: number | null;
  /** End of the last completed window: changes before it are in. */
  syncedUntil: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  running: boolean;
}

export interface SyncStatus {
  shopId: string;
  /** The oldest of the jobs' last completions (null until every job completed once). */
  lastSyncedAt: number | null;
  /** The most recent error still unresolved, if any. */
  lastError: string | null;
  jobs: SyncJobStatus[];
}

export interface SyncScheduler {
  /** Declares the queues, starts the workers and the scheduling timer. */
  start(): Promise<void>;
  /** Stops the timer and this instance's workers, and aborts its runs (they keep their checkpoints). */
  stop(): Promise<void>;
  /** Queues the due jobs for every shop now. Returns the number of jobs queued. */
  tick(options?: { force?: boolean }): Promise<number>;
  /** Queues one run now (a "sync now" button). Null when one is already waiting. */
  runNow(shopId: string, job: string): Promise<string | null>;
  syncStatus(shopId: string): Promise<SyncStatus>;
  /** Disconnect: aborts runs, removes waiting jobs and the cursors of the shop. */
  stopShop(shopId: string): Promise<void>;
}

export const syncQueueName = (job: string): string => `sync-${job}`;

interface SyncJobData {
  shopId: string;
}

interface CursorRow {
  window_start: string | number | null;
  window_end: string | number | null;
  cursor: string | null;
  synced_until: string | number | null;
  last_success_at: string | number | null;
  last_error: string | null;
  last_error_at: string | number | null;
  running_since: string | number | null;
}

const num = (value: string | number | null): number | null => (value === null ? null : Number(value));

export function createSyncScheduler<TShop extends { id: string }>(
  options: SyncSchedulerOptions<TShop>,
): SyncScheduler {
  const { queue } = options;
  const sql = options.database.sql;
  const logger = options.logger ?? silentLogger();
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const random = options.random ?? Math.random;
  const jitter = options.jitter ?? 0.1;
  const lease = options.runTimeoutSeconds ?? 900;
  const queueSchema = options.queueSchema ?? "pgboss";
  if (!/^[a-z_][a-z0-9_]{0,49}$/.test(queueSchema)) throw new Error(`invalid queue schema "${queueSchema}"`);
  const jobs = new Map(options.jobs.map((job) => [job.name, job]));
  const nextDue = new Map<string, number>();
  /** Runs of this instance: their abort switch, and a promise settled when they have finished. */
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const getShop =
    options.getShop ??
    (async (shopId: string) => (await options.listShops()).find((shop) => shop.id === shopId));

  async function send(job: string, shopId: string, startAfterSeconds = 0): Promise<string | null> {
    return queue.send<SyncJobData>(
      syncQueueName(job),
      { shopId },
      { singletonKey: shopId, ...(startAfterSeconds > 0 ? { startAfter: startAfterSeconds } : {}) },
    );
  }

  async function tick(tickOptions: { force?: boolean } = {}): Promise<number> {
    const at = now();
    const due = [...jobs.values()].filter((job) => tickOptions.force || (nextDue.get(job.name) ?? 0) <= at);
    const shops = await options.listShops();
    let sent = 0;
    for (const job of due) {
      nextDue.set(job.name, at + job.intervalSeconds + Math.floor(random() * job.intervalSeconds * jitter));
      // Spread the shops' starts over a slice of the interval so a thousand shops do not start at once.
      const spread = Math.min(job.intervalSeconds * jitter, 60);
      for (const shop of shops) {
        const id = await send(job.name, shop.id, Math.floor(random() * spread));
        if (id) sent++;
      }
    }
    // A shop connected since the last round has never been synced: start it now rather than at the
    // next interval, so a seller who just installed sees their orders within seconds.
    for (const job of jobs.values()) {
      if (due.includes(job) || shops.length === 0) continue;
      const { rows } = await sql.query<{ shop_id: string }>(
        "SELECT shop_id FROM sync_cursors WHERE job = $1",
        [job.name],
      );
      const known = new Set(rows.map((r) => r.shop_id));
      for (const shop of shops) {
        if (known.has(shop.id)) continue;
        const id = await send(job.name, shop.id);
        if (id) sent++;
      }
    }
    return sent;
  }

  async function runJob(definition: SyncJobDefinition<TShop>, job: Job<SyncJobData>): Promise<void> {
    const { shopId } = job.data;
    const key = `${shopId}\0${definition.name}`;
    const at = now();
    // Registered before the first await: a stopShop (disconnect) arriving at any point of this
    // run aborts it and waits for it, so nothing of the run is written after the shop's purge.
    const controller = new AbortController();
    let finished!: () => void;
    if (running.has(key)) {
      await send(definition.name, shopId, options.busyRetrySeconds ?? 30);
      return;
    }
    running.set(key, { controller, done: new Promise<void>((resolve) => (finished = resolve)) });
    try {
      await leaseAndRun(definition, shopId, at, controller);
    } finally {
      running.delete(key);
      finished();
    }
  }

  async function leaseAndRun(
    definition: SyncJobDefinition<TShop>,
    shopId: string,
    at: number,
    controller: AbortController,
  ): Promise<void> {
    await sql.query(
      "INSERT INTO sync_cursors (shop_id, job) VALUES ($1, $2) ON CONFLICT (shop_id, job) DO NOTHING",
      [shopId, definition.name],
    );
    // The lease: only one run per shop and job; a lease older than the run timeout belonged to a run
    // that died (its process crashed), so it is taken over.
    const { rows } = await sql.query<CursorRow>(
      `UPDATE sync_cursors SET running_since = $3
       WHERE shop_id = $1 AND job = $2 AND (running_since IS NULL OR running_since <= $4)
       RETURNING *`,
      [shopId, definition.name, at, at - lease],
    );
    const row = rows[0];
    if (!row) {
      // Another run holds the lease: queue this one behind it (a "sync now" click is not lost). The
      // queue keeps at most one waiting job per shop, so this cannot pile up.
      logger.debug({ shopId, job: definition.name }, "sync already running; queued behind it");
      await send(definition.name, shopId, options.busyRetrySeconds ?? 30);
      return;
    }
    const shop = controller.signal.aborted ? undefined : await getShop(shopId);
    if (!shop || controller.signal.aborted) {
      await sql.query("UPDATE sync_cursors SET running_since = NULL WHERE shop_id = $1 AND job = $2", [
        shopId,
        definition.name,
      ]);
      return;
    }

    // An unfinished window with a cursor resumes exactly (the cursor belongs to that query window);
    // otherwise a fresh window from the last completed end, minus the overlap, to now.
    const overlap = definition.overlapSeconds ?? 300;
    let window: { start: number; end: number; cursor: string | undefined };
    if (row.cursor !== null && row.window_start !== null && row.window_end !== null) {
      window = { start: Number(row.window_start), end: Number(row.window_end), cursor: row.cursor };
    } else {
      const syncedUntil = num(row.synced_until);
      const start =
        syncedUntil === null ? at - (definition.initialWindowSeconds ?? 86_400) : syncedUntil - overlap;
      window = { start, end: at, cursor: undefined };
    }
    await sql.query(
      "UPDATE sync_cursors SET window_start = $3, window_end = $4 WHERE shop_id = $1 AND job = $2",
      [shopId, definition.name, window.start, window.end],
    );

    const checkpoint = async (cursor: string) => {
      window.cursor = cursor;
      await sql.query(
        "UPDATE sync_cursors SET cursor = $3, running_since = $4 WHERE shop_id = $1 AND job = $2",
        [shopId, definition.name, cursor, now()],
      );
    };
    try {
      const result = await definition.run(
        shop,
        { start: window.start, end: window.end, cursor: window.cursor, checkpoint },
        controller.signal,
      );
      if (controller.signal.aborted) throw controller.signal.reason ?? new Error("aborted");
      if (result?.cursor) {
        await sql.query(
          "UPDATE sync_cursors SET cursor = $3, running_since = NULL, last_error = NULL WHERE shop_id = $1 AND job = $2",
          [shopId, definition.name, result.cursor],
        );
        await send(definition.name, shopId);
        return;
      }
      await sql.query(
        `UPDATE sync_cursors SET cursor = NULL, synced_until = window_end, last_success_at = $3,
           last_error = NULL, last_error_at = NULL, running_since = NULL
         WHERE shop_id = $1 AND job = $2`,
        [shopId, definition.name, now()],
      );
    } catch (error) {
      if (stoppedShops.has(shopId)) return; // disconnected meanwhile: nothing to record or retry
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await sql.query(
        "UPDATE sync_cursors SET last_error = $3, last_error_at = $4, running_since = NULL WHERE shop_id = $1 AND job = $2",
        [shopId, definition.name, message.slice(0, 2000), now()],
      );
      logger.warn({ err: error, shopId, job: definition.name, window }, "sync run failed");
      throw error;
    }
  }

  const stoppedShops = new Set<string>();
  const workerIds: string[] = [];
  let timer: NodeJS.Timeout | undefined;

  return {
    async start() {
      for (const definition of jobs.values()) {
        const name = syncQueueName(definition.name);
        await queue.createQueue(name, {
          policy: "short",
          retryLimit: options.retry?.retryLimit ?? 3,
          retryDelay: options.retry?.retryDelay ?? 30,
          retryBackoff: options.retry?.retryBackoff ?? true,
          expireInSeconds: lease,
        });
        for (let i = 0; i < (options.concurrency ?? 2); i++)
          workerIds.push(
            await queue.work<SyncJobData>(name, (job) => runJob(definition, job), { batchSize: 1 }),
          );
      }
      const every = options.tickSeconds ?? 5;
      if (every > 0) {
        const loop = () =>
          tick().catch((error: unknown) => logger.error({ err: error }, "sync scheduling failed"));
        timer = setInterval(loop, every * 1000);
        timer.unref();
        void loop();
      }
    },

    async stop() {
      clearInterval(timer);
      // No new runs here; runs in progress are told to stop at their next checkpoint and keep it.
      for (const id of workerIds.splice(0)) await queue.boss.offWork({ id });
      for (const run of running.values()) run.controller.abort(new Error("server shutting down"));
    },

    tick,

    runNow: (shopId, job) => {
      if (!jobs.has(job)) throw new Error(`unknown sync job "${job}"`);
      stoppedShops.delete(shopId);
      return send(job, shopId);
    },

    async syncStatus(shopId) {
      const { rows } = await sql.query<CursorRow & { job: string }>(
        "SELECT * FROM sync_cursors WHERE shop_id = $1 ORDER BY job",
        [shopId],
      );
      const byJob = new Map(rows.map((row) => [row.job, row]));
      const statuses: SyncJobStatus[] = [...jobs.keys()].map((job) => {
        const row = byJob.get(job);
        return {
          job,
          lastSyncedAt: row ? num(row.last_success_at) : null,
          syncedUntil: row ? num(row.synced_until) : null,
          lastError: row?.last_error ?? null,
          lastErrorAt: row ? num(row.last_error_at) : null,
          running: row?.running_since != null && Number(row.running_since) > now() - lease,
        };
      });
      const completions = statuses.map((s) => s.lastSyncedAt);
      const failing = statuses
        .filter((s) => s.lastError !== null)
        .sort((a, b) => (b.lastErrorAt ?? 0) - (a.lastErrorAt ?? 0));
      return {
        shopId,
        lastSyncedAt: completions.some((t) => t === null) ? null : Math.min(...(completions as number[])),
        lastError: failing[0]?.lastError ?? null,
        jobs: statuses,
      };
    },

    async stopShop(shopId) {
      stoppedShops.add(shopId);
      // Abort the shop's runs and wait for them to end, so nothing of theirs is written after this
      // returns (callers purge the shop's data next).
      const runs = [...jobs.keys()].flatMap((name) => running.get(`${shopId}\0${name}`) ?? []);
      for (const run of runs) run.controller.abort(new Error("shop disconnected"));
      await Promise.all(runs.map((run) => run.done));
      // Waiting jobs of the shop: found through the job key (the shop id), deleted by id.
      for (const name of jobs.keys()) {
        const queueName = syncQueueName(name);
        const ids = await waitingJobIds(sql, queueSchema, queueName, shopId);
        if (ids.length > 0) await queue.boss.deleteJob(queueName, ids);
      }
      await sql.query("DELETE FROM sync_cursors WHERE shop_id = $1", [shopId]);
    },
  };
}

/** Ids of a queue's jobs for one key that have not started (created, or waiting for a retry). */
async function waitingJobIds(
  sql: Pick<Database, "sql">["sql"],
  schema: string,
  name: string,
  key: string,
): Promise<string[]> {
  // pg-boss 10 cannot find jobs by key (fetching would start them), so read its job table directly.
  const { rows } = await sql.query<{ id: string }>(
    `SELECT id FROM ${schema}.job WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry')`,
    [name, key],
  );
  return rows.map((row) => row.id);
}
