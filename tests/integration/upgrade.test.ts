import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { openDatabase } from "@/db/client";

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
