import "server-only";
import { and, eq, gte, isNull, lte } from "drizzle-orm";
import { getDb, transaction, type Executor } from "@/db/client";
import { customers, processes, tasks } from "@/db/schema";
import { customerName } from "@/lib/customers/name";
import { config } from "@/lib/config";
import { t } from "@/lib/i18n";
import { formatDate, formatDateTime, zonedInstant } from "@/lib/time";
import { notify } from "./notify";

/** An all-day task is announced on the morning of its date, at this local time. */
export const ALL_DAY_REMINDER_TIME = "07:00";
/** Tasks further in the past than this get no reminder: a restart after downtime does not spam. */
export const REMINDER_MAX_LATE_MS = 24 * 60 * 60 * 1000;

type Candidate = { id: number; allDay: boolean; dueDate: string | null; dueAt: Date };

function isDue(task: Candidate, now: Date, leadMs: number): boolean {
  if (task.allDay) {
    const morning = task.dueDate ? zonedInstant(task.dueDate, ALL_DAY_REMINDER_TIME) : null;
    return (morning ?? task.dueAt).getTime() <= now.getTime();
  }
  return task.dueAt.getTime() <= now.getTime() + leadMs;
}

/** The reminder's text: goal, customer, when, and "Przypomnij o". */
async function reminderMessage(
  tx: Executor,
  taskId: number,
): Promise<{ message: string; processId: number; assigneeId: number } | undefined> {
  const [row] = await tx
    .select({ task: tasks, customer: customers })
    .from(tasks)
    .innerJoin(processes, eq(processes.id, tasks.processId))
    .innerJoin(customers, eq(customers.id, processes.customerId))
    .where(eq(tasks.id, taskId));
  if (!row) return undefined;
  const { task, customer } = row;
  const when = task.allDay
    ? t.notifications.allDayWhen(task.dueDate ? formatDate(task.dueDate) : formatDate(task.dueAt))
    : formatDateTime(task.startAt ?? task.dueAt);
  return {
    message: t.notifications.reminder(
      t.labels.taskGoal[task.goal],
      customerName(customer) || t.common.none,
      when,
      task.remindAbout,
    ),
    processId: task.processId,
    assigneeId: task.assigneeId,
  };
}

/**
 * One pass: a "reminder" notification for every planned task that is due for one and has none yet.
 * Exactly once per task, also across restarts and concurrent passes: the claim on `reminded_at` and the
 * notification are one transaction, and only the pass whose UPDATE changed the row notifies.
 */
export async function produceReminders({
  now = new Date(),
  leadMinutes = config.reminderMinutes,
}: { now?: Date; leadMinutes?: number } = {}): Promise<number> {
  const leadMs = leadMinutes * 60_000;
  const candidates = (
    await getDb()
      .select({ id: tasks.id, allDay: tasks.allDay, dueDate: tasks.dueDate, dueAt: tasks.dueAt })
      .from(tasks)
      .where(
        and(
          eq(tasks.state, "planned"),
          isNull(tasks.remindedAt),
          lte(tasks.dueAt, new Date(now.getTime() + leadMs)),
          gte(tasks.dueAt, new Date(now.getTime() - REMINDER_MAX_LATE_MS)),
        ),
      )
  ).filter((task) => isDue(task, now, leadMs));

  let produced = 0;
  for (const [index, task] of candidates.entries()) {
    // The first pass after a quiet night may owe hundreds: the server's requests go in between.
    if (index > 0 && index % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    const done = await transaction(async (tx) => {
      const claimed = await tx
        .update(tasks)
        .set({ remindedAt: now })
        .where(and(eq(tasks.id, task.id), isNull(tasks.remindedAt), eq(tasks.state, "planned")))
        .returning({ id: tasks.id });
      if (claimed.length !== 1) return false;
      const reminder = await reminderMessage(tx, task.id);
      if (!reminder) return false;
      await notify(tx, {
        userId: reminder.assigneeId,
        kind: "reminder",
        message: reminder.message,
        processId: reminder.processId,
        taskId: task.id,
        at: now,
      });
      return true;
    });
    if (done) produced += 1;
  }
  return produced;
}
