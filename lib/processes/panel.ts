import "server-only";
import { asc, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { customers, notes, processEvents, taskFiles, tasks, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { findVisibleProcess } from "./access";
import { taskIsOverdue } from "./queries";

type Viewer = Pick<SessionUser, "id" | "role">;

/**
 * Everything the process panel shows, or null when this user may not see the process: the header,
 * its tasks (planned by due time, then done ones), and "Historia pracy" (notes and system entries,
 * newest first).
 */
export function getProcessPanel({ user, id, now = new Date() }: { user: Viewer; id: number; now?: Date }) {
  const db = getDb();
  const process = findVisibleProcess({ user, id, db });
  if (!process) return null;
  const customer = db.select().from(customers).where(eq(customers.id, process.customerId)).get()!;

  const allUsers = new Map(db.select({ id: users.id, name: users.name, active: users.active }).from(users).all().map((u) => [u.id, u]));
  const nameOf = (userId: number | null) => (userId == null ? null : (allUsers.get(userId)?.name ?? null));

  const taskRows = db.select().from(tasks).where(eq(tasks.processId, process.id)).orderBy(asc(tasks.dueAt), asc(tasks.id)).all();
  const files = taskRows.length
    ? db
        .select({ id: taskFiles.id, taskId: taskFiles.taskId, originalName: taskFiles.originalName, size: taskFiles.size })
        .from(taskFiles)
        .where(inArray(taskFiles.taskId, taskRows.map((task) => task.id)))
        .orderBy(asc(taskFiles.id))
        .all()
    : [];
  const withFiles = taskRows.map((task) => ({
    ...task,
    overdue: task.state === "planned" && taskIsOverdue(task, now),
    doneByName: nameOf(task.doneById),
    files: files.filter((file) => file.taskId === task.id),
  }));
  const planned = withFiles.filter((task) => task.state === "planned");
  const done = withFiles
    .filter((task) => task.state === "done")
    .sort((a, b) => (b.doneAt?.getTime() ?? 0) - (a.doneAt?.getTime() ?? 0));

  const noteRows = db.select().from(notes).where(eq(notes.processId, process.id)).orderBy(desc(notes.createdAt), desc(notes.id)).all();
  const eventRows = db.select().from(processEvents).where(eq(processEvents.processId, process.id)).orderBy(desc(processEvents.createdAt), desc(processEvents.id)).all();
  const goalOfTask = new Map(taskRows.map((task) => [task.id, task.goal]));

  const history = [
    ...noteRows.map((note) => ({
      type: "note" as const,
      key: `n${note.id}`,
      at: note.createdAt,
      authorName: nameOf(note.authorId),
      note,
      taskGoal: note.taskId != null ? (goalOfTask.get(note.taskId) ?? null) : null,
    })),
    ...eventRows.map((event) => ({
      type: "event" as const,
      key: `e${event.id}`,
      at: event.createdAt,
      authorName: nameOf(event.userId),
      event,
      // Owner entries keep user ids; the panel shows names.
      fromName: event.kind === "owner" ? nameOf(Number(event.fromValue)) : null,
      toName: event.kind === "owner" ? nameOf(Number(event.toValue)) : null,
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime() || (a.type === b.type ? 0 : a.type === "note" ? -1 : 1));

  return {
    process,
    customer,
    owner: allUsers.get(process.ownerId) ?? null,
    tasks: [...planned, ...done],
    hasPlannedTask: planned.length > 0,
    history,
  };
}
export type ProcessPanel = NonNullable<ReturnType<typeof getProcessPanel>>;
export type PanelTask = ProcessPanel["tasks"][number];
export type HistoryEntry = ProcessPanel["history"][number];
