import type { Task } from "@/db/schema";
import { t } from "@/lib/i18n";
import { formatDate, formatDateTime, localDate, localTime } from "@/lib/time";

/** When a task is due, as people read it: "5 gru 2026, cały dzień" or "5 gru 2026, 10:00–10:30". */
export function formatTaskWhen(task: Pick<Task, "allDay" | "dueDate" | "startAt" | "endAt" | "dueAt">): string {
  if (task.allDay) return `${formatDate(task.dueDate ?? task.dueAt)}, ${t.tasks.allDayLabel}`;
  const start = task.startAt ?? task.dueAt;
  if (!task.endAt) return formatDateTime(start);
  const sameDay = localDate(start) === localDate(task.endAt);
  return `${formatDateTime(start)}–${sameDay ? localTime(task.endAt) : formatDateTime(task.endAt)}`;
}
