// PostgreSQL (DATABASE_URL): node-postgres' pool under drizzle, for installations that outgrow one machine.
import crypto from "node:crypto";
import path from "node:path";
import { getTableName, is, sql, Table, type QueryTypingsValue, type QueryWithTypings, type SQL } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { NodePgDatabase, NodePgDriver } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { PgDialect, PgTable, type PgSelectConfig } from "drizzle-orm/pg-core";
import { SQLiteBoolean, SQLiteTimestamp } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { config } from "@/lib/config";
import type { Buildable, Connection, Db, Executor, PreparedStatement } from "./client";

const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations-pg");

// Typings of the values that SQLite's columns have already turned into numbers.
const INSTANT = "timestamp" satisfies QueryTypingsValue;
const BOOLEAN = "boolean" as QueryTypingsValue;

/**
 * The domain writes its queries once, over db/schema.ts, whose columns bind an instant as epoch
 * milliseconds and a boolean as 0/1 (what SQLite stores). The same columns in db/schema.pg.ts are
 * `timestamptz` and `boolean`: this dialect binds those values as such. Rows come back right without
 * help (SQLite's columns read a Date from PostgreSQL's timestamp text, and `true` as true).
 */
class SqliteSchemaPgDialect extends PgDialect {
  override prepareTyping(encoder: Parameters<PgDialect["prepareTyping"]>[0]): QueryTypingsValue {
    if (is(encoder, SQLiteTimestamp)) return INSTANT;
    if (is(encoder, SQLiteBoolean)) return BOOLEAN;
    return super.prepareTyping(encoder);
  }

  /** A joined alias of a SQLite table (`alias(users, "owners")`): PostgreSQL's builder spells out only its own tables' aliases. */
  override buildSelectQuery(select: PgSelectConfig): SQL {
    const joins = select.joins?.map((join) => {
      const table: unknown = join.table;
      if (!is(table, Table) || is(table, PgTable)) return join;
      const original = (table as unknown as Record<symbol, string>)[Symbol.for("drizzle:OriginalName")];
      const name = getTableName(table);
      return original === name ? join : { ...join, table: sql`${sql.identifier(original)} ${sql.identifier(name)}` };
    });
    return super.buildSelectQuery({ ...select, joins });
  }

  override sqlToQuery(query: SQL, invokeSource?: "indexes"): QueryWithTypings {
    const built = super.sqlToQuery(query, invokeSource);
    const { params, typings = [] } = built;
    if (!typings.includes(INSTANT) && !typings.includes(BOOLEAN)) return built;
    if (typings.length !== params.length) throw new Error("drizzle returned typings that do not match the parameters");
    return {
      ...built,
      params: params.map((value, i) =>
        typeof value !== "number"
          ? value
          : typings[i] === INSTANT
            ? new Date(value)
            : typings[i] === BOOLEAN
              ? value !== 0
              : value,
      ),
    };
  }
}

type PgDb = NodePgDatabase<Record<string, never>>;

function drizzleOver(client: pg.Pool | pg.Client): PgDb {
  const dialect = new SqliteSchemaPgDialect();
  const session = new NodePgDriver(client, dialect).createSession(undefined);
  const db = new NodePgDatabase(dialect, session, undefined) as PgDb & { $client: typeof client };
  db.$client = client;
  return db;
}

/** PostgreSQL's number types that node-postgres leaves as text: count(*) and sum() are bigint or numeric. */
const BIGINT = 20;
const NUMERIC = 1700;

/**
 * A statement name from its SQL: the same text gets the same name in every process and on every pooled
 * connection, which prepares it once on first use.
 */
function statementName(sqlText: string): string {
  return `s_${crypto.createHash("sha256").update(sqlText).digest("hex").slice(0, 24)}`;
}

type PgPrepared = { client: unknown; execute(values?: unknown): Promise<unknown[]> };

/**
 * A named statement of the pool's. In a transaction it runs on the transaction's connection: drizzle's
 * prepared query sends its name and text through its `client`, so a copy with the transaction's client
 * runs it there (prepared on that connection at first use, like any pooled one).
 */
function prepare(query: Buildable): PreparedStatement {
  const prepared = (query as unknown as { prepare(name: string): PgPrepared }).prepare(
    statementName(query.toSQL().sql),
  );
  const on = (tx: Executor | undefined): PgPrepared =>
    tx ? Object.create(prepared, { client: { value: clientOf(tx) } }) : prepared;
  return {
    all: async (values, tx) => on(tx).execute(values),
    get: async (values, tx) => (await on(tx).execute(values))[0],
  };
}

/** The connection a transaction holds (drizzle's transaction keeps it in its session). */
function clientOf(tx: Executor): pg.PoolClient {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (typeof (client as Partial<pg.PoolClient> | undefined)?.release !== "function")
    throw new Error("a statement's tx must be a transaction of the pool");
  return client as pg.PoolClient;
}

/** PostgreSQL's usual advice for data in memory or on SSD (the default, 4, is for spinning disks). */
const RANDOM_PAGE_COST = 1.1;

/** A signed 64-bit key for PostgreSQL's advisory locks, from a lock's name. */
function lockKey(name: string): string {
  return crypto.createHash("sha256").update(name).digest().readBigInt64BE(0).toString();
}

/**
 * A pool of connections (DATABASE_POOL_SIZE) at read committed: reads see what is committed, a mutation
 * holds the rows it re-reads (`forUpdate`) and relies on conditional updates and unique indexes for the
 * rest. Every statement has DATABASE_STATEMENT_TIMEOUT_MS to finish.
 */
export function openPostgres(url: string): Connection {
  const pool = new pg.Pool({
    connectionString: url,
    max: config.databasePoolSize,
    statement_timeout: config.databaseStatementTimeoutMs,
    application_name: "salon-crm",
    // The planner's default prices a random page read 4× a sequential one (spinning disks): it then hashes
    // a whole table (50,000 processes, 10 ms) to join a few hundred rows that an index reaches in 1 ms (the
    // leads of "Statystyki"). A CRM's working set is in memory or on SSD.
    // And the app's statements are named (prepared once per connection) and planned once: by default
    // PostgreSQL plans most of them anew on every execution (its custom plans look cheaper), 0.05–0.13 ms
    // each, a dozen times a page; the generic plans keep the same indexes (measured: "Moje zadania" and
    // "Kalendarz floty" 0.75 → 0.83–0.87× SQLite, "Statystyki" unchanged).
    options: `-c random_page_cost=${RANDOM_PAGE_COST} -c plan_cache_mode=force_generic_plan`,
  });
  // A connection that breaks (the database restarted) is logged, not left to crash the process: idle, the
  // pool drops it; held by a transaction between two queries, its next query fails and the pool drops it then.
  pool.on("connect", (client) => client.on("error", (error) => console.error("[db]", error.message)));
  pool.on("error", () => {}); // an idle connection's error, already logged by the connection's own listener
  const reader = drizzleOver(pool);
  const dialect = new SqliteSchemaPgDialect();

  /**
   * `work` while this process holds the lock `name` among every process on the database: a session
   * advisory lock on a connection of its own (no statement timeout while it waits), released after.
   */
  const withLock = async <T>(name: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url, application_name: "salon-crm" });
    await client.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [lockKey(name)]);
      return await work(client);
    } finally {
      await client.end();
    }
  };

  /**
   * The same lock without waiting: held on a connection of its own, so the pool's connections stay free
   * for `work`; a process that dies loses its connection and with it the lock.
   */
  const tryLock = async <T>(
    name: string,
    work: () => Promise<T>,
  ): Promise<{ ran: true; value: T } | { ran: false }> => {
    const client = new pg.Client({ connectionString: url, application_name: "salon-crm lock" });
    client.on("error", (error) => console.error("[db] lock connection:", error.message));
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
        lockKey(name),
      ]);
      if (!rows[0].locked) return { ran: false };
      return { ran: true, value: await work() };
    } finally {
      await client.end();
    }
  };

  return {
    dialect: "postgres",
    reader: reader as unknown as Db,
    writer: reader as unknown as Db,
    transaction: (work) => reader.transaction((tx) => work(tx as unknown as Executor)),
    // Several servers may start at once: one applies the migrations, the others then find nothing to do.
    migrate: () =>
      withLock("salon-crm migrations", (client) => migrate(drizzleOver(client), { migrationsFolder: MIGRATIONS_DIR })),
    withLock: (name, work) => withLock(name, () => work()),
    tryLock,
    async lockUntilCommit(tx, name) {
      await (tx as unknown as PgDb).execute(sql`SELECT pg_advisory_xact_lock(${lockKey(name)})`);
    },
    prepare,
    async rows<T>(db: Executor, query: SQL): Promise<T[]> {
      const built = dialect.sqlToQuery(query);
      // Without parameters (the data version read on every cached page) a named statement: parsed and
      // planned once per connection instead of on every request.
      // Its errors come as drizzle's do (the database's error as the cause), whichever way it ran.
      const named = () =>
        (db === (reader as unknown) ? pool : clientOf(db))
          .query({ name: statementName(built.sql), text: built.sql })
          .catch((error: unknown) => {
            throw new DrizzleQueryError(built.sql, [], error as Error);
          });
      const result = (built.params.length
        ? await (db as unknown as PgDb).execute(query)
        : await named()) as unknown as pg.QueryResult<Record<string, unknown>>;
      const numbers = result.fields.filter((field) => field.dataTypeID === BIGINT || field.dataTypeID === NUMERIC);
      if (numbers.length) {
        for (const row of result.rows) {
          for (const { name } of numbers) if (row[name] !== null) row[name] = Number(row[name]);
        }
      }
      return result.rows as T[];
    },
    close: () => pool.end(),
  };
}
