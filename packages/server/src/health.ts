import type { Database, JobQueue } from "@tts-kit/db";
import { Hono } from "hono";
import type { ServerEnv } from "./context.ts";

/**
 * Liveness and readiness. `/healthz` says the process answers (a restart is the only cure when it
 * does not). `/readyz` says this instance should get traffic: the database answers a `select 1`
 * within the timeout, the job queue is started, and the server is not shutting down; otherwise 503,
 * so a load balancer drains the instance instead of sending it requests it would fail.
 */
export interface ReadinessOptions {
  database: Pick<Database, "sql">;
  queue?: Pick<JobQueue, "boss">;
  /** True while shutting down (createAppServer wires it). */
  isDraining?: () => boolean;
  /** Database check timeout, ms (default 2000). */
  timeoutMs?: number;
}

export interface Readiness {
  ready: boolean;
  checks: { database: "ok" | string; queue: "ok" | "stopped" | "absent"; draining: boolean };
}

/** Tracks whether a job queue is running: pg-boss emits `stopped` once stop() completes. */
const queueStopped = new WeakSet<object>();

export function watchQueue(queue: Pick<JobQueue, "boss">): void {
  queue.boss.once("stopped", () => queueStopped.add(queue.boss));
}

export async function checkReadiness(options: ReadinessOptions): Promise<Readiness> {
  const draining = options.isDraining?.() ?? false;
  let database: string;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      options.database.sql.query("select 1"),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timed out")), options.timeoutMs ?? 2000);
      }),
    ]);
    database = "ok";
  } catch (error) {
    // The reason, never the connection string.
    database = `unreachable: ${error instanceof Error ? error.message.split("\n")[0] : "error"}`;
  } finally {
    clearTimeout(timer);
  }
  const queue = !options.queue ? "absent" : queueStopped.has(options.queue.boss) ? "stopped" : "ok";
  return {
    ready: database === "ok" && queue !== "stopped" && !draining,
    checks: { database, queue, draining },
  };
}

export function healthRoutes(options: ReadinessOptions): Hono<ServerEnv> {
  if (options.queue) watchQueue(options.queue);
  return new Hono<ServerEnv>()
    .get("/healthz", (c) => {
      c.header("Cache-Control", "no-store");
      return c.json({ ok: true });
    })
    .get("/readyz", async (c) => {
      c.header("Cache-Control", "no-store");
      const readiness = await checkReadiness(options);
      return c.json(readiness, readiness.ready ? 200 : 503);
    });
}
