import fs from "node:fs";
import path from "node:path";
import { eq, getTableName, is } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import pg from "pg";
import * as schema from "@/db/schema.pg";
import { portIsOpen } from "../support/net";
import { createDatabase, startPostgres, type TestPostgres } from "../support/postgres";
import { processIsAlive } from "../support/system-users";

// The throwaway cluster the PostgreSQL tests run on, with the committed PostgreSQL migrations.

const tables = Object.values(schema as Record<string, unknown>).filter((value): value is PgTable => is(value, PgTable));

let server: TestPostgres;
let pool: pg.Pool;
let db: NodePgDatabase<typeof schema>;

beforeAll(async () => {
  server = await startPostgres();
  pool = new pg.Pool({ connectionString: server.url, max: 2 });
  db = drizzle(pool, { schema });
  await migrate(db, { migrationsFolder: "db/migrations-pg" });
}, 60_000);

afterAll(async () => {
  await pool?.end();
  await server?.stop();
}, 30_000);

test("the migrations create every table, column and index of db/schema.pg.ts", async () => {
  const columns = await pool.query<{ table_name: string; column_name: string; is_nullable: "YES" | "NO" }>(
    "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'",
  );
  const indexes = await pool.query<{ indexname: string }>(
    "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'",
  );
  const inDatabase = columns.rows.map(
    (row) => `${row.table_name}.${row.column_name} ${row.is_nullable === "NO" ? "not null" : "null"}`,
  );
  const inSchema = tables.flatMap((table) =>
    getTableConfig(table).columns.map(
      (column) => `${getTableName(table)}.${column.name} ${column.notNull ? "not null" : "null"}`,
    ),
  );
  expect(inSchema.length).toBeGreaterThan(50);
  expect(inDatabase.sort()).toEqual(inSchema.sort());
  const indexNames = indexes.rows.map((row) => row.indexname);
  for (const table of tables) {
    for (const index of getTableConfig(table).indexes) expect(indexNames).toContain(index.config.name);
  }
});

test("a user, a customer, a process and a task go in and come back through drizzle", async () => {
  const dueAt = new Date("2026-07-01T08:15:30.123Z");
  const before = Date.now();
  const [user] = await db
    .insert(schema.users)
    .values({ name: "Anna Nowak", email: "anna@salon.pl", passwordHash: "x", role: "salesperson" })
    .returning();
  const [customer] = await db
    .insert(schema.customers)
    .values({ lastName: "Kowalski", phone: "+48601234567" })
    .returning();
  const [showroom] = await db.insert(schema.showrooms).values({ name: "Salon Centrum" }).returning();
  const [salesProcess] = await db
    .insert(schema.processes)
    .values({
      customerId: customer.id,
      showroomId: showroom.id,
      ownerId: user.id,
      source: "showroom",
      brand: "Škoda",
      model: "Octavia",
    })
    .returning();
  const [task] = await db
    .insert(schema.tasks)
    .values({
      processId: salesProcess.id,
      assigneeId: user.id,
      plannedById: user.id,
      goal: "test_drive",
      allDay: true,
      dueAt,
    })
    .returning();

  for (const id of [user.id, customer.id, salesProcess.id, task.id]) expect(typeof id).toBe("number");

  const [row] = await db
    .select({ task: schema.tasks, process: schema.processes, customer: schema.customers, user: schema.users })
    .from(schema.tasks)
    .innerJoin(schema.processes, eq(schema.processes.id, schema.tasks.processId))
    .innerJoin(schema.customers, eq(schema.customers.id, schema.processes.customerId))
    .innerJoin(schema.users, eq(schema.users.id, schema.processes.ownerId))
    .where(eq(schema.tasks.id, task.id));
  expect(row.task.dueAt).toBeInstanceOf(Date);
  expect(row.task.dueAt.getTime()).toBe(dueAt.getTime());
  expect(row.task.allDay).toBe(true);
  expect(row.task.state).toBe("planned");
  expect(row.task.doneAt).toBeNull();
  expect(row.user.active).toBe(true);
  expect(row.process).toMatchObject({ brand: "Škoda", model: "Octavia", status: "new", customerId: customer.id });
  expect(row.customer).toMatchObject({ firstName: "", lastName: "Kowalski", phone: "+48601234567" });
  // now() defaults are the current time.
  expect(row.process.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  expect(row.process.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
});

test("explicit ids are accepted, as a copy from SQLite needs", async () => {
  const [customer] = await db.insert(schema.customers).values({ id: 4242, lastName: "Przeniesiony" }).returning();
  expect(customer.id).toBe(4242);
  const [read] = await db.select().from(schema.customers).where(eq(schema.customers.id, 4242));
  expect(read.lastName).toBe("Przeniesiony");
});

test("constraints hold: a duplicate e-mail and a task of a missing process are refused", async () => {
  const user = { name: "Jan", email: "jan@salon.pl", passwordHash: "x", role: "manager" as const };
  await db.insert(schema.users).values(user);
  await expect(db.insert(schema.users).values(user)).rejects.toMatchObject({ cause: { code: "23505" } });
  await expect(
    db
      .insert(schema.tasks)
      .values({ processId: 999_999, assigneeId: 1, plannedById: 1, goal: "other", dueAt: new Date() }),
  ).rejects.toMatchObject({ cause: { code: "23503" } });
});

test("createDatabase makes another, empty database on the same cluster", async () => {
  const url = await createDatabase(server.url, "harness_second");
  expect(url).toBe(server.url.replace(/\/salon$/, "/harness_second"));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "SELECT current_database() AS name, count(*)::int AS tables FROM information_schema.tables WHERE table_schema = 'public'",
    );
    expect(rows[0]).toEqual({ name: "harness_second", tables: 0 });
  } finally {
    await client.end();
  }
  await expect(createDatabase(server.url, "Robert'); DROP")).rejects.toThrow("is not a plain database name");
});

test("createDatabase copies a migrated template, so migrations can run once per test run", async () => {
  const templateUrl = await createDatabase(server.url, "harness_template");
  const templatePool = new pg.Pool({ connectionString: templateUrl, max: 1 });
  try {
    await migrate(drizzle(templatePool), { migrationsFolder: "db/migrations-pg" });
    await templatePool.query("INSERT INTO customers (last_name) VALUES ('Wzorcowy')");
  } finally {
    await templatePool.end();
  }
  const copy = new pg.Client({
    connectionString: await createDatabase(server.url, "harness_copy", { template: "harness_template" }),
  });
  await copy.connect();
  try {
    const { rows } = await copy.query("SELECT last_name FROM customers");
    expect(rows).toEqual([{ last_name: "Wzorcowy" }]);
  } finally {
    await copy.end();
  }
});

test("stop() shuts the server down and removes its folder", async () => {
  const other = await startPostgres();
  const port = Number(new URL(other.url).port);
  const postmaster = Number(fs.readFileSync(path.join(other.dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
  expect(port).not.toBe(Number(new URL(server.url).port));
  expect(await portIsOpen(port)).toBe(true);
  expect(processIsAlive(postmaster)).toBe(true);

  await other.stop();
  expect(processIsAlive(postmaster)).toBe(false);
  expect(await portIsOpen(port)).toBe(false);
  expect(fs.existsSync(other.dir)).toBe(false);
}, 60_000);
