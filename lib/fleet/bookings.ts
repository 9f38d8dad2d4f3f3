import "server-only";
import { and, eq, gt, lt, ne } from "drizzle-orm";
import { forUpdate, type Executor } from "@/db/client";
import { carBookings, carOutages, demoCars, showrooms, tasks, users } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { t } from "@/lib/i18n";
import { DEFAULT_DURATION_MS, type TaskTime } from "@/lib/tasks/schema";
import { formatDate, formatDateTime, localDate, localTime, startOfLocalDay, zonedInstant } from "@/lib/time";

const fl = t.fleet;

export type Span = { startAt: Date; endAt: Date };
export type TestDriveDetails = {
  licenceNumber: string | null;
  mileageBefore: number | null;
  mileageAfter: number | null;
};

/** A showroom's working day, for an all-day test drive. */
export type WorkingDay = { opensAt: string; closesAt: string };

/**
 * The time a task holds a demo car: a timed task its own span (at least the default half hour), an all-day
 * task the showroom's working day on its date.
 */
export function bookingSpan(task: Pick<TaskTime, "allDay" | "dueDate" | "startAt" | "endAt">, day: WorkingDay): Span {
  if (task.allDay && task.dueDate) {
    const startAt = zonedInstant(task.dueDate, day.opensAt) ?? startOfLocalDay(task.dueDate);
    const closes = zonedInstant(task.dueDate, day.closesAt);
    const endAt = closes && closes > startAt ? closes : new Date(startAt.getTime() + DEFAULT_DURATION_MS);
    return { startAt, endAt };
  }
  const startAt = task.startAt!;
  const endAt = task.endAt && task.endAt > startAt ? task.endAt : new Date(startAt.getTime() + DEFAULT_DURATION_MS);
  return { startAt, endAt };
}

/** "3 gru 2026, 10:00–10:30" (the end's date too when it is another day). */
export function formatSpan({ startAt, endAt }: Span): string {
  const end = localDate(endAt) === localDate(startAt) ? localTime(endAt) : formatDateTime(endAt);
  return `${formatDateTime(startAt)}–${end}`;
}

/** How a refusal names the booking it collides with: its time and salesperson (never another's customer). */
export function bookingLabelOf(booking: Span & { salesperson: string }): string {
  return fl.bookingLabel(formatSpan(booking), booking.salesperson);
}

/**
 * The bookings that hold a car during the span. A booking freed before it began (its task executed early,
 * its process closed) has shrunk to nothing and holds nothing, even inside another span.
 */
export function holdsCarDuring(span: Span) {
  return and(
    lt(carBookings.startAt, span.endAt),
    gt(carBookings.endAt, span.startAt),
    lt(carBookings.startAt, carBookings.endAt),
  );
}

const carError = (message: string) => new UserError(t.common.formHasErrors, { carId: [message] });

/**
 * Holds the car for the task: the one writer of `car_bookings`. The car's row is locked first (on SQLite
 * the transaction already holds the write lock), so of two saves of overlapping bookings the second
 * reads the first's row and is refused with the booking it collides with; nothing else of its save is
 * kept. A task's earlier booking is replaced (moving the task moves its booking).
 */
export async function bookCar(
  tx: Executor,
  { carId, taskId, showroomId, task }: { carId: number; taskId: number; showroomId: number; task: TaskTime },
): Promise<Span> {
  // The car's row alone: on PostgreSQL a lock taken through a join would hold the showroom's row too, and
  // every insert that names the showroom (a process, a lead) would wait for it.
  const [car] = await forUpdate(
    tx.select({ id: demoCars.id, showroomId: demoCars.showroomId }).from(demoCars).where(eq(demoCars.id, carId)),
  );
  if (!car) throw carError(fl.carNotFound);
  if (car.showroomId !== showroomId) throw carError(fl.carNotInShowroom);
  const [day] = await tx
    .select({ opensAt: showrooms.opensAt, closesAt: showrooms.closesAt })
    .from(showrooms)
    .where(eq(showrooms.id, car.showroomId));
  const span = bookingSpan(task, day);

  const [clash] = await tx
    .select({ startAt: carBookings.startAt, endAt: carBookings.endAt, salesperson: users.name })
    .from(carBookings)
    .innerJoin(tasks, eq(tasks.id, carBookings.taskId))
    .innerJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(eq(carBookings.carId, carId), ne(carBookings.taskId, taskId), holdsCarDuring(span)))
    .limit(1);
  if (clash) throw carError(fl.conflict(bookingLabelOf(clash)));

  const [outage] = await tx
    .select({ fromDate: carOutages.fromDate, toDate: carOutages.toDate })
    .from(carOutages)
    .where(and(eq(carOutages.carId, carId), lt(carOutages.startAt, span.endAt), gt(carOutages.endAt, span.startAt)))
    .limit(1);
  if (outage) throw carError(fl.conflictOutage(formatDate(outage.fromDate), formatDate(outage.toDate)));

  await tx.delete(carBookings).where(eq(carBookings.taskId, taskId));
  await tx.insert(carBookings).values({ carId, taskId, ...span });
  return span;
}

/**
 * Executing the task (or dropping it) frees its car from `now` on; the booking stays, ended, as the
 * record of the test drive, with what the execution form wrote down.
 */
export async function releaseCar(
  tx: Executor,
  { taskId, now, details }: { taskId: number; now: Date; details?: TestDriveDetails },
): Promise<void> {
  const [booking] = await tx
    .select({ id: carBookings.id, startAt: carBookings.startAt, endAt: carBookings.endAt })
    .from(carBookings)
    .where(eq(carBookings.taskId, taskId));
  if (!booking) return;
  const endAt = booking.endAt > now ? new Date(Math.max(booking.startAt.getTime(), now.getTime())) : booking.endAt;
  await tx
    .update(carBookings)
    .set({ endAt, ...(details ?? {}) })
    .where(eq(carBookings.id, booking.id));
}

/** A process whose sales work ends (`Wydany`, `w opiece (rezygnacja)`) frees the cars its planned tasks held. */
export async function releaseProcessCars(tx: Executor, { processId, now }: { processId: number; now: Date }) {
  const held = await tx
    .select({ taskId: carBookings.taskId })
    .from(carBookings)
    .innerJoin(tasks, eq(tasks.id, carBookings.taskId))
    .where(and(eq(tasks.processId, processId), eq(tasks.state, "planned"), gt(carBookings.endAt, now)));
  for (const { taskId } of held) await releaseCar(tx, { taskId, now });
}
