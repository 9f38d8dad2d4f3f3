import Database from "better-sqlite3";
import { eq, isNotNull, ne } from "drizzle-orm";
import { transaction } from "@/db/client";
import { customers, processes, users, type User } from "@/db/schema";
import { seedProcesses } from "@/db/seed-processes";
import { config } from "@/lib/config";
import { listProcesses, processListQuery, statusCountsQuery } from "@/lib/processes/queries";
import { parseListFilters } from "@/lib/processes/schema";
import { useTestDatabase } from "../support/database";
import { insertShowroom, insertUser } from "../support/fixtures";

// The list over tens of thousands of processes in three showrooms: every filtered case reads an index, never
// the whole table, also for a manager of one of the three. SQLite only: these are SQLite's query plans.
const db = useTestDatabase();
const COUNT = 20_000;

let salespeople: User[];
let manager: User;
let otherShowroom: number;
/** SQLite's own connection, for what only SQLite has: ANALYZE and query plans. */
let sqlite: Database.Database;
beforeAll(async () => {
  // The first showroom (the fixtures' default) and two more; the manager manages the first.
  const [north, south] = [(await insertShowroom()).id, (await insertShowroom()).id];
  otherShowroom = north;
  salespeople = [];
  for (let i = 0; i < 4; i++) salespeople.push(await insertUser("salesperson"));
  for (let i = 0; i < 4; i++) salespeople.push(await insertUser("salesperson", { showroomIds: [north] }));
  for (let i = 0; i < 4; i++) salespeople.push(await insertUser("salesperson", { showroomIds: [south] }));
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
  const detail = plan(processListQuery({ user: who(), filters }));
  const started = performance.now();
  const list = (await listProcesses({ user: who(), filters }))!;
  console.log(
    `${name} (${list.total} found, page with counts in ${Math.round(performance.now() - started)} ms):\n${detail}`,
  );
  expect(list.rows.length).toBeGreaterThan(0);
  expect(detail).toMatch(/SEARCH processes USING (COVERING )?INDEX processes_\w+ \((owner_id|status)=\?/);
  expect(detail).not.toMatch(/SCAN processes/);
});

test("a manager's counts read the showroom index alone, the admin's the status index alone", async () => {
  const detail = plan(statusCountsQuery({ user: manager, filters: parseListFilters({}) }));
  expect(detail).toMatch(/SEARCH processes USING COVERING INDEX processes_showroom_status_idx \(showroom_id=\?\)/);
  const admin = await insertUser("admin");
  expect(plan(statusCountsQuery({ user: admin, filters: parseListFilters({}) }))).toMatch(
    /SCAN processes USING COVERING INDEX processes_status_activity_idx/,
  );
  const list = (await listProcesses({ user: manager, filters: parseListFilters({}) }))!;
  const everything = (await listProcesses({ user: admin, filters: parseListFilters({}) }))!;
  // A third of them, or so: the seed spreads owners over the three showrooms.
  expect(list.total).toBeGreaterThan(everything.total / 5);
  expect(list.total).toBeLessThan(everything.total / 2);
});

test("a showroom filter walks its showroom's index in order", async () => {
  const admin = await insertUser("admin");
  for (const params of [{ salon: String(otherShowroom) }, { salon: String(otherShowroom), status: "offer" }]) {
    const detail = plan(processListQuery({ user: admin, filters: parseListFilters(params) }));
    expect(detail).toMatch(/SEARCH processes USING INDEX processes_showroom_(activity|status)_idx \(showroom_id=\?/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
    expect((await listProcesses({ user: admin, filters: parseListFilters(params) }))!.rows.length).toBeGreaterThan(0);
  }
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
  // Any showroom's customer: an admin sees every process.
  const admin = await insertUser("admin");
  const detail = plan(processListQuery({ user: admin, filters }));
  expect(detail).toMatch(/customers USING (COVERING )?INDEX customers_phone_idx \(phone=\?\)/);
  expect((await listProcesses({ user: admin, filters }))!.rows.map((row) => row.phone)).toContain(phone);
});

test("the unfiltered manager list walks the activity index in order instead of sorting the table", () => {
  const detail = plan(processListQuery({ user: manager, filters: parseListFilters({}) }));
  expect(detail).toMatch(/processes USING INDEX processes_activity_idx/);
  expect(detail).not.toMatch(/TEMP B-TREE/);
});

test("a salesperson's name search reads only their own processes' customers, by key", async () => {
  const seller = salespeople[0];
  const [customer] = await db()
    .select({ lastName: customers.lastName })
    .from(customers)
    .innerJoin(processes, eq(processes.customerId, customers.id))
    .where(eq(processes.ownerId, seller.id))
    .limit(1);
  const filters = parseListFilters({ q: customer.lastName });
  const detail = plan(processListQuery({ user: seller, filters }));
  expect(detail).toMatch(/SEARCH processes USING INDEX processes_owner_\w+ \(owner_id=\?\)/);
  expect(detail).not.toMatch(/SCAN customers/);
  const list = (await listProcesses({ user: seller, filters }))!;
  expect(list.total).toBeGreaterThan(0);
  expect(list.rows.every((row) => row.ownerId === seller.id && row.lastName === customer.lastName)).toBe(true);
  // The manager, searching this salesperson's processes, finds the same ones.
  const managers = (await listProcesses({
    user: manager,
    filters: parseListFilters({ q: customer.lastName, owner: String(seller.id) }),
  }))!;
  expect(managers.rows.map((row) => row.id)).toEqual(list.rows.map((row) => row.id));
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
