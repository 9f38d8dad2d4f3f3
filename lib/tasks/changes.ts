import "server-only";
import { mayChangeTask } from "@/lib/tasks/rules";
import fs from "node:fs";
import { and, eq, ne } from "drizzle-orm";
import { transaction, type Executor } from "@/db/client";
import { carBookings, taskFiles, tasks, type Process, type Task } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import type { SessionUser } from "@/lib/auth/session";
import { processIsClosed } from "@/lib/domain";
import { bookCar } from "@/lib/fleet/bookings";
import { t } from "@/lib/i18n";
import { findVisibleProcess } from "@/lib/processes/access";
import { recordProcessEvent } from "@/lib/processes/events";
import { storedPath } from "./files";
import { encodeTaskForHistory } from "./format";
import type { TaskTime } from "./schema";

type Actor = Pick<SessionUser, "id" | "role">;
const tt = t.tasks;

/**
 * A planned task the user may change ("Zmień termin", "Usuń zadanie"): its process re-read through what the
 * user may see and locked, so changes of one process's tasks take turns; then its assignee or a manager.
 */
async function changeableTask(tx: Executor, user: Actor, taskId: number): Promise<{ task: Task; process: Process }> {
  const [found] = await tx.select({ processId: tasks.processId }).from(tasks).where(eq(tasks.id, taskId));
  const process = found && (await findVisibleProcess({ user, id: found.processId, tx }));
  if (!process) throw new UserError(t.common.notFound);
  const [task] = await tx.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task || task.state !== "planned") throw new UserError(tt.move.notPlanned);
  if (!mayChangeTask(user, task)) throw new UserError(tt.move.notAllowed);
  return { task, process };
}

const sameTime = (a: TaskTime, b: TaskTime) =>
  a.allDay === b.allDay &&
  a.dueDate === b.dueDate &&
  a.startAt?.getTime() === b.startAt?.getTime() &&
  a.endAt?.getTime() === b.endAt?.getTime();

/**
 * "Zmień termin": the task's new time, its reminder due again for it, and its demo car booked for it by
 * `bookCar` (a clash refuses the whole move, next to "Data rozpoczęcia"), with a system entry.
 * A closed process's car was freed when it closed and stays free.
 */
export function moveTask({
  user,
  taskId,
  time,
  now = new Date(),
}: {
  user: Actor;
  taskId: number;
  time: TaskTime;
  now?: Date;
}): Promise<void> {
  return transaction(async (tx) => {
    const { task, process } = await changeableTask(tx, user, taskId);
    if (sameTime(task, time)) throw new UserError(t.common.formHasErrors, { startDate: [tt.move.sameTime] });
    const { allDay, dueDate, startAt, endAt, dueAt } = time;
    await tx
      .update(tasks)
      .set({ allDay, dueDate, startAt, endAt, dueAt, remindedAt: null })
      .where(eq(tasks.id, task.id));
    const [booking] = await tx
      .select({ carId: carBookings.carId })
      .from(carBookings)
      .where(eq(carBookings.taskId, task.id));
    if (booking && !processIsClosed(process.status)) {
      try {
        await bookCar(tx, { carId: booking.carId, taskId: task.id, showroomId: process.showroomId, task: time });
      } catch (error) {
        // The form has no car field: the clash is about the time the user chose.
        if (error instanceof UserError && error.fieldErrors?.carId) {
          throw new UserError(error.message, { startDate: error.fieldErrors.carId });
        }
        throw error;
      }
    }
    await recordProcessEvent(tx, {
      processId: process.id,
      userId: user.id,
      kind: "task_moved",
      from: encodeTaskForHistory(task),
      to: encodeTaskForHistory({ ...task, ...time }),
      at: now,
    });
  });
}

/**
 * "Usuń zadanie": the planned task goes, with its booking (the car is free again), its files and their
 * notifications, and a system entry keeps what it was. An open process keeps its next contact planned:
 * its last planned task cannot be dropped.
 */
export async function dropTask({ user, taskId, now = new Date() }: { user: Actor; taskId: number; now?: Date }) {
  const storedNames = await transaction(async (tx) => {
    const { task, process } = await changeableTask(tx, user, taskId);
    if (!processIsClosed(process.status)) {
      const [another] = await tx
        .select({ id: tasks.id })
        .from(tasks)
        .where(and(eq(tasks.processId, process.id), eq(tasks.state, "planned"), ne(tasks.id, task.id)))
        .limit(1);
      if (!another) throw new UserError(tt.drop.lastPlanned);
    }
    const files = await tx
      .select({ storedName: taskFiles.storedName })
      .from(taskFiles)
      .where(eq(taskFiles.taskId, task.id));
    // Its booking, files and notifications go with it (ON DELETE CASCADE).
    await tx.delete(tasks).where(eq(tasks.id, task.id));
    await recordProcessEvent(tx, {
      processId: process.id,
      userId: user.id,
      kind: "task_dropped",
      from: encodeTaskForHistory(task),
      at: now,
    });
    return files.map((file) => file.storedName);
  });
  // The bytes only once the rows are gone for good.
  for (const name of storedNames) fs.rmSync(storedPath(name), { force: true });
}
