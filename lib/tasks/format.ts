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

type TimedFields = Pick<Task, "allDay" | "dueDate" | "startAt" | "endAt" | "dueAt">;

/**
 * A task as a system entry of "Historia pracy" keeps it (`task_moved`, `task_dropped`): its goal and time,
 * "test_drive|2026-12-10" (all day) or "test_drive|<start ISO>|<end ISO>".
 */
export function encodeTaskForHistory(task: TimedFields & Pick<Task, "goal">): string {
  if (task.allDay) return `${task.goal}|${task.dueDate ?? localDate(task.dueAt)}`;
  const start = task.startAt ?? task.dueAt;
  return `${task.goal}|${start.toISOString()}|${(task.endAt ?? start).toISOString()}`;
}

/** "Jazda próbna, 3 gru 2026, 10:00–10:30" of an encoded task (an unreadable value shows as it is). */
export function describeTaskFromHistory(value: string | null): string {
  const [goal, first, end] = (value ?? "").split("|");
  const label = goal in t.labels.taskGoal ? t.labels.taskGoal[goal as keyof typeof t.labels.taskGoal] : goal;
  if (!first) return label || t.common.none;
  const when = end
    ? formatTaskWhen({
        allDay: false,
        dueDate: null,
        startAt: new Date(first),
        endAt: new Date(end),
        dueAt: new Date(first),
      })
    : formatTaskWhen({ allDay: true, dueDate: first, startAt: null, endAt: null, dueAt: new Date(first) });
  return `${label}, ${when}`;
}
