import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "./client";
import { carBookings, carOutages, demoCars, processes, tasks } from "./schema";
import { OPEN_STATUSES } from "@/lib/domain";
import { addDays, dayjs, localDate, startOfLocalDay, zonedInstant } from "@/lib/time";

/** The demo's fleet: two cars in each of the first two showrooms (VINs made up, European: no check digit). */
export const DEMO_CARS = [
  { make: "Škoda", model: "Octavia", version: "Style 1.5 TSI", registration: "WX1234A", vin: "TMBJR7NX5P0123456" },
  { make: "Škoda", model: "Kodiaq", version: "Sportline 2.0 TDI", registration: "WX5678B", vin: "TMBLJ9NS1P8765432" },
  { make: "Toyota", model: "Corolla", version: "Comfort Hybrid", registration: "WX9012C", vin: "SB1Z93BE20E246810" },
  { make: "Kia", model: "Sportage", version: "M 1.6 T-GDI", registration: "WX3456D", vin: "U5YPU81BGNL135791" },
] as const;

const SLOTS = ["10:00", "13:00", "16:00"];

/**
 * Four demo cars with test drives this week (Monday to Friday): those already over are done, with a
 * licence number and mileage, the rest planned; the last car is out of service next Monday and Tuesday.
 * Bookings never overlap: each car has its own slots.
 */
export async function seedFleet(tx: Executor, showroomIds: number[], now: Date): Promise<void> {
  const cars = await tx
    .insert(demoCars)
    .values(DEMO_CARS.map((car, i) => ({ ...car, showroomId: showroomIds[Math.floor(i / 2) % showroomIds.length] })))
    .returning();
  const today = localDate(now);
  const monday = addDays(today, -((dayjs.utc(today).day() + 6) % 7));
  for (const [i, car] of cars.entries()) {
    const open = await tx
      .select({ id: processes.id, ownerId: processes.ownerId })
      .from(processes)
      .where(and(eq(processes.showroomId, car.showroomId), inArray(processes.status, [...OPEN_STATUSES])))
      .orderBy(asc(processes.id))
      .limit(3)
      .offset(i * 3);
    for (const [j, process] of open.entries()) {
      const date = addDays(monday, (i + j * 2) % 5);
      const startAt = zonedInstant(date, SLOTS[(i + j) % SLOTS.length])!;
      const endAt = new Date(startAt.getTime() + 60 * 60_000);
      const done = endAt < now;
      const [task] = await tx
        .insert(tasks)
        .values({
          processId: process.id,
          assigneeId: process.ownerId,
          plannedById: process.ownerId,
          goal: "test_drive",
          startAt,
          endAt,
          dueAt: startAt,
          state: done ? "done" : "planned",
          doneAt: done ? endAt : null,
          doneById: done ? process.ownerId : null,
          createdAt: new Date(startAt.getTime() - 3 * 24 * 3_600_000),
        })
        .returning({ id: tasks.id });
      const mileage = 1200 + i * 3000 + j * 45;
      await tx.insert(carBookings).values({
        carId: car.id,
        taskId: task.id,
        startAt,
        endAt,
        ...(done
          ? { licenceNumber: `0${i}${j}45/1${j}/2${i}77`, mileageBefore: mileage, mileageAfter: mileage + 28 }
          : {}),
      });
    }
  }
  const nextMonday = addDays(monday, 7);
  await tx.insert(carOutages).values({
    carId: cars[cars.length - 1].id,
    fromDate: nextMonday,
    toDate: addDays(nextMonday, 1),
    startAt: startOfLocalDay(nextMonday),
    endAt: startOfLocalDay(addDays(nextMonday, 2)),
    reason: "Przegląd okresowy",
  });
}
