// npm run db:copy: a seeded SQLite installation (DATA_DIR) moved into an empty PostgreSQL database of the
// run's cluster, then read through the app on both.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import pg from "pg";
import { closeDb, getDb, migrateDatabase, rawRows } from "@/db/client";
import { compareDatabases, tablesInDependencyOrder } from "@/db/copy";
import { seedDemo } from "@/db/seed";
import { listProcesses } from "@/lib/processes/queries";
import { parseListFilters } from "@/lib/processes/schema";
import { config } from "@/lib/config";
import { attachTestFile, findUserByEmail, insertProcess, insertTask, insertUser } from "../support/fixtures";
import { createDatabase } from "../support/postgres";
import { dropDatabase } from "../support/test-postgres";

const run = promisify(execFile);
const tsx = require.resolve("tsx/cli");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-copy-src-"));
const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-copy-uploads-"));
let targetUrl = "";

/** npm run db:copy as a dealer runs it; resolves with its exit code and output. */
async function dbCopy(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [tsx, "--conditions=react-server", "scripts/db-copy.ts", ...args],
      {
        env: { ...process.env, DATA_DIR: dataDir, UPLOADS_DIR: uploadsDir, DATABASE_URL: "" },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const onSqlite = () => {
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = "";
};
const onPostgres = () => {
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = targetUrl;
};

beforeAll(async () => {
  // The installation: the demo dealership, a file attached to a task, NUL-free Polish text, an inactive user.
  onSqlite();
  await migrateDatabase();
  await seedDemo(new Date("2026-11-20T10:00:00Z"));
  const seller = await insertUser("salesperson", { name: "Żaneta Łódzka", active: false });
  const process_ = await insertProcess(seller.id, { customer: { firstName: "Źdźbło", lastName: 'O\'Brien "cytat"' } });
  const task = await insertTask(process_.id, seller.id);
  await attachTestFile(task.id, seller.id, "umowa końcowa.pdf");
  await closeDb();
  // An instant written by hand with a fraction of a millisecond, as the bench's seed does: the app reads it
  // without the fraction, and so does the copy.
  const sqlite = new Database(path.join(dataDir, "salon-crm.sqlite"));
  sqlite.prepare("UPDATE tasks SET created_at = created_at + 0.25 WHERE id = ?").run(task.id);
  sqlite.close();
  const name = `copy_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  targetUrl = await createDatabase(process.env.TEST_POSTGRES_URL!, name);
  // A server already started once on it (and stopped for want of ADMIN_EMAIL): migrated, with only the
  // rows the migrations write.
  onPostgres();
  await migrateDatabase();
  await closeDb();
}, 60_000);

afterAll(async () => {
  await closeDb();
  if (targetUrl) await dropDatabase(targetUrl);
  delete process.env.DATABASE_URL;
  for (const dir of [dataDir, uploadsDir]) fs.rmSync(dir, { recursive: true, force: true });
});

test("db:copy moves every table and file into an empty PostgreSQL database, checked table by table", async () => {
  const copy = await dbCopy("--to", targetUrl);
  expect(copy.stderr).toBe("");
  expect(copy.code).toBe(0);
  const tables = tablesInDependencyOrder().map((table) => table.name);
  // Parents before the rows that name them.
  expect(tables.indexOf("users")).toBeLessThan(tables.indexOf("processes"));
  expect(tables.indexOf("customers")).toBeLessThan(tables.indexOf("processes"));
  expect(tables.indexOf("tasks")).toBeLessThan(tables.indexOf("task_files"));
  expect(tables.indexOf("notes")).toBeLessThan(tables.indexOf("notifications"));
  // The printed table: one line per table, every one "zgodne".
  for (const table of tables)
    expect(copy.stdout).toMatch(new RegExp(`^${table} +\\d+ +\\d+ +[0-9a-f]{32} +[0-9a-f]{32} +zgodne$`, "m"));
  expect(copy.stdout).toContain("wszystkie tabele zgodne");

  // Counted again here, through the app's data layer on each database.
  const counts = async () => {
    const result: Record<string, number> = {};
    for (const { name, identity } of tablesInDependencyOrder()) {
      const [{ n, top }] = await rawRows<{ n: number; top: number | null }>(
        getDb(),
        sql`SELECT count(*) AS "n", ${identity ? sql`max(${sql.identifier(identity)})` : sql`NULL`} AS "top" FROM ${sql.identifier(name)}`,
      );
      result[name] = n;
      if (top !== null) result[`${name} max id`] = Number(top);
    }
    await closeDb();
    return result;
  };
  onSqlite();
  const before = await counts();
  onPostgres();
  const after = await counts();
  expect(before.notes).toBeGreaterThan(10);
  expect(after).toEqual(before);

  // The checksums, recomputed from both databases.
  const source = new Database(path.join(dataDir, "salon-crm.sqlite"), { readonly: true });
  const target = new pg.Client({ connectionString: targetUrl });
  await target.connect();
  try {
    const reports = await compareDatabases(source, target);
    expect(reports.map((r) => r.table)).toEqual(tables);
    for (const report of reports) {
      expect({ table: report.table, rows: report.targetRows, sum: report.targetChecksum }).toEqual({
        table: report.table,
        rows: report.sourceRows,
        sum: report.sourceChecksum,
      });
    }
  } finally {
    await target.end();
    source.close();
  }

  // A page read through the app: the administrator's "Procesy", equal on both.
  const list = async () => {
    const admin = await findUserByEmail("admin@salon.demo");
    const page = await listProcesses({
      user: admin,
      filters: parseListFilters({}),
      now: new Date("2026-11-25T10:00:00Z"),
    });
    await closeDb();
    return page;
  };
  onSqlite();
  const sqlitePage = await list();
  onPostgres();
  const postgresPage = await list();
  expect(sqlitePage!.rows.length).toBeGreaterThan(5);
  expect(postgresPage).toEqual(sqlitePage);

  // The files, byte for byte, in UPLOADS_DIR.
  const files = fs.readdirSync(path.join(dataDir, "uploads"));
  expect(files).toHaveLength(1);
  expect(fs.readFileSync(path.join(uploadsDir, files[0]))).toEqual(
    fs.readFileSync(path.join(dataDir, "uploads", files[0])),
  );

  // New rows on PostgreSQL get ids after the copied ones.
  onPostgres();
  const newcomer = await insertUser("salesperson");
  expect(newcomer.id).toBe(before["users max id"] + 1);
  expect(config.databaseUrl).toBe(targetUrl);
  await closeDb();
}, 180_000);

test("db:copy refuses a database that already holds rows, and says so", async () => {
  const again = await dbCopy("--to", targetUrl);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain("Baza docelowa nie jest pusta (wiersze w tabelach:");
  expect(again.stderr).toContain("users");
  expect(again.stdout).not.toContain("zgodne");

  const usage = await dbCopy("--to", "/tmp/baza.sqlite");
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain("Użycie: DATA_DIR=");
}, 120_000);
