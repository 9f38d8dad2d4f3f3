import "server-only";
import fs from "node:fs";
import { and, eq, inArray, isNotNull, type Column } from "drizzle-orm";
import { transaction, type Executor } from "@/db/client";
import { carBookings, customers, notes, notifications, processEvents, processes, taskFiles, tasks } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/session";
import { recordConsents } from "@/lib/consents/record";
import { t } from "@/lib/i18n";
import { storedPath } from "@/lib/tasks/files";
import { assertAdmin } from "@/lib/users/admin";
import { findVisibleCustomer } from "./access";
import { retentionCandidateIds, retentionExpired } from "./retention";

const c = t.customers;

export type AnonymizeResult = { anonymized: number[]; skipped: number[]; filesRemoved: number };

/**
 * Replaces what identifies one customer, inside the caller's transaction: names, phone and e-mail; the
 * texts of their processes' notes, vehicle notes, reminders and notifications; their files' rows (the bytes are
 * the caller's to remove after the commit: returned); and withdraws every consent they had given. The
 * processes, tasks, notes and events stay, so every statistic counts the same.
 */
async function anonymizeOne(
  tx: Executor,
  { customerId, user, reason, now }: { customerId: number; user: Viewer; reason: string; now: Date },
): Promise<string[]> {
  const processIds = (
    await tx.select({ id: processes.id }).from(processes).where(eq(processes.customerId, customerId))
  ).map((row) => row.id);
  await tx
    .update(customers)
    .set({ firstName: "", lastName: c.anonymizedName, phone: null, email: null, anonymizedAt: now })
    .where(eq(customers.id, customerId));
  let storedNames: string[] = [];
  let noteCount = 0;
  if (processIds.length) {
    const inProcesses = (column: Column) => inArray(column, processIds);
    noteCount = (
      await tx
        .update(notes)
        .set({ content: c.anonymizedText })
        .where(inProcesses(notes.processId))
        .returning({ id: notes.id })
    ).length;
    // Reasons for resignation stay: "Statystyki" groups resignations by them.
    await tx.update(processes).set({ vehicleNotes: null }).where(inProcesses(processes.id));
    await tx
      .update(tasks)
      .set({ remindAbout: null })
      .where(and(inProcesses(tasks.processId), isNotNull(tasks.remindAbout)));
    await tx.update(notifications).set({ message: c.anonymizedText }).where(inProcesses(notifications.processId));
    // "Połączono z klientem …" names the merged customer: the same person.
    await tx
      .update(processEvents)
      .set({ fromValue: c.anonymizedName })
      .where(and(inProcesses(processEvents.processId), eq(processEvents.kind, "merged")));
    // The licence number shown for a test drive; the drive itself (car, time, mileage) stays for the fleet.
    await tx
      .update(carBookings)
      .set({ licenceNumber: null })
      .where(
        and(
          isNotNull(carBookings.licenceNumber),
          inArray(carBookings.taskId, tx.select({ id: tasks.id }).from(tasks).where(inProcesses(tasks.processId))),
        ),
      );
    const files = await tx
      .select({ id: taskFiles.id, storedName: taskFiles.storedName })
      .from(taskFiles)
      .innerJoin(tasks, eq(tasks.id, taskFiles.taskId))
      .where(inProcesses(tasks.processId));
    if (files.length) {
      await tx.delete(taskFiles).where(
        inArray(
          taskFiles.id,
          files.map((file) => file.id),
        ),
      );
    }
    storedNames = files.map((file) => file.storedName);
  }
  await recordConsents(tx, {
    customerId,
    channels: { phone: false, sms: false, email: false },
    source: "showroom",
    by: user.id,
    at: now,
  });
  await recordEvent(tx, {
    kind: "customer_anonymized",
    userId: user.id,
    customerId,
    details: { reason, processes: processIds.length, notes: noteCount, files: storedNames.length },
    at: now,
  });
  return storedNames;
}

function removeFiles(storedNames: readonly string[]): void {
  for (const name of storedNames) {
    try {
      fs.rmSync(storedPath(name), { force: true });
    } catch (error) {
      console.error(`[anonymize] file ${name} not removed:`, error);
    }
  }
}

/**
 * "Anonimizuj klienta" and "Do anonimizacji": anonymises customers in one transaction, an active
 * administrator's only (checked inside it). Each customer is re-read there: one who is not found, is
 * anonymised already, or (with `retention`) is no longer due, is skipped. `customerIds: "due"` takes every
 * customer due at the retention cutoff (up to a page). Files are removed once the transaction has committed.
 */
export async function anonymizeCustomers({
  user,
  customerIds,
  reason,
  retentionCutoff,
  now = new Date(),
}: {
  user: Viewer;
  customerIds: readonly number[] | "due";
  reason: string;
  /** Only customers due for anonymisation at this cutoff ("Do anonimizacji"). */
  retentionCutoff?: Date;
  now?: Date;
}): Promise<AnonymizeResult> {
  const { result, storedNames } = await transaction(async (tx) => {
    await assertAdmin(tx, user);
    const ids =
      customerIds === "due" ? (retentionCutoff ? await retentionCandidateIds(tx, retentionCutoff) : []) : customerIds;
    const result: AnonymizeResult = { anonymized: [], skipped: [], filesRemoved: 0 };
    const storedNames: string[] = [];
    for (const customerId of new Set(ids)) {
      const customer = await findVisibleCustomer({ user, id: customerId, tx });
      const due =
        !retentionCutoff ||
        (
          await tx
            .select({ id: customers.id })
            .from(customers)
            .where(and(eq(customers.id, customerId), retentionExpired(tx, retentionCutoff)))
        ).length > 0;
      if (!customer || customer.anonymizedAt || !due) {
        result.skipped.push(customerId);
        continue;
      }
      storedNames.push(...(await anonymizeOne(tx, { customerId, user, reason, now })));
      result.anonymized.push(customerId);
    }
    result.filesRemoved = storedNames.length;
    return { result, storedNames };
  });
  removeFiles(storedNames);
  return result;
}
