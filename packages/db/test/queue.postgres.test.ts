import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createJobQueue, type Database, openDatabase } from "../src/index.ts";
import { createTestDatabase } from "../src/testing.ts";
import {
  migrationsFolder,
  postgresLabel,
  postgresReachable,
  postgresUrl,
  schema,
  waitFor,
} from "./helpers.ts";
import { queueSuite } from "./queue-suite.ts";

describe.skipIf(!postgresReachable)(`job queue on Postgres (${postgresLabel})`, () => {
  queueSuite("postgres");

  describe("several instances", () => {
    const open: Database<typeof schema>[] = [];
    afterAll(async () => {
      for (const database of open.reverse()) await database.close();
    });

    it("start at once and share the work: every job runs exactly once", async () => {
      const first = await createTestDatabase({ kind: "postgres", migrationsFolder, schema });
      open.push(first);
      const { rows } = await first.db.execute<{ name: string }>(sql`SELECT current_database() AS name`);
      const url = new URL(postgresUrl);
      url.pathname = `/${rows[0]!.name}`;
      const second = await openDatabase({ url: url.toString(), migrationsFolder, schema });
      open.push(second);

      // Both install pg-boss at the same moment: pg-boss's own advisory lock must sort it out.
      const [a, b] = await Promise.all([
        createJobQueue(first, { pollingIntervalSeconds: 0.5 }),
        createJobQueue(second, { pollingIntervalSeconds: 0.5 }),
      ]);
      const runs = new Map<number, string[]>();
      const handler = (who: string) => async (job: { data: { n: number } }) => {
        runs.set(job.data.n, [...(runs.get(job.data.n) ?? []), who]);
        await new Promise((resolve) => setTimeout(resolve, 5));
      };
      await a.work("shared", handler("a"), { batchSize: 5 });
      await b.work("shared", handler("b"), { batchSize: 5 });
      for (let n = 0; n < 60; n++) await (n % 2 ? a : b).send("shared", { n });
      await waitFor(() => runs.size === 60);
      await new Promise((resolve) => setTimeout(resolve, 600)); // a duplicate would show up by now
      expect([...runs.values()].every((who) => who.length === 1)).toBe(true);
      const workers = new Set([...runs.values()].flat());
      expect(workers.size).toBeGreaterThanOrEqual(1);
    });
  });
});
