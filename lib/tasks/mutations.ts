import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { customers, notes, processes, taskFiles, tasks, type Process } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import type { SessionUser } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { notify } from "@/lib/notifications/notify";
import { recordProcessEvent, touchProcess } from "@/lib/processes/events";
import { formatDate, formatDateTime } from "@/lib/time";
import { findStagedFiles, removeStagedFiles } from "./files";
import { nextTaskDecision } from "./rules";
import type { PlannedTask, TaskForm } from "./schema";
import { customerName } from "@/lib/customers/name";

type Actor = Pick<SessionUser, "id" | "name">;

export type SaveResult = { duplicate: boolean; noteId: number | null; taskId: number | null };

/** "Planowanie zadań": a note about what happened and the next contact, together or not at all. */
export function planNextContact({
  user,
  process,
  form,
  now = new Date(),
}: {
  user: Actor;
  process: Pick<Process, "id">;
  form: TaskForm;
  now?: Date;
}): SaveResult {
  return save({ user, processId: process.id, form, now, mode: "plan" });
}

/**
 * "Wykonanie zadania": marks the task done, saves the note that reports it and plans the next contact
 * (unless the process has ended and the user chose not to). A task is done once: of two concurrent
 * executions exactly one wins, the other gets a UserError and saves nothing.
 */
export function executeTask({
  user,
  taskId,
  form,
  now = new Date(),
}: {
  user: Actor;
  taskId: number;
  form: TaskForm;
  now?: Date;
}): SaveResult {
  const task = getDb().select({ processId: tasks.processId }).from(tasks).where(eq(tasks.id, taskId)).get();
  if (!task) throw new UserError(t.common.notFound);
  return save({ user, processId: task.processId, form, now, mode: "execute", taskId });
}

function save(args: {
  user: Actor;
  processId: number;
  form: TaskForm;
  now: Date;
  mode: "plan" | "execute";
  taskId?: number;
}): SaveResult {
  try {
    return getDb().transaction((tx) => saveInTransaction(tx, args), { behavior: "immediate" });
  } catch (error) {
    // A save that failed for a reason the user cannot fix leaves no orphaned uploads behind.
    if (!(error instanceof UserError))
      removeStagedFiles(findStagedFiles({ userId: args.user.id, tokens: args.form.fileTokens }));
    throw error;
  }
}

function saveInTransaction(
  tx: Tx,
  {
    user,
    processId,
    form,
    now,
    mode,
    taskId,
  }: { user: Actor; processId: number; form: TaskForm; now: Date; mode: "plan" | "execute"; taskId?: number },
): SaveResult {
  // The same form sent twice (double click, resubmitted request) is saved once.
  const earlier = tx.select({ id: notes.id }).from(notes).where(eq(notes.submissionId, form.submissionId)).get();
  if (earlier) return { duplicate: true, noteId: earlier.id, taskId: null };

  const process = tx
    .select({
      id: processes.id,
      status: processes.status,
      ownerId: processes.ownerId,
      firstName: customers.firstName,
      lastName: customers.lastName,
    })
    .from(processes)
    .innerJoin(customers, eq(customers.id, processes.customerId))
    .where(eq(processes.id, processId))
    .get();
  if (!process) throw new UserError(t.common.notFound);

  // Decided on the status as it is now, inside the transaction, not as the form saw it.
  const decision = nextTaskDecision({ status: process.status, skipNextTask: form.skipNextTask });
  if (!decision.allowed) throw new UserError(t.tasks.validation[decision.error]);

  if (mode === "execute") {
    const done = tx
      .update(tasks)
      .set({ state: "done", doneAt: now, doneById: user.id })
      .where(and(eq(tasks.id, taskId!), eq(tasks.processId, processId), eq(tasks.state, "planned")))
      .run();
    if (done.changes !== 1) throw new UserError(t.tasks.validation.alreadyDone);
  }

  const note = tx
    .insert(notes)
    .values({
      processId,
      authorId: user.id,
      initiative: form.note.initiative,
      type: form.note.type,
      content: form.note.content,
      notifyOwner: form.note.notifyOwner,
      taskId: mode === "execute" ? taskId : null,
      submissionId: form.submissionId,
      createdAt: now,
    })
    .returning({ id: notes.id })
    .get();

  const nextTask =
    decision.planNext && form.task
      ? insertTask(tx, { task: form.task, processId, ownerId: process.ownerId, user, tokens: form.fileTokens, now })
      : null;

  if (process.status === "new") {
    tx.update(processes).set({ status: "in_progress" }).where(eq(processes.id, processId)).run();
    recordProcessEvent(tx, { processId, userId: user.id, kind: "status", from: "new", to: "in_progress", at: now });
  } else {
    touchProcess(tx, processId, now);
  }

  const customer = customerName(process);
  if (form.note.notifyOwner) {
    notify(tx, {
      userId: process.ownerId,
      actorId: user.id,
      kind: "note",
      processId,
      noteId: note.id,
      message: t.tasks.notifications.note(user.name, customer),
      at: now,
    });
  }
  if (nextTask) {
    const when = nextTask.allDay ? formatDate(nextTask.dueDate!) : formatDateTime(nextTask.dueAt);
    notify(tx, {
      userId: process.ownerId,
      actorId: user.id,
      kind: "task_planned",
      processId,
      taskId: nextTask.id,
      message: t.tasks.notifications.taskPlanned(user.name, customer, when),
      at: now,
    });
  }
  return { duplicate: false, noteId: note.id, taskId: nextTask?.id ?? null };
}

function insertTask(
  tx: Tx,
  {
    task,
    processId,
    ownerId,
    user,
    tokens,
    now,
  }: { task: PlannedTask; processId: number; ownerId: number; user: Actor; tokens: string[]; now: Date },
) {
  const created = tx
    .insert(tasks)
    .values({ ...task, processId, assigneeId: ownerId, plannedById: user.id, createdAt: now })
    .returning()
    .get();
  const staged = findStagedFiles({ db: tx, userId: user.id, tokens });
  if (staged.length !== tokens.length)
    throw new UserError(t.tasks.validation.fileMissing, { fileTokens: [t.tasks.validation.fileMissing] });
  if (staged.length) {
    tx.update(taskFiles)
      .set({ taskId: created.id })
      .where(
        inArray(
          taskFiles.id,
          staged.map((file) => file.id),
        ),
      )
      .run();
  }
  return created;
}
