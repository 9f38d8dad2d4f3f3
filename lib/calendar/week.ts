import { config } from "@/lib/config";
import { addDays, dayjs, isCalendarDate, localDate, localTime, startOfLocalDay } from "@/lib/time";

export type Week = {
  /** Monday, YYYY-MM-DD. */
  monday: string;
  /** Monday to Sunday, YYYY-MM-DD. */
  days: string[];
  /** Local midnight of Monday (inclusive) to local midnight of the next Monday (exclusive). */
  from: Date;
  to: Date;
};

/** The Monday-first week holding a date (any day of it); a missing or malformed date means this week. */
export function weekOf(date: string | undefined, now: Date = new Date(), zone = config.timeZone): Week {
  const day = date && isCalendarDate(date) ? date : localDate(now, zone);
  const weekday = (dayjs.utc(day).day() + 6) % 7; // Monday 0 … Sunday 6
  const monday = addDays(day, -weekday);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  return { monday, days, from: startOfLocalDay(monday, zone), to: startOfLocalDay(addDays(monday, 7), zone) };
}

export type Placeable = { allDay: boolean; dueDate: string | null; startAt: Date | null; dueAt: Date };

/** Where a task sits in the week grid: its local day and, for a timed task, its local hour (0–23). */
export function slotOf(task: Placeable, zone = config.timeZone): { day: string; hour: number | null } {
  if (task.allDay) return { day: task.dueDate ?? localDate(task.dueAt, zone), hour: null };
  const start = task.startAt ?? task.dueAt;
  return { day: localDate(start, zone), hour: Number(localTime(start, zone).slice(0, 2)) };
}

/** Hours shown in the grid: working hours, widened to every hour a task of the week starts in. */
export function visibleHours(taskHours: number[], first = 7, last = 20): number[] {
  const lo = Math.min(first, ...taskHours);
  const hi = Math.max(last, ...taskHours);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}
