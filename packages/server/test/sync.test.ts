import type { Database, JobQueue } from "@tts-kit/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSyncScheduler, type SyncScheduler, type SyncWindow, syncQueueName } from "../src/sync.ts";
import { openTestDatabase, type schema, waitFor } from "./helpers.ts";

interface Shop {
  id: string;
  name: string;
}

interface Call {
  shopId: string;
  start: number;
  end: number;
  cursor: string | undefined;
}

const PAGES = ["p1", "p2", "p3", "p4"];

describe("sync scheduler (fake job, controlled time)", () => {
  let database: Database<typeof schema>;
  let queue: JobQueue;
  let scheduler: SyncScheduler;
  let clock = 1_800_000_000;
  const shops: Shop[] = [];
  const calls: Call[] = [];
  /** Per shop: throw once when about to fetch this page. */
  const failOnce = new Map<string, string>();
  /** Per shop: block the run until released, recording the signal. */
  const gates = new Map<string, { release: () => void; released: Promise<void>; signal?: AbortSignal }>();
  const runningNow = new Map<string, number>();
  let maxConcurrentPerShop = 0;

  async function fakeRun(shop: Shop, window: SyncWindow, signal: AbortSignal) {
    calls.push({ shopId: shop.id, start: window.start, end: window.end, cursor: window.cursor });
    const concurrent = (runningNow.get(shop.id) ?? 0) + 1;
    runningNow.set(shop.id, concurrent);
    maxConcurrentPerShop = Math.max(maxConcurrentPerShop, concurrent);
    try {
      const gate = gates.get(shop.id);
      if (gate) {
        gate.signal = signal;
        await Promise.race([
          gate.released,
          new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
        ]);
      }
      // Pages of `update_time` in [start, end), resumed from the saved cursor.
      for (let i = PAGES.indexOf(window.cursor ?? "p1"); i < PAGES.length; i++) {
        const page = PAGES[i]!;
        if (failOnce.get(shop.id) === page) {
          failOnce.delete(shop.id);
          throw new Error(`TikTok Shop is busy (page ${page})`);
        }
        const next = PAGES[i + 1];
        if (next) await window.checkpoint(next);
      }
      return {};
    } finally {
      runningNow.set(shop.id, (runningNow.get(shop.id) ?? 1) - 1);
    }
  }

  const gate = (shopId: string) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const entry = { release, released };
    gates.set(shopId, entry);
    return entry as { release: () => void; released: Promise<void>; signal?: AbortSignal };
  };
  const callsOf = (shopId: string) => calls.filter((c) => c.shopId === shopId);
  const cursorRow = async (shopId: string) =>
    (
      await database.sql.query<Record<string, unknown>>("SELECT * FROM sync_cursors WHERE shop_id = $1", [
        shopId,
      ])
    ).rows[0];

  beforeAll(async () => {
    ({ database, queue } = await openTestDatabase("pglite"));
    scheduler = createSyncScheduler<Shop>({
      database,
      queue,
      listShops: async () => shops,
      jobs: [
        {
          name: "orders",
          intervalSeconds: 600,
          overlapSeconds: 120,
          initialWindowSeconds: 3600,
          run: fakeRun,
        },
      ],
      now: () => clock,
      random: () => 0,
      tickSeconds: 0,
      retry: { retryLimit: 2, retryDelay: 1, retryBackoff: false },
      concurrency: 4,
      busyRetrySeconds: 1,
    });
    await scheduler.start();
  });

  afterAll(async () => {
    await scheduler?.stop();
    await database?.close();
  });

  it("runs one job per shop per interval, each window reaching back by the overlap", async () => {
    shops.push({ id: "shop-a", name: "A" }, { id: "shop-b", name: "B" });
    const t0 = clock;
    expect(await scheduler.tick()).toBe(2);
    await waitFor(async () => (await scheduler.syncStatus("shop-b")).lastSyncedAt !== null);
    await waitFor(async () => (await scheduler.syncStatus("shop-a")).lastSyncedAt !== null);
    expect(callsOf("shop-a")).toEqual([{ shopId: "shop-a", start: t0 - 3600, end: t0, cursor: undefined }]);

    expect(await scheduler.tick()).toBe(0); // not due yet
    clock += 600;
    expect(await scheduler.tick()).toBe(2);
    await waitFor(() => callsOf("shop-a").length === 2 && callsOf("shop-b").length === 2);
    await waitFor(async () => (await scheduler.syncStatus("shop-a")).lastSyncedAt === clock);
    expect(callsOf("shop-a")[1]).toEqual({
      shopId: "shop-a",
      start: t0 - 120,
      end: t0 + 600,
      cursor: undefined,
    });

    const status = await scheduler.syncStatus("shop-a");
    expect(status).toMatchObject({ shopId: "shop-a", lastSyncedAt: clock, lastError: null });
    expect(status.jobs[0]).toMatchObject({ job: "orders", syncedUntil: t0 + 600, running: false });
    shops.splice(0);
  });

  it("starts a newly connected shop at the next tick instead of waiting for the interval", async () => {
    shops.push({ id: "shop-new", name: "New" });
    // No round is due (the last one just ran), but the shop has never been synced.
    expect(await scheduler.tick()).toBe(1);
    await waitFor(async () => (await scheduler.syncStatus("shop-new")).lastSyncedAt !== null);
    // Known now: the next tick leaves it to the interval.
    expect(await scheduler.tick()).toBe(0);
    shops.splice(0);
  });

  it("resumes the same window from the saved cursor after a failure", async () => {
    shops.push({ id: "shop-c", name: "C" });
    failOnce.set("shop-c", "p3");
    const t = clock;
    await scheduler.runNow("shop-c", "orders");
    await waitFor(
      async () => (await scheduler.syncStatus("shop-c")).lastError !== null,
      10_000,
      "failure recorded",
    );
    expect((await scheduler.syncStatus("shop-c")).lastError).toContain("TikTok Shop is busy (page p3)");
    expect((await cursorRow("shop-c"))?.cursor).toBe("p3");

    clock += 30; // the retry happens later, but the window must not move while a cursor is pending
    await waitFor(async () => (await scheduler.syncStatus("shop-c")).lastSyncedAt !== null, 15_000, "retry");
    expect(callsOf("shop-c")).toEqual([
      { shopId: "shop-c", start: t - 3600, end: t, cursor: undefined },
      { shopId: "shop-c", start: t - 3600, end: t, cursor: "p3" },
    ]);
    const status = await scheduler.syncStatus("shop-c");
    expect(status.lastError).toBeNull();
    expect(status.jobs[0]?.syncedUntil).toBe(t);
    expect((await cursorRow("shop-c"))?.cursor).toBeNull();
    shops.splice(0);
  });

  it("resumes a crashed run (stale lease) from its cursor", async () => {
    shops.push({ id: "shop-d", name: "D" });
    // What a process that died mid-run leaves behind: a lease older than the run timeout and a cursor.
    await database.sql.query(
      `INSERT INTO sync_cursors (shop_id, job, window_start, window_end, cursor, synced_until, running_since)
       VALUES ('shop-d', 'orders', $1, $2, 'p2', $3, $4)`,
      [clock - 5000, clock - 1000, clock - 5000, clock - 2000],
    );
    await scheduler.runNow("shop-d", "orders");
    await waitFor(() => callsOf("shop-d").length === 1);
    expect(callsOf("shop-d")[0]).toEqual({
      shopId: "shop-d",
      start: clock - 5000,
      end: clock - 1000,
      cursor: "p2",
    });
    await waitFor(async () => (await scheduler.syncStatus("shop-d")).lastSyncedAt === clock);
    shops.splice(0);
  });

  it("never runs one shop's job twice at once, even across instances, and keeps at most one waiting", async () => {
    shops.push({ id: "shop-e", name: "E" });
    // A second instance of the app: its own scheduler and workers on the same database and queue.
    const other = createSyncScheduler<Shop>({
      database,
      queue,
      listShops: async () => shops,
      jobs: [{ name: "orders", intervalSeconds: 600, run: fakeRun }],
      now: () => clock,
      tickSeconds: 0,
      busyRetrySeconds: 1,
    });
    await other.start();
    const blocker = gate("shop-e");
    expect(await scheduler.runNow("shop-e", "orders")).not.toBeNull();
    await waitFor(() => callsOf("shop-e").length === 1, 10_000, "first run");
    // A second job, fetched by an idle worker while the first still runs, finds the lease taken and
    // is queued again behind it instead of running.
    const second = await scheduler.runNow("shop-e", "orders");
    expect(second).not.toBeNull();
    await waitFor(
      async () => (await queue.getJob(syncQueueName("orders"), second!))?.state === "completed",
      10_000,
      "second job",
    );
    expect(callsOf("shop-e")).toHaveLength(1);
    // That one now waits; the queue keeps no more than one waiting job per shop.
    expect(await scheduler.runNow("shop-e", "orders")).toBeNull();

    blocker.release();
    gates.delete("shop-e");
    await waitFor(() => callsOf("shop-e").length === 2, 15_000, "the waiting job ran after the first");
    await waitFor(async () => (await scheduler.syncStatus("shop-e")).jobs[0]?.running === false);
    await other.stop();
    expect(maxConcurrentPerShop).toBe(1);
    shops.splice(0);
  });

  it("stopShop during a run's start (looking up the shop) waits for it, and the run never starts", async () => {
    let lookups = 0;
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started: string[] = [];
    const isolated = createSyncScheduler<Shop>({
      database,
      queue,
      listShops: async () => [],
      getShop: async (shopId) => {
        lookups++;
        await released;
        return { id: shopId, name: "H" };
      },
      jobs: [
        {
          name: "catalog",
          intervalSeconds: 600,
          run: async (shop) => {
            started.push(shop.id);
            return {};
          },
        },
      ],
      now: () => clock,
      tickSeconds: 0,
      concurrency: 1,
    });
    await isolated.start();
    try {
      await isolated.runNow("shop-h", "catalog");
      await waitFor(() => lookups > 0, 10_000, "the run looks up its shop");
      let stopped = false;
      const stopping = isolated.stopShop("shop-h").then(() => {
        stopped = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The disconnect waits for the run it caught half-started...
      expect(stopped).toBe(false);
      release();
      await stopping;
      // ...which then ends without running and leaves nothing behind.
      expect(started).toEqual([]);
      expect(await cursorRow("shop-h")).toBeUndefined();
    } finally {
      await isolated.stop();
    }
  });

  it("stopShop aborts the running sync, removes waiting jobs and the cursors", async () => {
    shops.push({ id: "shop-f", name: "F" }, { id: "shop-g", name: "G" });
    // shop-f: a completed sync (cursor row) and a waiting job scheduled for later.
    await scheduler.runNow("shop-f", "orders");
    await waitFor(async () => (await scheduler.syncStatus("shop-f")).lastSyncedAt !== null);
    const waiting = await queue.send(
      syncQueueName("orders"),
      { shopId: "shop-f" },
      { singletonKey: "shop-f", startAfter: 3600 },
    );
    expect(waiting).not.toBeNull();
    // shop-g: a run in progress.
    const blocker = gate("shop-g");
    await scheduler.runNow("shop-g", "orders");
    await waitFor(() => blocker.signal !== undefined, 10_000, "shop-g running");

    await scheduler.stopShop("shop-f");
    await scheduler.stopShop("shop-g");
    expect(blocker.signal?.aborted).toBe(true);
    // stopShop returns only once the aborted run has ended, so nothing of it lands after a purge.
    expect(runningNow.get("shop-g")).toBe(0);
    expect(await queue.getJob(syncQueueName("orders"), waiting!)).toBeNull();
    expect(await cursorRow("shop-f")).toBeUndefined();
    await waitFor(async () => (await cursorRow("shop-g")) === undefined, 5000, "shop-g cursor gone");
    expect(await scheduler.syncStatus("shop-f")).toEqual({
      shopId: "shop-f",
      lastSyncedAt: null,
      lastError: null,
      jobs: [
        {
          job: "orders",
          lastSyncedAt: null,
          syncedUntil: null,
          lastError: null,
          lastErrorAt: null,
          running: false,
        },
      ],
    });
    // The aborted run is not retried.
    const runsOfG = callsOf("shop-g").length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(callsOf("shop-g")).toHaveLength(runsOfG);
    gates.delete("shop-g");
    shops.splice(0);
  });
});
