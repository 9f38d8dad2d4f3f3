import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import { prepared } from "@/db/client";
import { customers, notes, processEvents, taskFiles, tasks, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { findVisibleProcess } from "./access";
import { taskIsOverdue } from "./queries";

type Viewer = Pick<SessionUser, "id" | "role">;

/**
 * Everything the process panel shows, or null when this user may not see the process: the header,
 * its tasks (planned by due time, then done ones), and "Historia pracy" (notes and system entries,
 * newest first: the first `historyLimit` of `historyTotal`).
 */
export function getProcessPanel({
  user,
  id,
  now = new Date(),
  historyLimit = Infinity,
}: {
  user: Viewer;
  id: number;
  now?: Date;
  historyLimit?: number;
}) {
  const process = findVisibleProcess({ user, id });
  if (!process) return null;
  const byProcess = { processId: process.id };
  // Each kind's newest `limit` rows hold the newest `limit` entries of both; SQLite reads -1 as no limit.
  const newest = { ...byProcess, limit: Number.isFinite(historyLimit) ? historyLimit : -1 };
  const customer = prepared("panel customer", (db) =>
    db
      .select()
      .from(customers)
      .where(eq(customers.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id: process.customerId })!;

  const allUsers = new Map(
    prepared("panel users", (db) =>
      db.select({ id: users.id, name: users.name, active: users.active }).from(users).prepare(),
    )
      .all()
      .map((u) => [u.id, u]),
  );
  const nameOf = (userId: number | null) => (userId == null ? null : (allUsers.get(userId)?.name ?? null));

  const taskRows = prepared("panel tasks", (db) =>
    db
      .select()
      .from(tasks)
      .where(eq(tasks.processId, sql.placeholder("processId")))
      .orderBy(asc(tasks.dueAt), asc(tasks.id))
      .prepare(),
  ).all(byProcess);
  const files = taskRows.length
    ? prepared("panel files", (db) =>
        db
          .select({
            id: taskFiles.id,
            taskId: taskFiles.taskId,
            originalName: taskFiles.originalName,
            size: taskFiles.size,
          })
          .from(taskFiles)
          .innerJoin(tasks, eq(tasks.id, taskFiles.taskId))
          .where(eq(tasks.processId, sql.placeholder("processId")))
          .orderBy(asc(taskFiles.id))
          .prepare(),
      ).all(byProcess)
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

  const noteRows = prepared("panel notes", (db) =>
    db
      .select()
      .from(notes)
      .where(eq(notes.processId, sql.placeholder("processId")))
      .orderBy(desc(notes.createdAt), desc(notes.id))
      .limit(sql.placeholder("limit"))
      .prepare(),
  ).all(newest);
  const eventRows = prepared("panel events", (db) =>
    db
      .select()
      .from(processEvents)
      .where(eq(processEvents.processId, sql.placeholder("processId")))
      .orderBy(desc(processEvents.createdAt), desc(processEvents.id))
      .limit(sql.placeholder("limit"))
      .prepare(),
  ).all(newest);
  const historyTotal = prepared("panel history count", (db) =>
    db
      .select({
        n: sql<number>`(select count(*) from ${notes} where ${notes.processId} = ${sql.placeholder("processId")}) + (select count(*) from ${processEvents} where ${processEvents.processId} = ${sql.placeholder("processId")})`,
      })
      .from(sql`(select 1)`)
      .prepare(),
  ).get(byProcess)!.n;
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
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.type === b.type ? 0 : a.type === "note" ? -1 : 1))
    .slice(0, historyLimit);

  return {
    process,
    customer,
    owner: allUsers.get(process.ownerId) ?? null,
    tasks: [...planned, ...done],
    hasPlannedTask: planned.length > 0,
    history,
    historyTotal,
  };
}
export type ProcessPanel = NonNullable<ReturnType<typeof getProcessPanel>>;
export type PanelTask = ProcessPanel["tasks"][number];
export type HistoryEntry = ProcessPanel["history"][number];
