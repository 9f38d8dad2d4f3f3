import { and, eq, sql } from "drizzle-orm";
import { defineStatement } from "@/db/client";
import { tasks, type Task } from "@/db/schema";
import { getProcessPanel } from "@/lib/processes/panel";
import { overdueBounds, overdueTaskCondition, taskIsOverdue } from "@/lib/tasks/overdue";
import { useTestDatabase } from "../support/database";
import { insertAllDayTask, insertProcess, insertTask, insertUser, type TestUser } from "../support/fixtures";

// "Overdue" has two forms, the SQL condition the lists and statistics filter by and the predicate the
// panel and calendar mark tasks with: on the same tasks at the same instants they must agree.
const db = useTestDatabase();

/** The instants around every boundary (dealership zone Europe/Warsaw). */
const instants = [
  "2026-11-27T09:59:59.999Z", // a millisecond before a timed task at 11:00
  "2026-11-27T10:00:00.000Z", // at its start
  "2026-11-27T10:00:00.001Z",
  "2026-11-27T22:59:00.000Z", // 23:59 on the 27th
  "2026-11-27T23:00:00.000Z", // 00:00 on the 28th
  "2026-03-28T22:59:00.000Z", // 23:59 on the 28th, the day before the change
  "2026-03-28T23:00:00.000Z", // 00:00 on the 29th
  "2026-03-29T00:59:59.999Z", // 01:59:59 CET, the clocks then jump to 03:00
  "2026-03-29T01:00:00.000Z", // 03:00 CEST, a timed task's start
  "2026-03-29T01:00:00.001Z",
  "2026-03-29T21:59:00.000Z", // 23:59 on the 23-hour day
  "2026-03-29T22:00:00.000Z", // 00:00 on March 30th
  "2026-10-25T00:30:00.000Z", // the first 02:30 (CEST)
  "2026-10-25T01:30:00.000Z", // the second 02:30 (CET)
  "2026-10-25T22:30:00.000Z", // 23:30 on the 25-hour day, 24.5 hours after it began
  "2026-10-25T23:00:00.000Z", // 00:00 on October 26th
].map((iso) => new Date(iso));

let owner: TestUser;
let processId: number;
let all: Task[];
beforeAll(async () => {
  owner = await insertUser("salesperson");
  processId = (await insertProcess(owner.id, { status: "in_progress" })).id;
  const timed = (iso: string, state: "planned" | "done" = "planned") => {
    const start = new Date(iso);
    return insertTask(processId, owner.id, { startAt: start, endAt: start, dueAt: start, state });
  };
  for (const date of ["2026-11-26", "2026-11-27", "2026-03-28", "2026-03-29", "2026-10-24", "2026-10-25"])
    await insertAllDayTask(processId, owner.id, date);
  for (const iso of ["2026-11-27T10:00:00Z", "2026-03-29T01:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"])
    await timed(iso);
  // Done tasks are never overdue, however long past.
  await insertAllDayTask(processId, owner.id, "2026-03-01", { state: "done" });
  await timed("2026-03-01T10:00:00Z", "done");
  all = await db().select().from(tasks).where(eq(tasks.processId, processId));
});

/** The predicate as every caller uses it: on planned tasks. */
const byPredicate = (now: Date) =>
  all
    .filter((task) => task.state === "planned" && taskIsOverdue(task, now))
    .map((task) => task.id)
    .sort((a, b) => a - b);

const ids = (rows: { id: number }[]) => rows.map((row) => row.id).sort((a, b) => a - b);

// As the hot paths run it: a statement with placeholders for the two bounds.
const overdueOfProcess = defineStatement((db) =>
  db
    .select({ id: tasks.id })
    .from(tasks)
    .where(
      and(
        eq(tasks.processId, sql.placeholder("processId")),
        overdueTaskCondition({ now: sql.placeholder("now"), startOfToday: sql.placeholder("startOfToday") }),
      ),
    ),
);

const bySql: Record<string, (now: Date) => Promise<number[]>> = {
  "with the bounds as values": async (now) =>
    ids(
      await db()
        .select({ id: tasks.id })
        .from(tasks)
        .where(and(eq(tasks.processId, processId), overdueTaskCondition(overdueBounds(now)))),
    ),
  "with the bounds as placeholders of a statement": async (now) =>
    ids(await overdueOfProcess({}).all({ processId, ...overdueBounds(now) })),
};

test.each(Object.keys(bySql))("the SQL condition %s selects what the predicate marks", async (form) => {
  const overdueSometime = new Set<number>();
  const dueSometime = new Set<number>();
  for (const now of instants) {
    const expected = byPredicate(now);
    expect({ now: now.toISOString(), overdue: await bySql[form](now) }).toEqual({
      now: now.toISOString(),
      overdue: expected,
    });
    for (const task of all) (expected.includes(task.id) ? overdueSometime : dueSometime).add(task.id);
  }
  // Every planned task is on both sides of its boundary among these instants.
  const planned = all.filter((task) => task.state === "planned").map((task) => task.id);
  expect(planned).toHaveLength(10);
  for (const id of planned) {
    expect(overdueSometime).toContain(id);
    expect(dueSometime).toContain(id);
  }
});

test("at the boundaries the rule says what the product says", async () => {
  const find = (allDay: boolean, due: string) =>
    all.find((task) => task.state === "planned" && task.allDay === allDay && task.dueAt.toISOString() === due)!.id;
  const ofMarch29 = find(true, "2026-03-28T23:00:00.000Z");
  const ofOctober25 = find(true, "2026-10-24T22:00:00.000Z");
  const at0300 = find(false, "2026-03-29T01:00:00.000Z");
  const sql = bySql["with the bounds as values"];
  expect(await sql(new Date("2026-03-29T21:59:00Z"))).not.toContain(ofMarch29);
  expect(await sql(new Date("2026-03-29T22:00:00Z"))).toContain(ofMarch29);
  expect(await sql(new Date("2026-10-25T22:30:00Z"))).not.toContain(ofOctober25);
  expect(await sql(new Date("2026-10-25T23:00:00Z"))).toContain(ofOctober25);
  expect(await sql(new Date("2026-03-29T01:00:00Z"))).not.toContain(at0300);
  expect(await sql(new Date("2026-03-29T01:00:00.001Z"))).toContain(at0300);
});

test("the process panel marks exactly the tasks the SQL condition selects", async () => {
  for (const now of instants) {
    const panel = (await getProcessPanel({ user: owner, id: processId, now }))!;
    const marked = ids(panel.tasks.filter((task) => task.overdue));
    expect(marked).toEqual(await bySql["with the bounds as values"](now));
  }
});
