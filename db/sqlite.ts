// SQLite in DATA_DIR: the default database, one file, one writer.
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import type { SQL } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Buildable, Connection, Db, Executor, PreparedStatement, SqliteDb } from "./client";
import * as schema from "./schema";

const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");
const CHECKPOINTER = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "checkpointer.mjs");

function configure(sqlite: Database.Database): void {
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  keepStatements(sqlite);
}

/** Opens a SQLite file for writing with the settings every connection needs and applies pending migrations. */
export function openDatabase(file: string): SqliteDb {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  configure(sqlite);
  const db = drizzle(sqlite, { schema });
  // SQLite changes a table's shape by making it anew (0003_showrooms): with foreign keys on, dropping the
  // old table would delete every row that refers to it. Migrations run with them off, then must leave
  // every reference intact.
  sqlite.pragma("foreign_keys = OFF");
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  const broken = sqlite.pragma("foreign_key_check") as unknown[];
  if (broken.length)
    throw new Error(`Migrations left ${broken.length} broken references: ${JSON.stringify(broken[0])}`);
  sqlite.pragma("foreign_keys = ON");
  return db;
}

/**
 * Drizzle asks the driver to compile every query anew (~25 µs each, a dozen per page). A compiled
 * statement can run again with other parameters, so the connection keeps the recent ones by their SQL
 * and hands them out reset to plain rows. One still running (an open iterator) is never shared. This is
 * the one cache of compiled statements; `defineStatement` only saves drizzle's building of the SQL.
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

/**
 * Placeholder values as the driver takes them: drizzle binds a placeholder as given (it maps only literal
 * values through their column), and SQLite stores instants as epoch milliseconds and booleans as 0/1.
 */
function sqliteValues(values: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!values) return values;
  const bound: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    bound[key] = value instanceof Date ? value.getTime() : typeof value === "boolean" ? Number(value) : value;
  }
  return bound;
}

/**
 * A statement of the connection that built it. A transaction's statements are the writer's (every `tx` is
 * the writer, whose transactions take turns), so they run where they were built.
 */
function prepare(query: Buildable): PreparedStatement {
  const prepared = query.prepare() as unknown as {
    all(values?: Record<string, unknown>): unknown[];
    get(values?: Record<string, unknown>): unknown;
  };
  return {
    all: async (values) => prepared.all(sqliteValues(values)),
    get: async (values) => prepared.get(sqliteValues(values)),
  };
}

/**
 * One connection writes, another reads. better-sqlite3 is synchronous and a transaction's work is async
 * (the same code runs on PostgreSQL), so transactions are queued in this process and each holds
 * `BEGIN IMMEDIATE` (the database's write lock, also against other processes) until its work settles.
 * Reads on the other connection never see a write that is not committed.
 */
export function openSqlite(dataDir: string): Connection {
  const file = path.join(dataDir, "salon-crm.sqlite");
  const writer = openDatabase(file);
  const checkpointer = startCheckpointer(writer.$client, file);
  const readerDriver = new Database(file, { readonly: true });
  readerDriver.pragma("busy_timeout = 5000");
  keepStatements(readerDriver);
  const reader = drizzle(readerDriver, { schema });
  let queue: Promise<unknown> = Promise.resolve();

  return {
    dialect: "sqlite",
    reader,
    writer,
    transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
      const run = async () => {
        writer.$client.exec("BEGIN IMMEDIATE");
        try {
          const result = await work(writer);
          writer.$client.exec("COMMIT");
          return result;
        } catch (error) {
          if (writer.$client.inTransaction) writer.$client.exec("ROLLBACK");
          throw error;
        }
      };
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result;
    },
    // Migrated when it opened.
    migrate: async () => {},
    // A SQLite file is served by one server: there is nobody to take turns with. A transaction's
    // BEGIN IMMEDIATE already holds the whole database until it ends.
    withLock: (_name, work) => work(),
    tryLock: async (_name, work) => ({ ran: true, value: await work() }),
    lockUntilCommit: async () => {},
    prepare,
    rows: async <T>(db: Executor, query: SQL) => (db as Db).all<T>(query),
    async close() {
      await checkpointer.stop();
      readerDriver.close();
      writer.$client.close(); // the last connection: SQLite checkpoints and removes the WAL
    },
  };
}

/**
 * Moves the writer's WAL checkpoints onto a worker thread (db/checkpointer.mjs): an automatic checkpoint
 * runs inside the COMMIT that crosses 1000 pages and blocks the event loop for 15–20 ms on a large
 * database, about a third of a lead's time. Should the thread fail, the writer checkpoints again itself.
 * The thread never keeps the process alive.
 */
function startCheckpointer(sqlite: Database.Database, file: string) {
  sqlite.pragma("wal_autocheckpoint = 0");
  const worker = new Worker(CHECKPOINTER, { workerData: { file } });
  let running = true;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.on("message", (message: { error?: string }) => {
    if (message.error) console.error("[db] WAL checkpoint:", message.error);
  });
  worker.on("error", (error) => console.error("[db] the WAL checkpointer stopped:", error));
  void exited.then(() => {
    running = false;
    if (sqlite.open) sqlite.pragma("wal_autocheckpoint = 1000");
  });
  worker.unref(); // after its listeners: a "message" listener refs the worker again
  return {
    async stop() {
      if (running) {
        worker.ref(); // or the process could end while it waits
        worker.postMessage("close");
        // A checkpoint in progress finishes first; a thread that does not answer at all is ended.
        const stuck = setTimeout(() => void worker.terminate(), 5000);
        await exited;
        clearTimeout(stuck);
      }
      await exited;
    },
  };
}
