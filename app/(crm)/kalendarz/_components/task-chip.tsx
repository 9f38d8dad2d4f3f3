import type { CalendarTask } from "@/lib/calendar/queries";
import { customerName } from "@/lib/customers/name";
import { t } from "@/lib/i18n";
import { localTime } from "@/lib/time";

/** One task in the calendar: time, goal, customer; dimmed when done, marked when overdue. */
export function TaskChip({
  task,
  overdue,
  showAssignee,
}: {
  task: CalendarTask;
  overdue: boolean;
  showAssignee: boolean;
}) {
  const className = ["cal-task", task.state === "done" ? "done" : "", overdue ? "overdue" : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <a href={`/procesy/${task.processId}`} className={className} data-task-id={task.id}>
      {task.allDay ? null : <span className="cal-time">{localTime(task.startAt ?? task.dueAt)}</span>}{" "}
      <span className="cal-goal">{t.labels.taskGoal[task.goal]}</span>
      <span className="cal-customer"> — {customerName(task) || t.common.none}</span>
      {showAssignee ? <span className="cal-assignee muted"> · {task.assigneeName}</span> : null}
      {task.state === "done" ? <span className="sr-only"> ({t.calendar.done})</span> : null}
      {overdue ? <span className="flag danger">{t.calendar.overdue}</span> : null}
    </a>
  );
}
