import "server-only";
import { asc, count, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notes, processes, taskFiles, tasks } from "@/db/schema";

/**
 * What anonymising a customer touches (the form states it before the irreversible step), and their first
 * process (where the panel goes afterwards). The caller has found the customer through `findVisibleCustomer`.
 */
export async function customerFootprint(customerId: number) {
  const db = getDb();
  const [[processRow], [noteRow], [fileRow], [first]] = await Promise.all([
    db.select({ n: count() }).from(processes).where(eq(processes.customerId, customerId)),
    db
      .select({ n: count() })
      .from(notes)
      .innerJoin(processes, eq(processes.id, notes.processId))
      .where(eq(processes.customerId, customerId)),
    db
      .select({ n: count() })
      .from(taskFiles)
      .innerJoin(tasks, eq(tasks.id, taskFiles.taskId))
      .innerJoin(processes, eq(processes.id, tasks.processId))
      .where(eq(processes.customerId, customerId)),
    db
      .select({ id: processes.id })
      .from(processes)
      .where(eq(processes.customerId, customerId))
      .orderBy(asc(processes.id))
      .limit(1),
  ]);
  return { processes: processRow.n, notes: noteRow.n, files: fileRow.n, firstProcessId: first?.id ?? null };
}
