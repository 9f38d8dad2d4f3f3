import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { prepared } from "@/db/client";
import { tasks } from "@/db/schema";
import { addDays, localDate, startOfLocalDay } from "@/lib/time";

/** Planned tasks of a user that are overdue or due today (local): the navigation's count. */
export function countDueTasks(userId: number, now = new Date()): number {
  const startOfTomorrow = startOfLocalDay(addDays(localDate(now), 1));
  const count = prepared("due tasks count", (db) =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(tasks)
      .where(
        and(
          eq(tasks.assigneeId, sql.placeholder("userId")),
          eq(tasks.state, "planned"),
          lt(tasks.dueAt, sql.placeholder("before")),
        ),
      )
      .prepare(),
  );
  return count.get({ userId, before: startOfTomorrow.getTime() })?.n ?? 0;
}
