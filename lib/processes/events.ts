import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { processEvents, processes } from "@/db/schema";
import type { ProcessEventKind } from "@/lib/domain";

/** Writes a system entry of "Historia pracy" and marks the process as active now. Call inside the change's transaction. */
export function recordProcessEvent(
  db: Executor,
  event: {
    processId: number;
    userId: number | null;
    kind: ProcessEventKind;
    from?: string | null;
    to?: string | null;
    reason?: string | null;
    at?: Date;
  },
): void {
  const at = event.at ?? new Date();
  db.insert(processEvents)
    .values({
      processId: event.processId,
      userId: event.userId,
      kind: event.kind,
      fromValue: event.from ?? null,
      toValue: event.to ?? null,
      reason: event.reason ?? null,
      createdAt: at,
    })
    .run();
  touchProcess(db, event.processId, at);
}

/** The process's last activity (the list sorts by it) and update time. */
export function touchProcess(db: Executor, processId: number, at = new Date()): void {
  db.update(processes).set({ lastActivityAt: at, updatedAt: at }).where(eq(processes.id, processId)).run();
}
