// Save timings of `npm run bench`, in process, on the large database (DATA_DIR points at it, so getDb()
// opens it).
import type { Db } from "@/db/client";
import { timeSamples, type Timing } from "./timing";

export type SaveContext = {
  db: Db;
  /** The bench process (50 notes, 10 tasks), owned by `user`. */
  processId: number;
  /** The bench salesperson, as a session user. */
  user: { id: number; name: string; email: string; role: "salesperson" };
  /** Planned tasks of `user` (more than 50), for executing: each sample may use up one. */
  plannedTaskIds: number[];
};

/** The yardstick of the saves: a bare one-row insert (one note) in its own transaction. */
export function measureBareInsert(context: SaveContext, samples = 200): Timing {
  const insert = context.db.$client.prepare(
    "insert into notes (process_id, author_id, initiative, type, content, created_at) values (?, ?, 'dealer', 'phone', ?, ?)",
  );
  return timeSamples("bare one-row insert (notes)", samples, (i) => insert.run(context.processId, context.user.id, `Pomiar ${i}`, Date.now()));
}

/**
 * THE HOOK for the lead: time the real saves once lib/tasks/mutations.ts exists, e.g.
 *
 *   timeSamples("combined form (note + task)", 50, (i) => saveNoteAndTask({ user, processId, ... }))
 *   timeSamples("execute a task", 50, (i) => executeTask({ user, taskId: context.plannedTaskIds[i + 5] ... }))
 *
 * (timeSamples calls fn 5 times with negative i to warm up first; use timeSamplesAsync for async
 * functions). Until then it returns nothing, and the bench prints "not measured".
 */
export async function measureSaves(context: SaveContext): Promise<Timing[]> {
  void context;
  return [];
}
