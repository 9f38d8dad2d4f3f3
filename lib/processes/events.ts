import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { processEvents, processes } from "@/db/schema";
import type { ProcessEventKind } from "@/lib/domain";

/** Writes a system entry of "Historia pracy" and marks the process as active now. Call inside the change's transaction. */
export async function recordProcessEvent(tx: Executor, event: ProcessEvent & { at?: Date }): Promise<void> {
  await recordProcessEvents(tx, [event], event.at ?? new Date());
}

type ProcessEvent = {
  processId: number;
  userId: number | null;
  kind: ProcessEventKind;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
};

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

/** The process's last activity (the list sorts by it) and update time. */
export async function touchProcess(tx: Executor, processId: number, at = new Date()): Promise<void> {
  await tx.update(processes).set({ lastActivityAt: at, updatedAt: at }).where(eq(processes.id, processId));
}
