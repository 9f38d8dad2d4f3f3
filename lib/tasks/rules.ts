import { isManager, processIsClosed, type ProcessStatus, type Role } from "@/lib/domain";

export type NextTaskDecision = { allowed: true; planNext: boolean } | { allowed: false; error: "nextTaskRequired" };

/**
 * "Nie planuj kolejnych zadań" is offered, in "Planowanie zadań" and "Wykonanie zadania" alike, only once
 * the sales work has ended (`Wydany`, `w opiece (rezygnacja)`).
 */
export function canSkipNextTask(status: ProcessStatus): boolean {
  return processIsClosed(status);
}

/** Who may change a planned task ("Zmień termin", "Usuń zadanie"): its assignee, or a manager who sees the process. */
export function mayChangeTask(user: { id: number; role: Role }, task: { assigneeId: number }): boolean {
  return isManager(user) || task.assigneeId === user.id;
}

/**
 * The product's promise, as one rule for both forms: a save plans the next contact, unless the process
 * has ended and the user asked not to (then the note is saved alone). Whatever the request says, an open
 * process gets its next task.
 */
export function nextTaskDecision({
  status,
  skipNextTask,
}: {
  status: ProcessStatus;
  skipNextTask: boolean;
}): NextTaskDecision {
  if (!skipNextTask) return { allowed: true, planNext: true };
  if (canSkipNextTask(status)) return { allowed: true, planNext: false };
  return { allowed: false, error: "nextTaskRequired" };
}
