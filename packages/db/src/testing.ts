import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { type Database, type OpenDatabaseOptions, openDatabase, openPglite } from "./database.ts";

export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

/** `TEST_DATABASE_URL`, or the local default. */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
}

export interface PostgresTestTarget {
  url: string;
  /** The URL with any password masked, for test names and messages. */
  label: string;
  reachable: boolean;
}

/**
 * The Postgres a package's tests use and whether it answers. When it does not, says so loudly once,
 * so a skipped Postgres path is never mistaken for a passing one. For `describe.skipIf(!reachable)`.
 */
export async function postgresTestTarget(owner: string): Promise<PostgresTestTarget> {
  const url = testDatabaseUrl();
  const masked = new URL(url);
  if (masked.password) masked.password = "***";
  const label = masked.toString();
  const reachable = await isPostgresReachable(url);
  if (!reachable) {
    console.warn(
      `[${owner}] Postgres not reachable at ${label}: the Postgres-path tests are SKIPPED. ` +
        "Start Postgres or set TEST_DATABASE_URL to run them.",
    );
  }
  return { url, label, reachable };
}

/** True when a Postgres answers at `url` within `timeoutMs`. For `describe.skipIf(!reachable)`. */
export async function isPostgresReachable(
  url: string = testDatabaseUrl(),
  timeoutMs = 2000,
): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface TestDatabaseOptions<TSchema extends Record<string, unknown>>
  extends Omit<OpenDatabaseOptions<TSchema>, "url" | "dataDir"> {
  /** `pglite` (default) or `postgres` (a fresh database on `url`'s server). */
  kind?: "pglite" | "postgres";
  /** Postgres server for `kind: "postgres"` (default `testDatabaseUrl()`). */
  url?: string;
  /** Where PGlite templates are cached between runs (default `<os tmp>/tts-kit-db-templates`). */
  cacheDir?: string;
}

/**
 * A fresh, migrated, empty database for one test; `close()` disposes of it.
 *
 * PGlite: initdb + migrations run once per migration set (the result is dumped with `dumpDataDir`
 * and cached in memory and on disk, keyed by a hash of the migrations and the PGlite version), and
 * every test database starts from that dump: about 1 s instead of 5 (toolchain pitfall P5, fix a).
 *
 * Postgres: a migrated template database (`tts_tpl_<hash>`) is built once per migration set and
 * each test gets `CREATE DATABASE ... TEMPLATE` of it, dropped again on close. Needs CREATEDB.
 */
export async function createTestDatabase<TSchema extends Record<string, unknown>>(
  options: TestDatabaseOptions<TSchema>,
): Promise<Database<TSchema>> {
  if (options.kind === "postgres") return createPostgresTestDatabase(options);
  const template = await pgliteTemplate(options);
  return openPglite({ loadDataDir: template }, options);
}

// ---------------------------------------------------------------------------------------------- PGlite

const templates = new Map<string, Promise<Blob>>();

function pgliteTemplate(options: TestDatabaseOptions<Record<string, unknown>>): Promise<Blob> {
  const key = migrationsHash(options.migrationsFolder, options.migrationsTable);
  let template = templates.get(key);
  if (!template) {
    template = loadOrBuildTemplate(key, options);
    // A failed build must not poison later tests in the same process.
    template.catch(() => templates.delete(key));
    templates.set(key, template);
  }
  return template;
}

async function loadOrBuildTemplate(
  key: string,
  options: TestDatabaseOptions<Record<string, unknown>>,
): Promise<Blob> {
  const dir = options.cacheDir ?? join(tmpdir(), "tts-kit-db-templates");
  const file = join(dir, `${key}.tar.gz`);
  try {
    return new Blob([readFileSync(file)], { type: "application/x-gzip" });
  } catch {
    // not cached yet
  }
  const client = new PGlite();
  let dump: Blob;
  try {
    await client.waitReady;
    await migrate(drizzle({ client, schema: options.schema }), {
      migrationsFolder: options.migrationsFolder,
      ...(options.migrationsTable ? { migrationsTable: options.migrationsTable } : {}),
    });
    dump = await client.dumpDataDir("gzip");
  } finally {
    await client.close();
  }
  const bytes = Buffer.from(await dump.arrayBuffer());
  mkdirSync(dir, { recursive: true });
  // Write then rename: parallel test workers never read a half-written template.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
  return new Blob([bytes], { type: "application/x-gzip" });
}

/** Hash of everything a template depends on: migration files, journal table name, PGlite version. */
function migrationsHash(folder: string, migrationsTable = ""): string {
  const hash = createHash("sha256");
  hash.update(`pglite@${pgliteVersion()}\0${migrationsTable}\0`);
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".sql") || name.endsWith(".json")) {
        hash.update(`${path.slice(folder.length)}\0`);
        hash.update(readFileSync(path));
      }
    }
  };
  walk(folder);
  return hash.digest("hex").slice(0, 16);
}

function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve("@electric-sql/pglite");
  // .../node_modules/@electric-sql/pglite/dist/index.cjs -> its package.json
  const pkg = JSON.parse(readFileSync(join(main, "..", "..", "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

// -------------------------------------------------------------------------------------------- Postgres

let counter = 0;

async function createPostgresTestDatabase<TSchema extends Record<string, unknown>>(
  options: TestDatabaseOptions<TSchema>,
): Promise<Database<TSchema>> {
  const serverUrl = options.url ?? testDatabaseUrl();
  const key = migrationsHash(options.migrationsFolder, options.migrationsTable);
  const template = `tts_tpl_${key}`;
  const name = `tts_test_${key.slice(0, 8)}_${process.pid}_${++counter}_${randomBytes(3).toString("hex")}`;

  const admin = new pg.Client({ connectionString: serverUrl });
  admin.on("error", () => {});
  await admin.connect();
  try {
    await ensurePostgresTemplate(admin, serverUrl, template, options);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }

  const database = await openDatabase({ ...options, url: withDatabase(serverUrl, name) });
  database.onClose(async () => {
    // Registered first, so it runs last: after the queue stopped. The pool is ended right after the
    // hooks, so FORCE ends its connections for us.
    const dropper = new pg.Client({ connectionString: serverUrl });
    dropper.on("error", () => {});
    await dropper.connect();
    try {
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await dropper.end();
    }
  });
  return database;
}

/** Builds the migrated template once; concurrent test workers wait on an advisory lock. */
async function ensurePostgresTemplate(
  admin: pg.Client,
  serverUrl: string,
  template: string,
  options: TestDatabaseOptions<Record<string, unknown>>,
): Promise<void> {
  const exists = async () =>
    (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template])).rowCount === 1;
  if (await exists()) return;
  await admin.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [template]);
  try {
    if (await exists()) return;
    // Build under a temporary name and rename when complete, so a crash never leaves a half-built template.
    const building = `${template}_b${randomBytes(3).toString("hex")}`;
    await admin.query(`CREATE DATABASE ${building}`);
    const database = await openDatabase({ ...options, url: withDatabase(serverUrl, building) });
    await database.close();
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
  } finally {
    await admin.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [template]);
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
