import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { desc, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { appDataDir, type Database, nowSeconds, openDatabase, withAdvisoryLock } from "../src/index.ts";
import { createTestDatabase } from "../src/testing.ts";
import { migrationsFolder, reportTiming, schema, timed } from "./helpers.ts";

const { notes } = schema;
const scratch = mkdtempSync(join(tmpdir(), "tts-db-pglite-"));
const open: Database<typeof schema>[] = [];

afterAll(async () => {
  await Promise.all(open.map((d) => d.close()));
  rmSync(scratch, { recursive: true, force: true });
});

async function migrationCount(database: Database<typeof schema>): Promise<number> {
  const { rows } = await database.db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
  );
  return rows[0]!.n;
}

describe("openDatabase on PGlite", () => {
  it("opens in memory, applies every migration and runs drizzle queries", async () => {
    const [database, ms] = await timed(() => openDatabase({ migrationsFolder, schema }));
    open.push(database);
    reportTiming("PGlite in-memory cold start + migrate", ms);
    expect(database.kind).toBe("pglite");
    expect(await migrationCount(database)).toBe(2);

    const before = Math.floor(Date.now() / 1000);
    await database.db.insert(notes).values([
      { title: "a", stars: 1, body: "second migration's column" },
      { title: "b", stars: 5 },
    ]);
    const rows = await database.db.select().from(notes).orderBy(desc(notes.stars));
    expect(rows.map((r) => r.title)).toEqual(["b", "a"]);
    expect(rows[1]!.body).toBe("second migration's column");
    // The column default and the helper both give Unix seconds from the database clock, as numbers.
    expect(rows[0]!.createdAt).toBeGreaterThanOrEqual(before - 1);
    const [now] = await database.db.select({ now: nowSeconds() }).from(sql`(SELECT 1) AS one`);
    expect(typeof now!.now).toBe("number");
    expect(Math.abs(now!.now - Date.now() / 1000)).toBeLessThan(5);
  });

  it("creates missing parent folders, persists, and migrates idempotently on reopen", async () => {
    const dataDir = join(scratch, "nested", "app", "pg");
    expect(existsSync(join(scratch, "nested"))).toBe(false);

    const [first, coldMs] = await timed(() => openDatabase({ dataDir, migrationsFolder, schema }));
    reportTiming("PGlite new data folder (initdb + migrate)", coldMs);
    await first.db.insert(notes).values({ title: "kept" });
    expect(await migrationCount(first)).toBe(2);
    await first.close();
    await first.close(); // idempotent

    const [second, warmMs] = await timed(() => openDatabase({ dataDir, migrationsFolder, schema }));
    reportTiming("PGlite reopen existing data folder + migrate (no-op)", warmMs);
    try {
      expect(await migrationCount(second)).toBe(2);
      const rows = await second.db.select().from(notes);
      expect(rows.map((r) => r.title)).toEqual(["kept"]);
    } finally {
      await second.close();
    }
  });

  it("appDataDir points at <repo>/.data/<app>/pg", () => {
    const dir = appDataDir("oms", new URL(".", import.meta.url).pathname);
    expect(dir.endsWith(join(".data", "oms", "pg"))).toBe(true);
    expect(existsSync(join(dir, "..", "..", "..", "pnpm-workspace.yaml"))).toBe(true);
  });
});

describe("createTestDatabase on PGlite", () => {
  it("starts each test database from a migrated template, fast and empty", async () => {
    const [first, firstMs] = await timed(() => createTestDatabase({ migrationsFolder, schema }));
    reportTiming("PGlite test database, first in process (template from disk cache or built)", firstMs);
    try {
      await first.db.insert(notes).values({ title: "only in first" });
      expect(await migrationCount(first)).toBe(2);
    } finally {
      await first.close();
    }

    const times: number[] = [];
    for (let i = 0; i < 2; i++) {
      const [database, ms] = await timed(() => createTestDatabase({ migrationsFolder, schema }));
      times.push(ms);
      try {
        expect(await database.db.select().from(notes)).toEqual([]);
        expect(await migrationCount(database)).toBe(2);
      } finally {
        await database.close();
      }
    }
    const average = times.reduce((a, b) => a + b, 0) / times.length;
    reportTiming("PGlite test database from template (average of 2)", average);
    // Starting from the dump skips initdb; a cold in-memory start takes several seconds here.
    expect(average).toBeLessThan(4000);
  });
});

describe("withAdvisoryLock on PGlite", () => {
  it("runs callers one at a time and hands them the transaction", async () => {
    const database = await createTestDatabase({ migrationsFolder, schema });
    open.push(database);
    const events: string[] = [];
    const critical = (name: string) =>
      withAdvisoryLock(database.db, "pglite-lock", async (tx) => {
        events.push(`${name}:in`);
        await tx.insert(notes).values({ title: name });
        await new Promise((resolve) => setTimeout(resolve, 50));
        events.push(`${name}:out`);
        return name;
      });
    expect(await Promise.all([critical("a"), critical("b")])).toEqual(["a", "b"]);
    expect(events).toEqual(["a:in", "a:out", "b:in", "b:out"]);

    // A throwing callback rolls back its writes and releases the lock.
    await expect(
      withAdvisoryLock(database.db, 42, async (tx) => {
        await tx.insert(notes).values({ title: "rolled back" });
        throw new Error("nope");
      }),
    ).rejects.toThrow("nope");
    expect(await database.db.select().from(notes).where(eq(notes.title, "rolled back"))).toEqual([]);
  });
});
