import "server-only";
import { and, asc, desc, eq, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import { getDb, prepared, type Executor } from "@/db/client";
import { customers, processes, tasks, users } from "@/db/schema";
import { normalizePhone } from "@/lib/customers/phone";
import { OPEN_STATUSES, PROCESS_STATUSES, type ProcessStatus } from "@/lib/domain";
import type { SessionUser } from "@/lib/auth/session";
import { isManager } from "@/lib/domain";
import { localDate, startOfLocalDay } from "@/lib/time";
import { memoUntilDataChanges } from "@/lib/data-cache";
import { visibleProcesses } from "./access";
import { PAGE_SIZE, type ListFilters } from "./schema";

type Viewer = Pick<SessionUser, "id" | "role">;

/**
 * The values a list query binds: the request's own, or placeholders when the query is prepared once for
 * every request of its shape.
 */
type ListValues = {
  viewer: number | Placeholder;
  owner: number | Placeholder;
  status: ProcessStatus | Placeholder;
  now: number | Placeholder;
  startOfToday: number | Placeholder;
  offset: number | Placeholder;
};

function listValues(user: Viewer, filters: ListFilters, now: Date): ListValues {
  return {
    viewer: user.id,
    owner: typeof filters.owner === "number" ? filters.owner : 0,
    status: filters.status ?? "new",
    now: now.getTime(),
    startOfToday: startOfLocalDay(localDate(now)).getTime(),
    offset: (filters.page - 1) * PAGE_SIZE,
  };
}

const listPlaceholders: ListValues = {
  viewer: sql.placeholder("viewer"),
  owner: sql.placeholder("owner"),
  status: sql.placeholder("status"),
  now: sql.placeholder("now"),
  startOfToday: sql.placeholder("startOfToday"),
  offset: sql.placeholder("offset"),
};

/** A planned task is overdue once its start has passed, or, for an all-day task, once its day has. */
function overdueTaskCondition({ now, startOfToday }: Pick<ListValues, "now" | "startOfToday">): SQL {
  return sql`${tasks.state} = 'planned' and ((${tasks.allDay} = 0 and ${tasks.dueAt} < ${now}) or (${tasks.allDay} = 1 and ${tasks.dueAt} < ${startOfToday}))`;
}

const openStatusList = sql.join(
  OPEN_STATUSES.map((status) => sql`${status}`),
  sql`, `,
);

/** The same rule for one task already read. */
export function taskIsOverdue(task: { allDay: boolean; dueAt: Date }, now: Date): boolean {
  return task.dueAt.getTime() < (task.allDay ? startOfLocalDay(localDate(now)).getTime() : now.getTime());
}

/** Open processes with no planned task: "Brak zaplanowanego kontaktu". */
const noPlannedContact = sql`(${processes.status} in (${openStatusList}) and not exists (select 1 from ${tasks} where ${tasks.processId} = ${processes.id} and ${tasks.state} = 'planned'))`;

const hasOverdueTask = (values: ListValues) =>
  sql`exists (select 1 from ${tasks} where ${tasks.processId} = ${processes.id} and ${overdueTaskCondition(values)})`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// SQLite's lower() knows only ASCII: fold the Polish capitals too, so "łukasz" finds "Łukasz".
const POLISH_CAPITALS = [..."ĄĆĘŁŃÓŚŹŻ"];
function folded(expr: SQL): SQL {
  return POLISH_CAPITALS.reduce(
    (acc, capital) => sql`replace(${acc}, ${capital}, ${capital.toLowerCase()})`,
    sql`lower(${expr})`,
  );
}

/** Customer name, phone (any format), e-mail, vehicle. */
function searchCondition(q: string): SQL {
  const like = `%${escapeLike(q.toLowerCase())}%`;
  // An ASCII-only query cannot match a Polish letter anyway: plain lower() is enough, and quicker.
  const fold = /[^\x00-\x7f]/.test(q) ? folded : (expr: SQL) => sql`lower(${expr})`;
  const matchingCustomers: SQL[] = [
    sql`${fold(sql`${customers.firstName} || ' ' || ${customers.lastName}`)} like ${like} escape '\\'`,
    sql`${fold(sql`${customers.lastName} || ' ' || ${customers.firstName}`)} like ${like} escape '\\'`,
    sql`${customers.email} like ${like} escape '\\'`,
  ];
  const phone = normalizePhone(q);
  const digits = q.replace(/\D/g, "");
  if (digits.length >= 3 && /^[\d\s()+-]+$/.test(q))
    matchingCustomers.push(sql`${customers.phone} like ${`%${digits}%`}`);
  const byText = or(
    sql`${processes.customerId} in (select ${customers.id} from ${customers} where ${or(...matchingCustomers)})`,
    sql`${fold(sql`${processes.brand} || ' ' || ${processes.model}`)} like ${like} escape '\\'`,
  )!;
  // A full phone number is matched exactly through the phone index.
  return phone
    ? or(
        sql`${processes.customerId} in (select ${customers.id} from ${customers} where ${customers.phone} = ${phone})`,
        byText,
      )!
    : byText;
}

/** The owner filter a user may apply; null means "not found" (a salesperson asking for someone else's). */
function ownerCondition(user: Viewer, owner: ListFilters["owner"], bound: ListValues["owner"]): SQL | undefined | null {
  if (owner === undefined) return undefined;
  if (!isManager(user)) return owner === user.id ? undefined : null;
  if (owner === "inactive")
    return sql`${processes.ownerId} in (select ${users.id} from ${users} where ${users.active} = 0)`;
  return eq(processes.ownerId, bound);
}

function listConditions(
  user: Viewer,
  filters: ListFilters,
  values: ListValues,
  withStatus = true,
): SQL | undefined | null {
  const owner = ownerCondition(user, filters.owner, values.owner);
  if (owner === null) return null;
  return and(
    visibleProcesses(user, values.viewer),
    owner,
    withStatus && filters.status ? eq(processes.status, values.status) : undefined,
    filters.q ? searchCondition(filters.q) : undefined,
    filters.flag === "no_contact" ? noPlannedContact : undefined,
    filters.flag === "overdue" ? hasOverdueTask(values) : undefined,
  );
}

/** The page of processes, as a query not yet run; null when the filters ask for what the user may not see. */
function listQuery(db: Executor, user: Viewer, filters: ListFilters, values: ListValues) {
  const where = listConditions(user, filters, values);
  if (where === null) return null;
  const order =
    filters.sort === "created"
      ? [desc(processes.createdAt), desc(processes.id)]
      : [desc(processes.lastActivityAt), desc(processes.id)];
  return db
    .select({
      id: processes.id,
      status: processes.status,
      brand: processes.brand,
      model: processes.model,
      createdAt: processes.createdAt,
      lastActivityAt: processes.lastActivityAt,
      ownerId: processes.ownerId,
      ownerName: users.name,
      ownerActive: users.active,
      firstName: customers.firstName,
      lastName: customers.lastName,
      phone: customers.phone,
      email: customers.email,
    })
    .from(processes)
    .innerJoin(customers, eq(customers.id, processes.customerId))
    .innerJoin(users, eq(users.id, processes.ownerId))
    .where(where)
    .orderBy(...order)
    .limit(PAGE_SIZE)
    .offset(values.offset);
}

/** The page query itself (not run), so a test can read its plan. */
export function processListQuery({
  user,
  filters,
  now = new Date(),
  db = getDb(),
}: {
  user: Viewer;
  filters: ListFilters;
  now?: Date;
  db?: Executor;
}) {
  return listQuery(db, user, filters, listValues(user, filters, now));
}

/**
 * The page of one request. Without a search, whose SQL depends on the words, the query is prepared once
 * per shape of the filters (role, which filters are set, the order) and bound to this request's values.
 */
function listPage(user: Viewer, filters: ListFilters, now: Date) {
  const values = listValues(user, filters, now);
  if (filters.q) return listQuery(getDb(), user, filters, values)?.all() ?? null;
  if (ownerCondition(user, filters.owner, values.owner) === null) return null;
  const shape = [
    isManager(user) ? "any" : "own",
    typeof filters.owner,
    filters.owner === "inactive",
    !!filters.status,
    filters.flag ?? "",
    filters.sort,
  ].join(" ");
  return prepared(`process list, ${shape}`, (db) => listQuery(db, user, filters, listPlaceholders)!.prepare()).all(
    values,
  );
}

export type NextTask = {
  processId: number;
  goal: (typeof tasks.$inferSelect)["goal"];
  allDay: boolean;
  dueDate: string | null;
  startAt: Date | null;
  dueAt: Date;
  overdue: boolean;
};

/**
 * One page of "Procesy" for this user, with each process's next planned task, the total and the counts
 * per status. Returns null when the filters ask for what the user may not see.
 */
export function listProcesses({ user, filters, now = new Date() }: { user: Viewer; filters: ListFilters; now?: Date }) {
  const db = getDb();
  const rows = listPage(user, filters, now);
  if (!rows) return null;

  const countByStatus = () => {
    const counts = Object.fromEntries(PROCESS_STATUSES.map((status) => [status, 0])) as Record<ProcessStatus, number>;
    for (const row of db
      .select({ status: processes.status, n: sql<number>`count(*)` })
      .from(processes)
      .where(listConditions(user, filters, listValues(user, filters, now), false)!)
      .groupBy(processes.status)
      .all()) {
      counts[row.status] = row.n;
    }
    return counts;
  };
  // Without a search or a flag the counts depend only on who looks and the owner filter: they are kept
  // until the data changes, since counting every process by status is the list's dearest query.
  const counts =
    filters.q || filters.flag
      ? countByStatus()
      : memoUntilDataChanges(
          ["status-counts", isManager(user) ? "all" : user.id, filters.owner ?? null],
          countByStatus,
        );
  // The counts are taken under every filter but the status: the total is one of them, or their sum.
  const total = filters.status ? counts[filters.status] : Object.values(counts).reduce((sum, n) => sum + n, 0);

  const nextTasks = new Map<number, NextTask>();
  if (rows.length) {
    const planned = prepared("process list, planned tasks", (db) =>
      db
        .select({
          processId: tasks.processId,
          goal: tasks.goal,
          allDay: tasks.allDay,
          dueDate: tasks.dueDate,
          startAt: tasks.startAt,
          dueAt: tasks.dueAt,
        })
        .from(tasks)
        .where(
          and(
            sql`${tasks.processId} in (select value from json_each(${sql.placeholder("ids")}))`,
            eq(tasks.state, "planned"),
          ),
        )
        .orderBy(asc(tasks.dueAt))
        .prepare(),
    ).all({ ids: JSON.stringify(rows.map((row) => row.id)) });
    for (const task of planned) {
      if (!nextTasks.has(task.processId)) nextTasks.set(task.processId, { ...task, overdue: false });
      // The earliest task may be a timed one later today while an all-day one from yesterday waits: any overdue task marks it.
      if (taskIsOverdue(task, now)) nextTasks.get(task.processId)!.overdue = true;
    }
  }

  return {
    rows: rows.map((row) => ({ ...row, nextTask: nextTasks.get(row.id) ?? null })),
    total,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    counts,
  };
}
export type ProcessListRow = NonNullable<ReturnType<typeof listProcesses>>["rows"][number];

/** Users a manager can filter by or hand a process to; inactive ones are marked by the caller. */
export function listOwnerOptions() {
  return prepared("owner options", (db) =>
    db
      .select({ id: users.id, name: users.name, active: users.active, role: users.role })
      .from(users)
      .orderBy(desc(users.active), asc(users.name))
      .prepare(),
  ).all();
}

/** Existing customers with this phone or e-mail (indexed lookups). */
export function findDuplicateCustomers({
  phone,
  email,
  db = getDb(),
}: {
  phone?: string;
  email?: string;
  db?: Executor;
}) {
  const conditions = [
    phone ? eq(customers.phone, phone) : undefined,
    email ? eq(customers.email, email) : undefined,
  ].filter(Boolean) as SQL[];
  if (!conditions.length) return [];
  return db
    .select()
    .from(customers)
    .where(or(...conditions))
    .orderBy(asc(customers.id))
    .limit(5)
    .all();
}
