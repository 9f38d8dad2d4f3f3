import "server-only";
import { and, count, countDistinct, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { carBookings, demoCars, processEvents, processes, tasks, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { visibleTo } from "@/lib/processes/access";
import { carLabel } from "./queries";

type Range = { start: Date; end: Date };

/**
 * "Jazdy próbne" of "Statystyki": the test drives held (executed tasks that booked a car, by the booking's
 * start) in the period, per car and per salesperson (who executed them), of the processes the viewer sees;
 * and how many of those processes reached `Zamówienie` or `Wydany` (ever, not only in the period).
 */
export async function testDriveStats({
  viewer,
  period,
  showroomId,
}: {
  viewer: Viewer;
  period: Range;
  showroomId?: number;
}) {
  const db = getDb();
  const held = and(
    eq(tasks.state, "done"),
    gte(carBookings.startAt, period.start),
    lt(carBookings.startAt, period.end),
    visibleTo(viewer),
    showroomId === undefined ? undefined : eq(processes.showroomId, showroomId),
  );
  const processesWith = (condition: SQL | undefined) =>
    db
      .select({ processes: countDistinct(processes.id) })
      .from(carBookings)
      .innerJoin(tasks, eq(tasks.id, carBookings.taskId))
      .innerJoin(processes, eq(processes.id, tasks.processId))
      .where(condition);

  const byCarQuery = db
    .select({
      make: demoCars.make,
      model: demoCars.model,
      version: demoCars.version,
      registration: demoCars.registration,
      n: count(),
    })
    .from(carBookings)
    .innerJoin(tasks, eq(tasks.id, carBookings.taskId))
    .innerJoin(processes, eq(processes.id, tasks.processId))
    .innerJoin(demoCars, eq(demoCars.id, carBookings.carId))
    .where(held)
    .groupBy(demoCars.id, demoCars.make, demoCars.model, demoCars.version, demoCars.registration)
    .orderBy(desc(count()), demoCars.registration);
  const bySalespersonQuery = db
    .select({ name: users.name, n: count() })
    .from(carBookings)
    .innerJoin(tasks, eq(tasks.id, carBookings.taskId))
    .innerJoin(processes, eq(processes.id, tasks.processId))
    .innerJoin(users, eq(users.id, tasks.doneById))
    .where(held)
    .groupBy(users.id, users.name)
    .orderBy(desc(count()), users.name);

  const reachedOrder = or(
    inArray(processes.status, ["order", "delivered"]),
    sql`exists (select 1 from ${processEvents} where ${processEvents.processId} = ${processes.id} and ${processEvents.kind} = 'status' and ${processEvents.toValue} in ('order', 'delivered'))`,
  );
  // Independent reads: on PostgreSQL they run at once, each on a connection of the pool.
  const [byCar, bySalesperson, [all], [ordered]] = await Promise.all([
    byCarQuery,
    bySalespersonQuery,
    processesWith(held),
    processesWith(and(held, reachedOrder)),
  ]);
  return {
    byCar: byCar.map((row) => ({ car: carLabel(row), drives: row.n })),
    bySalesperson: bySalesperson.map((row) => ({ name: row.name, drives: row.n })),
    processes: all?.processes ?? 0,
    ordered: ordered?.processes ?? 0,
  };
}
export type TestDriveStats = Awaited<ReturnType<typeof testDriveStats>>;
