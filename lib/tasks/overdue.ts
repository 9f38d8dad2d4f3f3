import { and, eq, lt, or, type Placeholder, type SQL } from "drizzle-orm";
import { tasks } from "@/db/schema";
import { config } from "@/lib/config";
import { localDate, startOfLocalDay } from "@/lib/time";

// "Overdue", defined once. A planned timed task is overdue once its start has passed; an all-day task once
// its whole date has (from the next local midnight). An all-day task's due instant is its date's local
// midnight, so "due before the start of today" covers it, and a timed task's due instant is its start.

/** The two instants the rule compares with, for `now` in the dealership's time zone. */
export function overdueBounds(now: Date, zone = config.timeZone): { now: Date; startOfToday: Date } {
  return { now, startOfToday: startOfLocalDay(localDate(now, zone), zone) };
}

/** The rule for one task already read (the caller knows it is planned). */
export function taskIsOverdue(task: { allDay: boolean; dueAt: Date }, now: Date, zone = config.timeZone): boolean {
  const { startOfToday } = overdueBounds(now, zone);
  return task.dueAt.getTime() < (task.allDay ? startOfToday.getTime() : now.getTime());
}

/**
 * The rule as a condition over `tasks`: planned and overdue. Values or placeholders of `overdueBounds`.
 * Written as "due before now, and (before today or timed)", the same since today starts before now: the
 * bound on `due_at` stands alone, so an index on (…, state, due_at) reads only the overdue range instead
 * of every planned task.
 */
export function overdueTaskCondition(bounds: { now: Date | Placeholder; startOfToday: Date | Placeholder }): SQL {
  return and(
    eq(tasks.state, "planned"),
    lt(tasks.dueAt, bounds.now),
    or(lt(tasks.dueAt, bounds.startOfToday), eq(tasks.allDay, false)),
  )!;
}
