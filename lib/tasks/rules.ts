import { processIsClosed, type ProcessStatus } from "@/lib/domain";

export type NextTaskDecision = { allowed: true; planNext: boolean } | { allowed: false; error: "nextTaskRequired" };

/** "Nie planuj kolejnych zadań" is offered only once the sales work has ended. */
export function canSkipNextTask(status: ProcessStatus): boolean {
  return processIsClosed(status);
}

/**
 * The product's promise, as one rule: planning always plans a task; executing a task plans the next
 * contact unless the process has ended (`delivered`, `resigned`) and the user asked not to. Whatever
 * the request says, an open process gets its next task.
 */
export function nextTaskDecision({
  status,
  mode,
  skipNextTask,
}: {
  status: ProcessStatus;
  mode: "plan" | "execute";
  skipNextTask: boolean;
}): NextTaskDecision {
  if (!skipNextTask) return { allowed: true, planNext: true };
  if (mode === "execute" && canSkipNextTask(status)) return { allowed: true, planNext: false };
  return { allowed: false, error: "nextTaskRequired" };
}
