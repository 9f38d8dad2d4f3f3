import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb, isUniqueViolation, transaction, type Executor } from "@/db/client";
import { customers, notes, processes, taskFiles, tasks } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { bookCar, releaseCar } from "@/lib/fleet/bookings";
import type { SessionUser } from "@/lib/auth/session";
import { customerName } from "@/lib/customers/name";
import { t } from "@/lib/i18n";
import { notify } from "@/lib/notifications/notify";
import { findVisibleProcess } from "@/lib/processes/access";
import { recordProcessEvent, touchProcess } from "@/lib/processes/events";
import { formatDate, formatDateTime } from "@/lib/time";
import { findStagedFiles, removeStagedFiles } from "./files";
import { nextTaskDecision } from "./rules";
import type { PlannedTask, TaskForm } from "./schema";

type Actor = Pick<SessionUser, "id" | "role" | "name">;

export type SaveResult = { duplicate: boolean; noteId: number | null; taskId: number | null };

/** "Planowanie zadań": a note about what happened and the next contact, together or not at all. */
export function planNextContact({
  user,
  processId,
  form,
  now = new Date(),
}: {
  user: Actor;
  processId: number;
  form: TaskForm;
  now?: Date;
}): Promise<SaveResult> {
  return save({ user, form, now, target: { mode: "plan", processId } });
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
}): Promise<SaveResult> {
  return save({ user, form, now, target: { mode: "execute", taskId } });
}

type Target = { mode: "plan"; processId: number } | { mode: "execute"; taskId: number };
type SaveArgs = { user: Actor; form: TaskForm; now: Date; target: Target };

async function save(args: SaveArgs): Promise<SaveResult> {
  try {
    return await transaction((tx) => saveInTransaction(tx, args));
  } catch (error) {
    // The same form saved twice at once: the second transaction did not see the first one's note yet, and
    // the unique submission id refused its own. The answer is the one the earlier-check gives.
    if (isUniqueViolation(error, notes.submissionId)) {
      const earlier = await findEarlierSave(getDb(), args.form.submissionId);
      if (earlier) return earlier;
    }
    // A save that failed for a reason the user cannot fix leaves no orphaned uploads behind.
    if (!(error instanceof UserError)) {
      await removeStagedFiles(await findStagedFiles({ userId: args.user.id, tokens: args.form.fileTokens }));
    }
    throw error;
  }
}

/** The process the save is about, re-read here through what the user may see now. */
async function targetProcess(tx: Executor, user: Actor, target: Target) {
  let processId: number;
  if (target.mode === "plan") {
    processId = target.processId;
  } else {
    const [task] = await tx.select({ processId: tasks.processId }).from(tasks).where(eq(tasks.id, target.taskId));
    if (!task) return undefined;
    processId = task.processId;
  }
  const process = await findVisibleProcess({ user, id: processId, tx });
  if (!process) return undefined;
  const [customer] = await tx
    .select({ firstName: customers.firstName, lastName: customers.lastName })
    .from(customers)
    .where(eq(customers.id, process.customerId));
  return { ...process, customer: customerName(customer) };
}

/** The answer to a form that was already saved (double click, resubmitted request): it is saved once. */
async function findEarlierSave(db: Executor, submissionId: string): Promise<SaveResult | undefined> {
  const [earlier] = await db.select({ id: notes.id }).from(notes).where(eq(notes.submissionId, submissionId));
  return earlier && { duplicate: true, noteId: earlier.id, taskId: null };
}

async function saveInTransaction(tx: Executor, { user, form, now, target }: SaveArgs): Promise<SaveResult> {
  const earlier = await findEarlierSave(tx, form.submissionId);
  if (earlier) return earlier;

  const process = await targetProcess(tx, user, target);
  if (!process) throw new UserError(t.common.notFound);
  const processId = process.id;

  // Decided on the status as it is now, inside the transaction, not as the form saw it.
  const decision = nextTaskDecision({ status: process.status, skipNextTask: form.skipNextTask });
  if (!decision.allowed) throw new UserError(t.tasks.validation[decision.error]);

  const taskId = target.mode === "execute" ? target.taskId : null;
  if (taskId !== null) {
    const done = await tx
      .update(tasks)
      .set({ state: "done", doneAt: now, doneById: user.id })
      .where(and(eq(tasks.id, taskId), eq(tasks.processId, processId), eq(tasks.state, "planned")))
      .returning({ id: tasks.id });
    if (done.length !== 1) throw new UserError(t.tasks.validation.alreadyDone);
    await releaseCar(tx, { taskId, now, details: form.testDrive });
  }

  const [note] = await tx
    .insert(notes)
    .values({
      processId,
      authorId: user.id,
      initiative: form.note.initiative,
      type: form.note.type,
      content: form.note.content,
      notifyOwner: form.note.notifyOwner,
      taskId,
      submissionId: form.submissionId,
      createdAt: now,
    })
    .returning({ id: notes.id });

  const nextTask =
    decision.planNext && form.task
      ? await insertTask(tx, {
          task: form.task,
          processId,
          ownerId: process.ownerId,
          user,
          tokens: form.fileTokens,
          now,
        })
      : null;
  if (nextTask && form.task && form.carId) {
    await bookCar(tx, { carId: form.carId, taskId: nextTask.id, showroomId: process.showroomId, task: form.task });
  }

  if (process.status === "new") {
    await tx.update(processes).set({ status: "in_progress" }).where(eq(processes.id, processId));
    await recordProcessEvent(tx, {
      processId,
      userId: user.id,
      kind: "status",
      from: "new",
      to: "in_progress",
      at: now,
    });
  } else {
    await touchProcess(tx, processId, now);
  }

  if (form.note.notifyOwner) {
    await notify(tx, {
      userId: process.ownerId,
      actorId: user.id,
      kind: "note",
      processId,
      noteId: note.id,
      message: t.tasks.notifications.note(user.name, process.customer),
      at: now,
    });
  }
  if (nextTask) {
    const when = nextTask.allDay ? formatDate(nextTask.dueDate!) : formatDateTime(nextTask.dueAt);
    await notify(tx, {
      userId: process.ownerId,
      actorId: user.id,
      kind: "task_planned",
      processId,
      taskId: nextTask.id,
      message: t.tasks.notifications.taskPlanned(user.name, process.customer, when),
      at: now,
    });
  }
  return { duplicate: false, noteId: note.id, taskId: nextTask?.id ?? null };
}

async function insertTask(
  tx: Executor,
  {
    task,
    processId,
    ownerId,
    user,
    tokens,
    now,
  }: { task: PlannedTask; processId: number; ownerId: number; user: Actor; tokens: string[]; now: Date },
) {
  const [created] = await tx
    .insert(tasks)
    .values({ ...task, processId, assigneeId: ownerId, plannedById: user.id, createdAt: now })
    .returning();
  const staged = await findStagedFiles({ db: tx, userId: user.id, tokens });
  if (staged.length !== tokens.length) {
    throw new UserError(t.tasks.validation.fileMissing, { fileTokens: [t.tasks.validation.fileMissing] });
  }
  if (staged.length) {
    await tx
      .update(taskFiles)
      .set({ taskId: created.id })
      .where(
        inArray(
          taskFiles.id,
          staged.map((file) => file.id),
        ),
      );
  }
  return created;
}
