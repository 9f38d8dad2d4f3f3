import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";
import { eq, getTableName, is, Param, Placeholder, sql, type Column, type SQL } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { config } from "@/lib/config";
import { openPostgres } from "./postgres";
import * as schema from "./schema";
import { openSqlite } from "./sqlite";

export { openDatabase } from "./sqlite";

/**
 * The one database type the domain writes against: drizzle's query builder over `db/schema.ts`, on either
 * database. Domain code uses only what both dialects share: it awaits queries (arrays of rows), writes
 * with `.returning()` and never calls the SQLite driver's `.get()`, `.all()` or `.run()`.
 */
export type Db = BetterSQLite3Database<typeof schema>;
/** A transaction's handle, or the reader; helpers that join the caller's transaction take an `Executor`. */
export type Executor = Db;
export type Dialect = "sqlite" | "postgres";
/** A SQLite connection with its driver, for the data layer itself and scripts that need SQLite's own features. */
export type SqliteDb = Db & { $client: Database.Database };

/** What each database provides (db/sqlite.ts, db/postgres.ts); the functions below are the domain's API. */
export type Connection = {
  dialect: Dialect;
  /** Reads outside transactions. On SQLite a read-only connection: a write outside `transaction()` fails. */
  reader: Db;
  transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  withLock<T>(name: string, work: () => Promise<T>): Promise<T>;
  tryLock<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  lockUntilCommit(tx: Executor, name: string): Promise<void>;
  /** What transactions' statements are built on: SQLite's writing connection (every `tx`), PostgreSQL's pool. */
  writer: Db;
  /** A statement of `reader`'s or `writer`'s; with a `tx`, run in that transaction. */
  prepare(query: Buildable): PreparedStatement;
  rows<T>(db: Executor, query: SQL): Promise<T[]>;
  close(): Promise<void>;
};

export type Buildable = {
  prepare(): unknown;
  toSQL(): { sql: string; params: unknown[] };
};

const globalForDb = globalThis as unknown as { salonDb?: Connection & { key: string } };

function connection(): Connection {
  // Pages ask for it many times a request: compare the settings it depends on, not what is built from them.
  const url = config.databaseUrl;
  const key = url ? `postgres ${url}` : `sqlite ${config.dataDirSetting}`;
  const open = globalForDb.salonDb;
  if (open && open.key === key) return open;
  open?.close().catch((error) => console.error("[db] closing the previous database:", error));
  globalForDb.salonDb = { ...(url ? openPostgres(url) : openSqlite(config.dataDir)), key };
  return globalForDb.salonDb;
}

/** The name the showrooms migration gives the first showroom; SQL cannot read the dealership's name. */
export const UNNAMED_SHOWROOM = "{{DEALER_NAME}}";

/**
 * Opens the database and applies pending migrations (db/migrations on SQLite, db/migrations-pg on
 * PostgreSQL); the first showroom then takes the dealership's name (DEALER_NAME), once.
 */
export async function migrateDatabase(): Promise<void> {
  await connection().migrate();
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

/** Marks the async work of a transaction, so that a nested `transaction()` is an error instead of a deadlock. */
const inTransaction = new AsyncLocalStorage<true>();

/**
 * The one way to write: `work` runs in a transaction, committed when it resolves and rolled back when it
 * throws. Everything inside goes through `tx`. Never nest transactions, and do file I/O before or after.
 */
export function transaction<T>(work: (tx: Executor) => Promise<T>): Promise<T> {
  if (inTransaction.getStore()) throw new Error("transaction() inside a transaction: pass the caller's tx instead");
  return inTransaction.run(true, () => connection().transaction(work));
}

/**
 * `work` while this process holds the lock `name` among all processes using the database (on PostgreSQL an
 * advisory lock, waited for; on SQLite, whose one file has one server, `work` simply runs).
 */
export function withAdvisoryLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  return connection().withLock(name, work);
}

/**
 * `work` unless another process holds the lock `name`: then nothing runs and `{ ran: false }` comes back
 * at once. Background work that must happen once among several servers on one database takes it (on
 * PostgreSQL `pg_try_advisory_lock`, held by the database for this process, released when it ends or dies;
 * on SQLite `work` simply runs).
 */
export function tryAdvisoryLock<T>(
  name: string,
  work: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  return connection().tryLock(name, work);
}

/**
 * Holds the lock `name` until `tx` ends: transactions that take the same lock run their work one after the
 * other, for a rule that no row lock or unique index states (PostgreSQL's transaction advisory lock; on
 * SQLite `BEGIN IMMEDIATE` already holds the whole database).
 */
export function lockUntilCommit(tx: Executor, name: string): Promise<void> {
  return connection().lockUntilCommit(tx, name);
}

/**
 * `SELECT … FOR UPDATE` on PostgreSQL: the rows stay locked until the transaction ends. SQLite's
 * `BEGIN IMMEDIATE` already holds the whole database.
 */
export function forUpdate<Q>(query: Q): Q {
  return dialect() === "postgres" ? (query as unknown as { for(strength: "update"): Q }).for("update") : query;
}

/**
 * Rows of a hand-written query (statistics), as plain objects named by the query's column aliases. Quote
 * the aliases ("userId"): PostgreSQL folds unquoted names to lower case. Counts and sums come back as numbers.
 */
export function rawRows<T>(db: Executor, query: SQL): Promise<T[]> {
  return connection().rows<T>(db, query);
}

type DatabaseError = { code?: unknown; message?: unknown; table?: unknown; detail?: unknown; cause?: unknown };

/**
 * Whether `error` (or what caused it) is the database refusing a second row with the same values in the
 * unique index on `columns` (one column, or an index's columns in its order): SQLite's "UNIQUE constraint
 * failed: table.a, table.b", PostgreSQL's 23505 "Key (a, b)=…". Under PostgreSQL's concurrency a check
 * before an insert can pass in two transactions at once; the index refuses the second, and this tells
 * that refusal from other errors.
 */
export function isUniqueViolation(error: unknown, columns: Column | readonly Column[]): boolean {
  const list: readonly Column[] = Array.isArray(columns) ? columns : [columns as Column];
  const table = getTableName(list[0].table);
  const names = list.map((column) => column.name);
  for (let e = error as DatabaseError | undefined, depth = 0; e && depth < 5; e = e.cause as DatabaseError, depth++) {
    if (e.code === "23505") return e.table === table && String(e.detail).startsWith(`Key (${names.join(", ")})=`);
    if (typeof e.code === "string" && e.code.startsWith("SQLITE_CONSTRAINT")) {
      return String(e.message) === `UNIQUE constraint failed: ${names.map((name) => `${table}.${name}`).join(", ")}`;
    }
  }
  return false;
}

type Shape = Record<string, string | number | boolean | null | undefined>;
type RowsOf<Q> = Q extends { all(...args: never[]): infer R } ? (R extends readonly unknown[] ? R : never) : never;

export type Statement<Row> = {
  all(values?: Record<string, unknown>): Promise<Row[]>;
  get(values?: Record<string, unknown>): Promise<Row | undefined>;
};

/** A dialect's prepared statement: run by the connection it was built on, or in the transaction `tx`. */
export type PreparedStatement = {
  all(values: Record<string, unknown> | undefined, tx?: Executor): Promise<unknown[]>;
  get(values: Record<string, unknown> | undefined, tx?: Executor): Promise<unknown>;
};

const statementsByConnection = new WeakMap<Connection, Map<unknown, Map<string, PreparedStatement>>>();

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
 * On PostgreSQL each is a named prepared statement, parsed and planned once per pooled connection.
 *
 * Pass the transaction's `tx` to run it there (a mutation's hot path: its reads see the transaction's
 * writes, its writes stand or fall with it); a helper that takes `db: Executor` passes what it was given
 * (the reader, `getDb()`, counts as none). Such a statement is built on the connection that writes (`db`
 * is then `tx`'s kind: `forUpdate` locks, inserts and updates take placeholders too) and kept apart from
 * the reader's; write statements end in `.returning(…)`, since a statement answers with rows.
 */
export function defineStatement<S extends Shape, Q extends Buildable>(
  build: (db: Db, shape: S) => Q,
): (shape: S, tx?: Executor) => Statement<RowsOf<Q>[number]> {
  return (shape: S, given?: Executor) => {
    const conn = connection();
    const tx = given === conn.reader ? undefined : given;
    let byDefinition = statementsByConnection.get(conn);
    if (!byDefinition) statementsByConnection.set(conn, (byDefinition = new Map()));
    let byShape = byDefinition.get(build);
    if (!byShape) byDefinition.set(build, (byShape = new Map()));
    const db = tx ? conn.writer : conn.reader;
    const key = `${tx ? "tx" : "reader"} ${shapeKey(shape)}`;
    let statement = byShape.get(key);
    if (statement && config.isTest) assertSameSql(statement, build(db, shape));
    if (!statement) {
      const query = build(db, shape);
      statement = conn.prepare(query);
      sqlOfStatement.set(statement, query.toSQL().sql);
      signatureOfStatement.set(statement, signature(query));
      byShape.set(key, statement);
    }
    if (!tx) return statement as Statement<RowsOf<Q>[number]>;
    const prepared = statement;
    return {
      all: (values) => prepared.all(values, tx) as Promise<RowsOf<Q>[number][]>,
      get: (values) => prepared.get(values, tx) as Promise<RowsOf<Q>[number] | undefined>,
    };
  };
}

/**
 * A placeholder for a value an insert or update writes (`.values({ at: valueOf("at") })`), bound as given
 * like a condition's: drizzle would pass a bare one through the column's SQLite mapping, which refuses
 * the values statements take (an instant already in the dialect's form, a null instant).
 */
export function valueOf(name: string): SQL {
  return sql`${sql.placeholder(name)}`;
}

const sqlOfStatement = new WeakMap<object, string>();
const signatureOfStatement = new WeakMap<object, string>();

/** A query's SQL with what fills each parameter: a placeholder's name or a constant. */
function signature(query: Buildable): string {
  const { sql, params } = query.toSQL();
  const filled = params.map((param) => {
    // A placeholder for a column's value (an insert's or update's) comes wrapped in the column's Param.
    const value = is(param, Param) ? param.value : param;
    return is(value, Placeholder) ? `:${value.name}` : value instanceof Date ? value.toISOString() : value;
  });
  return `${sql}\n${JSON.stringify(filled)}`;
}

function assertSameSql(statement: PreparedStatement, fresh: Buildable): void {
  const cached = signatureOfStatement.get(statement);
  const now = signature(fresh);
  if (cached !== now) {
    throw new Error(
      `A statement's shape yields other SQL than its cached statement (its text or what fills its parameters):\ncached: ${cached}\nnow:    ${now}`,
    );
  }
}

/** Closes the database (the pool's connections on PostgreSQL): for tests and scripts that switch databases or end. */
export async function closeDb(): Promise<void> {
  const open = globalForDb.salonDb;
  globalForDb.salonDb = undefined;
  await open?.close();
}

/** Statement cache identity, for the test that proves different shapes never share a statement. */
export function statementSql(statement: Statement<unknown>): string | undefined {
  return sqlOfStatement.get(statement);
}
