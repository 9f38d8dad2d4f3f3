import { getTableColumns, getTableName, is, SQL, type Column, type Table } from "drizzle-orm";
import { getTableConfig as pgTableConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import * as pgSchema from "@/db/schema.pg";
import * as sqliteSchema from "@/db/schema";

// One query serves both databases only if both schema files describe the same tables: this compares them
// in what a query or a constraint can notice (the SQL types differ by design and are mapped in schema.pg.ts).

type TableConfig = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;

const sqliteTables = tablesOf(sqliteSchema, SQLiteTable);
const pgTables = tablesOf(pgSchema, PgTable);

function tablesOf(schema: Record<string, unknown>, kind: typeof SQLiteTable | typeof PgTable): Record<string, Table> {
  return Object.fromEntries(Object.entries(schema).filter((entry): entry is [string, Table] => is(entry[1], kind)));
}

function columnShape(column: Column) {
  const identity =
    "generatedIdentity" in column ? (column.generatedIdentity as { type?: string } | undefined) : undefined;
  return {
    name: column.name,
    // Both dialects' builders report what JavaScript gets back: number, string, boolean, date.
    dataType: column.dataType,
    enumValues: column.enumValues ?? [],
    notNull: column.notNull,
    primaryKey: column.primary,
    // SQLite's AUTOINCREMENT and PostgreSQL's identity by default: generated, yet explicit ids are accepted.
    generatedId: "autoIncrement" in column ? Boolean(column.autoIncrement) : identity?.type === "byDefault",
    hasDefault: column.hasDefault,
    // A literal default must be the same value; a SQL default (unixepoch…, now()) is "the current time".
    default: is(column.default, SQL) ? "sql" : column.default,
  };
}

function tableShape(table: Table, config: TableConfig) {
  const names = (columns: readonly { name: string }[]) => columns.map((column) => column.name);
  return {
    name: config.name,
    columns: Object.fromEntries(
      Object.entries(getTableColumns(table)).map(([key, column]) => [key, columnShape(column)]),
    ),
    primaryKeys: config.primaryKeys.map((key) => names(key.columns)),
    indexes: config.indexes
      .map(({ config: index }) => ({
        name: index.name,
        columns: index.columns.map((column) => (is(column, SQL) ? "sql" : (column as { name: string }).name)),
        unique: Boolean(index.unique),
      }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    foreignKeys: config.foreignKeys
      .map((key) => {
        const reference = key.reference();
        return {
          columns: names(reference.columns),
          foreignTable: getTableName(reference.foreignTable),
          foreignColumns: names(reference.foreignColumns),
          // drizzle leaves SQLite's unset action undefined and calls PostgreSQL's "no action": the same thing.
          onDelete: key.onDelete ?? "no action",
          onUpdate: key.onUpdate ?? "no action",
        };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    uniqueConstraints: config.uniqueConstraints.map((constraint) => names(constraint.columns)),
    checks: config.checks.map((check) => check.name),
  };
}

test("both schemas export the same tables under the same names", () => {
  expect(Object.keys(sqliteTables).length).toBeGreaterThan(0);
  expect(Object.keys(pgTables).sort()).toEqual(Object.keys(sqliteTables).sort());
});

describe.each(Object.keys(sqliteTables))("table %s", (exportName) => {
  test("PostgreSQL has the same columns, keys, indexes and foreign keys as SQLite", () => {
    const sqlite = sqliteTables[exportName] as SQLiteTable;
    const pg = pgTables[exportName] as PgTable | undefined;
    expect(pg).toBeDefined();
    const expected = tableShape(sqlite, sqliteTableConfig(sqlite));
    expect(tableShape(pg!, pgTableConfig(pg!))).toEqual(expected);
    // A comparison of two empty shapes would prove nothing.
    expect(Object.keys(expected.columns).length).toBeGreaterThan(1);
  });
});
