import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createJobQueue, openDatabase } from "../src/index.ts";
import { migrationsFolder, schema, waitFor } from "./helpers.ts";
import { queueSuite } from "./queue-suite.ts";

describe("job queue on PGlite (pg-boss through the executeSql adapter)", () => {
  queueSuite("pglite");
});

describe("job queue on a PGlite data folder", () => {
  const scratch = mkdtempSync(join(tmpdir(), "tts-db-queue-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("keeps a queued job across a restart", async () => {
    const dataDir = join(scratch, "app", "pg");

    const before = await openDatabase({ dataDir, migrationsFolder, schema });
    const sender = await createJobQueue(before);
    const id = await sender.send("webhooks", { event: "ORDER_STATUS_CHANGE", orderId: "1" });
    await before.close(); // stops the queue, flushes the folder

    const after = await openDatabase({ dataDir, migrationsFolder, schema });
    try {
      const worker = await createJobQueue(after, { pollingIntervalSeconds: 0.5 });
      const received: unknown[] = [];
      await worker.work("webhooks", async (job) => {
        received.push({ id: job.id, data: job.data });
      });
      await waitFor(() => received.length === 1);
      expect(received).toEqual([{ id, data: { event: "ORDER_STATUS_CHANGE", orderId: "1" } }]);
    } finally {
      await after.close();
    }
  });
});
