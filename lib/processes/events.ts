import "server-only";
import { eq, sql } from "drizzle-orm";
import { defineStatement, valueOf, type Executor } from "@/db/client";
import { processEvents, processes } from "@/db/schema";
import type { ProcessEventKind } from "@/lib/domain";

/** Writes a system entry of "Historia pracy" and marks the process as active now. Call inside the change's transaction. */
export async function recordProcessEvent(
  tx: Executor,
  event: {
    processId: number;
    userId: number | null;
    kind: ProcessEventKind;
    from?: string | null;
    to?: string | null;
    reason?: string | null;
    at?: Date;
  },
): Promise<void> {
  const at = event.at ?? new Date();
  await insertEvent({}, tx).all({
    processId: event.processId,
    userId: event.userId,
    kind: event.kind,
    fromValue: event.from ?? null,
    toValue: event.to ?? null,
    reason: event.reason ?? null,
    createdAt: at,
  });
  await touchProcess(tx, event.processId, at);
}

// Every change of a process writes these: built once, run in the change's transaction.
const insertEvent = defineStatement((db) =>
  db
    .insert(processEvents)
    .values({
      processId: valueOf("processId"),
      userId: valueOf("userId"),
      kind: valueOf("kind"),
      fromValue: valueOf("fromValue"),
      toValue: valueOf("toValue"),
      reason: valueOf("reason"),
      createdAt: valueOf("createdAt"),
    })
    .returning({ id: processEvents.id }),
);
const touch = defineStatement((db) =>
  db
    .update(processes)
    .set({ lastActivityAt: valueOf("at"), updatedAt: valueOf("at") })
    .where(eq(processes.id, sql.placeholder("id")))
    .returning({ id: processes.id }),
);

/** The process's last activity (the list sorts by it) and update time. */
export async function touchProcess(tx: Executor, processId: number, at = new Date()): Promise<void> {
  await touch({}, tx).all({ id: processId, at });
}
