import { type SQL, sql } from "drizzle-orm";
import type { AppDatabase, AppTransaction } from "./database.ts";

/**
 * A 64-bit advisory lock key as SQL: numbers are used as they are, strings are hashed by Postgres
 * (`hashtextextended`, so the same string maps to the same key in every process and language).
 */
export function advisoryLockKey(key: string | number | bigint): SQL {
  if (typeof key === "string") return sql`hashtextextended(${key}, 0)`;
  return sql`${String(key)}::bigint`;
}

/**
 * Runs `fn` in a transaction that first takes `pg_advisory_xact_lock(key)`: callers with the same key
 * run one after the other, across every instance sharing the Postgres database. The lock ends with the
 * transaction (commit or rollback), so it cannot leak.
 *
 * Use the `tx` passed to `fn` for every query inside. On PGlite (one connection) transactions are
 * already serialised by PGlite itself, and a query on the outer `db` inside `fn` would wait for the
 * transaction to end, i.e. forever.
 */
export async function withAdvisoryLock<TSchema extends Record<string, unknown>, T>(
  db: AppDatabase<TSchema>,
  key: string | number | bigint,
  fn: (tx: AppTransaction<TSchema>) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${advisoryLockKey(key)})`);
    return fn(tx);
  });
}

/**
 * Like `withAdvisoryLock`, but does not wait: returns `{ acquired: false }` at once when another
 * transaction holds the key (`pg_try_advisory_xact_lock`). For "only one instance runs this sweep".
 */
export async function tryWithAdvisoryLock<TSchema extends Record<string, unknown>, T>(
  db: AppDatabase<TSchema>,
  key: string | number | bigint,
  fn: (tx: AppTransaction<TSchema>) => Promise<T>,
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ locked: boolean }>(
      sql`SELECT pg_try_advisory_xact_lock(${advisoryLockKey(key)}) AS locked`,
    );
    if (rows[0]?.locked !== true) return { acquired: false as const };
    return { acquired: true as const, value: await fn(tx) };
  });
}

/**
 * The database's current time in Unix seconds (the project's time unit), as an SQL expression:
 * `db.select({ now: nowSeconds() })`, `.set({ refreshedAt: nowSeconds() })`, or as a column default
 * `bigint("created_at", { mode: "number" }).default(nowSeconds())`. `now()` is the transaction's start
 * time, so every use in one transaction agrees. Both drivers return int8 differently (string or
 * number), so the value is mapped to a number.
 */
export function nowSeconds(): SQL<number> {
  return sql<number>`(floor(extract(epoch from now())))::bigint`.mapWith(Number);
}
