import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { eq, is, Placeholder, type SQL } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { config } from "@/lib/config";
import * as schema from "./schema";

/**
 * The one database type the domain writes against: drizzle's query builder over `db/schema.ts`. Domain
 * code uses only what both dialects share: it awaits queries (arrays of rows), writes with `.returning()`
 * and never calls the SQLite driver's `.get()`, `.all()` or `.run()`.
 */
export type Db = BetterSQLite3Database<typeof schema>;
/** A transaction's handle, or the reader; helpers that join the caller's transaction take an `Executor`. */
export type Executor = Db;
export type Dialect = "sqlite" | "postgres";
/** A SQLite connection with its driver, for the data layer itself and scripts that need SQLite's own features. */
export type SqliteDb = Db & { $client: Database.Database };

type Connection = {
  dialect: Dialect;
  /** DATA_DIR or DATABASE_URL: a changed setting (tests, scripts) opens another connection. */
  key: string;
  /** Reads outside transactions. On SQLite a read-only connection: a write outside `transaction()` fails. */
  reader: Db;
  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T>;
  close(): void;
};

const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

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
 * the one cache of compiled statements; `defineStatement` below only saves drizzle's building of the SQL.
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

/** Marks the async work of a transaction, so that a nested `transaction()` is an error instead of a deadlock. */
const inTransaction = new AsyncLocalStorage<true>();

/**
 * SQLite: one connection writes, another reads. better-sqlite3 is synchronous and a transaction's work is
 * async (the same code runs on PostgreSQL), so transactions are queued in this process and each holds
 * `BEGIN IMMEDIATE` (the database's write lock, also against other processes) until its work settles.
 * Reads on the other connection never see a write that is not committed.
 */
function openSqlite(dataDir: string): Connection {
  const file = path.join(dataDir, "salon-crm.sqlite");
  const writer = openDatabase(file);
  const readerDriver = new Database(file, { readonly: true });
  readerDriver.pragma("busy_timeout = 5000");
  keepStatements(readerDriver);
  const reader = drizzle(readerDriver, { schema });
  let queue: Promise<unknown> = Promise.resolve();

  return {
    dialect: "sqlite",
    key: dataDir,
    reader,
    transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
      const run = async () => {
        writer.$client.exec("BEGIN IMMEDIATE");
        try {
          const result = await inTransaction.run(true, () => work(writer));
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
    close() {
      readerDriver.close();
      writer.$client.close();
    },
  };
}

const globalForDb = globalThis as unknown as { salonDb?: Connection };

function connection(): Connection {
  // Pages ask for it many times a request: compare the setting it depends on, not the path built from it.
  const key = config.dataDirSetting;
  const open = globalForDb.salonDb;
  if (open && open.key === key) return open;
  open?.close();
  globalForDb.salonDb = openSqlite(config.dataDir);
  globalForDb.salonDb.key = key;
  return globalForDb.salonDb;
}

/** The name the showrooms migration gives the first showroom; SQL cannot read the dealership's name. */
export const UNNAMED_SHOWROOM = "{{DEALER_NAME}}";

/**
 * Opens the database and applies pending migrations (SQLite migrates on open; PostgreSQL needs a round
 * trip); the first showroom then takes the dealership's name (DEALER_NAME), once.
 */
export async function migrateDatabase(): Promise<void> {
  connection();
  await transaction((tx) =>
    tx
      .update(schema.showrooms)
      .set({ name: config.dealerName })
      .where(eq(schema.showrooms.name, UNNAMED_SHOWROOM))
      .returning({ id: schema.showrooms.id }),
  );
}

/** The database of this process for reads, opened on first use (never at import, so `next build` opens nothing). */
export function getDb(): Db {
  return connection().reader;
}

export function dialect(): Dialect {
  return connection().dialect;
}

/**
 * The one way to write: `work` runs in a transaction, committed when it resolves and rolled back when it
 * throws. Everything inside goes through `tx`. Never nest transactions, and do file I/O before or after.
 */
export function transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
  if (inTransaction.getStore()) throw new Error("transaction() inside a transaction: pass the caller's tx instead");
  return connection().transaction(work);
}

/**
 * `SELECT … FOR UPDATE` on PostgreSQL: the rows stay locked until the transaction ends. SQLite's
 * `BEGIN IMMEDIATE` already holds the whole database.
 */
export function forUpdate<Q>(query: Q): Q {
  return dialect() === "postgres" ? (query as unknown as { for(strength: "update"): Q }).for("update") : query;
}

/** Rows of a hand-written query (statistics), as plain objects named by the query's column aliases. */
export async function rawRows<T>(db: Executor, query: SQL): Promise<T[]> {
  return db.all<T>(query);
}

type Shape = Record<string, string | number | boolean | null | undefined>;
type Buildable = {
  prepare(): { all(values?: Record<string, unknown>): unknown };
  toSQL(): { sql: string; params: unknown[] };
};
type RowsOf<Q> = Q extends { all(...args: never[]): infer R } ? (R extends readonly unknown[] ? R : never) : never;

export type Statement<Row> = {
  all(values?: Record<string, unknown>): Promise<Row[]>;
  get(values?: Record<string, unknown>): Promise<Row | undefined>;
};

const statementsByConnection = new WeakMap<Connection, Map<unknown, Map<string, Statement<unknown>>>>();

function shapeKey(shape: Shape): string {
  return JSON.stringify(Object.entries(shape).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * A query of the hot paths, built once per connection and shape and run with placeholders: drizzle
 * otherwise rebuilds a query's SQL from its parts on every call (50–150 µs, more than most of these
 * queries take to run). `build` receives only the shape, so everything that changes the SQL is part of
 * the key; define statements at module level, where `build` can close over nothing of a request. Tests
 * (NODE_ENV=test) rebuild every statement and fail if a shape ever yields other SQL than its cached one.
 * Placeholder values are the domain's own (Dates, booleans); they are bound as the dialect stores them.
 */
export function defineStatement<S extends Shape, Q extends Buildable>(
  build: (db: Db, shape: S) => Q,
): (shape: S) => Statement<RowsOf<Q>[number]> {
  return (shape: S) => {
    const conn = connection();
    let byDefinition = statementsByConnection.get(conn);
    if (!byDefinition) statementsByConnection.set(conn, (byDefinition = new Map()));
    let byShape = byDefinition.get(build);
    if (!byShape) byDefinition.set(build, (byShape = new Map()));
    const key = shapeKey(shape);
    let statement = byShape.get(key) as Statement<RowsOf<Q>[number]> | undefined;
    if (statement && config.isTest) assertSameSql(statement, build(conn.reader, shape));
    if (!statement) {
      statement = prepare(build(conn.reader, shape)) as Statement<RowsOf<Q>[number]>;
      byShape.set(key, statement as Statement<unknown>);
    }
    return statement;
  };
}

const sqlOfStatement = new WeakMap<object, string>();

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

function prepare(query: Buildable): Statement<unknown> {
  const prepared = query.prepare() as unknown as {
    all(values?: Record<string, unknown>): unknown[];
    get(values?: Record<string, unknown>): unknown;
  };
  const statement: Statement<unknown> = {
    all: async (values) => prepared.all(sqliteValues(values)),
    get: async (values) => prepared.get(sqliteValues(values)),
  };
  sqlOfStatement.set(statement, query.toSQL().sql);
  signatureOfStatement.set(statement, signature(query));
  return statement;
}

const signatureOfStatement = new WeakMap<object, string>();

/** A query's SQL with what fills each `?`: a placeholder's name or a constant. */
function signature(query: Buildable): string {
  const { sql, params } = query.toSQL();
  const filled = params.map((param) =>
    is(param, Placeholder) ? `:${param.name}` : param instanceof Date ? param.toISOString() : param,
  );
  return `${sql}\n${JSON.stringify(filled)}`;
}

function assertSameSql(statement: Statement<unknown>, fresh: Buildable): void {
  const cached = signatureOfStatement.get(statement);
  const now = signature(fresh);
  if (cached !== now) {
    throw new Error(
      `A statement's shape yields other SQL than its cached statement (its text or what fills its parameters):\ncached: ${cached}\nnow:    ${now}`,
    );
  }
}

/** For tests and scripts that switch databases. */
export function closeDb(): void {
  globalForDb.salonDb?.close();
  globalForDb.salonDb = undefined;
}

/** Statement cache identity, for the test that proves different shapes never share a statement. */
export function statementSql(statement: Statement<unknown>): string | undefined {
  return sqlOfStatement.get(statement);
}
