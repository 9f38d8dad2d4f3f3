// Which database a test's fixtures and queries use: SQLite files, or on the PostgreSQL run (TEST_DB=postgres)
// copies of the run's migrated template.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { closeDb, getDb, migrateDatabase } from "@/db/client";
import { config } from "@/lib/config";
import { dropDatabase, onPostgres, templateCopy } from "./test-postgres";

export { onPostgres };

/**
 * A fresh database with the real migrations for this test file: call at the top of a file or describe.
 * Returns a getter for reads, since the database opens in beforeAll (writes go through `transaction`).
 * DATA_DIR is a fresh folder either way (uploads, the session secret).
 */
export function useTestDatabase() {
  let dir = "";
  let url = "";
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-test-"));
    process.env.DATA_DIR = dir;
    if (onPostgres) url = process.env.DATABASE_URL = await templateCopy("test");
    await migrateDatabase();
  });
  afterAll(async () => {
    await closeDb();
    if (url) await dropDatabase(url);
    delete process.env.DATABASE_URL;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => getDb();
}

/**
 * The database of a server a test starts for itself, for `startServer({ databaseUrl })`: on SQLite none
 * (the server keeps its database in its DATA_DIR), on PostgreSQL a fresh copy of the migrated template.
 */
export async function newServerDatabase(): Promise<string> {
  return onPostgres ? templateCopy("server") : "";
}

/** Points this test process's data layer (fixtures, reads) at the database of a server the test runs. */
export function pointAtServer(server: { dataDir: string; databaseUrl: string }): void {
  process.env.DATA_DIR = server.dataDir;
  process.env.DATABASE_URL = server.databaseUrl;
}

/**
 * Top of an end-to-end test file: fixtures and reads go to the database of the e2e run's server (its
 * DATA_DIR, and its DATABASE_URL on PostgreSQL; tests/e2e/support/global-setup.ts), closed after the file.
 */
export function useServerDatabase(): void {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir)
    throw new Error("No server data folder: run e2e tests through jest (tests/e2e/support/global-setup.ts)");
  pointAtServer({ dataDir, databaseUrl: process.env.E2E_DATABASE_URL ?? "" });
  afterAll(() => closeDb());
}

/**
 * Makes the test's database itself refuse every insert into `table` with `message` (a trigger, SQLite's or
 * PostgreSQL's), until the returned function removes it: a failure in the middle of a transaction.
 */
export async function refuseInserts(table: string, message: string): Promise<() => Promise<void>> {
  const trigger = `refuse_${table}`;
  if (!onPostgres) {
    const sqlite = new Database(config.databaseFile);
    sqlite.exec(`CREATE TRIGGER ${trigger} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END;`);
    return async () => {
      sqlite.exec(`DROP TRIGGER ${trigger}`);
      sqlite.close();
    };
  }
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  await client.query(
    `CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${message}'; END $$`,
  );
  await client.query(`CREATE TRIGGER ${trigger} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${trigger}()`);
  return async () => {
    await client.query(`DROP TRIGGER ${trigger} ON ${table}`);
    await client.query(`DROP FUNCTION ${trigger}()`);
    await client.end();
  };
}

/**
 * Lines up concurrent transactions on PostgreSQL: holds writes to `table` (LOCK TABLE … IN SHARE MODE,
 * reads go on), so that transactions started meanwhile pass their checks and queue up at their writes or
 * at the rows another one locked. `release(waiting)` waits until that many of them wait for a lock, then
 * lets them go. SQLite runs one transaction at a time: there is nothing to line up, `release` returns.
 */
export async function holdWrites(table: string): Promise<{ release(waiting: number): Promise<void> }> {
  if (!onPostgres) return { release: async () => {} };
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  await client.query("BEGIN");
  await client.query(`LOCK TABLE ${table} IN SHARE MODE`);
  return {
    async release(waiting: number) {
      try {
        for (let tries = 0; ; tries++) {
          // Inside a transaction the statistics views answer from a snapshot, unless it is cleared.
          await client.query("SELECT pg_stat_clear_snapshot()");
          const { rows } = await client.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
          );
          if (rows[0].n >= waiting) break;
          if (tries > 500) throw new Error(`${rows[0].n} transactions wait for a lock, not ${waiting}`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      } finally {
        await client.query("COMMIT");
        await client.end();
      }
    },
  };
}
