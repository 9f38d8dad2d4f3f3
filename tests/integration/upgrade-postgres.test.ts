import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { startPostgres, type TestPostgres } from "../support/postgres";

// The PostgreSQL side of the upgrade: a database at the previous release's migrations, with consents kept
// as the two columns of customers, moves them into consent records when today's migrations run.

const MIGRATIONS = "db/migrations-pg";
/** The migrations of release 0.1's PostgreSQL schema (before the consent register). */
const RELEASE_TAGS = ["0000_init", "0001_email_retries"];

let server: TestPostgres;
let pool: pg.Pool;
let oldMigrations: string;

beforeAll(async () => {
  server = await startPostgres();
  pool = new pg.Pool({ connectionString: server.url, max: 2 });
  oldMigrations = fs.mkdtempSync(path.join(os.tmpdir(), "salon-crm-pg-release-"));
  fs.mkdirSync(path.join(oldMigrations, "meta"));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  journal.entries = journal.entries.filter((entry) => RELEASE_TAGS.includes(entry.tag));
  expect(journal.entries).toHaveLength(RELEASE_TAGS.length);
  fs.writeFileSync(path.join(oldMigrations, "meta", "_journal.json"), JSON.stringify(journal));
  for (const tag of RELEASE_TAGS)
    fs.copyFileSync(path.join(MIGRATIONS, `${tag}.sql`), path.join(oldMigrations, `${tag}.sql`));
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await server?.stop();
  if (oldMigrations) fs.rmSync(oldMigrations, { recursive: true, force: true });
}, 30_000);

test("consents kept in the old columns become records, and the columns go", async () => {
  const db = drizzle(pool);
  await migrate(db, { migrationsFolder: oldMigrations });
  const phoneAt = new Date("2026-05-04T10:11:12.345Z");
  const emailAt = new Date("2026-06-01T08:00:00.001Z");
  const inserted = await pool.query<{ id: number }>(
    `INSERT INTO customers (first_name, last_name, phone, email, consent_phone_at, consent_email_at) VALUES
       ('Ala', 'Oba', '+48600000001', 'ala@klient.pl', $1, $2),
       ('Bea', 'Telefon', '+48600000002', NULL, $1, NULL),
       ('Cezary', 'Bez', '+48600000003', 'cezary@klient.pl', NULL, NULL)
     RETURNING id`,
    [phoneAt, emailAt],
  );
  const [both, phoneOnly, none] = inserted.rows.map((row) => row.id);

  await migrate(db, { migrationsFolder: MIGRATIONS });

  const records = await pool.query(
    "SELECT customer_id, channel, granted, recorded_by_id, source, text, recorded_at FROM consent_records ORDER BY customer_id, channel",
  );
  expect(records.rows).toEqual([
    {
      customer_id: both,
      channel: "email",
      granted: true,
      recorded_by_id: null,
      source: "showroom",
      text: null,
      recorded_at: emailAt,
    },
    {
      customer_id: both,
      channel: "phone",
      granted: true,
      recorded_by_id: null,
      source: "showroom",
      text: null,
      recorded_at: phoneAt,
    },
    {
      customer_id: phoneOnly,
      channel: "phone",
      granted: true,
      recorded_by_id: null,
      source: "showroom",
      text: null,
      recorded_at: phoneAt,
    },
  ]);
  expect(records.rows.some((row) => row.customer_id === none)).toBe(false);
  const columns = await pool.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_name = 'customers'",
  );
  expect(columns.rows.map((row) => row.column_name)).not.toContain("consent_phone_at");
  expect(columns.rows.map((row) => row.column_name)).not.toContain("consent_email_at");
});

test("an event of the log cannot be changed, only removed", async () => {
  const { rows } = await pool.query<{ id: number }>(
    "INSERT INTO audit_events (kind, details) VALUES ('sign_in', '{}') RETURNING id",
  );
  await expect(
    pool.query("UPDATE audit_events SET kind = 'settings_changed' WHERE id = $1", [rows[0].id]),
  ).rejects.toThrow(/append-only/);
  await pool.query("DELETE FROM audit_events WHERE id = $1", [rows[0].id]);
  expect((await pool.query("SELECT count(*)::int AS n FROM audit_events")).rows[0].n).toBe(0);
});
