import Database from "better-sqlite3";
import { isNotNull, ne } from "drizzle-orm";
import { transaction } from "@/db/client";
import { customers, users, type User } from "@/db/schema";
import { seedProcesses } from "@/db/seed-processes";
import { config } from "@/lib/config";
import { listProcesses, processListQuery } from "@/lib/processes/queries";
import { parseListFilters } from "@/lib/processes/schema";
import { useTestDatabase } from "../support/database";
import { insertUser } from "../support/fixtures";

// The list over tens of thousands of processes: every filtered case reads an index, never the whole table.
const db = useTestDatabase();
const COUNT = 20_000;

let salespeople: User[];
let manager: User;
/** SQLite's own connection, for what only SQLite has: ANALYZE and query plans. */
let sqlite: Database.Database;
beforeAll(async () => {
  salespeople = [];
  for (let i = 0; i < 4; i++) salespeople.push(await insertUser("salesperson"));
  manager = await insertUser("manager");
  const everyone = await db().select().from(users);
  const started = performance.now();
  await transaction((tx) => seedProcesses(tx, everyone, new Date(), COUNT));
  console.log(`seeded ${COUNT} processes in ${Math.round(performance.now() - started)} ms`);
  sqlite = new Database(config.databaseFile);
  sqlite.exec("analyze");
});
afterAll(() => sqlite?.close());

function plan(query: { toSQL(): { sql: string; params: unknown[] } }): string {
  const { sql, params } = query.toSQL();
  const rows = sqlite.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[];
  return rows.map((row) => row.detail).join("\n");
}

const cases: [string, () => User, Record<string, string>][] = [
  ["salesperson, all, by activity", () => salespeople[0], {}],
  ["salesperson, by status", () => salespeople[0], { status: "offer" }],
  ["salesperson, by creation", () => salespeople[0], { sort: "created" }],
  ["manager, by owner", () => manager, { owner: "OWNER" }],
  ["manager, by owner and status", () => manager, { owner: "OWNER", status: "new" }],
  ["manager, by status", () => manager, { status: "order" }],
];

test.each(cases)("%s: processes are searched through an index", async (name, who, params) => {
  const filters = parseListFilters({ ...params, ...(params.owner ? { owner: String(salespeople[1].id) } : {}) });
  const detail = plan(processListQuery({ user: who(), filters })!);
  const started = performance.now();
  const list = (await listProcesses({ user: who(), filters }))!;
  console.log(
    `${name} (${list.total} found, page with counts in ${Math.round(performance.now() - started)} ms):\n${detail}`,
  );
  expect(list.rows.length).toBeGreaterThan(0);
  expect(detail).toMatch(/SEARCH processes USING (COVERING )?INDEX processes_\w+ \((owner_id|status)=\?/);
  expect(detail).not.toMatch(/SCAN processes/);
});

test("a phone search goes through the customers' phone index", async () => {
  const [customer] = await db()
    .select({ phone: customers.phone })
    .from(customers)
    .where(isNotNull(customers.phone))
    .limit(1);
  const phone = customer.phone!;
  const typed = `${phone.slice(3, 6)}-${phone.slice(6, 9)}-${phone.slice(9)}`;
  const filters = parseListFilters({ q: typed });
  const detail = plan(processListQuery({ user: manager, filters })!);
  expect(detail).toMatch(/customers USING (COVERING )?INDEX customers_phone_idx \(phone=\?\)/);
  expect((await listProcesses({ user: manager, filters }))!.rows.map((row) => row.phone)).toContain(phone);
});

test("the unfiltered manager list walks the activity index in order instead of sorting the table", () => {
  const detail = plan(processListQuery({ user: manager, filters: parseListFilters({}) })!);
  expect(detail).toMatch(/processes USING INDEX processes_activity_idx/);
  expect(detail).not.toMatch(/TEMP B-TREE/);
});

test("a name or vehicle search over every process finds its matches", async () => {
  const [customer] = await db()
    .select({ lastName: customers.lastName })
    .from(customers)
    .where(ne(customers.firstName, ""))
    .limit(1);
  const started = performance.now();
  const list = (await listProcesses({
    user: manager,
    filters: parseListFilters({ q: customer.lastName.toUpperCase() }),
  }))!;
  console.log(
    `name search "${customer.lastName}": ${list.total} found in ${Math.round(performance.now() - started)} ms`,
  );
  expect(list.total).toBeGreaterThan(0);
  expect(list.rows.every((row) => row.lastName.toLowerCase().includes(customer.lastName.toLowerCase()))).toBe(true);
  const octavias = (await listProcesses({ user: manager, filters: parseListFilters({ q: "octavia" }) }))!.rows;
  expect(octavias.length).toBeGreaterThan(0);
  expect(octavias.every((row) => row.model === "Octavia")).toBe(true);
});
