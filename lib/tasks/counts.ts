import "server-only";
import { and, eq, lt, type SQLWrapper } from "drizzle-orm";
import { tasks } from "@/db/schema";
import { addDays, localDate, startOfLocalDay } from "@/lib/time";

/** Planned tasks of a user due before `before`: with `dueBoundary`, overdue or due today (local). */
export const dueOf = (userId: SQLWrapper, before: SQLWrapper) =>
  and(eq(tasks.assigneeId, userId), eq(tasks.state, "planned"), lt(tasks.dueAt, before));

/** The end of today (local): a task due before it is due today or overdue. */
export const dueBoundary = (now: Date) => startOfLocalDay(addDays(localDate(now), 1));
