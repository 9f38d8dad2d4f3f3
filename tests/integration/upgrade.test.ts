import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { ne } from "drizzle-orm";
import { closeDb, getDb, migrateDatabase, openDatabase } from "@/db/client";
import { processes, showrooms, userShowrooms } from "@/db/schema";
import type { Role } from "@/lib/domain";
import { listProcesses } from "@/lib/processes/queries";
import { parseListFilters } from "@/lib/processes/schema";
import { filterShowrooms, hasSeveralShowrooms } from "@/lib/showrooms/queries";

// A database made by the previous release (0.1: the demo dealership as `npm run demo` seeded it, with some
// consents given and a failed sign-in), kept as SQL: every migration since must upgrade it without loss,
// to the same schema a fresh installation gets.
const RELEASE_DUMP = path.join(__dirname, "..", "fixtures", "release-0.1.sqlite.sql.gz");

function releaseDatabase(dir: string): string {
  const file = path.join(dir, "salon-crm.sqlite");
  const sqlite = new Database(file);
  sqlite.exec(zlib.gunzipSync(fs.readFileSync(RELEASE_DUMP)).toString("utf8"));
  sqlite.close();
  return file;
}

function schemaOf(sqlite: Database.Database): string[] {
  return (
    sqlite
      .prepare("select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by type, name")
      .all() as { type: string; name: string; sql: string | null }[]
  ).map((row) => `${row.type} ${row.name}: ${(row.sql ?? "").replace(/\s+/g, " ")}`);
}

const rowCounts = (sqlite: Database.Database, tables: string[]) =>
  Object.fromEntries(
    tables.map((table) => [table, (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n]),
  );

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-upgrade-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the previous release's database upgrades to today's schema and keeps every row", () => {
  const file = releaseDatabase(dir);
  const before = new Database(file, { readonly: true });
  const tables = ["users", "customers", "processes", "process_events", "tasks", "notes", "notifications"];
  const counts = rowCounts(before, tables);
  const sample = before.prepare("select id, status, owner_id, customer_id from processes order by id").all();
  // Release 0.1 kept consents as two columns of customers: each given one must come out as a record.
  const consentColumns = before
    .prepare("select id, consent_phone_at, consent_email_at from customers order by id")
    .all() as { id: number; consent_phone_at: number | null; consent_email_at: number | null }[];
  before.close();
  const expectedConsents = consentColumns
    .flatMap((row) => [
      ...(row.consent_phone_at === null ? [] : [{ customer_id: row.id, channel: "phone", at: row.consent_phone_at }]),
      ...(row.consent_email_at === null ? [] : [{ customer_id: row.id, channel: "email", at: row.consent_email_at }]),
    ])
    .map(({ customer_id, channel, at }) => ({
      customer_id,
      channel,
      granted: 1,
      recorded_by_id: null,
      source: "showroom",
      text: null,
      recorded_at: at,
    }))
    .sort((a, b) => a.customer_id - b.customer_id || a.channel.localeCompare(b.channel));
  expect(expectedConsents.filter((row) => row.channel === "phone").length).toBeGreaterThan(50);
  expect(expectedConsents.filter((row) => row.channel === "email").length).toBeGreaterThan(20);
  expect(counts.processes).toBeGreaterThan(300);

  const upgraded = openDatabase(file); // applies every migration since
  const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-fresh-"));
  const fresh = openDatabase(path.join(freshDir, "salon-crm.sqlite"));
  try {
    expect(schemaOf(upgraded.$client)).toEqual(schemaOf(fresh.$client));
    expect(rowCounts(upgraded.$client, tables)).toEqual(counts);
    expect(
      upgraded.$client.prepare("select id, status, owner_id, customer_id from processes order by id").all(),
    ).toEqual(sample);
    expect(
      upgraded.$client
        .prepare(
          "select customer_id, channel, granted, recorded_by_id, source, text, recorded_at from consent_records order by customer_id, channel",
        )
        .all(),
    ).toEqual(expectedConsents);
    const customerColumns = (upgraded.$client.pragma("table_info(customers)") as { name: string }[]).map((c) => c.name);
    expect(customerColumns).not.toContain("consent_phone_at");
    expect(customerColumns).not.toContain("consent_email_at");
    expect(upgraded.$client.pragma("foreign_key_check")).toEqual([]);
    expect(upgraded.$client.pragma("integrity_check", { simple: true })).toBe("ok");
  } finally {
    upgraded.$client.close();
    fresh.$client.close();
    fs.rmSync(freshDir, { recursive: true, force: true });
  }
});

test("the previous release's installation becomes one showroom named after the dealership, with nothing else changing for its users", async () => {
  const file = releaseDatabase(dir);
  const before = new Database(file, { readonly: true });
  const byStatus = (where = "", ...params: unknown[]) =>
    Object.fromEntries(
      (
        before.prepare(`select status, count(*) as n from processes ${where} group by status`).all(...params) as {
          status: string;
          n: number;
        }[]
      ).map((row) => [row.status, row.n]),
    );
  const everyone = before.prepare("select id, role from users order by id").all() as { id: number; role: Role }[];
  const manager = everyone.find((user) => user.role === "manager")!;
  const salesperson = everyone.find((user) => user.role === "salesperson")!;
  const allStatuses = byStatus();
  const own = byStatus("where owner_id = ?", salesperson.id);
  before.close();

  // What `npm start` does: migrate, then the first showroom takes DEALER_NAME.
  process.env.DATA_DIR = dir;
  process.env.DEALER_NAME = "Auto Nowak";
  try {
    await migrateDatabase();
    const db = getDb();
    const rooms = await db.select().from(showrooms);
    expect(rooms).toEqual([expect.objectContaining({ name: "Auto Nowak", address: "", phone: null, active: true })]);
    const [room] = rooms;
    expect(
      (await db.select().from(userShowrooms).orderBy(userShowrooms.userId)).map((m) => [m.userId, m.showroomId]),
    ).toEqual(everyone.map((user) => [user.id, room.id]));
    const elsewhere = await db.select({ id: processes.id }).from(processes).where(ne(processes.showroomId, room.id));
    expect(elsewhere).toEqual([]);

    // The same lists as before: a manager every process, a salesperson their own; no filter by showroom.
    const counts = async (viewer: { id: number; role: Role }) =>
      Object.fromEntries(
        Object.entries((await listProcesses({ user: viewer, filters: parseListFilters({}) }))!.counts).filter(
          ([, n]) => n > 0,
        ),
      );
    expect(await counts(manager)).toEqual(allStatuses);
    expect(await counts(salesperson)).toEqual(own);
    expect(await filterShowrooms(manager)).toHaveLength(1);
    expect(await hasSeveralShowrooms()).toBe(false);

    // The name is given once: a later start with another DEALER_NAME leaves it (an admin renames in "Salony").
    process.env.DEALER_NAME = "Inna Nazwa";
    await migrateDatabase();
    expect((await getDb().select({ name: showrooms.name }).from(showrooms)).map((r) => r.name)).toEqual(["Auto Nowak"]);
  } finally {
    delete process.env.DEALER_NAME;
    closeDb();
  }
});
