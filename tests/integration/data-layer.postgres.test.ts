import fs from "node:fs";
import { sql } from "drizzle-orm";
import pg from "pg";
import { closeDb, defineStatement, getDb, rawRows, withAdvisoryLock } from "@/db/client";
import { openPostgres } from "@/db/postgres";
import { users } from "@/db/schema";
import { config } from "@/lib/config";
import { createDatabase } from "../support/postgres";
import { useTestDatabase } from "../support/database";
import { dropDatabase } from "../support/test-postgres";

// PostgreSQL only: what the PostgreSQL connection does that SQLite has no counterpart for.

useTestDatabase();

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

afterEach(() => {
  delete process.env.DATABASE_POOL_SIZE;
  delete process.env.DATABASE_STATEMENT_TIMEOUT_MS;
});

test("several servers starting at once on an empty database: one applies the migrations, the others wait and find them done", async () => {
  const url = await createDatabase(process.env.TEST_POSTGRES_URL!, `empty_${process.pid}`);
  const servers = [openPostgres(url), openPostgres(url), openPostgres(url)];
  try {
    await Promise.all(servers.map((server) => server.migrate()));
    const journal = JSON.parse(fs.readFileSync("db/migrations-pg/meta/_journal.json", "utf8")) as {
      entries: unknown[];
    };
    const applied = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
    expect(applied).toEqual([{ n: journal.entries.length }]);
    const [user] = await servers[2].reader
      .insert(users)
      .values({ name: "Pierwszy", email: "pierwszy@salon.pl", passwordHash: "x", role: "admin" })
      .returning();
    expect(user).toMatchObject({ id: 1, active: true, createdAt: expect.any(Date) });
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    await dropDatabase(url);
  }
});

test("a defined statement is prepared on the server once, under a name taken from its SQL", async () => {
  const byName = defineStatement((db) =>
    db
      .select({ id: users.id })
      .from(users)
      .where(sql`${users.name} = ${sql.placeholder("name")}`),
  );
  // One connection, so that the second run meets the statement the first one prepared.
  process.env.DATABASE_POOL_SIZE = "1";
  await closeDb();
  expect(await byName({}).all({ name: "nikt" })).toEqual([]);
  expect(await byName({}).get({ name: "nikt" })).toBeUndefined();
  // The query reading them is prepared too (a rawRows without parameters runs as a named statement).
  const prepared = (
    await rawRows<{ name: string; statement: string }>(getDb(), sql`SELECT name, statement FROM pg_prepared_statements`)
  ).filter((row) => !row.statement.includes("pg_prepared_statements"));
  expect(prepared).toHaveLength(1);
  expect(prepared[0].name).toMatch(/^s_[0-9a-f]{24}$/);
  expect(prepared[0].statement).toContain('from "users" where "users"."name" = $1');
});

test("DATABASE_POOL_SIZE bounds the connections, DATABASE_STATEMENT_TIMEOUT_MS the time of a statement", async () => {
  process.env.DATABASE_POOL_SIZE = "2";
  process.env.DATABASE_STATEMENT_TIMEOUT_MS = "500";
  await closeDb();
  expect(config.databasePoolSize).toBe(2);
  const backends = await Promise.all(
    Array.from({ length: 6 }, () =>
      rawRows<{ pid: number }>(getDb(), sql`SELECT pg_backend_pid() AS "pid", pg_sleep(0.05)`),
    ),
  );
  expect(new Set(backends.map(([row]) => row.pid)).size).toBe(2);
  await expect(rawRows(getDb(), sql`SELECT pg_sleep(2)`)).rejects.toMatchObject({ cause: { code: "57014" } });
  // The connection that was cancelled serves the next query.
  expect(await rawRows(getDb(), sql`SELECT 1 AS "one"`)).toEqual([{ one: 1 }]);
});

test("closeDb ends the pool's connections", async () => {
  await rawRows(getDb(), sql`SELECT 1`);
  const connected = () =>
    query<{ n: number }>(
      config.databaseUrl,
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'salon-crm'",
    );
  expect((await connected())[0].n).toBeGreaterThan(0);
  await closeDb();
  expect(await connected()).toEqual([{ n: 0 }]);
});

test("withAdvisoryLock: holders of the same lock take turns, other locks do not wait", async () => {
  const order: string[] = [];
  const hold = (name: string, label: string, ms: number) =>
    withAdvisoryLock(name, async () => {
      order.push(`${label} in`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      order.push(`${label} out`);
    });
  const first = hold("przypomnienia", "a", 300);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await Promise.all([first, hold("przypomnienia", "b", 10), hold("poczta", "c", 10)]);
  expect(order).toEqual(["a in", "c in", "c out", "a out", "b in", "b out"]);
});
