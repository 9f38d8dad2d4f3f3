import "server-only";
import { and, asc, eq, gt, inArray, lt, notInArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { carBookings, carOutages, customers, demoCars, processes, showrooms, tasks, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { customerName } from "@/lib/customers/name";
import { visibleTo } from "@/lib/processes/access";
import { visibleCars } from "./access";
import { holdsCarDuring, type Span } from "./bookings";

const carColumns = {
  id: demoCars.id,
  showroomId: demoCars.showroomId,
  showroomName: showrooms.name,
  make: demoCars.make,
  model: demoCars.model,
  version: demoCars.version,
  registration: demoCars.registration,
  vin: demoCars.vin,
};

/** "Škoda Octavia Style (WX12345)". */
export function carLabel(car: { make: string; model: string; version: string; registration: string }): string {
  return `${[car.make, car.model, car.version].filter(Boolean).join(" ")} (${car.registration})`;
}

/** The cars this user sees, by showroom, make, model and registration. */
function carsSeenBy(viewer: Viewer) {
  return getDb()
    .select(carColumns)
    .from(demoCars)
    .innerJoin(showrooms, eq(showrooms.id, demoCars.showroomId))
    .where(visibleCars(viewer))
    .orderBy(asc(showrooms.name), asc(demoCars.make), asc(demoCars.model), asc(demoCars.registration));
}

/** "Flota demo": the cars this user sees, each with its periods out of service that have not ended. */
export async function listFleet({ viewer, now = new Date() }: { viewer: Viewer; now?: Date }) {
  const db = getDb();
  const cars = await carsSeenBy(viewer);
  const outages = cars.length
    ? await db
        .select()
        .from(carOutages)
        .where(
          and(
            inArray(
              carOutages.carId,
              cars.map((car) => car.id),
            ),
            gt(carOutages.endAt, now),
          ),
        )
        .orderBy(asc(carOutages.startAt))
    : [];
  return cars.map((car) => ({ ...car, outages: outages.filter((o) => o.carId === car.id) }));
}
export type FleetCar = Awaited<ReturnType<typeof listFleet>>[number];

/** A car this user sees (and, if a manager or admin, may edit), or undefined. Pass `db: tx` inside a transaction. */
export async function findVisibleCar({ viewer, id, db = getDb() }: { viewer: Viewer; id: number; db?: Executor }) {
  const [car] = await db
    .select()
    .from(demoCars)
    .where(and(eq(demoCars.id, id), visibleCars(viewer)));
  return car;
}

/** A period out of service of a car this user sees. */
export async function findVisibleOutage({ viewer, id, db = getDb() }: { viewer: Viewer; id: number; db?: Executor }) {
  const [outage] = await db
    .select({ id: carOutages.id, carId: carOutages.carId })
    .from(carOutages)
    .innerJoin(demoCars, eq(demoCars.id, carOutages.carId))
    .where(and(eq(carOutages.id, id), visibleCars(viewer)));
  return outage;
}

/** "Samochód demo" of a process's form: every car of its showroom (without JavaScript all are listed). */
export async function carsOfShowroom(showroomId: number) {
  return await getDb()
    .select(carColumns)
    .from(demoCars)
    .innerJoin(showrooms, eq(showrooms.id, demoCars.showroomId))
    .where(eq(demoCars.showroomId, showroomId))
    .orderBy(asc(demoCars.make), asc(demoCars.model), asc(demoCars.registration));
}

/** The cars of a showroom that neither a booking nor a period out of service holds during the span. */
export async function freeCarIds({ showroomId, span }: { showroomId: number; span: Span }): Promise<number[]> {
  const db = getDb();
  const booked = await db.select({ carId: carBookings.carId }).from(carBookings).where(holdsCarDuring(span));
  const out = await db
    .select({ carId: carOutages.carId })
    .from(carOutages)
    .where(and(lt(carOutages.startAt, span.endAt), gt(carOutages.endAt, span.startAt)));
  const busy = [...booked, ...out].map((row) => row.carId);
  const free = await db
    .select({ id: demoCars.id })
    .from(demoCars)
    .where(and(eq(demoCars.showroomId, showroomId), busy.length ? notInArray(demoCars.id, busy) : undefined))
    .orderBy(asc(demoCars.id));
  return free.map((car) => car.id);
}

/** A showroom's working day (an all-day test drive's hold on a car). */
export async function workingDayOf(showroomId: number) {
  const [day] = await getDb()
    .select({ opensAt: showrooms.opensAt, closesAt: showrooms.closesAt })
    .from(showrooms)
    .where(eq(showrooms.id, showroomId));
  return day ?? { opensAt: "08:00", closesAt: "18:00" };
}

/**
 * "Kalendarz floty": the week's bookings and periods out of service of the cars this user sees. Each
 * booking names its salesperson; the customer only where the user may see the process (a salesperson
 * their own bookings).
 */
export async function fleetWeek({ viewer, from, to }: { viewer: Viewer; from: Date; to: Date }) {
  const db = getDb();
  const cars = await carsSeenBy(viewer);
  const carIds = cars.map((car) => car.id);
  if (!carIds.length) return { cars: [], bookings: [], outages: [] };
  const visible = visibleTo(viewer);
  const rows = await db
    .select({
      id: carBookings.id,
      carId: carBookings.carId,
      startAt: carBookings.startAt,
      endAt: carBookings.endAt,
      taskId: tasks.id,
      state: tasks.state,
      processId: processes.id,
      salesperson: users.name,
      mine: visible
        ? sql<number>`case when ${visible} then 1 else 0 end`.mapWith(Number)
        : sql<number>`1`.mapWith(Number),
      firstName: customers.firstName,
      lastName: customers.lastName,
    })
    .from(carBookings)
    .innerJoin(tasks, eq(tasks.id, carBookings.taskId))
    .innerJoin(processes, eq(processes.id, tasks.processId))
    .innerJoin(customers, eq(customers.id, processes.customerId))
    .innerJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(inArray(carBookings.carId, carIds), lt(carBookings.startAt, to), gt(carBookings.endAt, from)))
    .orderBy(asc(carBookings.startAt));
  // What the user may not see never leaves this function.
  const bookings = rows.map(({ mine, firstName, lastName, processId, ...booking }) =>
    mine
      ? { ...booking, processId, customer: customerName({ firstName, lastName }) }
      : { ...booking, processId: null, customer: null },
  );
  const outages = await db
    .select()
    .from(carOutages)
    .where(and(inArray(carOutages.carId, carIds), lt(carOutages.startAt, to), gt(carOutages.endAt, from)));
  return { cars, bookings, outages };
}
export type FleetWeek = Awaited<ReturnType<typeof fleetWeek>>;

/** The booking of a task with its car (the execution form, "Umowa jazdy próbnej"). */
export async function bookingOfTask(taskId: number) {
  const [booking] = await getDb()
    .select({
      id: carBookings.id,
      startAt: carBookings.startAt,
      endAt: carBookings.endAt,
      licenceNumber: carBookings.licenceNumber,
      mileageBefore: carBookings.mileageBefore,
      mileageAfter: carBookings.mileageAfter,
      car: carColumns,
    })
    .from(carBookings)
    .innerJoin(demoCars, eq(demoCars.id, carBookings.carId))
    .innerJoin(showrooms, eq(showrooms.id, demoCars.showroomId))
    .where(eq(carBookings.taskId, taskId));
  return booking;
}
export type TaskBooking = NonNullable<Awaited<ReturnType<typeof bookingOfTask>>>;

/** "Samochód demo" of a process's task form: its showroom's cars and where the form asks which are free. */
export async function fleetChoiceFor(process: { id: number; showroomId: number }) {
  const cars = await carsOfShowroom(process.showroomId);
  return {
    cars: cars.map((car) => ({ id: car.id, label: carLabel(car) })),
    freeCarsUrl: `/api/flota/wolne?proces=${process.id}`,
  };
}

/**
 * "Umowa jazdy próbnej" of a task, for whoever may see its process (undefined otherwise, or when the task
 * booked no car): the dealership, the customer, the licence, the car, the time and the mileage.
 */
export async function findAgreement({ viewer, taskId }: { viewer: Viewer; taskId: number }) {
  const db = getDb();
  const [row] = await db
    .select({
      taskId: tasks.id,
      processId: processes.id,
      allDay: tasks.allDay,
      dueDate: tasks.dueDate,
      startAt: tasks.startAt,
      endAt: tasks.endAt,
      salesperson: users.name,
      firstName: customers.firstName,
      lastName: customers.lastName,
      phone: customers.phone,
      email: customers.email,
    })
    .from(tasks)
    .innerJoin(processes, eq(processes.id, tasks.processId))
    .innerJoin(customers, eq(customers.id, processes.customerId))
    .innerJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(eq(tasks.id, taskId), visibleTo(viewer)));
  if (!row) return undefined;
  const booking = await bookingOfTask(taskId);
  if (!booking) return undefined;
  const [showroom] = await db
    .select({ name: showrooms.name, address: showrooms.address, phone: showrooms.phone })
    .from(showrooms)
    .where(eq(showrooms.id, booking.car.showroomId));
  return { ...row, customer: customerName(row), booking, showroom };
}
export type Agreement = NonNullable<Awaited<ReturnType<typeof findAgreement>>>;
