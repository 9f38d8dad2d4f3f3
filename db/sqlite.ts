// SQLite in DATA_DIR: the default database, one file, one writer.
import fs from "node:fs";
import path from "node:path";
import { AsyncResource } from "node:async_hooks";
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
 * (the same code runs on PostgreSQL), so transactions are queued in this process and run one after the
 * other under `BEGIN IMMEDIATE` (the database's write lock, also against other processes). Those queued
 * meanwhile share one commit (`commitTogether`). Reads on the other connection never see a write that is
 * not committed, and a transaction's promise settles only once its work is committed.
 */
export function openSqlite(dataDir: string): Connection {
  const file = path.join(dataDir, "salon-crm.sqlite");
  const writer = openDatabase(file);
  const checkpointer = startCheckpointer(writer.$client, file);
  const readerDriver = new Database(file, { readonly: true });
  readerDriver.pragma("busy_timeout = 5000");
  keepStatements(readerDriver);
  const reader = drizzle(readerDriver, { schema });
  return {
    dialect: "sqlite",
    reader,
    writer,
    transaction: commitTogether(writer),
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

/** The most transactions one commit takes, and the longest it waits for more (ms): a bound on their latency. */
const GROUP_COMMIT = { transactions: 64, ms: 25 };
/** `setImmediate` as the module loads it: a test's fake timers must not stop the queue. */
const schedule = setImmediate;
const nextTurn = () => new Promise<void>((resolve) => schedule(resolve));

type Job = { run(tx: Executor): Promise<unknown>; resolve(value: unknown): void; reject(error: unknown): void };

/**
 * The writer's queue of transactions. Each runs alone, in a savepoint of its own inside `BEGIN IMMEDIATE`
 * and in its caller's async context; those that queued up while it ran, or arrive in the event loop's
 * next turn, follow in the same transaction, and one `COMMIT` ends them all (up to GROUP_COMMIT). A
 * commit writes each changed page to the WAL once (and the checkpointer copies it once), and concurrent
 * writes change the same pages, the tables' and indexes' last ones: the lead API serves about 40 % more
 * leads a second. A transaction that fails is rolled back to its savepoint and the others go on; each caller
 * learns its outcome only after the commit. Should SQLite roll the whole transaction back itself (a full
 * disk, an I/O error), the transactions before it in that commit fail with its error.
 */
function commitTogether(writer: SqliteDb) {
  const sqlite = writer.$client;
  const queue: Job[] = [];
  let draining = false;

  /** Runs the next transactions in one commit; each caller hears its outcome once that has ended. */
  async function commitNext(): Promise<void> {
    const outcomes: { job: Job; value?: unknown; error?: { reason: unknown } }[] = [];
    let current: Job | undefined;
    try {
      sqlite.exec("BEGIN IMMEDIATE");
      const started = Date.now();
      for (let n = 0; n < GROUP_COMMIT.transactions && Date.now() - started <= GROUP_COMMIT.ms; n++) {
        // A transaction's work takes a single turn of the event loop (its statements are synchronous):
        // the requests that arrived meanwhile get one before the commit, and their transactions join it.
        if (!queue.length) await nextTurn();
        if (!queue.length) break;
        current = queue.shift()!;
        sqlite.exec("SAVEPOINT work");
        try {
          const value = await current.run(writer);
          sqlite.exec("RELEASE work");
          outcomes.push({ job: current, value });
        } catch (reason) {
          // SQLite may have ended the transaction itself: then what the earlier ones wrote is gone too.
          if (!sqlite.inTransaction) throw reason;
          sqlite.exec("ROLLBACK TO work");
          sqlite.exec("RELEASE work");
          outcomes.push({ job: current, error: { reason } });
        }
        current = undefined;
      }
      sqlite.exec("COMMIT");
    } catch (reason) {
      try {
        if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      } finally {
        const failed = [...outcomes.map((outcome) => outcome.job), ...(current ? [current] : [])];
        // BEGIN failed (another process held the lock past the busy timeout): that is the next one's answer.
        if (!failed.length) failed.push(...queue.splice(0, 1));
        for (const job of failed) job.reject(reason);
      }
      return;
    }
    for (const { job, value, error } of outcomes) {
      if (error) job.reject(error.reason);
      else job.resolve(value);
    }
  }

  async function drain(): Promise<void> {
    draining = true;
    while (queue.length) {
      try {
        await commitNext();
      } catch (error) {
        console.error("[db] a transaction could not be rolled back:", error);
      }
    }
    draining = false;
  }

  return function transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // The caller's async context for its turn (AsyncLocalStorage.snapshot() would also bind a function
      // with deprecated accessors each time: 1.8 % of the lead API's CPU on Node 20).
      const callers = new AsyncResource("transaction", { requireManualDestroy: true });
      queue.push({
        run: (tx) => callers.runInAsyncScope(() => work(tx)),
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (!draining) void drain();
    });
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
