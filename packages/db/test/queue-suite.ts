// The queue behaviour both paths must show; queue.pglite.test.ts and queue.postgres.test.ts run it.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Database } from "../src/index.ts";
import { createJobQueue, type Job, type JobQueue } from "../src/index.ts";
import { createTestDatabase } from "../src/testing.ts";
import { migrationsFolder, reportTiming, schema, waitFor } from "./helpers.ts";

export function queueSuite(kind: "pglite" | "postgres"): void {
  let database: Database<typeof schema>;
  let queue: JobQueue;

  beforeAll(async () => {
    database = await createTestDatabase({ kind, migrationsFolder, schema });
    const started = performance.now();
    queue = await createJobQueue(database, { pollingIntervalSeconds: 0.5 });
    reportTiming(`${kind}: job queue start (pg-boss schema install)`, performance.now() - started);
  });

  afterAll(async () => {
    await database?.close(); // stops the queue first (close hook)
  });

  it("sends a job and a worker receives its payload", async () => {
    const seen: Job<{ orderId: string }>[] = [];
    await queue.work<{ orderId: string }>("orders-sync", async (job) => {
      seen.push(job);
    });
    const id = await queue.send("orders-sync", { orderId: "576461413038785752" });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ id, queue: "orders-sync", data: { orderId: "576461413038785752" } });
    expect(seen[0]!.retryCount).toBe(0);
    await waitFor(async () => (await queue.getJob("orders-sync", id!))?.state === "completed");
  });

  it("retries with exponential backoff, then dead-letters the job", async () => {
    const attempts: Array<{ at: number; retryCount: number }> = [];
    await queue.work<{ n: number }>("flaky", async (job) => {
      attempts.push({ at: Date.now(), retryCount: job.retryCount });
      throw new Error(`attempt ${job.retryCount} failed`);
    });
    await queue.send("flaky", { n: 1 }, { retryLimit: 2, retryDelay: 1, retryBackoff: true });

    await waitFor(async () => (await queue.deadLetters("flaky")).length === 1);
    expect(attempts.map((a) => a.retryCount)).toEqual([0, 1, 2]);
    const gap1 = attempts[1]!.at - attempts[0]!.at;
    const gap2 = attempts[2]!.at - attempts[1]!.at;
    // pg-boss waits retryDelay·2^n·(1..2) s: ≥1 s before the first retry, ≥2 s before the second.
    expect(gap1).toBeGreaterThanOrEqual(950);
    expect(gap2).toBeGreaterThanOrEqual(1950);
    reportTiming(`${kind}: backoff gaps (retryDelay 1 s)`, gap1, `ms, then ${gap2.toFixed(0)} ms`);

    const [dead] = await queue.deadLetters<{ n: number }>("flaky");
    expect(dead).toMatchObject({ queue: "flaky", data: { n: 1 } });
    expect(dead!.error?.message).toBe("attempt 2 failed");
    expect(dead!.deadAt).toBeInstanceOf(Date);
  });

  it("requeues a dead letter with fresh retries", async () => {
    await queue.createQueue("fixable", { retryLimit: 0 });
    let broken = true;
    const done: number[] = [];
    await queue.work<{ n: number }>("fixable", async (job) => {
      if (broken) throw new Error("downstream down");
      done.push(job.data.n);
    });
    await queue.send("fixable", { n: 7 });
    await waitFor(async () => (await queue.deadLetters("fixable")).length === 1);

    broken = false;
    const [dead] = await queue.deadLetters("fixable");
    await queue.requeueDeadLetter("fixable", dead!.id);
    await waitFor(() => done.length === 1);
    expect(done).toEqual([7]);
    expect(await queue.deadLetters("fixable")).toEqual([]);
  });

  it("settles each job of a batch on its own", async () => {
    const attempts = new Map<number, number>();
    await queue.createQueue("batched", { retryLimit: 1, retryDelay: 0, retryBackoff: false });
    for (let n = 0; n < 6; n++) await queue.send("batched", { n });
    await queue.work<{ n: number }>(
      "batched",
      async (job) => {
        attempts.set(job.data.n, (attempts.get(job.data.n) ?? 0) + 1);
        if (job.data.n === 3) throw new Error("only 3 fails");
      },
      { batchSize: 6 },
    );
    await waitFor(async () => (await queue.deadLetters("batched")).length === 1);
    // Successful siblings ran once; only the failing job was retried (1 retry) and dead-lettered.
    expect(Object.fromEntries(attempts)).toEqual({ 0: 1, 1: 1, 2: 1, 3: 2, 4: 1, 5: 1 });
    expect((await queue.deadLetters<{ n: number }>("batched"))[0]!.data).toEqual({ n: 3 });
  });

  it("honours startAfter", async () => {
    const received: number[] = [];
    await queue.work<{ n: number }>("later", async () => {
      received.push(Date.now());
    });
    const sentAt = Date.now();
    await queue.send("later", { n: 1 }, { startAfter: 2 });
    await waitFor(() => received.length === 1);
    expect(received[0]! - sentAt).toBeGreaterThanOrEqual(1900);
  });

  it("de-duplicates by singletonKey on a policy queue and refuses a key that would do nothing", async () => {
    await queue.createQueue("refresh-token", { policy: "short" });
    const first = await queue.send("refresh-token", { shop: "a" }, { singletonKey: "shop-a" });
    const duplicate = await queue.send("refresh-token", { shop: "a" }, { singletonKey: "shop-a" });
    const otherShop = await queue.send("refresh-token", { shop: "b" }, { singletonKey: "shop-b" });
    expect(first).not.toBeNull();
    expect(duplicate).toBeNull();
    expect(otherShop).not.toBeNull();

    // Throttle window on a standard queue: one job per key per window.
    const t1 = await queue.send(
      "poll-orders",
      { shop: "a" },
      { singletonKey: "shop-a", singletonSeconds: 60 },
    );
    const t2 = await queue.send(
      "poll-orders",
      { shop: "a" },
      { singletonKey: "shop-a", singletonSeconds: 60 },
    );
    expect(t1).not.toBeNull();
    expect(t2).toBeNull();

    await expect(queue.send("poll-orders", { shop: "a" }, { singletonKey: "shop-a" })).rejects.toThrow(
      /needs a queue policy/,
    );
  });

  it("measures throughput", async () => {
    const total = 200;
    let done = 0;
    const sendStarted = performance.now();
    for (let n = 0; n < total; n++) await queue.send("throughput", { n });
    const sendMs = performance.now() - sendStarted;
    const workStarted = performance.now();
    await queue.work(
      "throughput",
      async () => {
        done++;
      },
      { batchSize: 50, pollingIntervalSeconds: 0.5 },
    );
    await waitFor(() => done === total, 60_000);
    const workMs = performance.now() - workStarted;
    reportTiming(`${kind}: send throughput (${total} sequential sends)`, (total / sendMs) * 1000, "jobs/s");
    reportTiming(`${kind}: work throughput (batchSize 50)`, (total / workMs) * 1000, "jobs/s");
    expect(done).toBe(total);
  });

  it("stops gracefully: waits for the running handler, then refuses new work", async () => {
    const own = await createJobQueue(database, { pollingIntervalSeconds: 0.5 });
    let finished = false;
    let started = false;
    await own.work("slow", async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 700));
      finished = true;
    });
    const id = await own.send("slow", {});
    await waitFor(() => started);
    await own.stop();
    expect(finished).toBe(true);
    await waitFor(async () => (await queue.getJob("slow", id!))?.state === "completed");
    await expect(own.send("slow", {})).rejects.toThrow(/stopped/);
  });
}
