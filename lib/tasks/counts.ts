import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { tasks } from "@/db/schema";
import { addDays, localDate, startOfLocalDay } from "@/lib/time";

/** Planned tasks of a user that are overdue or due today (local): the navigation's count. */
export function countDueTasks(userId: number, now = new Date()): number {
  const startOfTomorrow = startOfLocalDay(addDays(localDate(now), 1));
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(tasks)
      .where(and(eq(tasks.assigneeId, userId), eq(tasks.state, "planned"), lt(tasks.dueAt, startOfTomorrow)))
      .get()?.n ?? 0
  );
}
