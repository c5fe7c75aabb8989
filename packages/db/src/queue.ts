import { setTimeout as sleep } from "node:timers/promises";
import PgBoss from "pg-boss";
import type { Database } from "./database.ts";

/**
 * Durable job queue on the app's own database, backed by pg-boss 10 (tables in schema `pgboss`).
 * The same code runs on PGlite and on Postgres: pg-boss talks to the database only through a
 * `{ executeSql(text, values) }` adapter, which here is the database handle's raw SQL client.
 */
export interface JobQueue {
  /**
   * Declares a queue (idempotent; a later call updates its settings). `send` and `work` declare
   * unknown queues with the defaults, so this is only needed for a policy or other retry settings.
   * Also declares the queue's dead-letter queue `<queue>__dead`.
   */
  createQueue(queue: string, options?: QueueOptions): Promise<void>;
  /** Queues a job. Returns its id, or null when a singleton rule dropped it as a duplicate. */
  send<T extends object>(queue: string, payload: T, options?: SendOptions): Promise<string | null>;
  /**
   * Starts a worker: polls for up to `batchSize` jobs at a time and runs `handler` on each, concurrently.
   * A job whose handler resolves completes; one whose handler throws (or outlives `expireInSeconds`)
   * fails and is retried after its delay, then dead-lettered once `retryLimit` retries have failed.
   * Returns the worker id.
   */
  work<T extends object>(queue: string, handler: JobHandler<T>, options?: WorkOptions): Promise<string>;
  /** Jobs that exhausted their retries, newest first, for a dead-letter view. */
  deadLetters<T extends object>(queue: string, options?: { limit?: number }): Promise<DeadLetter<T>[]>;
  /** Sends a dead letter's payload to its queue again (fresh retries) and removes it from the dead letters. */
  requeueDeadLetter(queue: string, deadLetterId: string): Promise<string | null>;
  /** The pg-boss job by id (any state), e.g. to show progress; null when unknown or archived. */
  getJob<T extends object>(queue: string, id: string): Promise<PgBoss.JobWithMetadata<T> | null>;
  /**
   * Graceful stop: no new fetches; waits up to `timeoutMs` (default 30 s) for running handlers, then
   * fails what still runs (it is retried later). Also runs on `database.close()`. Idempotent.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** The underlying pg-boss instance, for what this interface does not cover (schedules, queue sizes). */
  readonly boss: PgBoss;
}

export type QueuePolicy = "standard" | "short" | "singleton" | "stately";

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retryLimit?: number;
  /** Seconds before a retry (default 2). With backoff: the base of the exponential delay. */
  retryDelay?: number;
  /** Exponential backoff with jitter: retry n waits retryDelay·2^(n-1)·(1..2) seconds (default true). */
  retryBackoff?: boolean;
}

export interface QueueOptions extends RetryOptions {
  /**
   * pg-boss queue policy, i.e. what `singletonKey` means on this queue:
   * - `standard` (default): no limit; `singletonKey` only de-duplicates together with `singletonSeconds`.
   * - `short`: at most one *waiting* job per key (a second send returns null).
   * - `singleton`: at most one *running* job per key.
   * - `stately`: at most one waiting and one running job per key.
   * Jobs sent without a key count as key "" under these policies.
   */
  policy?: QueuePolicy;
  /** A handler running longer fails (default 15 min, at most 24 h). */
  expireInSeconds?: number;
}

export interface SendOptions extends RetryOptions {
  /** De-duplication key; what it limits depends on the queue policy (see QueueOptions.policy). */
  singletonKey?: string;
  /** Throttle: at most one job per key per window of this many seconds, on any policy. */
  singletonSeconds?: number;
  /** Run no earlier than this Date, this many seconds from now, or this ISO-8601 time. */
  startAfter?: Date | number | string;
  priority?: number;
  expireInSeconds?: number;
}

export interface WorkOptions {
  /** Jobs fetched per poll and run concurrently (default 1). */
  batchSize?: number;
  /** Poll interval when idle, seconds (default from createJobQueue, at least 0.5). */
  pollingIntervalSeconds?: number;
}

export interface Job<T> {
  id: string;
  queue: string;
  data: T;
  /** 0 on the first attempt. */
  retryCount: number;
  retryLimit: number;
  singletonKey: string | null;
  createdOn: Date;
}

export type JobHandler<T> = (job: Job<T>) => Promise<unknown>;

export interface DeadLetter<T> {
  /** Id of the dead-letter job (in `<queue>__dead`), used by requeueDeadLetter. */
  id: string;
  queue: string;
  data: T;
  /** The last attempt's error, as pg-boss stored it (serialize-error of what the handler threw). */
  error: { name?: string; message?: string; stack?: string } | null;
  deadAt: Date;
}

export interface JobQueueOptions {
  /** Postgres schema for pg-boss's tables (default `pgboss`). Apps sharing one database each need their own. */
  schema?: string;
  /** Default retry/expiry settings for queues declared implicitly by send/work. */
  defaults?: QueueOptions;
  /** Default worker poll interval, seconds (default 2). */
  pollingIntervalSeconds?: number;
  /** How often pg-boss expires stuck jobs and archives old ones, seconds (default 60). */
  maintenanceIntervalSeconds?: number;
  /** pg-boss's cron scheduler (`boss.schedule`); off by default since it adds a polling worker. */
  cron?: boolean;
  /** pg-boss background errors (maintenance, polling). Default: console.error. */
  onError?: (error: Error) => void;
}

const DEFAULT_QUEUE: Required<Omit<QueueOptions, "expireInSeconds">> = {
  policy: "standard",
  retryLimit: 3,
  retryDelay: 2,
  retryBackoff: true,
};

export const deadLetterQueueName = (queue: string): string => `${queue}__dead`;

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,100}$/;
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,49}$/;

/** Installs pg-boss's tables if needed (one instance at a time, see below) and starts it. */
export async function createJobQueue<TSchema extends Record<string, unknown>>(
  database: Database<TSchema>,
  options: JobQueueOptions = {},
): Promise<JobQueue> {
  const schema = options.schema ?? "pgboss";
  if (!SCHEMA_NAME.test(schema)) throw new Error(`createJobQueue: invalid schema name "${schema}"`);
  const defaults = { ...DEFAULT_QUEUE, ...options.defaults };
  const onError = options.onError ?? ((error: Error) => console.error("[job-queue]", error));

  // Every statement pg-boss runs goes through here; counting them lets stop() wait for the last ones.
  let inFlight = 0;
  let target = database.sql;
  const executor: PgBoss.Db = {
    async executeSql(text, values) {
      inFlight++;
      try {
        return await target.query(text, values);
      } finally {
        inFlight--;
      }
    },
  };

  const boss = new PgBoss({
    db: executor,
    schema,
    schedule: options.cron ?? false,
    supervise: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
  });
  boss.on("error", onError);
  // pg-boss 10 installs its schema under a transaction-scoped advisory lock, but two instances
  // installing at once still fail (duplicate key on pg_namespace: the waiter's catalog cache is
  // stale when it wakes). So start under our own session lock: the second instance then finds the
  // schema installed and skips creation.
  await database.sql.withLockedSession(`@tts-kit/db:pg-boss:${schema}`, async (session) => {
    target = session;
    try {
      await boss.start();
    } finally {
      target = database.sql;
    }
  });

  const policies = new Map<string, QueuePolicy>();
  const workers = new Map<string, string[]>();
  let runningHandlers = 0;
  let stopping: Promise<void> | undefined;

  function assertName(queue: string): void {
    if (!QUEUE_NAME.test(queue))
      throw new Error(`job queue: invalid queue name "${queue}" (use A-Z a-z 0-9 _ -)`);
  }

  async function declare(queue: string, settings: QueueOptions, update: boolean): Promise<QueuePolicy> {
    assertName(queue);
    const dead = deadLetterQueueName(queue);
    const pgbossOptions = {
      name: queue,
      policy: settings.policy ?? "standard",
      retryLimit: settings.retryLimit ?? defaults.retryLimit,
      retryDelay: settings.retryDelay ?? defaults.retryDelay,
      retryBackoff: settings.retryBackoff ?? defaults.retryBackoff,
      ...(settings.expireInSeconds ? { expireInSeconds: settings.expireInSeconds } : {}),
      deadLetter: dead,
    };
    // The dead-letter queue must exist first: queue.dead_letter references it. Nothing retries there.
    await boss.createQueue(dead, { name: dead, retryLimit: 0 });
    await boss.createQueue(queue, pgbossOptions);
    if (update) await boss.updateQueue(queue, pgbossOptions);
    // createQueue keeps an existing queue's settings; read back the policy that is really in force.
    const stored = await boss.getQueue(queue);
    const policy = (stored?.policy ?? "standard") as QueuePolicy;
    policies.set(queue, policy);
    return policy;
  }

  async function policyOf(queue: string): Promise<QueuePolicy> {
    return policies.get(queue) ?? declare(queue, defaults, false);
  }

  function assertRunning(): void {
    if (stopping) throw new Error("job queue: stopped");
  }

  const queue: JobQueue = {
    boss,

    async createQueue(name, settings = {}) {
      assertRunning();
      await declare(name, { ...defaults, ...settings }, true);
    },

    async send(name, payload, sendOptions = {}) {
      assertRunning();
      const policy = await policyOf(name);
      if (sendOptions.singletonKey !== undefined && policy === "standard" && !sendOptions.singletonSeconds) {
        // pg-boss would accept it and de-duplicate nothing; say so instead of failing silently.
        throw new Error(
          `job queue: singletonKey on "${name}" needs a queue policy (short, singleton, stately) or singletonSeconds`,
        );
      }
      const id = await boss.send(name, payload, {
        ...(sendOptions.singletonKey !== undefined ? { singletonKey: sendOptions.singletonKey } : {}),
        ...(sendOptions.singletonSeconds ? { singletonSeconds: sendOptions.singletonSeconds } : {}),
        ...(sendOptions.startAfter !== undefined ? { startAfter: sendOptions.startAfter } : {}),
        ...(sendOptions.priority !== undefined ? { priority: sendOptions.priority } : {}),
        ...(sendOptions.expireInSeconds ? { expireInSeconds: sendOptions.expireInSeconds } : {}),
        ...(sendOptions.retryLimit !== undefined ? { retryLimit: sendOptions.retryLimit } : {}),
        ...(sendOptions.retryDelay !== undefined ? { retryDelay: sendOptions.retryDelay } : {}),
        ...(sendOptions.retryBackoff !== undefined ? { retryBackoff: sendOptions.retryBackoff } : {}),
      });
      // Wake this process's idle workers on the queue instead of leaving the job to the next poll.
      if (id) for (const workerId of workers.get(name) ?? []) boss.notifyWorker(workerId);
      return id;
    },

    async work<T extends object>(name: string, handler: JobHandler<T>, workOptions: WorkOptions = {}) {
      assertRunning();
      await policyOf(name);
      const batchSize = workOptions.batchSize ?? 1;
      let workerId: string | undefined;
      workerId = await boss.work<T>(
        name,
        {
          includeMetadata: true,
          batchSize,
          ...(workOptions.pollingIntervalSeconds
            ? { pollingIntervalSeconds: workOptions.pollingIntervalSeconds }
            : {}),
        },
        async (jobs) => {
          runningHandlers++;
          try {
            // pg-boss completes or fails a fetched batch as a whole; settle each job on its own instead.
            // pg-boss's own complete() afterwards only touches jobs still active, i.e. none.
            const outcomes = await Promise.allSettled(
              jobs.map((job) =>
                handler({
                  id: job.id,
                  queue: name,
                  data: job.data,
                  retryCount: job.retryCount,
                  retryLimit: job.retryLimit,
                  singletonKey: job.singletonKey,
                  createdOn: job.createdOn,
                }),
              ),
            );
            const done: string[] = [];
            for (const [i, outcome] of outcomes.entries()) {
              const job = jobs[i]!;
              if (outcome.status === "fulfilled") done.push(job.id);
              else await boss.fail(name, job.id, toErrorObject(outcome.reason));
            }
            if (done.length > 0) await boss.complete(name, done);
            // pg-boss sleeps a full poll interval after every batch; a full batch means more may be
            // waiting, so ask for the next one at once (a backlog drains at database speed).
            if (jobs.length === batchSize && workerId) boss.notifyWorker(workerId);
          } finally {
            runningHandlers--;
          }
        },
      );
      workers.set(name, [...(workers.get(name) ?? []), workerId]);
      return workerId;
    },

    async deadLetters<T extends object>(name: string, listOptions: { limit?: number } = {}) {
      assertName(name);
      const { rows } = await database.sql.query<{
        id: string;
        data: T;
        output: DeadLetter<T>["error"];
        created_on: Date | string;
      }>(
        `SELECT id, data, output, created_on FROM ${schema}.job WHERE name = $1 ORDER BY created_on DESC, id LIMIT $2`,
        [deadLetterQueueName(name), listOptions.limit ?? 100],
      );
      return rows.map((row) => ({
        id: row.id,
        queue: name,
        data: row.data,
        error: row.output ?? null,
        deadAt: new Date(row.created_on),
      }));
    },

    async requeueDeadLetter(name, deadLetterId) {
      assertRunning();
      const dead = await boss.getJobById<object>(deadLetterQueueName(name), deadLetterId);
      if (!dead) throw new Error(`job queue: no dead letter ${deadLetterId} in "${name}"`);
      // Send first, delete second: a crash in between leaves a duplicate, never a lost job.
      const id = await queue.send(name, dead.data ?? {});
      await boss.deleteJob(deadLetterQueueName(name), deadLetterId);
      return id;
    },

    async getJob<T extends object>(name: string, id: string) {
      assertName(name);
      return boss.getJobById<T>(name, id);
    },

    stop(stopOptions = {}) {
      stopping ??= (async () => {
        unregister();
        const timeout = stopOptions.timeoutMs ?? 30_000;
        const deadline = Date.now() + timeout;
        // close: false, the connection belongs to the database handle.
        await boss.stop({ graceful: true, wait: true, close: false, timeout });
        // pg-boss returns once no handler runs, but a poll already in flight may still deliver a batch,
        // and complete() is not awaited by pg-boss: drain both before the database can be closed.
        while ((runningHandlers > 0 || inFlight > 0) && Date.now() < deadline) await sleep(10);
      })();
      return stopping;
    },
  };

  const unregister = database.onClose(() => queue.stop());
  return queue;
}

function toErrorObject(reason: unknown): object {
  if (reason instanceof Error) return reason;
  if (typeof reason === "object" && reason !== null) return reason;
  return { message: String(reason) };
}
