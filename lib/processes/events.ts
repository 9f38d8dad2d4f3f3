import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
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
  await tx.insert(processEvents).values({
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

/** The process's last activity (the list sorts by it) and update time. */
export async function touchProcess(tx: Executor, processId: number, at = new Date()): Promise<void> {
  await tx.update(processes).set({ lastActivityAt: at, updatedAt: at }).where(eq(processes.id, processId));
}
