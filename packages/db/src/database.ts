import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { ExtractTablesWithRelations } from "drizzle-orm/relations";
import pg from "pg";

/**
 * Result type of `db.execute(...)`. Both drivers return an object with `rows` (PGlite `Results`,
 * node-postgres `QueryResult`); this is the part they share, so app code can read `rows` on either.
 */
export interface QueryResultHKT extends PgQueryResultHKT {
  type: RowsResult<this["row"]>;
}

export interface RowsResult<T> {
  rows: T[];
}

/** The drizzle database every app gets, whichever driver is underneath (drizzle's PgDatabase base type). */
export type AppDatabase<TSchema extends Record<string, unknown> = Record<string, never>> = PgDatabase<
  QueryResultHKT,
  TSchema
>;

/** A transaction handle, as passed to `db.transaction(fn)` and `withAdvisoryLock(db, key, fn)`. */
export type AppTransaction<TSchema extends Record<string, unknown> = Record<string, never>> = PgTransaction<
  QueryResultHKT,
  TSchema,
  ExtractTablesWithRelations<TSchema>
>;

export type DatabaseKind = "pglite" | "postgres";

/**
 * Raw SQL, below drizzle. Used by the job queue (pg-boss speaks SQL text + positional values) and the
 * test helpers. Without values, `text` may hold several statements.
 */
export interface SqlClient {
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: T[] }>;
  /**
   * Runs `fn` on one connection that holds the session advisory lock `key` for the duration, so that
   * one instance at a time runs it (set-up work such as installing tables). On PGlite, which is one
   * connection in one process, `fn` simply runs.
   */
  withLockedSession<T>(key: string, fn: (session: SqlClient) => Promise<T>): Promise<T>;
}

export interface Database<TSchema extends Record<string, unknown> = Record<string, never>> {
  db: AppDatabase<TSchema>;
  kind: DatabaseKind;
  sql: SqlClient;
  /**
   * Registers work to run before the connection closes (e.g. stopping a job queue). Returns a function
   * that unregisters it. Hooks run newest first.
   */
  onClose(hook: () => Promise<void>): () => void;
  /** Runs the close hooks, then closes PGlite (flushing its data folder) or ends the Postgres pool. Idempotent. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions<TSchema extends Record<string, unknown>> {
  /** Postgres connection string. When set, the database is Postgres; otherwise PGlite. */
  url?: string | undefined;
  /** PGlite data folder (created with its parents). Omit for an in-memory PGlite. Ignored with `url`. */
  dataDir?: string | undefined;
  /** Folder of drizzle-kit generated migrations (the one with `meta/_journal.json`). */
  migrationsFolder: string;
  /** The app's drizzle schema module (`import * as schema from "./schema.ts"`). */
  schema: TSchema;
  /**
   * Name of drizzle's migration journal table (schema `drizzle`). Apps that share one Postgres database
   * must each use their own, or one app's journal hides the other's migrations.
   */
  migrationsTable?: string;
  /** Postgres pool size (default 10). */
  poolMax?: number;
}

/** Internal: where a PGlite comes from. `loadDataDir` starts it from a dump (the test template). */
interface PgliteSource {
  dataDir?: string | undefined;
  loadDataDir?: Blob | undefined;
}

/** Key of the session advisory lock held while migrating, shared by every instance of every app. */
const MIGRATION_LOCK = "@tts-kit/db:migrate";

/**
 * Opens the app's database and applies its migrations.
 *
 * - no `url`: PGlite (WASM Postgres) in `dataDir`, or in memory without one. One process per folder.
 * - `url`: Postgres through a node-postgres pool. Several instances may start at once: migrations run
 *   under a Postgres advisory lock, so exactly one instance applies them and the others wait, then find
 *   nothing left to do.
 */
export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: OpenDatabaseOptions<TSchema>,
): Promise<Database<TSchema>> {
  if (options.url) return openPostgres(options.url, options);
  return openPglite({ dataDir: options.dataDir }, options);
}

/** Internal, shared with the test helpers. */
export async function openPglite<TSchema extends Record<string, unknown>>(
  source: PgliteSource,
  options: Omit<OpenDatabaseOptions<TSchema>, "url" | "dataDir">,
): Promise<Database<TSchema>> {
  // PGlite creates its data folder but not the parents (toolchain pitfall P6).
  if (source.dataDir) mkdirSync(dirname(resolve(source.dataDir)), { recursive: true });
  const client = new PGlite({
    ...(source.dataDir ? { dataDir: resolve(source.dataDir) } : {}),
    ...(source.loadDataDir ? { loadDataDir: source.loadDataDir } : {}),
  });
  try {
    await client.waitReady;
    const drizzleDb = drizzlePglite({ client, schema: options.schema });
    // PGlite is one connection in one process: nothing else can migrate concurrently, so no lock.
    await migratePglite(drizzleDb, migrationConfig(options));
    // The driver databases differ from AppDatabase only in execute()'s result type, and both results
    // carry `rows`; the cast hides which driver this is, which is the point.
    const db = drizzleDb as unknown as AppDatabase<TSchema>;
    return handle("pglite", db, pgliteSql(client), () => client.close());
  } catch (error) {
    await client.close().catch(() => {});
    throw error;
  }
}

async function openPostgres<TSchema extends Record<string, unknown>>(
  url: string,
  options: OpenDatabaseOptions<TSchema>,
): Promise<Database<TSchema>> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolMax ?? 10 });
  // An idle client that loses its connection (server restart, failover) emits on the pool, which then
  // drops it and connects afresh on next use; without a listener the emit would kill the process.
  pool.on("error", () => {});
  try {
    await migratePostgres(pool, options);
    const db = drizzleNodePg({ client: pool, schema: options.schema }) as unknown as AppDatabase<TSchema>;
    return handle("postgres", db, postgresSql(pool), () => pool.end());
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}

/** Applies migrations on one pooled connection while holding a session advisory lock. */
async function migratePostgres<TSchema extends Record<string, unknown>>(
  pool: pg.Pool,
  options: OpenDatabaseOptions<TSchema>,
): Promise<void> {
  // drizzle's migrator does CREATE SCHEMA/TABLE IF NOT EXISTS outside its transaction; two instances
  // doing that at once can still collide on the catalog, hence the lock around the whole thing.
  await withPoolSessionLock(pool, MIGRATION_LOCK, (client) =>
    migrateNodePg(drizzleNodePg({ client, schema: options.schema }), migrationConfig(options)),
  );
}

/** Takes a session advisory lock on a dedicated pooled connection, runs `fn` on it, unlocks. */
async function withPoolSessionLock<T>(
  pool: pg.Pool,
  key: string,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let failure: unknown;
  try {
    await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key]);
    try {
      return await fn(client);
    } finally {
      // A failed script may have left this session in an aborted transaction; end it before unlocking.
      await client.query("ROLLBACK");
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]);
    }
  } catch (error) {
    failure = error;
    throw error;
  } finally {
    // On failure the connection is destroyed (which also drops the lock) rather than reused.
    client.release(failure === undefined ? undefined : failure instanceof Error ? failure : true);
  }
}

function migrationConfig(options: { migrationsFolder: string; migrationsTable?: string }) {
  return {
    migrationsFolder: options.migrationsFolder,
    ...(options.migrationsTable ? { migrationsTable: options.migrationsTable } : {}),
  };
}

function handle<TSchema extends Record<string, unknown>>(
  kind: DatabaseKind,
  db: AppDatabase<TSchema>,
  sql: SqlClient,
  closeClient: () => Promise<void>,
): Database<TSchema> {
  const hooks: Array<() => Promise<void>> = [];
  let closing: Promise<void> | undefined;
  return {
    db,
    kind,
    sql,
    onClose(hook) {
      hooks.push(hook);
      return () => {
        const at = hooks.indexOf(hook);
        if (at >= 0) hooks.splice(at, 1);
      };
    },
    close() {
      closing ??= (async () => {
        for (const hook of hooks.splice(0).reverse()) await hook();
        await closeClient();
      })();
      return closing;
    },
  };
}

/** pg-boss (and other SQL-text users) wrap maintenance in `BEGIN; ...; COMMIT;` sent as one string. */
const EXPLICIT_TRANSACTION = /^\s*BEGIN\s*;([\s\S]*);?\s*COMMIT\s*;?\s*$/i;

function pgliteSql(client: PGlite): SqlClient {
  const sql: SqlClient = {
    withLockedSession: (_key, fn) => fn(sql),
    async query<T>(text: string, values?: unknown[]) {
      if (values && values.length > 0) {
        const result = await client.query<T>(text, values);
        return { rows: result.rows };
      }
      // A script with its own BEGIN/COMMIT that fails half-way would leave PGlite's only connection in an
      // aborted transaction, breaking every later query. PGlite's transaction() runs it under its
      // transaction lock and rolls back on error, atomically with respect to other callers.
      const explicit = EXPLICIT_TRANSACTION.exec(text);
      const results = explicit
        ? await client.transaction((tx) => tx.exec(explicit[1] ?? ""))
        : await client.exec(text);
      return { rows: (results.at(-1)?.rows ?? []) as T[] };
    },
  };
  return sql;
}

function postgresSql(pool: pg.Pool): SqlClient {
  return {
    // pool.query destroys a client whose query failed, so a failed BEGIN...COMMIT script cannot leave
    // an aborted transaction behind in the pool.
    query: (text, values) => pgQuery(pool, text, values),
    withLockedSession: (key, fn) =>
      withPoolSessionLock(pool, key, (client) =>
        fn({
          query: (text, values) => pgQuery(client, text, values),
          withLockedSession: () =>
            Promise.reject(new Error("withLockedSession: already in a locked session")),
        }),
      ),
  };
}

async function pgQuery<T>(
  client: pg.Pool | pg.PoolClient,
  text: string,
  values?: unknown[],
): Promise<{ rows: T[] }> {
  // A multi-statement text returns one result per statement; callers get the last one's rows.
  const result = (await client.query(text, values)) as pg.QueryResult | pg.QueryResult[];
  const last = Array.isArray(result) ? result.at(-1) : result;
  return { rows: (last?.rows ?? []) as T[] };
}

/**
 * The conventional PGlite data folder of an app: `<repo>/.data/<app>/pg`, where `<repo>` is the nearest
 * folder at or above `from` (default: the working directory) holding `pnpm-workspace.yaml`.
 */
export function appDataDir(app: string, from: string = process.cwd()): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`appDataDir: no pnpm-workspace.yaml at or above ${from}`);
    dir = parent;
  }
  return join(dir, ".data", app, "pg");
}
