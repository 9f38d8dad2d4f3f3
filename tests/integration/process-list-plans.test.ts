import { users, type User } from "@/db/schema";
import { seedProcesses } from "@/db/seed-processes";
import { listProcesses, processListQuery } from "@/lib/processes/queries";
import { parseListFilters } from "@/lib/processes/schema";
import { insertUser, useTestDatabase } from "./helpers";

// The list over tens of thousands of processes: every filtered case reads an index, never the whole table.
const db = useTestDatabase();
const COUNT = 20_000;

let salespeople: User[];
let manager: User;
beforeAll(() => {
  salespeople = [
    insertUser("salesperson"),
    insertUser("salesperson"),
    insertUser("salesperson"),
    insertUser("salesperson"),
  ];
  manager = insertUser("manager");
  const started = performance.now();
  db().transaction((tx) => {
    seedProcesses(tx, db().select().from(users).all(), new Date(), COUNT);
  });
  console.log(`seeded ${COUNT} processes in ${Math.round(performance.now() - started)} ms`);
  db().$client.exec("analyze");
});

function plan(query: { toSQL(): { sql: string; params: unknown[] } }): string {
  const { sql, params } = query.toSQL();
  const rows = db()
    .$client.prepare(`explain query plan ${sql}`)
    .all(...params) as { detail: string }[];
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

test.each(cases)("%s: processes are searched through an index", (name, who, params) => {
  const filters = parseListFilters({ ...params, ...(params.owner ? { owner: String(salespeople[1].id) } : {}) });
  const detail = plan(processListQuery({ user: who(), filters })!);
  const started = performance.now();
  const list = listProcesses({ user: who(), filters })!;
  console.log(
    `${name} (${list.total} found, page with counts in ${Math.round(performance.now() - started)} ms):\n${detail}`,
  );
  expect(list.rows.length).toBeGreaterThan(0);
  expect(detail).toMatch(/SEARCH processes USING (COVERING )?INDEX processes_\w+ \((owner_id|status)=\?/);
  expect(detail).not.toMatch(/SCAN processes/);
});

test("a phone search goes through the customers' phone index", () => {
  const customer = db().$client.prepare("select phone from customers where phone is not null limit 1").get() as {
    phone: string;
  };
  const typed = `${customer.phone.slice(3, 6)}-${customer.phone.slice(6, 9)}-${customer.phone.slice(9)}`;
  const filters = parseListFilters({ q: typed });
  const detail = plan(processListQuery({ user: manager, filters })!);
  expect(detail).toMatch(/customers USING (COVERING )?INDEX customers_phone_idx \(phone=\?\)/);
  expect(listProcesses({ user: manager, filters })!.rows.map((row) => row.phone)).toContain(customer.phone);
});

test("the unfiltered manager list walks the activity index in order instead of sorting the table", () => {
  const detail = plan(processListQuery({ user: manager, filters: parseListFilters({}) })!);
  expect(detail).toMatch(/processes USING INDEX processes_activity_idx/);
  expect(detail).not.toMatch(/TEMP B-TREE/);
});

test("a name or vehicle search over every process finds its matches", () => {
  const customer = db().$client.prepare("select last_name from customers where first_name != '' limit 1").get() as {
    last_name: string;
  };
  const started = performance.now();
  const list = listProcesses({ user: manager, filters: parseListFilters({ q: customer.last_name.toUpperCase() }) })!;
  console.log(
    `name search "${customer.last_name}": ${list.total} found in ${Math.round(performance.now() - started)} ms`,
  );
  expect(list.total).toBeGreaterThan(0);
  expect(list.rows.every((row) => row.lastName.toLowerCase().includes(customer.last_name.toLowerCase()))).toBe(true);
  expect(
    listProcesses({ user: manager, filters: parseListFilters({ q: "octavia" }) })!.rows.every(
      (row) => row.model === "Octavia",
    ),
  ).toBe(true);
});
