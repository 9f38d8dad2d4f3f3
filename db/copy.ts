// Moving an installation from SQLite to PostgreSQL (npm run db:copy): every table of db/schema.pg.ts in
// the order of its foreign keys, streamed in chunks, then checked table by table.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { getTableConfig, PgBoolean, PgTimestamp, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import { is, Table } from "drizzle-orm";
import pg from "pg";
import * as pgSchema from "./schema.pg";
import { openPostgres } from "./postgres";

/** Rows per read and per INSERT (fewer for wide tables: one INSERT binds at most 65,535 values). */
const CHUNK = 1_000;
const MAX_PARAMETERS = 30_000;

export type TableReport = {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
};

type Value = string | number | boolean | null;
type Column = { name: string; kind: "instant" | "boolean" | "plain" };
type CopiedTable = { name: string; columns: Column[]; key: string[]; identity: string | null; chunk: number };

/** The tables of the PostgreSQL schema, each after the tables its foreign keys name. */
export function tablesInDependencyOrder(): CopiedTable[] {
  const tables = (Object.values(pgSchema) as unknown[]).filter((value): value is PgTable => is(value, Table));
  const configs = new Map(tables.map((table) => [table, getTableConfig(table)]));
  const ordered: PgTable[] = [];
  const visit = (table: PgTable, path: PgTable[]) => {
    if (ordered.includes(table)) return;
    if (path.includes(table)) throw new Error(`A cycle of foreign keys through ${configs.get(table)!.name}`);
    for (const foreignKey of configs.get(table)!.foreignKeys) {
      const target = foreignKey.reference().foreignTable;
      if (target !== table) visit(target, [...path, table]);
    }
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered.map((table) => {
    const config = configs.get(table)!;
    for (const foreignKey of config.foreignKeys) {
      // Rows are copied in the order of their key: a row naming a later row of its own table would fail.
      if (foreignKey.reference().foreignTable === table)
        throw new Error(`${config.name} refers to itself: copy it in an order that keeps its references`);
    }
    const columns = config.columns.map((column: PgColumn) => ({
      name: column.name,
      kind: is(column, PgTimestamp) ? "instant" : is(column, PgBoolean) ? "boolean" : "plain",
    })) as Column[];
    const key = config.primaryKeys.length
      ? config.primaryKeys[0].columns.map((column) => column.name)
      : config.columns.filter((column) => column.primary).map((column) => column.name);
    if (!key.length) throw new Error(`${config.name} has no primary key to read it in order`);
    const identity = config.columns.find((column) => column.generatedIdentity)?.name ?? null;
    const chunk = Math.min(CHUNK, Math.floor(MAX_PARAMETERS / columns.length));
    return { name: config.name, columns, key, identity, chunk };
  });
}

/** A stored value the same whichever database it came from: instants as epoch ms, booleans as true/false. */
function canonical(column: Column, value: unknown): Value {
  if (value === null || value === undefined) return null;
  // As the application reads it: SQLite's timestamp_ms column makes a Date of the stored number, which
  // drops any fraction of a millisecond (a real written by hand); PostgreSQL stores milliseconds.
  if (column.kind === "instant") return (value instanceof Date ? value : new Date(Number(value))).getTime();
  if (column.kind === "boolean") return typeof value === "boolean" ? value : value !== 0;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" || typeof value === "number") return value;
  throw new Error(`${column.name}: a value of type ${typeof value} that the copy does not know`);
}

/**
 * A table's content checksum: the sum (mod 2^128) of a SHA-256 of every row's canonical values in column
 * order. A sum does not depend on the order the rows come in, so both databases are read in their own
 * order of the key (SQLite's binary text order, PostgreSQL's collation).
 */
class Checksum {
  private sum = 0n;
  rows = 0;
  add(row: Value[]) {
    const digest = crypto.createHash("sha256").update(JSON.stringify(row)).digest();
    this.sum = (this.sum + digest.readBigUInt64BE(0) * 2n ** 64n + digest.readBigUInt64BE(8)) % 2n ** 128n;
    this.rows += 1;
  }
  toString() {
    return this.sum.toString(16).padStart(32, "0");
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Rows of a SQLite table in the order of its key, a chunk at a time (keyset pagination). */
function* sqliteChunks(source: Database.Database, table: CopiedTable): Generator<Value[][]> {
  const columns = table.columns.map((column) => quote(column.name)).join(", ");
  const key = `(${table.key.map(quote).join(", ")})`;
  const order = table.key.map(quote).join(", ");
  const after = table.key.map(() => "?").join(", ");
  const first = source.prepare(`SELECT ${columns} FROM ${quote(table.name)} ORDER BY ${order} LIMIT ${table.chunk}`);
  const next = source.prepare(
    `SELECT ${columns} FROM ${quote(table.name)} WHERE ${key} > (${after}) ORDER BY ${order} LIMIT ${table.chunk}`,
  );
  const keyIndexes = table.key.map((name) => table.columns.findIndex((column) => column.name === name));
  let rows = first.raw().all() as unknown[][];
  while (rows.length) {
    yield rows.map((row) => row.map((value, i) => canonical(table.columns[i], value)));
    if (rows.length < table.chunk) return;
    const last = rows[rows.length - 1];
    rows = next.raw().all(...keyIndexes.map((i) => last[i])) as unknown[][];
  }
}

/** The same for PostgreSQL. */
async function* postgresChunks(client: pg.ClientBase, table: CopiedTable): AsyncGenerator<Value[][]> {
  const columns = table.columns.map((column) => quote(column.name)).join(", ");
  const order = table.key.map(quote).join(", ");
  const keyIndexes = table.key.map((name) => table.columns.findIndex((column) => column.name === name));
  let after: unknown[] | null = null;
  for (;;) {
    const where: string = after ? `WHERE (${order}) > (${table.key.map((_, i) => `$${i + 1}`).join(", ")})` : "";
    const result: pg.QueryResult<unknown[]> = await client.query({
      text: `SELECT ${columns} FROM ${quote(table.name)} ${where} ORDER BY ${order} LIMIT ${table.chunk}`,
      values: after ?? [],
      rowMode: "array",
    });
    if (!result.rows.length) return;
    yield result.rows.map((row) => row.map((value, i) => canonical(table.columns[i], value)));
    if (result.rows.length < table.chunk) return;
    const last: unknown[] = result.rows[result.rows.length - 1];
    after = keyIndexes.map((i) => last[i]);
  }
}

/** A canonical value as PostgreSQL takes it. */
function parameter(column: Column, value: Value): unknown {
  return column.kind === "instant" && value !== null ? new Date(value as number) : value;
}

export class TargetNotEmptyError extends Error {}

/**
 * Rows the migrations themselves write into a new database (0005_showrooms: the dealership's first
 * showroom): a database holding only these is empty, and the copy replaces them with the installation's.
 */
const SEEDED_BY_MIGRATIONS: Record<string, number> = { showrooms: 1 };

/**
 * Tables of the target's public schema that hold the data of an installation: any rows beyond those the
 * migrations write (the migrations' own bookkeeping lives in schema drizzle).
 */
async function tablesWithData(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const filled: string[] = [];
  for (const { name } of rows) {
    const seeded = SEEDED_BY_MIGRATIONS[name] ?? 0;
    const result = await client.query(`SELECT 1 FROM ${quote(name)} LIMIT ${seeded + 1}`);
    if ((result.rowCount ?? 0) > seeded) filled.push(name);
  }
  return filled;
}

/** Row count and checksum of every table, read the same way from both databases. */
export async function compareDatabases(source: Database.Database, target: pg.ClientBase): Promise<TableReport[]> {
  const reports: TableReport[] = [];
  for (const table of tablesInDependencyOrder()) {
    const [from, to] = [new Checksum(), new Checksum()];
    for (const chunk of sqliteChunks(source, table)) for (const row of chunk) from.add(row);
    for await (const chunk of postgresChunks(target, table)) for (const row of chunk) to.add(row);
    reports.push({
      table: table.name,
      sourceRows: from.rows,
      targetRows: to.rows,
      sourceChecksum: from.toString(),
      targetChecksum: to.toString(),
    });
  }
  return reports;
}

/**
 * Copies the SQLite database `sqliteFile` into the PostgreSQL database at `targetUrl`: refuses a target
 * that holds any data (tablesWithData), applies the migrations there, copies every table in one transaction (all or
 * nothing), sets each identity past the largest id copied, and returns the comparison of both.
 */
export async function copySqliteToPostgres({
  sqliteFile,
  targetUrl,
  onTable = () => {},
}: {
  sqliteFile: string;
  targetUrl: string;
  onTable?: (table: string, rows: number) => void;
}): Promise<TableReport[]> {
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: targetUrl, application_name: "salon-crm db:copy" });
  await client.connect();
  try {
    const filled = await tablesWithData(client);
    if (filled.length) throw new TargetNotEmptyError(filled.join(", "));
    const connection = openPostgres(targetUrl);
    try {
      await connection.migrate();
    } finally {
      await connection.close();
    }
    // One read transaction on SQLite, for the copy and its check (one snapshot even if a server still
    // writes), and one write transaction on PostgreSQL: a failed copy leaves the target empty.
    source.exec("BEGIN");
    try {
      await client.query("BEGIN");
      // Another copy started meanwhile waits here, then finds the rows.
      await client.query("LOCK TABLE users IN EXCLUSIVE MODE");
      const again = await tablesWithData(client);
      if (again.length) throw new TargetNotEmptyError(again.join(", "));
      for (const table of Object.keys(SEEDED_BY_MIGRATIONS)) await client.query(`DELETE FROM ${quote(table)}`);
      for (const table of tablesInDependencyOrder()) {
        let copied = 0;
        const names = table.columns.map((column) => quote(column.name)).join(", ");
        for (const chunk of sqliteChunks(source, table)) {
          const values: unknown[] = [];
          const tuples = chunk.map((row) => {
            const start = values.length;
            row.forEach((value, i) => values.push(parameter(table.columns[i], value)));
            return `(${row.map((_, i) => `$${start + i + 1}`).join(", ")})`;
          });
          await client.query(
            `INSERT INTO ${quote(table.name)} (${names}) ${table.identity ? "OVERRIDING SYSTEM VALUE " : ""}VALUES ${tuples.join(", ")}`,
            values,
          );
          copied += chunk.length;
        }
        if (table.identity) {
          // The next id PostgreSQL hands out comes after the largest copied (or is 1 for an empty table).
          await client.query(
            `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${quote(table.identity)}) FROM ${quote(table.name)}), 0) + 1, false)`,
            [table.name, table.identity],
          );
        }
        onTable(table.name, copied);
      }
      await client.query("COMMIT");
      // The planner's statistics and the visibility map for the copied rows now, not when autovacuum
      // gets to them: the first requests after the move are planned on the real numbers.
      await client.query("VACUUM (ANALYZE)");
      return await compareDatabases(source, client);
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      source.exec("COMMIT");
    }
  } finally {
    await client.end();
    source.close();
  }
}
