import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import { transaction, type Executor } from "@/db/client";
import {
  auditEvents,
  consentRecords,
  customers,
  imports,
  notes,
  processEvents,
  processes,
  tasks,
  type Import,
} from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { recordEvent } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { IMPORT_LIMITS } from "./limits";
import { findVisibleImport } from "./queries";

const i = t.imports;

/** Processes and customers of the import to which something has been added since: they block "Cofnij import". */
async function touchedSince(tx: Executor, importId: number): Promise<number> {
  const [touchedProcesses] = await tx
    .select({ n: count() })
    .from(processes)
    .where(
      and(
        eq(processes.importId, importId),
        sql`(exists (select 1 from ${notes} where ${notes.processId} = ${processes.id})
          or exists (select 1 from ${processEvents} where ${processEvents.processId} = ${processes.id} and ${processEvents.kind} <> 'created')
          or exists (select 1 from ${tasks} where ${tasks.processId} = ${processes.id} and ${tasks.state} <> 'planned')
          or (select count(*) from ${tasks} where ${tasks.processId} = ${processes.id}) > 1)`,
      ),
    );
  const [touchedCustomers] = await tx
    .select({ n: count() })
    .from(customers)
    .where(
      and(
        eq(customers.importId, importId),
        sql`(exists (select 1 from ${processes} p2 where p2.customer_id = ${customers.id} and (p2.import_id is null or p2.import_id <> ${importId}))
          or exists (select 1 from ${consentRecords} c2 where c2.customer_id = ${customers.id} and (c2.import_id is null or c2.import_id <> ${importId}))
          or exists (select 1 from ${auditEvents} a2 where a2.customer_id = ${customers.id}))`,
      ),
    );
  return touchedProcesses.n + touchedCustomers.n;
}

/**
 * Deletes what the import created, in the caller's transaction: its consent records, its processes (their
 * tasks, history and notifications go with them) and the customers it made that nothing else refers to.
 */
export async function removeImported(tx: Executor, importId: number): Promise<number> {
  await tx.delete(consentRecords).where(eq(consentRecords.importId, importId));
  const removed = await tx.delete(processes).where(eq(processes.importId, importId)).returning({ id: processes.id });
  await tx
    .delete(customers)
    .where(
      and(
        eq(customers.importId, importId),
        sql`not exists (select 1 from ${processes} p2 where p2.customer_id = ${customers.id})`,
        sql`not exists (select 1 from ${consentRecords} c2 where c2.customer_id = ${customers.id})`,
        sql`not exists (select 1 from ${auditEvents} a2 where a2.customer_id = ${customers.id})`,
      ),
    );
  return removed.length;
}

/** Whether "Cofnij import" is still open for this import: done, and finished at most undoHours ago. */
export function undoStillOpen(record: Pick<Import, "state" | "finishedAt">, now = new Date()): boolean {
  return (
    record.state === "done" &&
    record.finishedAt !== null &&
    now.getTime() - record.finishedAt.getTime() <= IMPORT_LIMITS.undoHours * 3_600_000
  );
}

/**
 * "Cofnij import": within IMPORT_LIMITS.undoHours of its end, and only while nothing has been added to what
 * it created, removes all of it in one transaction.
 */
export function undoImport({ user, id, now = new Date() }: { user: Viewer; id: number; now?: Date }): Promise<void> {
  return transaction(async (tx) => {
    const record = await findVisibleImport({ user, id, tx });
    if (!record) throw new UserError(t.common.notFound);
    if (record.state !== "done" || !record.finishedAt) throw new UserError(i.undoNotDone);
    if (!undoStillOpen(record, now)) throw new UserError(i.undoExpired);
    const touched = await touchedSince(tx, id);
    if (touched) throw new UserError(i.undoBlocked(touched));
    const removed = await removeImported(tx, id);
    await tx.update(imports).set({ state: "undone", undoneAt: now }).where(eq(imports.id, id));
    await recordEvent(tx, {
      kind: "import_undone",
      userId: user.id,
      details: { importId: id, file: record.fileName, processes: removed },
      at: now,
    });
  });
}
