import "server-only";
import { asc, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { defineStatement } from "@/db/client";
import {
  customers,
  notes,
  processEvents,
  processes,
  showrooms,
  taskFiles,
  tasks,
  users,
  type Task,
  type TaskFile,
} from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { processCustomerConsents } from "@/lib/consents/queries";
import { taskIsOverdue } from "@/lib/tasks/overdue";
import { findVisibleProcess } from "./access";

/** The process's customer, by the process's id: read alongside the process itself. */
const panelCustomer = defineStatement((db) =>
  db
    .select()
    .from(customers)
    .where(
      sql`${customers.id} = (select ${processes.customerId} from ${processes} where ${processes.id} = ${sql.placeholder("processId")})`,
    ),
);

/** The names the panel shows for ids: every person (`kind` "user") and every showroom ("showroom"), one statement. */
const panelNames = defineStatement((db) =>
  db
    .select({ kind: sql<"user" | "showroom">`'user'`, id: users.id, name: users.name, active: users.active })
    .from(users)
    .unionAll(
      db
        .select({
          kind: sql<"user" | "showroom">`'showroom'`,
          id: showrooms.id,
          name: showrooms.name,
          active: showrooms.active,
        })
        .from(showrooms),
    ),
);

/** The process's tasks, each with its files (a task without files comes once, with a null file). */
const panelTasks = defineStatement((db) =>
  db
    .select({
      task: getTableColumns(tasks),
      file: { id: taskFiles.id, originalName: taskFiles.originalName, size: taskFiles.size },
    })
    .from(tasks)
    .leftJoin(taskFiles, eq(taskFiles.taskId, tasks.id))
    .where(eq(tasks.processId, sql.placeholder("processId")))
    .orderBy(asc(tasks.dueAt), asc(tasks.id), asc(taskFiles.id)),
);

/** Every row of a kind counted before its LIMIT: the history's total comes with its newest rows. */
const rowsOfKind = sql<number>`count(*) over ()`.mapWith(Number);

const panelNotes = defineStatement((db) =>
  db
    .select({ ...getTableColumns(notes), rowsOfKind })
    .from(notes)
    .where(eq(notes.processId, sql.placeholder("processId")))
    .orderBy(desc(notes.createdAt), desc(notes.id))
    .limit(sql.placeholder("limit")),
);

const panelEvents = defineStatement((db) =>
  db
    .select({ ...getTableColumns(processEvents), rowsOfKind })
    .from(processEvents)
    .where(eq(processEvents.processId, sql.placeholder("processId")))
    .orderBy(desc(processEvents.createdAt), desc(processEvents.id))
    .limit(sql.placeholder("limit")),
);

/** "All of it", as a LIMIT both dialects take. */
const NO_LIMIT = 2_147_483_647;

/**
 * Everything the process panel shows, or null when this user may not see the process: the header,
 * its tasks (planned by due time, then done ones), and "Historia pracy" (notes and system entries,
 * newest first: the first `historyLimit` of `historyTotal`).
 */
export async function getProcessPanel({
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
  const byProcess = { processId: id };
  // Each kind's newest `limit` rows hold the newest `limit` entries of both; at least one row, which
  // carries its kind's total (`rowsOfKind`).
  const newest = { ...byProcess, limit: Number.isFinite(historyLimit) ? Math.max(1, historyLimit) : NO_LIMIT };
  // Everything at once, the process's visibility to this user included: on PostgreSQL one round of the
  // pool's connections instead of two. Nothing read here leaves this function unless the process is visible.
  const [process, customer, names, taskAndFileRows, noteRows, eventRows, consents] = await Promise.all([
    findVisibleProcess({ user, id }),
    panelCustomer({}).get(byProcess),
    panelNames({}).all(),
    panelTasks({}).all(byProcess),
    panelNotes({}).all(newest),
    panelEvents({}).all(newest),
    processCustomerConsents(id),
  ]);
  if (!process) return null;
  const allUsers = new Map(names.filter((row) => row.kind === "user").map(({ kind: _, ...u }) => [u.id, u]));
  const nameOf = (userId: number | null) => (userId == null ? null : (allUsers.get(userId)?.name ?? null));
  const showroomRows = names.filter((row) => row.kind === "showroom");
  const showroomNames = new Map(showroomRows.map((showroom) => [showroom.id, showroom.name]));
  const showroomName = (id: string | null) => (id == null ? null : (showroomNames.get(Number(id)) ?? null));

  const taskRows: Task[] = [];
  const filesOf = new Map<number, Pick<TaskFile, "id" | "taskId" | "originalName" | "size">[]>();
  for (const { task, file } of taskAndFileRows) {
    let files = filesOf.get(task.id);
    if (!files) {
      taskRows.push(task);
      filesOf.set(task.id, (files = []));
    }
    if (file) files.push({ ...file, taskId: task.id });
  }
  const withFiles = taskRows.map((task) => ({
    ...task,
    overdue: task.state === "planned" && taskIsOverdue(task, now),
    doneByName: nameOf(task.doneById),
    files: filesOf.get(task.id)!,
  }));
  const planned = withFiles.filter((task) => task.state === "planned");
  const done = withFiles
    .filter((task) => task.state === "done")
    .sort((a, b) => (b.doneAt?.getTime() ?? 0) - (a.doneAt?.getTime() ?? 0));
  const historyTotal = (noteRows[0]?.rowsOfKind ?? 0) + (eventRows[0]?.rowsOfKind ?? 0);
  const goalOfTask = new Map(taskRows.map((task) => [task.id, task.goal]));

  const history = [
    ...noteRows.map(({ rowsOfKind: _, ...note }) => ({
      type: "note" as const,
      key: `n${note.id}`,
      at: note.createdAt,
      authorName: nameOf(note.authorId),
      note,
      taskGoal: note.taskId != null ? (goalOfTask.get(note.taskId) ?? null) : null,
    })),
    ...eventRows.map(({ rowsOfKind: _, ...event }) => ({
      type: "event" as const,
      key: `e${event.id}`,
      at: event.createdAt,
      authorName: nameOf(event.userId),
      event,
      // Owner and showroom entries keep ids; the panel shows names.
      fromName:
        event.kind === "owner"
          ? nameOf(Number(event.fromValue))
          : event.kind === "showroom"
            ? showroomName(event.fromValue)
            : null,
      toName:
        event.kind === "owner"
          ? nameOf(Number(event.toValue))
          : event.kind === "showroom"
            ? showroomName(event.toValue)
            : null,
    })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.type === b.type ? 0 : a.type === "note" ? -1 : 1))
    .slice(0, historyLimit);

  return {
    process,
    customer: customer!,
    owner: allUsers.get(process.ownerId) ?? null,
    showroomName: showroomNames.get(process.showroomId) ?? null,
    /** With one showroom the pages never mention showrooms. */
    severalShowrooms: showroomRows.length > 1,
    /** The customer's marketing consents (state and history). */
    consents,
    tasks: [...planned, ...done],
    hasPlannedTask: planned.length > 0,
    history,
    historyTotal,
  };
}
export type ProcessPanel = NonNullable<Awaited<ReturnType<typeof getProcessPanel>>>;
export type PanelTask = ProcessPanel["tasks"][number];
export type HistoryEntry = ProcessPanel["history"][number];
