import { eq } from "drizzle-orm";
import { transaction } from "@/db/client";
import { notes, tasks, users } from "@/db/schema";
import { seedActivity, type SeededProcess } from "@/db/seed-activity";
import { PROCESS_STATUSES, processIsClosed } from "@/lib/domain";
import { listPlannedTasks } from "@/lib/tasks/queries";
import { useTestDatabase } from "../support/database";
import { insertProcess, insertUser } from "../support/fixtures";

const db = useTestDatabase();

test("the demo history is believable: done tasks reported by notes, next contacts planned, some missing", async () => {
  const owners = [await insertUser("salesperson"), await insertUser("salesperson")];
  const manager = await insertUser("manager");
  const now = new Date("2026-11-27T11:00:00Z");
  const seeded: SeededProcess[] = [];
  for (let i = 0; i < 30; i++) {
    const status = PROCESS_STATUSES[i % PROCESS_STATUSES.length];
    const process = await insertProcess(owners[i % 2].id, { status });
    seeded.push({
      id: process.id,
      ownerId: process.ownerId,
      status,
      createdAt: new Date(now.getTime() - (5 + i * 2) * 86_400_000),
    });
  }
  const everyone = await db().select().from(users);
  await transaction((tx) => seedActivity(tx, everyone, seeded, now));

  const allTasks = await db().select().from(tasks);
  const allNotes = await db().select().from(notes);
  expect(allNotes.length).toBeGreaterThan(40);
  expect(new Set(allNotes.map((note) => note.type)).size).toBeGreaterThanOrEqual(5);
  expect(new Set(allNotes.map((note) => note.initiative))).toEqual(new Set(["customer", "dealer"]));
  expect(allNotes.every((note) => note.createdAt <= now)).toBe(true);

  for (const task of allTasks.filter((task) => task.state === "done")) {
    expect(allNotes.filter((note) => note.taskId === task.id)).toHaveLength(1);
    expect(task.dueAt.getTime()).toBeLessThan(now.getTime());
    expect(task.doneAt!.getTime()).toBeLessThanOrEqual(now.getTime());
  }
  const withoutPlanned = seeded.filter(
    (process) => !allTasks.some((task) => task.processId === process.id && task.state === "planned"),
  );
  expect(withoutPlanned.filter((process) => processIsClosed(process.status))).toHaveLength(10);
  const openWithout = withoutPlanned.filter((process) => !processIsClosed(process.status) && process.status !== "new");
  expect(openWithout.length).toBeGreaterThan(0);
  expect(openWithout.length).toBeLessThan(5);
  for (const task of allTasks)
    expect(seeded.find((process) => process.id === task.processId)!.ownerId).toBe(task.assigneeId);

  const groups = await listPlannedTasks({ viewer: manager, assignee: "all", now });
  expect(groups.overdue.length).toBeGreaterThan(0);
  expect(groups.today.length).toBeGreaterThan(0);
  expect(groups.upcoming.length).toBeGreaterThan(0);
  expect(await db().select().from(notes).where(eq(notes.processId, seeded[0].id))).toHaveLength(0);
});
