import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  type Database,
  nowSeconds,
  openDatabase,
  tryWithAdvisoryLock,
  withAdvisoryLock,
} from "../src/index.ts";
import { createTestDatabase } from "../src/testing.ts";
import {
  migrationsFolder,
  postgresLabel,
  postgresReachable,
  postgresUrl,
  reportTiming,
  schema,
  timed,
} from "./helpers.ts";

const { notes, tokens } = schema;

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function urlOf(database: string): string {
  const url = new URL(postgresUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!postgresReachable)(`openDatabase on Postgres (${postgresLabel})`, () => {
  const empties: string[] = [];
  const open: Database<typeof schema>[] = [];

  /** An empty database, so migrations really run. */
  async function emptyDatabase(): Promise<string> {
    const name = `tts_db_test_${process.pid}_${randomBytes(3).toString("hex")}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    empties.push(name);
    return urlOf(name);
  }

  afterAll(async () => {
    await Promise.all(open.map((d) => d.close()));
    await admin(async (c) => {
      for (const name of empties) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    });
  });

  async function migrations(database: Database<typeof schema>) {
    const { rows } = await database.db.execute<{ hash: string }>(
      sql`SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id`,
    );
    return rows;
  }

  it("migrates at open, and a second open applies nothing", async () => {
    const url = await emptyDatabase();
    const [first, ms] = await timed(() => openDatabase({ url, migrationsFolder, schema }));
    reportTiming("Postgres open + migrate (empty database)", ms);
    try {
      expect(first.kind).toBe("postgres");
      expect(await migrations(first)).toHaveLength(2);
      await first.db.insert(notes).values({ title: "x", body: "y" });
    } finally {
      await first.close();
    }
    const second = await openDatabase({ url, migrationsFolder, schema });
    try {
      expect(await migrations(second)).toHaveLength(2);
      const rows = await second.db.select().from(notes);
      expect(rows).toMatchObject([{ title: "x", body: "y", stars: 0 }]);
      expect(typeof rows[0]!.createdAt).toBe("number");
      const [now] = await second.db.select({ now: nowSeconds() }).from(sql`(SELECT 1) AS one`);
      expect(typeof now!.now).toBe("number");
      expect(Math.abs(now!.now - Date.now() / 1000)).toBeLessThan(5);
    } finally {
      await second.close();
    }
  });

  it("lets several instances start at once against one database (advisory lock around migrating)", async () => {
    const url = await emptyDatabase();
    const instances = await Promise.all(
      Array.from({ length: 4 }, () => openDatabase({ url, migrationsFolder, schema, poolMax: 2 })),
    );
    open.push(...instances);
    for (const instance of instances) expect(await migrations(instance)).toHaveLength(2);
    await instances[0]!.db.insert(notes).values({ title: "shared" });
    expect(await instances[3]!.db.select().from(notes)).toMatchObject([{ title: "shared" }]);
  });

  it("createTestDatabase gives each test a fresh migrated database and drops it on close", async () => {
    const [first, firstMs] = await timed(() =>
      createTestDatabase({ kind: "postgres", migrationsFolder, schema }),
    );
    reportTiming("Postgres test database, first (template built or found)", firstMs);
    const name = (await first.db.execute<{ name: string }>(sql`SELECT current_database() AS name`)).rows[0]!
      .name;
    await first.db.insert(notes).values({ title: "only here" });
    await first.close();
    expect(
      await admin(
        async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount,
      ),
    ).toBe(0);

    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [database, ms] = await timed(() =>
        createTestDatabase({ kind: "postgres", migrationsFolder, schema }),
      );
      times.push(ms);
      try {
        expect(await database.db.select().from(notes)).toEqual([]);
        expect(await migrations(database)).toHaveLength(2);
      } finally {
        await database.close();
      }
    }
    reportTiming(
      "Postgres test database from template (average of 3)",
      times.reduce((a, b) => a + b) / times.length,
    );
  });

  describe("locks", () => {
    let database: Database<typeof schema>;
    let other: Database<typeof schema>;

    it("withAdvisoryLock serialises concurrent callers across instances; other keys do not wait", async () => {
      database = await createTestDatabase({ kind: "postgres", migrationsFolder, schema });
      // A second pool on the same database plays a second app instance.
      const { rows } = await database.db.execute<{ name: string }>(sql`SELECT current_database() AS name`);
      other = await openDatabase({ url: urlOf(rows[0]!.name), migrationsFolder, schema });
      open.push(other, database);

      const spans: Array<{ who: string; start: number; end: number }> = [];
      const critical = (db: Database<typeof schema>, who: string, key: string) =>
        withAdvisoryLock(db.db, key, async (tx) => {
          const start = performance.now();
          await tx.execute(sql`SELECT pg_sleep(0.3)`);
          spans.push({ who, start, end: performance.now() });
        });

      await Promise.all([critical(database, "a", "shop:1"), critical(other, "b", "shop:1")]);
      const [x, y] = [...spans].sort((p, q) => p.start - q.start);
      expect(y!.start).toBeGreaterThanOrEqual(x!.end - 1);

      spans.length = 0;
      await Promise.all([critical(database, "c", "shop:1"), critical(other, "d", "shop:2")]);
      const [c, d] = [...spans].sort((p, q) => p.start - q.start);
      expect(d!.start).toBeLessThan(c!.end); // different keys overlap
    });

    it("tryWithAdvisoryLock gives up at once while another transaction holds the key", async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const holder = withAdvisoryLock(database.db, 7, async () => {
        entered();
        await held;
      });
      await inside;
      expect(await tryWithAdvisoryLock(other.db, 7, async () => "ran")).toEqual({ acquired: false });
      release();
      await holder;
      expect(await tryWithAdvisoryLock(other.db, 7, async () => "ran")).toEqual({
        acquired: true,
        value: "ran",
      });
    });

    it("SELECT ... FOR UPDATE makes a token refresh single-flight", async () => {
      await database.db.insert(tokens).values({ shopId: "s1", accessToken: "old", refreshedAt: 0 });
      let refreshes = 0;
      // The token vault's pattern: lock the row, re-read it, refresh only if still stale.
      const getFreshToken = (db: Database<typeof schema>) =>
        db.db.transaction(async (tx) => {
          const [row] = await tx.select().from(tokens).where(eq(tokens.shopId, "s1")).for("update");
          if (!row) throw new Error("no token");
          if (row.refreshedAt > Math.floor(Date.now() / 1000) - 60) return row.accessToken;
          refreshes++;
          await sleep(200); // the call to the token host
          const [updated] = await tx
            .update(tokens)
            .set({
              accessToken: `new-${row.version + 1}`,
              version: row.version + 1,
              refreshedAt: nowSeconds(),
            })
            .where(eq(tokens.shopId, "s1"))
            .returning();
          return updated!.accessToken;
        });
      const results = await Promise.all([
        getFreshToken(database),
        getFreshToken(other),
        getFreshToken(database),
      ]);
      expect(refreshes).toBe(1);
      expect(results).toEqual(["new-1", "new-1", "new-1"]);
    });
  });
});
