import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "@/db/client";
import { customers, processes, taskFiles, tasks, users, type Task, type TaskFile } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { visibleProcesses } from "@/lib/processes/access";
import { addDays, localDate, startOfLocalDay } from "@/lib/time";

type Viewer = Pick<SessionUser, "id" | "role">;

const owners = alias(users, "owners");

const headerColumns = {
  id: processes.id,
  status: processes.status,
  ownerId: processes.ownerId,
  brand: processes.brand,
  model: processes.model,
  firstName: customers.firstName,
  lastName: customers.lastName,
  ownerName: owners.name,
};

export type ProcessHeader = {
  id: number;
  status: (typeof processes.$inferSelect)["status"];
  ownerId: number;
  brand: string;
  model: string;
  firstName: string;
  lastName: string;
  ownerName: string;
};

/** The short header the task pages show: customer, vehicle, status, owner. */
export function findProcessHeader({ user, id }: { user: Viewer; id: number }): ProcessHeader | undefined {
  return getDb()
    .select(headerColumns)
    .from(processes)
    .innerJoin(customers, eq(customers.id, processes.customerId))
    .innerJoin(owners, eq(owners.id, processes.ownerId))
    .where(and(eq(processes.id, id), visibleProcesses(user)))
    .get();
}

export type TaskWithFiles = Task & { files: TaskFile[] };

/** A task of a process the user may see, with its files. */
export function findVisibleTask({ user, taskId }: { user: Viewer; taskId: number }): { task: TaskWithFiles; process: ProcessHeader } | undefined {
  const db = getDb();
  const task = db.select().from(tasks).where(eq(tasks.id, taskId)).get();
  if (!task) return undefined;
  const process = findProcessHeader({ user, id: task.processId });
  if (!process) return undefined;
  const files = db.select().from(taskFiles).where(eq(taskFiles.taskId, task.id)).orderBy(asc(taskFiles.id)).all();
  return { task: { ...task, files }, process };
}

export type MyTask = Task & {
  customer: string;
  vehicle: string;
  assigneeName: string;
};

export type TaskGroups = { overdue: MyTask[]; today: MyTask[]; upcoming: MyTask[] };

/**
 * Planned tasks in three groups, in the dealership's time zone: an all-day task is overdue from the
 * day after its date, a timed one from its start. `assignee` is a user id or "all"; only processes the
 * viewer may see count.
 */
export function listPlannedTasks({ viewer, assignee, now = new Date() }: { viewer: Viewer; assignee: number | "all"; now?: Date }): TaskGroups {
  const rows = getDb()
    .select({ task: tasks, firstName: customers.firstName, lastName: customers.lastName, brand: processes.brand, model: processes.model, assigneeName: users.name })
    .from(tasks)
    .innerJoin(processes, eq(processes.id, tasks.processId))
    .innerJoin(customers, eq(customers.id, processes.customerId))
    .innerJoin(users, eq(users.id, tasks.assigneeId))
    .where(and(eq(tasks.state, "planned"), assignee === "all" ? undefined : eq(tasks.assigneeId, assignee), visibleProcesses(viewer)))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .all();
  const today = localDate(now);
  const startOfTomorrow = startOfLocalDay(addDays(today, 1));
  const groups: TaskGroups = { overdue: [], today: [], upcoming: [] };
  for (const row of rows) {
    const task: MyTask = {
      ...row.task,
      customer: [row.firstName, row.lastName].filter(Boolean).join(" "),
      vehicle: [row.brand, row.model].filter(Boolean).join(" "),
      assigneeName: row.assigneeName,
    };
    const overdue = task.allDay ? task.dueDate! < today : task.dueAt < now;
    if (overdue) groups.overdue.push(task);
    else if (task.dueAt < startOfTomorrow) groups.today.push(task);
    else groups.upcoming.push(task);
  }
  return groups;
}

/** People whose tasks a manager can switch to: active salespeople and managers. */
export function listTaskOwners(): { id: number; name: string }[] {
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ["salesperson", "manager"])))
    .orderBy(asc(users.name))
    .all();
}
