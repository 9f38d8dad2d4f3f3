import { eq } from "drizzle-orm";
import { notes, tasks, users } from "@/db/schema";
import { seedActivity, type SeededProcess } from "@/db/seed-activity";
import { PROCESS_STATUSES, processIsClosed } from "@/lib/domain";
import { listPlannedTasks } from "@/lib/tasks/queries";
import { insertUser, useTestDatabase } from "./helpers";
import { insertProcess } from "./support/fixtures";

const db = useTestDatabase();

test("the demo history is believable: done tasks reported by notes, next contacts planned, some missing", () => {
  const owners = [insertUser("salesperson"), insertUser("salesperson")];
  const manager = insertUser("manager");
  const now = new Date("2026-11-27T11:00:00Z");
  const seeded: SeededProcess[] = Array.from({ length: 30 }, (_, i) => {
    const status = PROCESS_STATUSES[i % PROCESS_STATUSES.length];
    const process = insertProcess(owners[i % 2].id, status);
    return {
      id: process.id,
      ownerId: process.ownerId,
      status,
      createdAt: new Date(now.getTime() - (5 + i * 2) * 86_400_000),
    };
  });
  db().transaction((tx) => seedActivity(tx, db().select().from(users).all(), seeded, now));

  const allTasks = db().select().from(tasks).all();
  const allNotes = db().select().from(notes).all();
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

  const groups = listPlannedTasks({ viewer: manager, assignee: "all", now });
  expect(groups.overdue.length).toBeGreaterThan(0);
  expect(groups.today.length).toBeGreaterThan(0);
  expect(groups.upcoming.length).toBeGreaterThan(0);
  expect(db().select().from(notes).where(eq(notes.processId, seeded[0].id)).all()).toHaveLength(0);
});
