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
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db;
}

const globalForDb = globalThis as unknown as { salonDb?: Db; salonDbFile?: string };

/** The one connection of this process, opened on first use (never at import, so `next build` opens nothing). */
export function getDb(): Db {
  const file = config.databaseFile;
  if (!globalForDb.salonDb || globalForDb.salonDbFile !== file) {
    globalForDb.salonDb?.$client.close();
    globalForDb.salonDb = openDatabase(file);
    globalForDb.salonDbFile = file;
  }
  return globalForDb.salonDb;
}

/** For tests and scripts that switch databases. */
export function closeDb(): void {
  globalForDb.salonDb?.$client.close();
  globalForDb.salonDb = undefined;
  globalForDb.salonDbFile = undefined;
}
