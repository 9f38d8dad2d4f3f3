import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { config } from "@/lib/config";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** A transaction handle; functions that must run inside a caller's transaction take an `Executor`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type Executor = Db | Tx;

const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

/** Opens a database file with the settings every connection needs, applying pending migrations. */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  keepStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

/**
 * Drizzle asks the driver to compile every query anew (~25 µs each, a dozen per page). A compiled
 * statement can run again with other parameters, so the connection keeps the recent ones by their SQL
 * and hands them out reset to plain rows. One still running (an open iterator) is never shared.
 */
function keepStatements(sqlite: Database.Database, max = 500): void {
  const compile = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const statement = kept.get(source);
    if (statement && !statement.busy) {
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
      return statement;
    }
    const fresh = compile(source);
    if (!statement) {
      if (kept.size >= max) kept.delete(kept.keys().next().value!);
      kept.set(source, fresh);
    }
    return fresh;
  }) as Database.Database["prepare"];
}

const globalForDb = globalThis as unknown as { salonDb?: Db; salonDbDir?: string };

/** The one connection of this process, opened on first use (never at import, so `next build` opens nothing). */
export function getDb(): Db {
  // Pages ask for it many times a request: compare the setting it depends on, not the path built from it.
  const dir = process.env.DATA_DIR ?? "";
  if (!globalForDb.salonDb || globalForDb.salonDbDir !== dir) {
    globalForDb.salonDb?.$client.close();
    globalForDb.salonDb = openDatabase(config.databaseFile);
    globalForDb.salonDbDir = dir;
  }
  return globalForDb.salonDb;
}

const preparedByDb = new WeakMap<Db, Map<string, unknown>>();

/**
 * A query of the pages' hot paths, built once per connection and shape (`key`) and run with
 * placeholders: drizzle otherwise rebuilds a query's SQL from its parts on every call, 50–150 µs, more
 * than most of these queries take to run. Placeholders are bound as the driver stores them (dates as
 * epoch milliseconds, booleans as 0/1).
 */
export function prepared<T>(key: string, build: (db: Db) => T): T {
  const db = getDb();
  let queries = preparedByDb.get(db);
  if (!queries) preparedByDb.set(db, (queries = new Map()));
  let query = queries.get(key) as T | undefined;
  if (query === undefined) {
    query = build(db);
    queries.set(key, query);
  }
  return query;
}

/** For tests and scripts that switch databases. */
export function closeDb(): void {
  globalForDb.salonDb?.$client.close();
  globalForDb.salonDb = undefined;
  globalForDb.salonDbDir = undefined;
}
