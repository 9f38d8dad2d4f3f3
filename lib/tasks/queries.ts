import "server-only";
import { and, asc, eq, gte, inArray, lt, not, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, prepared } from "@/db/client";
import { customers, processes, taskFiles, tasks, users, type Task, type TaskFile } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { isManager } from "@/lib/domain";
import { visibleProcesses } from "@/lib/processes/access";
import { addDays, localDate, startOfLocalDay } from "@/lib/time";
import { customerName, vehicleName } from "@/lib/customers/name";

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
export function findVisibleTask({
  user,
  taskId,
}: {
  user: Viewer;
  taskId: number;
}): { task: TaskWithFiles; process: ProcessHeader } | undefined {
  const db = getDb();
  const task = db.select().from(tasks).where(eq(tasks.id, taskId)).get();
  if (!task) return undefined;
  const process = findProcessHeader({ user, id: task.processId });
  if (!process) return undefined;
  const files = db.select().from(taskFiles).where(eq(taskFiles.taskId, task.id)).orderBy(asc(taskFiles.id)).all();
  return { task: { ...task, files }, process };
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

/**
 * Planned tasks in three groups, in the dealership's time zone: an all-day task is overdue from the
 * day after its date, a timed one from its start. `assignee` is a user id or "all"; only processes the
 * viewer may see count. Each group holds GROUP_LIMIT tasks from its offset (the earliest by default) and its
 * total.
 */
export function listPlannedTasks({
  viewer,
  assignee,
  now = new Date(),
  offsets = {},
}: {
  viewer: Viewer;
  assignee: number | "all";
  now?: Date;
  offsets?: Partial<Record<TaskGroupName, number>>;
}): TaskGroups {
  const params = {
    assignee: assignee === "all" ? 0 : assignee,
    viewer: viewer.id,
    now: now.getTime(),
    startOfToday: startOfLocalDay(localDate(now)).getTime(),
    startOfTomorrow: startOfLocalDay(addDays(localDate(now), 1)).getTime(),
  };
  const shape = `${assignee === "all" ? "everyone's" : "one's"} as ${isManager(viewer) ? "manager" : "owner"}`;
  const group = (name: TaskGroupName): [MyTask[], number, number] => {
    const { page, count } = prepared(`planned tasks, ${name}, ${shape}`, (db) => {
      const where = and(plannedTasksScope(viewer, assignee), groupConditions()[name]);
      return {
        page: db
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
          .where(where)
          .orderBy(asc(tasks.dueAt), asc(tasks.id))
          .limit(GROUP_LIMIT)
          .offset(sql.placeholder("offset"))
          .prepare(),
        count: db
          .select({ n: sql<number>`count(*)` })
          .from(tasks)
          .innerJoin(processes, eq(processes.id, tasks.processId))
          .where(where)
          .prepare(),
      };
    });
    let offset = Math.max(0, offsets[name] ?? 0);
    let rows = page.all({ ...params, offset });
    const total = offset === 0 && rows.length < GROUP_LIMIT ? rows.length : (count.get(params)?.n ?? 0);
    if (!rows.length && offset > 0) {
      offset = Math.max(0, Math.ceil(total / GROUP_LIMIT) - 1) * GROUP_LIMIT;
      rows = total ? page.all({ ...params, offset }) : [];
    }
    const list = rows.map((row) => ({
      ...row.task,
      customer: customerName(row),
      vehicle: vehicleName(row),
      assigneeName: row.assigneeName,
    }));
    return [list, total, offset];
  };

  const [overdueTasks, overdueTotal, overdueOffset] = group("overdue");
  const [todayTasks, todayTotal, todayOffset] = group("today");
  const [upcomingTasks, upcomingTotal, upcomingOffset] = group("upcoming");
  return {
    overdue: overdueTasks,
    today: todayTasks,
    upcoming: upcomingTasks,
    totals: { overdue: overdueTotal, today: todayTotal, upcoming: upcomingTotal },
    offsets: { overdue: overdueOffset, today: todayOffset, upcoming: upcomingOffset },
  };
}

/** Planned tasks of one person (or everyone's), of processes the viewer may see. */
function plannedTasksScope(viewer: Viewer, assignee: number | "all"): SQL | undefined {
  return and(
    eq(tasks.state, "planned"),
    assignee === "all" ? undefined : eq(tasks.assigneeId, sql.placeholder("assignee")),
    visibleProcesses(viewer, sql.placeholder("viewer")),
  );
}

/**
 * The three groups in the dealership's time zone: an all-day task's dueAt is its local midnight, so one
 * before today's has an earlier date; a timed one is overdue from its start.
 */
function groupConditions(): Record<TaskGroupName, SQL> {
  const startOfToday = sql.placeholder("startOfToday");
  const startOfTomorrow = sql.placeholder("startOfTomorrow");
  const overdue = or(
    lt(tasks.dueAt, startOfToday),
    and(eq(tasks.allDay, false), lt(tasks.dueAt, sql.placeholder("now"))),
  )!;
  return {
    overdue,
    today: and(not(overdue), lt(tasks.dueAt, startOfTomorrow))!,
    upcoming: gte(tasks.dueAt, startOfTomorrow),
  };
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
