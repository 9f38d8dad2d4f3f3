import "server-only";
import { and, asc, count, desc, eq, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import { defineStatement, forUpdate, getDb, type Executor } from "@/db/client";
import { customers, processes, tasks, users, type Process } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { normalizePhone } from "@/lib/customers/phone";
import { memoUntilDataChanges } from "@/lib/data-cache";
import { isManager, OPEN_STATUSES, PROCESS_STATUSES, type ProcessStatus } from "@/lib/domain";
import { mayFilterByShowroom } from "@/lib/showrooms/queries";
import { overdueBounds, overdueTaskCondition, taskIsOverdue } from "@/lib/tasks/overdue";
import { findVisibleUser } from "@/lib/users/queries";
import { viewScope, visibleProcesses, type ViewScope } from "./access";
import { PAGE_SIZE, type ListFilters } from "./schema";

/** The values a list query binds: this request's, or placeholders in a statement prepared once per shape. */
type ListValues = {
  viewer: number | Placeholder;
  owner: number | Placeholder;
  status: ProcessStatus | Placeholder;
  showroom: number | Placeholder;
  now: Date | Placeholder;
  startOfToday: Date | Placeholder;
  offset: number | Placeholder;
};

/** What decides a list query's SQL; everything else is a bound value. */
type ListShape = {
  scope: ViewScope;
  owner: "any" | "one" | "inactive";
  status: boolean;
  showroom: boolean;
  flag: "" | (ListFilters["flag"] & string);
  sort: ListFilters["sort"];
};

function listValues(user: Viewer, filters: ListFilters, now: Date): ListValues {
  return {
    viewer: user.id,
    owner: typeof filters.owner === "number" ? filters.owner : 0,
    status: filters.status ?? "new",
    showroom: filters.salon ?? 0,
    ...overdueBounds(now),
    offset: (filters.page - 1) * PAGE_SIZE,
  };
}

const listPlaceholders: ListValues = {
  viewer: sql.placeholder("viewer"),
  owner: sql.placeholder("owner"),
  status: sql.placeholder("status"),
  showroom: sql.placeholder("showroom"),
  now: sql.placeholder("now"),
  startOfToday: sql.placeholder("startOfToday"),
  offset: sql.placeholder("offset"),
};

/** The shape of the list a user asks for: what decides its SQL. */
function listShape(user: Viewer, filters: ListFilters): ListShape {
  const owner: ListShape["owner"] =
    filters.owner === undefined || !isManager(user) ? "any" : filters.owner === "inactive" ? "inactive" : "one";
  return {
    scope: viewScope(user),
    owner,
    status: !!filters.status,
    showroom: filters.salon !== undefined,
    flag: filters.flag ?? "",
    sort: filters.sort,
  };
}

/**
 * Whether the filters ask only for what the user may see: a salesperson filters by nobody but themselves,
 * a manager by the people and showrooms of their own showrooms. Anything else is "not found".
 */
async function filtersAllowed(user: Viewer, filters: ListFilters): Promise<boolean> {
  if (typeof filters.owner === "number" && filters.owner !== user.id) {
    if (!isManager(user) || !(await findVisibleUser({ viewer: user, id: filters.owner }))) return false;
  }
  return filters.salon === undefined || (await mayFilterByShowroom(user, filters.salon));
}

const openStatusList = sql.join(
  OPEN_STATUSES.map((status) => sql`${status}`),
  sql`, `,
);

/** Open processes with no planned task: "Brak zaplanowanego kontaktu". */
const noPlannedContact = sql`(${processes.status} in (${openStatusList}) and not exists (select 1 from ${tasks} where ${tasks.processId} = ${processes.id} and ${eq(tasks.state, "planned")}))`;

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

/**
 * Customer name, phone (any format), e-mail, vehicle. `fewRows`: the other conditions leave one person's
 * processes, whose customers are then checked one by one (a salesperson's search read every customer of the
 * dealership: 4× the list without a search on the bench's database); over many processes one pass over the
 * customers is quicker.
 */
function searchCondition(q: string, fewRows: boolean): SQL {
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
  const matching = or(...matchingCustomers);
  const byText = or(
    fewRows
      ? sql`exists (select 1 from ${customers} where ${customers.id} = ${processes.customerId} and (${matching}))`
      : sql`${processes.customerId} in (select ${customers.id} from ${customers} where ${matching})`,
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

function listConditions(
  shape: ListShape,
  values: ListValues,
  q: string | undefined,
  withStatus = true,
): SQL | undefined {
  return and(
    visibleProcesses(shape.scope, values.viewer),
    shape.owner === "one" ? eq(processes.ownerId, values.owner) : undefined,
    shape.owner === "inactive"
      ? sql`${processes.ownerId} in (select ${users.id} from ${users} where ${eq(users.active, false)})`
      : undefined,
    withStatus && shape.status ? eq(processes.status, values.status) : undefined,
    shape.showroom ? eq(processes.showroomId, values.showroom) : undefined,
    q ? searchCondition(q, shape.scope === "own" || shape.owner === "one") : undefined,
    shape.flag === "no_contact" ? noPlannedContact : undefined,
    shape.flag === "overdue" ? hasOverdueTask(values) : undefined,
  );
}

/** The list's order: newest activity first, or newest process first. */
function listOrder(shape: ListShape) {
  return shape.sort === "created"
    ? [desc(processes.createdAt), desc(processes.id)]
    : [desc(processes.lastActivityAt), desc(processes.id)];
}

/** What a row of the list shows. */
const listColumns = {
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
};

/** The page of processes, as a query not yet run. */
function listQuery(db: Executor, shape: ListShape, values: ListValues, q?: string) {
  const order = listOrder(shape);
  return db
    .select(listColumns)
    .from(processes)
    .innerJoin(customers, eq(customers.id, processes.customerId))
    .innerJoin(users, eq(users.id, processes.ownerId))
    .where(listConditions(shape, values, q))
    .orderBy(...order)
    .limit(PAGE_SIZE)
    .offset(values.offset);
}

/** The counts per status under every filter but the status, as a query not yet run. */
function countsQuery(db: Executor, shape: ListShape, values: ListValues, q?: string) {
  return db
    .select({ status: processes.status, n: count() })
    .from(processes)
    .where(listConditions(shape, values, q, false))
    .groupBy(processes.status);
}

/**
 * The page with its processes' planned tasks, in one statement: each process once per planned task (once,
 * with a null task, if it has none), in the list's order and then by due time.
 */
function pageWithPlannedTasks(db: Executor, shape: ListShape, values: ListValues, q?: string) {
  const page = db.$with("page").as(listQuery(db, shape, values, q));
  const order =
    shape.sort === "created" ? [desc(page.createdAt), desc(page.id)] : [desc(page.lastActivityAt), desc(page.id)];
  return db
    .with(page)
    .select({
      row: Object.fromEntries(Object.keys(listColumns).map((key) => [key, page[key as keyof typeof listColumns]])) as {
        [K in keyof typeof listColumns]: (typeof page)[K];
      },
      task: {
        processId: tasks.processId,
        goal: tasks.goal,
        allDay: tasks.allDay,
        dueDate: tasks.dueDate,
        startAt: tasks.startAt,
        dueAt: tasks.dueAt,
      },
    })
    .from(page)
    .leftJoin(tasks, and(eq(tasks.processId, page.id), eq(tasks.state, "planned")))
    .orderBy(...order, asc(tasks.dueAt), asc(tasks.id));
}

/** Without a search, whose SQL depends on the words, the page query is prepared once per shape. */
const listStatement = defineStatement((db, shape: ListShape) => pageWithPlannedTasks(db, shape, listPlaceholders));

/** The page query itself (not run), so a test can read its plan. */
export function processListQuery({
  user,
  filters,
  now = new Date(),
}: {
  user: Viewer;
  filters: ListFilters;
  now?: Date;
}) {
  return listQuery(getDb(), listShape(user, filters), listValues(user, filters, now), filters.q);
}

/** The counts' query itself (not run), so a test can read its plan. */
export function statusCountsQuery({
  user,
  filters,
  now = new Date(),
}: {
  user: Viewer;
  filters: ListFilters;
  now?: Date;
}) {
  return countsQuery(getDb(), listShape(user, filters), listValues(user, filters, now), filters.q);
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
export async function listProcesses({
  user,
  filters,
  now = new Date(),
}: {
  user: Viewer;
  filters: ListFilters;
  now?: Date;
}) {
  if (!(await filtersAllowed(user, filters))) return null;
  const shape = listShape(user, filters);
  const values = listValues(user, filters, now);
  const countByStatus = async () => {
    const counts = Object.fromEntries(PROCESS_STATUSES.map((status) => [status, 0])) as Record<ProcessStatus, number>;
    const grouped = await countsQuery(getDb(), shape, values, filters.q);
    for (const row of grouped) counts[row.status] = row.n;
    return counts;
  };
  // Without a search or a flag the counts depend only on who looks and the owner and showroom filters: they are kept
  // until the data changes, since counting every process by status is the list's dearest query.
  // The page's rows and the counts are independent reads: on PostgreSQL they run at once.
  const [rowsAndTasks, counts] = await Promise.all([
    filters.q ? pageWithPlannedTasks(getDb(), shape, values, filters.q) : listStatement(shape).all({ ...values }),
    filters.q || filters.flag
      ? countByStatus()
      : memoUntilDataChanges(
          ["status-counts", shape.scope === "all" ? "all" : user.id, filters.owner ?? null, filters.salon ?? null],
          countByStatus,
        ),
  ]);
  // The counts are taken under every filter but the status: the total is one of them, or their sum.
  const total = filters.status ? counts[filters.status] : Object.values(counts).reduce((sum, n) => sum + n, 0);

  const rows: (typeof rowsAndTasks)[number]["row"][] = [];
  const nextTasks = new Map<number, NextTask>();
  for (const { row, task } of rowsAndTasks) {
    if (rows.at(-1)?.id !== row.id) rows.push(row);
    if (!task) continue;
    if (!nextTasks.has(task.processId)) nextTasks.set(task.processId, { ...task, overdue: false });
    // The earliest task may be a timed one later today while an all-day one from yesterday waits: any overdue task marks it.
    if (taskIsOverdue(task, now)) nextTasks.get(task.processId)!.overdue = true;
  }

  return {
    rows: rows.map((row) => ({ ...row, nextTask: nextTasks.get(row.id) ?? null })),
    total,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    counts,
  };
}
export type ProcessListRow = NonNullable<Awaited<ReturnType<typeof listProcesses>>>["rows"][number];

/** Existing customers with this phone or e-mail (indexed lookups). */
export async function findDuplicateCustomers({
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
    .limit(5);
}

/**
 * Every process of the filtered list (all pages), re-read and locked inside the caller's transaction: a
 * bulk change applies the filters again rather than trusting ids drawn earlier. At most `limit` rows, by
 * id; null when the filters ask for what the user may not see.
 */
export async function matchingProcesses({
  user,
  filters,
  tx,
  limit,
  now = new Date(),
}: {
  user: Viewer;
  filters: ListFilters;
  tx: Executor;
  limit: number;
  now?: Date;
}): Promise<Process[] | null> {
  if (!(await filtersAllowed(user, filters))) return null;
  const conditions = listConditions(listShape(user, filters), listValues(user, filters, now), filters.q);
  return forUpdate(tx.select().from(processes).where(conditions).orderBy(asc(processes.id)).limit(limit));
}

const EXPORT_CHUNK = 1000;

/**
 * Every process of the filtered list (all pages), in the list's order, a chunk at a time: "Eksportuj"
 * streams them out without holding the list in memory. Null when the filters ask for what the user may
 * not see.
 */
export async function exportProcesses({
  user,
  filters,
  now = new Date(),
}: {
  user: Viewer;
  filters: ListFilters;
  now?: Date;
}) {
  if (!(await filtersAllowed(user, filters))) return null;
  const shape = listShape(user, filters);
  const values = listValues(user, filters, now);
  const order = listOrder(shape);
  return async function* chunks() {
    for (let offset = 0; ; offset += EXPORT_CHUNK) {
      const rows = await getDb()
        .select({
          id: processes.id,
          firstName: customers.firstName,
          lastName: customers.lastName,
          phone: customers.phone,
          email: customers.email,
          brand: processes.brand,
          model: processes.model,
          source: processes.source,
          status: processes.status,
          ownerName: users.name,
          createdAt: processes.createdAt,
          lastActivityAt: processes.lastActivityAt,
        })
        .from(processes)
        .innerJoin(customers, eq(customers.id, processes.customerId))
        .innerJoin(users, eq(users.id, processes.ownerId))
        .where(listConditions(shape, values, filters.q))
        .orderBy(...order)
        .limit(EXPORT_CHUNK)
        .offset(offset);
      if (rows.length) yield rows;
      if (rows.length < EXPORT_CHUNK) return;
    }
  };
}
