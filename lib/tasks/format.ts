import type { Task } from "@/db/schema";
import { t } from "@/lib/i18n";
import { formatDate, formatDateTime, localDate, localTime } from "@/lib/time";

/**
 * When a task is due, as people say it, in the dealership's zone: "3 gru 2026 · cały dzień" or
 * "3 gru 2026, 10:00–10:30" (the whole end when it falls on another day).
 */
export function formatTaskWhen(task: Pick<Task, "allDay" | "dueDate" | "startAt" | "endAt" | "dueAt">): string {
  if (task.allDay) return `${formatDate(task.dueDate ?? localDate(task.dueAt))} · ${t.tasks.allDayLabel}`;
  const start = task.startAt ?? task.dueAt;
  if (!task.endAt) return formatDateTime(start);
  const end = localDate(task.endAt) === localDate(start) ? localTime(task.endAt) : formatDateTime(task.endAt);
  return `${formatDateTime(start)}–${end}`;
}
