// The few pieces of hand-written SQL (rawRows) that SQLite and PostgreSQL spell differently. Everything
// else in a query is written once, in the SQL both understand.
import { sql, type SQL } from "drizzle-orm";
import { dialect } from "./client";

const onPostgres = () => dialect() === "postgres";

/** An instant bound as the database stores it: epoch milliseconds in SQLite, a timestamptz in PostgreSQL. */
export function instant(date: Date): SQL {
  return onPostgres() ? sql`cast(${date.toISOString()} as timestamptz)` : sql`${date.getTime()}`;
}

/** A stored instant as epoch milliseconds, for arithmetic on durations. */
export function epochMs(column: SQL): SQL {
  return onPostgres() ? sql`(extract(epoch from ${column}) * 1000)` : column;
}

/** The largest of the values (SQLite's scalar max, PostgreSQL's greatest). */
export function greatest(...values: SQL[]): SQL {
  return sql`${sql.raw(onPostgres() ? "greatest" : "max")}(${sql.join(values, sql`, `)})`;
}

/**
 * A join whose left side the planner must read first: SQLite's CROSS JOIN keeps the order as written;
 * PostgreSQL's planner chooses well by itself.
 */
export function joinInOrder(): SQL {
  return sql.raw(onPostgres() ? "JOIN" : "CROSS JOIN");
}

/** A column that must not drive the choice of index (SQLite's unary plus); PostgreSQL's planner needs no hint. */
export function withoutIndex(column: SQL): SQL {
  return onPostgres() ? column : sql`+${column}`;
}

/**
 * What tells which transactions a read sees, for a version of the data: on SQLite nothing beyond the ids
 * (one writer, whose ids grow in the order of its commits); on PostgreSQL the snapshot, since a row with
 * a lower id may commit after one with a higher id.
 */
export function commitsSeen(): SQL {
  return onPostgres() ? sql`pg_current_snapshot()::text` : sql`NULL`;
}
