import "server-only";
import { asc, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { defineStatement } from "@/db/client";
import { customers, notes, processEvents, processes, showrooms, taskFiles, tasks, users } from "@/db/schema";
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

const panelUsers = defineStatement((db) =>
  db.select({ id: users.id, name: users.name, active: users.active }).from(users),
);

const panelShowrooms = defineStatement((db) => db.select({ id: showrooms.id, name: showrooms.name }).from(showrooms));

const panelTasks = defineStatement((db) =>
  db
    .select()
    .from(tasks)
    .where(eq(tasks.processId, sql.placeholder("processId")))
    .orderBy(asc(tasks.dueAt), asc(tasks.id)),
);

const panelFiles = defineStatement((db) =>
  db
    .select({ id: taskFiles.id, taskId: taskFiles.taskId, originalName: taskFiles.originalName, size: taskFiles.size })
    .from(taskFiles)
    .innerJoin(tasks, eq(tasks.id, taskFiles.taskId))
    .where(eq(tasks.processId, sql.placeholder("processId")))
    .orderBy(asc(taskFiles.id)),
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
  const [process, customer, userRows, showroomRows, taskRows, files, noteRows, eventRows, consents] = await Promise.all(
    [
      findVisibleProcess({ user, id }),
      panelCustomer({}).get(byProcess),
      panelUsers({}).all(),
      panelShowrooms({}).all(),
      panelTasks({}).all(byProcess),
      panelFiles({}).all(byProcess),
      panelNotes({}).all(newest),
      panelEvents({}).all(newest),
      processCustomerConsents(id),
    ],
  );
  if (!process) return null;
  const allUsers = new Map(userRows.map((u) => [u.id, u]));
  const nameOf = (userId: number | null) => (userId == null ? null : (allUsers.get(userId)?.name ?? null));
  const showroomNames = new Map(showroomRows.map((showroom) => [showroom.id, showroom.name]));
  const showroomName = (id: string | null) => (id == null ? null : (showroomNames.get(Number(id)) ?? null));

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
