import "server-only";
import { and, asc, count, eq, gte, inArray, isNull, lt, max, notExists, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { consentRecords, customers, processes, tasks } from "@/db/schema";
import { config } from "@/lib/config";
import { OPEN_STATUSES } from "@/lib/domain";
import { RETENTION_PAGE } from "./retention-limits";

/** The instant `months` calendar months before `now` (the 31st of a shorter month is its last day). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  const day = cutoff.getUTCDate();
  cutoff.setUTCDate(1);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(day, lastDay));
  return cutoff;
}

/**
 * Customers whose data the retention period has run out for: not anonymised, known since before the
 * cutoff, with no open process, no process active since, no planned task and no consent recorded since.
 */
export function retentionExpired(db: Executor, cutoff: Date): SQL {
  const ofCustomer = eq(processes.customerId, customers.id);
  return and(
    isNull(customers.anonymizedAt),
    lt(customers.createdAt, cutoff),
    notExists(
      db
        .select({ one: sql`1` })
        .from(processes)
        .where(and(ofCustomer, or(inArray(processes.status, OPEN_STATUSES), gte(processes.lastActivityAt, cutoff)))),
    ),
    notExists(
      db
        .select({ one: sql`1` })
        .from(tasks)
        .innerJoin(processes, eq(processes.id, tasks.processId))
        .where(and(ofCustomer, eq(tasks.state, "planned"))),
    ),
    notExists(
      db
        .select({ one: sql`1` })
        .from(consentRecords)
        .where(and(eq(consentRecords.customerId, customers.id), gte(consentRecords.recordedAt, cutoff))),
    ),
  )!;
}

export { RETENTION_PAGE };

/** The ids of the customers due for anonymisation, oldest first (inside a transaction: pass its `tx`). */
export async function retentionCandidateIds(db: Executor, cutoff: Date, limit = RETENTION_PAGE): Promise<number[]> {
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(retentionExpired(db, cutoff))
    .orderBy(asc(customers.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** "Do anonimizacji": who is due, with their last activity and how many processes they had; null when RETENTION_MONTHS is off. */
export async function listRetentionCandidates({
  now = new Date(),
  months = config.retentionMonths,
}: { now?: Date; months?: number } = {}) {
  if (!months) return null;
  const db = getDb();
  const cutoff = retentionCutoff(now, months);
  const where = retentionExpired(db, cutoff);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: customers.id,
        firstName: customers.firstName,
        lastName: customers.lastName,
        createdAt: customers.createdAt,
        lastActivityAt: max(processes.lastActivityAt),
        processes: count(processes.id),
      })
      .from(customers)
      .leftJoin(processes, eq(processes.customerId, customers.id))
      .where(where)
      .groupBy(customers.id)
      .orderBy(asc(customers.id))
      .limit(RETENTION_PAGE),
    db.select({ total: count() }).from(customers).where(where),
  ]);
  return { months, cutoff, rows, total };
}
