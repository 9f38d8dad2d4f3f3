import "server-only";
import { and, count, eq, lt, sql } from "drizzle-orm";
import { defineStatement } from "@/db/client";
import { tasks } from "@/db/schema";
import { addDays, localDate, startOfLocalDay } from "@/lib/time";

const dueTasks = defineStatement((db) =>
  db
    .select({ n: count() })
    .from(tasks)
    .where(
      and(
        eq(tasks.assigneeId, sql.placeholder("userId")),
        eq(tasks.state, "planned"),
        lt(tasks.dueAt, sql.placeholder("before")),
      ),
    ),
);

/** Planned tasks of a user that are overdue or due today (local): the navigation's count. */
export async function countDueTasks(userId: number, now = new Date()): Promise<number> {
  const before = startOfLocalDay(addDays(localDate(now), 1));
  return (await dueTasks({}).get({ userId, before }))?.n ?? 0;
}
