import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { defineStatement, valueOf, type Executor } from "@/db/client";
import { processEvents, processes } from "@/db/schema";
import type { ProcessEventKind } from "@/lib/domain";

type ProcessEvent = {
  processId: number;
  userId: number | null;
  kind: ProcessEventKind;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
};

/** Writes a system entry of "Historia pracy" and marks the process as active now. Call inside the change's transaction. */
export async function recordProcessEvent(tx: Executor, event: ProcessEvent & { at?: Date }): Promise<void> {
  const at = event.at ?? new Date();
  await writeProcessEvent(tx, { ...event, at });
  await touchProcess(tx, event.processId, at);
}

/**
 * The entry alone, for a process written with its activity time already set (an imported one, whose
 * "created" entry keeps the file's date). Call inside the change's transaction.
 */
export async function writeProcessEvent(tx: Executor, event: ProcessEvent & { at: Date }): Promise<void> {
  await insertEvent({}, tx).all({
    processId: event.processId,
    userId: event.userId,
    kind: event.kind,
    fromValue: event.from ?? null,
    toValue: event.to ?? null,
    reason: event.reason ?? null,
    createdAt: event.at,
  });
}

/** `recordProcessEvent` for many processes at one moment (a bulk hand-over): one insert and one touch per chunk. */
export async function recordProcessEvents(
  tx: Executor,
  events: readonly ProcessEvent[],
  at = new Date(),
): Promise<void> {
  for (let start = 0; start < events.length; start += EVENT_CHUNK) {
    const chunk = events.slice(start, start + EVENT_CHUNK);
    await tx.insert(processEvents).values(
      chunk.map((event) => ({
        processId: event.processId,
        userId: event.userId,
        kind: event.kind,
        fromValue: event.from ?? null,
        toValue: event.to ?? null,
        reason: event.reason ?? null,
        createdAt: at,
      })),
    );
    await tx
      .update(processes)
      .set({ lastActivityAt: at, updatedAt: at })
      .where(
        inArray(
          processes.id,
          chunk.map((event) => event.processId),
        ),
      );
  }
}

/** Rows per statement: well under SQLite's and PostgreSQL's limits on bound values. */
const EVENT_CHUNK = 500;

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
