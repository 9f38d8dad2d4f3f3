import "server-only";
import { and, asc, count, eq, gte, lt, not, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { defineStatement, getDb, type Db } from "@/db/client";
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

type ListShape = { everyone: boolean; scope: ViewScope };
type GroupShape = ListShape & { group: TaskGroupName };
/** The groups, in the order "Moje zadania" shows them: what is late first. */
export const TASK_GROUPS: readonly TaskGroupName[] = ["overdue", "today", "upcoming"];

function groupWhere({ group, everyone, scope }: GroupShape): SQL | undefined {
  return and(
    eq(tasks.state, "planned"),
    everyone ? undefined : eq(tasks.assigneeId, sql.placeholder("assignee")),
    visibleProcesses(scope, sql.placeholder("viewer")),
    groupConditions()[group],
  );
}

/**
 * One group's page as a subquery: its GROUP_LIMIT earliest tasks from the group's offset (placeholder
 * `<group>Offset`), each row with the group's name.
 */
function groupPageQuery(db: Db, shape: GroupShape) {
  return db
    .select({
      group: sql<TaskGroupName>`${sql.raw(`'${shape.group}'`)}`.as("task_group"),
      ...shownTaskColumns,
      firstName: customers.firstName,
      lastName: customers.lastName,
      brand: processes.brand,
      model: processes.model,
      assigneeName: sql<string>`${users.name}`.as("assignee_name"),
    })
    .from(tasks)
    .innerJoin(processes, eq(processes.id, tasks.processId))
    .innerJoin(customers, eq(customers.id, processes.customerId))
    .innerJoin(users, eq(users.id, tasks.assigneeId))
    .where(groupWhere(shape))
    .orderBy(asc(tasks.dueAt), asc(tasks.id))
    .limit(GROUP_LIMIT)
    .offset(sql.placeholder(`${shape.group}Offset`))
    .as(`${shape.group}_page`);
}

/** The three groups' pages in one statement (on PostgreSQL one round trip instead of three). */
const groupPages = defineStatement((db, shape: ListShape) => {
  const [overdue, today, upcoming] = TASK_GROUPS.map((group) =>
    db.select().from(groupPageQuery(db, { ...shape, group })),
  );
  return overdue.unionAll(today).unionAll(upcoming);
});

/** A group's total: read only when its page does not tell it (a full page, or one past the group's end). */
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
  offsets: asked = {},
}: {
  viewer: Viewer;
  assignee: number | "all";
  now?: Date;
  offsets?: Partial<Record<TaskGroupName, number>>;
}): Promise<TaskGroups> {
  const shape = { everyone: assignee === "all", scope: viewScope(viewer) };
  const values = {
    assignee: assignee === "all" ? 0 : assignee,
    viewer: viewer.id,
    now,
    startOfToday: startOfLocalDay(localDate(now)),
    startOfTomorrow: dueBoundary(now),
  };
  const offsets = { overdue: 0, today: 0, upcoming: 0 };
  for (const group of TASK_GROUPS) offsets[group] = Math.max(0, asked[group] ?? 0);
  const pages = async () => {
    const rows = await groupPages(shape).all({
      ...values,
      overdueOffset: offsets.overdue,
      todayOffset: offsets.today,
      upcomingOffset: offsets.upcoming,
    });
    const groups: Record<TaskGroupName, MyTask[]> = { overdue: [], today: [], upcoming: [] };
    for (const { group, firstName, lastName, brand, model, ...task } of rows)
      groups[group].push({
        ...task,
        customer: customerName({ firstName, lastName }),
        vehicle: vehicleName({ brand, model }),
      });
    // A union keeps no order of its own: each group by due time, as its page was taken.
    for (const group of TASK_GROUPS) groups[group].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
    return groups;
  };

  const groups = await pages();
  // A first page that is not full holds the whole group; any other page needs the group's count.
  const totals = { overdue: 0, today: 0, upcoming: 0 };
  await Promise.all(
    TASK_GROUPS.map(async (group) => {
      totals[group] =
        offsets[group] === 0 && groups[group].length < GROUP_LIMIT
          ? groups[group].length
          : ((await groupCount({ ...shape, group }).get(values))?.n ?? 0);
    }),
  );
  // A page past a group's end (its tasks were done since the link was drawn) shows its last page instead.
  const beyond = TASK_GROUPS.filter((group) => offsets[group] > 0 && !groups[group].length);
  if (beyond.length) {
    for (const group of beyond) offsets[group] = Math.max(0, Math.ceil(totals[group] / GROUP_LIMIT) - 1) * GROUP_LIMIT;
    const again = await pages();
    for (const group of beyond) groups[group] = again[group];
  }
  return { ...groups, totals, offsets };
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
