import type { Task } from "@/db/schema";
import { t } from "@/lib/i18n";
import { formatDate, formatDateTime, localDate, localTime } from "@/lib/time";

/** A user's name as lists show it, marked when the account is no longer active. */
export function ownerLabel({ name, active }: { name: string; active: boolean }): string {
  return active ? name : `${name} ${t.processes.inactiveMark}`;
}

/** A task's time as people say it: "3 gru 2026 · cały dzień" or "3 gru 2026, 10:00–10:30", in the dealership's zone. */
export function describeTaskTime(task: Pick<Task, "allDay" | "dueDate" | "startAt" | "endAt" | "dueAt">): string {
  if (task.allDay) return `${formatDate(task.dueDate ?? localDate(task.dueAt))} · ${t.processes.allDay}`;
  const start = task.startAt ?? task.dueAt;
  if (!task.endAt) return formatDateTime(start);
  const end = localDate(task.endAt) === localDate(start) ? localTime(task.endAt) : formatDateTime(task.endAt);
  return `${formatDateTime(start)}–${end}`;
}
