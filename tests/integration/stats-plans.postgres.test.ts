import { count, sql, type SQLWrapper } from "drizzle-orm";
import { getDb, rawRows, transaction } from "@/db/client";
import { tasks, users } from "@/db/schema";
import { seedActivity } from "@/db/seed-activity";
import { seedProcesses } from "@/db/seed-processes";
import { overdueBounds, overdueTaskCondition } from "@/lib/tasks/overdue";
import { useTestDatabase } from "../support/database";
import { insertUser } from "../support/fixtures";

// PostgreSQL's plans for the statistics, on the application's own connections (their planner settings
// included), over thousands of processes with their history. PostgreSQL only: these are its query plans.
const db = useTestDatabase();
const COUNT = 800;
const now = new Date();

beforeAll(async () => {
  for (let i = 0; i < 6; i++) await insertUser("salesperson");
  await insertUser("manager");
  const everyone = await db().select().from(users);
  await transaction(async (tx) => {
    const seeded = await seedProcesses(tx, everyone, now, COUNT);
    await seedActivity(tx, everyone, seeded, now);
  });
  await rawRows(getDb(), sql`ANALYZE`);
});

async function plan(query: SQLWrapper): Promise<string> {
  const rows = await rawRows<{ "QUERY PLAN": string }>(getDb(), sql`EXPLAIN SELECT * FROM ${query} AS q`);
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

test("the application's connections plan for data in memory or on SSD (random_page_cost 1.1), named statements once", async () => {
  const [row] = await rawRows<{ random_page_cost: string }>(getDb(), sql`SHOW random_page_cost`);
  expect(row.random_page_cost).toBe("1.1");
  const [mode] = await rawRows<{ plan_cache_mode: string }>(getDb(), sql`SHOW plan_cache_mode`);
  expect(mode.plan_cache_mode).toBe("force_generic_plan");
});

test("overdue tasks are counted from a range of the (state, due_at) index, not from every planned task", async () => {
  const [planned] = await db()
    .select({ n: count() })
    .from(tasks)
    .where(sql`${tasks.state} = 'planned'`);
  const overdue = db()
    .select({ n: count() })
    .from(tasks)
    .where(overdueTaskCondition(overdueBounds(now)));
  const detail = await plan(overdue);
  console.log(`${planned.n} planned tasks, ${(await overdue)[0].n} overdue:\n${detail}`);
  expect(detail).toMatch(/Index (Only )?Scan using tasks_state_due_idx/);
  expect(detail).toMatch(/Index Cond: \(\(state = 'planned'::text\) AND \(due_at < /);
});
