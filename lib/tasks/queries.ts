import "server-only";
import { and, asc, count, eq, gte, lt, not, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { defineStatement, getDb } from "@/db/client";
import { customers, processes, taskFiles, tasks, users, type Task, type TaskFile } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { customerName, vehicleName } from "@/lib/customers/name";
import { viewScope, visibleProcesses, visibleTo, type ViewScope } from "@/lib/processes/access";
import { localDate, startOfLocalDay } from "@/lib/time";
import { dueBoundary } from "./counts";
import { overdueTaskCondition } from "./overdue";

const owners = alias(users, "owners");

const headerColumns = {
  id: processes.id,
  status: processes.status,
  ownerId: processes.ownerId,
  showroomId: processes.showroomId,
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
  showroomId: number;
  brand: string;
  model: string;
  firstName: string;
  lastName: string;
  ownerName: string;
};

/** The short header the task pages show: customer, vehicle, status, owner. */
export async function findProcessHeader({
  user,
  id,
}: {
  user: Viewer;
  id: number;
}): Promise<ProcessHeader | undefined> {
  const [header] = await getDb()
    .select(headerColumns)
    .from(processes)
    .innerJoin(customers, eq(customers.id, processes.customerId))
    .innerJoin(owners, eq(owners.id, processes.ownerId))
    .where(and(eq(processes.id, id), visibleTo(user)));
  return header;
}

export type TaskWithFiles = Task & { files: TaskFile[]; doneByName: string | null };

/** A task of a process the user may see, with its files and who did it. */
export async function findVisibleTask({
  user,
  taskId,
}: {
  user: Viewer;
  taskId: number;
}): Promise<{ task: TaskWithFiles; process: ProcessHeader } | undefined> {
  const db = getDb();
  const [task] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  if (!task) return undefined;
  const process = await findProcessHeader({ user, id: task.processId });
  if (!process) return undefined;
  const files = await db.select().from(taskFiles).where(eq(taskFiles.taskId, task.id)).orderBy(asc(taskFiles.id));
  const [doneBy] = task.doneById
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, task.doneById))
    : [];
  return { task: { ...task, files, doneByName: doneBy?.name ?? null }, process };
}

/** What the lists of tasks ("Moje zadania", the calendar) show of a task. */
export const shownTaskColumns = {
  id: tasks.id,
  processId: tasks.processId,
  goal: tasks.goal,
  remindAbout: tasks.remindAbout,
  allDay: tasks.allDay,
  dueDate: tasks.dueDate,
  startAt: tasks.startAt,
  endAt: tasks.endAt,
  dueAt: tasks.dueAt,
};

export type MyTask = Pick<Task, keyof typeof shownTaskColumns> & {
  customer: string;
  vehicle: string;
  assigneeName: string;
};

export type TaskGroupName = "overdue" | "today" | "upcoming";
export type TaskGroups = Record<TaskGroupName, MyTask[]> & {
  /** How many tasks each group has in all; a group shows GROUP_LIMIT of them from its offset. */
  totals: Record<TaskGroupName, number>;
  /** Where each group's page starts (an offset past the end becomes the last page's). */
  offsets: Record<TaskGroupName, number>;
};

export const GROUP_LIMIT = 20;

type GroupShape = { group: TaskGroupName; everyone: boolean; scope: ViewScope };

function groupWhere({ group, everyone, scope }: GroupShape): SQL | undefined {
  return and(
    eq(tasks.state, "planned"),
    everyone ? undefined : eq(tasks.assigneeId, sql.placeholder("assignee")),
    visibleProcesses(scope, sql.placeholder("viewer")),
    groupConditions()[group],
  );
}

const groupPage = defineStatement((db, shape: GroupShape) =>
  db
    .select({
      task: shownTaskColumns,
      firstName: customers.firstName,
      lastName: customers.lastName,
      brand: processes.brand,
      model: processes.model,
      assigneeName: users.name,
    })
    .from(tasks)
    .innerJoin(processes, eq(processes.id, tasks.processId))
    .innerJoin(customers, eq(customers.id, processes.customerId))
    .innerJoin(users, eq(users.id, tasks.assigneeId))
    .where(groupWhere(shape))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(GROUP_LIMIT)
    .offset(sql.placeholder("offset")),
);

const groupCount = defineStatement((db, shape: GroupShape) =>
  db
    .select({ n: count() })
    .from(tasks)
    .innerJoin(processes, eq(processes.id, tasks.processId))
    .where(groupWhere(shape)),
);

/**
 * Planned tasks in three groups, in the dealership's time zone: an all-day task is overdue from the
 * day after its date, a timed one from its start. `assignee` is a user id or "all"; only processes the
 * viewer may see count. Each group holds GROUP_LIMIT tasks from its offset (the earliest by default) and its
 * total.
 */
export async function listPlannedTasks({
  viewer,
  assignee,
  now = new Date(),
  offsets = {},
}: {
  viewer: Viewer;
  assignee: number | "all";
  now?: Date;
  offsets?: Partial<Record<TaskGroupName, number>>;
}): Promise<TaskGroups> {
  const values = {
    assignee: assignee === "all" ? 0 : assignee,
    viewer: viewer.id,
    now,
    startOfToday: startOfLocalDay(localDate(now)),
    startOfTomorrow: dueBoundary(now),
  };
  const group = async (name: TaskGroupName): Promise<[MyTask[], number, number]> => {
    const shape = { group: name, everyone: assignee === "all", scope: viewScope(viewer) };
    let offset = Math.max(0, offsets[name] ?? 0);
    let rows = await groupPage(shape).all({ ...values, offset });
    const total =
      offset === 0 && rows.length < GROUP_LIMIT ? rows.length : ((await groupCount(shape).get(values))?.n ?? 0);
    // A page past the end (its tasks were done since the link was drawn) shows the last one instead.
    if (!rows.length && offset > 0) {
      offset = Math.max(0, Math.ceil(total / GROUP_LIMIT) - 1) * GROUP_LIMIT;
      rows = total ? await groupPage(shape).all({ ...values, offset }) : [];
    }
    const list = rows.map((row) => ({
      ...row.task,
      customer: customerName(row),
      vehicle: vehicleName(row),
      assigneeName: row.assigneeName,
    }));
    return [list, total, offset];
  };

  const [overdueTasks, overdueTotal, overdueOffset] = await group("overdue");
  const [todayTasks, todayTotal, todayOffset] = await group("today");
  const [upcomingTasks, upcomingTotal, upcomingOffset] = await group("upcoming");
  return {
    overdue: overdueTasks,
    today: todayTasks,
    upcoming: upcomingTasks,
    totals: { overdue: overdueTotal, today: todayTotal, upcoming: upcomingTotal },
    offsets: { overdue: overdueOffset, today: todayOffset, upcoming: upcomingOffset },
  };
}

/**
 * The three groups in the dealership's time zone: "overdue" is the one rule of lib/tasks/overdue.ts; of
 * the rest, today's are due before tomorrow's local midnight.
 */
function groupConditions(): Record<TaskGroupName, SQL> {
  const startOfTomorrow = sql.placeholder("startOfTomorrow");
  const overdue = overdueTaskCondition({ now: sql.placeholder("now"), startOfToday: sql.placeholder("startOfToday") });
  return {
    overdue,
    today: and(not(overdue), lt(tasks.dueAt, startOfTomorrow))!,
    upcoming: gte(tasks.dueAt, startOfTomorrow),
  };
}
