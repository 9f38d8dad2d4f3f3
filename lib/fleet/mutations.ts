import "server-only";
import { and, eq, gt, inArray, lt, ne } from "drizzle-orm";
import { forUpdate, isUniqueViolation, transaction, type Executor } from "@/db/client";
import { carBookings, carOutages, demoCars, tasks, users, type DemoCar } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import type { Viewer } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { showroomsForProcesses } from "@/lib/showrooms/queries";
import { addDays, startOfLocalDay } from "@/lib/time";
import { bookingLabelOf } from "./bookings";
import { findVisibleCar, findVisibleOutage } from "./queries";
import type { CarInput, OutageInput } from "./schema";

const fl = t.fleet;

/** Editing the fleet is a manager's or an administrator's, re-read inside the change's transaction. */
async function assertFleetEditor(tx: Executor, actor: Viewer): Promise<void> {
  const [current] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, actor.id), inArray(users.role, ["manager", "admin"]), eq(users.active, true)));
  if (!current) throw new UserError(t.common.notAllowed);
}

/** A manager puts cars in the showrooms they work in; an administrator in any active one. */
async function assertShowroom(tx: Executor, actor: Viewer, showroomId: number): Promise<void> {
  const allowed = await showroomsForProcesses(actor, tx);
  if (!allowed.some((showroom) => showroom.id === showroomId)) {
    throw new UserError(t.common.formHasErrors, { showroomId: [fl.notYourShowroom] });
  }
}

/**
 * The same VIN or registration saved at the same moment elsewhere (PostgreSQL: both checks passed before
 * either insert): the unique index refused this one, and the field says so as the check would have.
 */
function refusedDuplicate(error: unknown): unknown {
  if (isUniqueViolation(error, demoCars.vin)) return new UserError(t.common.formHasErrors, { vin: [fl.vinTaken] });
  if (isUniqueViolation(error, demoCars.registration)) {
    return new UserError(t.common.formHasErrors, { registration: [fl.registrationTaken] });
  }
  return error;
}

/** VIN and registration are unique in the fleet (the unique indexes hold it; this names the field). */
async function assertUnique(tx: Executor, input: CarInput, exceptId?: number): Promise<void> {
  const other = (column: typeof demoCars.vin | typeof demoCars.registration, value: string) =>
    tx
      .select({ id: demoCars.id })
      .from(demoCars)
      .where(and(eq(column, value), exceptId ? ne(demoCars.id, exceptId) : undefined));
  const errors: Record<string, string[]> = {};
  if ((await other(demoCars.vin, input.vin)).length) errors.vin = [fl.vinTaken];
  if ((await other(demoCars.registration, input.registration)).length) errors.registration = [fl.registrationTaken];
  if (Object.keys(errors).length) throw new UserError(t.common.formHasErrors, errors);
}

const carValues = (input: CarInput) => ({
  showroomId: input.showroomId,
  make: input.make,
  model: input.model,
  version: input.version ?? "",
  registration: input.registration,
  vin: input.vin,
});

export async function createCar({ actor, input }: { actor: Viewer; input: CarInput }): Promise<DemoCar> {
  try {
    return await transaction(async (tx) => {
      await assertFleetEditor(tx, actor);
      await assertShowroom(tx, actor, input.showroomId);
      await assertUnique(tx, input);
      const [car] = await tx.insert(demoCars).values(carValues(input)).returning();
      return car;
    });
  } catch (error) {
    throw refusedDuplicate(error);
  }
}

/** Changes a car; one with bookings still ahead stays in its showroom (its bookings belong to its processes). */
export async function updateCar({ actor, id, input }: { actor: Viewer; id: number; input: CarInput }): Promise<void> {
  try {
    await transaction(async (tx) => {
      await assertFleetEditor(tx, actor);
      const car = await findVisibleCar({ viewer: actor, id, db: tx });
      if (!car) throw new UserError(fl.carNotFound);
      if (car.showroomId !== input.showroomId) {
        await assertShowroom(tx, actor, input.showroomId);
        const ahead = await tx
          .select({ id: carBookings.id })
          .from(carBookings)
          .innerJoin(tasks, eq(tasks.id, carBookings.taskId))
          .where(and(eq(carBookings.carId, id), eq(tasks.state, "planned")))
          .limit(1);
        if (ahead.length) throw new UserError(t.common.formHasErrors, { showroomId: [fl.carHasBookings] });
      }
      await assertUnique(tx, input, id);
      await tx.update(demoCars).set(carValues(input)).where(eq(demoCars.id, id));
    });
  } catch (error) {
    throw refusedDuplicate(error);
  }
}

/** A period out of service; refused while a booking holds the car then (the booking is named). */
export function addOutage({ actor, carId, input }: { actor: Viewer; carId: number; input: OutageInput }) {
  return transaction(async (tx) => {
    await assertFleetEditor(tx, actor);
    const [car] = await forUpdate(tx.select({ id: demoCars.id }).from(demoCars).where(eq(demoCars.id, carId)));
    if (!car || !(await findVisibleCar({ viewer: actor, id: carId, db: tx }))) throw new UserError(fl.carNotFound);
    const startAt = startOfLocalDay(input.fromDate);
    const endAt = startOfLocalDay(addDays(input.toDate, 1));
    const [clash] = await tx
      .select({ startAt: carBookings.startAt, endAt: carBookings.endAt, salesperson: users.name })
      .from(carBookings)
      .innerJoin(tasks, eq(tasks.id, carBookings.taskId))
      .innerJoin(users, eq(users.id, tasks.assigneeId))
      .where(and(eq(carBookings.carId, carId), lt(carBookings.startAt, endAt), gt(carBookings.endAt, startAt)))
      .limit(1);
    if (clash)
      throw new UserError(t.common.formHasErrors, { fromDate: [fl.outageOverlapsBooking(bookingLabelOf(clash))] });
    await tx
      .insert(carOutages)
      .values({ carId, fromDate: input.fromDate, toDate: input.toDate, reason: input.reason ?? "", startAt, endAt });
  });
}

export function removeOutage({ actor, id }: { actor: Viewer; id: number }): Promise<void> {
  return transaction(async (tx) => {
    await assertFleetEditor(tx, actor);
    const outage = await findVisibleOutage({ viewer: actor, id, db: tx });
    if (!outage) throw new UserError(t.common.notFound);
    await tx.delete(carOutages).where(eq(carOutages.id, id));
  });
}
