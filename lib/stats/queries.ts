import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { getDb, rawRows, type Executor } from "@/db/client";
import { epochMs, greatest, instant, joinInOrder, withoutIndex } from "@/db/sql";
import { processes, userShowrooms, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { INITIATIVES, isManager, NOTE_TYPES, type Initiative, type NoteType, type Role } from "@/lib/domain";
import { viewScope, visiblePeople, visibleProcesses } from "@/lib/processes/access";
import { overdueBounds, overdueTaskCondition } from "@/lib/tasks/overdue";
import { buildFunnel, type Funnel, type FunnelGroup } from "./funnel";
import { periodDays, type Period } from "./period";

type Range = Pick<Period, "start" | "end">;

type Counts = Omit<ActivityRow, "userId" | "name" | "role" | "active">;

export type ActivityRow = {
  userId: number;
  name: string;
  role: Role;
  active: boolean;
  notes: number;
  byType: Record<NoteType, number>;
  byInitiative: Record<Initiative, number>;
  tasksDone: number;
  tasksOverdue: number;
  processesCreated: number;
  delivered: number;
  resigned: number;
};

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function zeroCounts(): Counts {
  return {
    notes: 0,
    byType: zeroes(NOTE_TYPES),
    byInitiative: zeroes(INITIATIVES),
    tasksDone: 0,
    tasksOverdue: 0,
    processesCreated: 0,
    delivered: 0,
    resigned: 0,
  };
}

function emptyRow(user: { id: number; name: string; role: Role; active: number | boolean }): ActivityRow {
  return { userId: user.id, name: user.name, role: user.role, active: Boolean(user.active), ...zeroCounts() };
}

/** `AND <column> = <id>` when the rows are one user's, nothing otherwise. */
function onlyUser(column: SQL, userId: number | undefined): SQL {
  return userId === undefined ? sql`` : sql` AND ${column} = ${userId}`;
}

/**
 * The processes whose work the numbers count, as a condition over `processes` (SQL that names the table
 * `processes` joins it): a manager's those they may see, i.e. of their showrooms; with a showroom filter,
 * that showroom's. An admin's and a salesperson's own numbers count all of their work.
 */
function countedProcesses(viewer: Viewer, showroomId: number | undefined): SQL | undefined {
  const scope = viewScope(viewer);
  return and(
    scope === "showrooms" ? visibleProcesses(scope, viewer.id) : undefined,
    showroomId === undefined ? undefined : eq(processes.showroomId, showroomId),
  );
}

/** `AND <condition>`, or nothing. */
const andAlso = (condition: SQL | undefined): SQL => (condition ? sql` AND ${condition}` : sql``);

/**
 * The activity numbers of a period grouped by user (who wrote, did, is assigned, owns) or by the
 * processes' showroom: each one GROUP BY over an index, joined to `processes` when the scope or the
 * grouping needs it. Delivered and resigned: processes that entered `delivered` / `resigned` in the
 * period (once per process and status), attributed to the process's current owner.
 */
async function activityCounts({
  viewer,
  period,
  only,
  showroomId,
  by,
  now,
  db,
}: {
  viewer: Viewer;
  period: Range;
  only: number | undefined;
  showroomId: number | undefined;
  by: "user" | "showroom";
  now: Date;
  db: Executor;
}): Promise<Map<number, Counts>> {
  const start = instant(period.start);
  const end = instant(period.end);
  const scope = countedProcesses(viewer, showroomId);
  const joined = by === "showroom" || scope !== undefined;
  const join = (processId: SQL) => (joined ? sql` JOIN processes ON processes.id = ${processId}` : sql``);
  const key = (userColumn: SQL) => (by === "user" ? userColumn : sql`processes.showroom_id`);
  const counts = new Map<number, Counts>();
  const row = (k: number) => {
    let r = counts.get(k);
    if (!r) counts.set(k, (r = zeroCounts()));
    return r;
  };

  // Independent reads: on PostgreSQL they run at once, each on a connection of the pool.
  const [notes, done, overdue, created, closed] = await Promise.all([
    rawRows<{ k: number; type: NoteType; initiative: Initiative; n: number }>(
      db,
      sql`
      SELECT ${key(sql`notes.author_id`)} AS k, notes.type AS type, notes.initiative AS initiative, count(*) AS n
      FROM notes${join(sql`notes.process_id`)}
      WHERE notes.created_at >= ${start} AND notes.created_at < ${end}${onlyUser(sql`notes.author_id`, only)}${andAlso(scope)}
      GROUP BY 1, 2, 3`,
    ),
    rawRows<{ k: number; n: number }>(
      db,
      sql`
      SELECT ${key(sql`tasks.done_by_id`)} AS k, count(*) AS n FROM tasks${join(sql`tasks.process_id`)}
      WHERE tasks.done_by_id IS NOT NULL AND tasks.done_at >= ${start} AND tasks.done_at < ${end}${onlyUser(sql`tasks.done_by_id`, only)}${andAlso(scope)}
      GROUP BY 1`,
    ),
    // Overdue now, by the one rule of lib/tasks/overdue.ts.
    rawRows<{ k: number; n: number }>(
      db,
      sql`
      SELECT ${key(sql`tasks.assignee_id`)} AS k, count(*) AS n FROM tasks${join(sql`tasks.process_id`)}
      WHERE ${overdueTaskCondition(overdueBounds(now))}${onlyUser(sql`tasks.assignee_id`, only)}${andAlso(scope)}
      GROUP BY 1`,
    ),
    rawRows<{ k: number; n: number }>(
      db,
      sql`
      SELECT ${key(sql`processes.owner_id`)} AS k, count(*) AS n FROM processes
      WHERE processes.created_at >= ${start} AND processes.created_at < ${end}${onlyUser(sql`processes.owner_id`, only)}${andAlso(scope)}
      GROUP BY 1`,
    ),
    rawRows<{ k: number; status: "delivered" | "resigned"; n: number }>(
      db,
      sql`
      SELECT ${key(sql`processes.owner_id`)} AS k, e.to_value AS status, count(DISTINCT e.process_id) AS n
      FROM process_events e JOIN processes ON processes.id = e.process_id
      WHERE e.kind = 'status' AND e.to_value IN ('delivered', 'resigned') AND e.created_at >= ${start} AND e.created_at < ${end}${onlyUser(sql`processes.owner_id`, only)}${andAlso(scope)}
      GROUP BY 1, 2`,
    ),
  ]);
  for (const { k, type, initiative, n } of notes) {
    const r = row(k);
    r.notes += n;
    r.byType[type] += n;
    r.byInitiative[initiative] += n;
  }
  for (const { k, n } of done) row(k).tasksDone = n;
  for (const { k, n } of overdue) row(k).tasksOverdue = n;
  for (const { k, n } of created) row(k).processesCreated = n;
  for (const { k, status, n } of closed) row(k)[status] = n;
  return counts;
}

/**
 * Activity per user in a period. A salesperson gets their own row only; a manager the people of their
 * showrooms, an admin everyone: the active ones, plus inactive ones who have numbers in the period. A
 * manager's numbers count only the processes of their showrooms; with `showroomId` the rows are that
 * showroom's people and the numbers its processes'.
 */
export async function activityByUser({
  viewer,
  period,
  userId,
  showroomId,
  now = new Date(),
  db = getDb(),
}: {
  viewer: Viewer;
  period: Range;
  /** Only this user (a manager's detail view); a salesperson is always limited to themselves. */
  userId?: number;
  /** "Salon": one showroom (the caller checked the viewer may ask for it). */
  showroomId?: number;
  now?: Date;
  db?: Executor;
}): Promise<ActivityRow[]> {
  const only = isManager(viewer) ? userId : viewer.id;
  const peopleQuery = db
    .select({ id: users.id, name: users.name, role: users.role, active: users.active })
    .from(users)
    .where(
      and(
        only === undefined ? undefined : eq(users.id, only),
        visiblePeople(viewScope(viewer), viewer.id),
        showroomId === undefined
          ? undefined
          : sql`${users.id} in (select ${userShowrooms.userId} from ${userShowrooms} where ${userShowrooms.showroomId} = ${showroomId})`,
      ),
    )
    .orderBy(sql`lower(${users.name})`, asc(users.id));
  const [people, counts] = await Promise.all([
    peopleQuery,
    activityCounts({ viewer, period, only, showroomId, by: "user", now, db }),
  ]);
  return people
    .map((user) => ({ ...emptyRow(user), ...counts.get(user.id), userId: user.id }))
    .filter(
      (r) =>
        r.active ||
        r.userId === only ||
        r.notes ||
        r.tasksDone ||
        r.tasksOverdue ||
        r.processesCreated ||
        r.delivered ||
        r.resigned,
    );
}

export type ShowroomActivity = Counts & { showroomId: number };

/**
 * The same numbers per showroom, for "Statystyki" to compare showrooms side by side: each showroom's
 * processes' work, as the viewer may count it (a salesperson their own).
 */
export async function activityByShowroom({
  viewer,
  period,
  showroomIds,
  now = new Date(),
  db = getDb(),
}: {
  viewer: Viewer;
  period: Range;
  /** The showrooms to compare (the caller's choice among those the viewer may see). */
  showroomIds: readonly number[];
  now?: Date;
  db?: Executor;
}): Promise<ShowroomActivity[]> {
  const only = isManager(viewer) ? undefined : viewer.id;
  const counts = await activityCounts({ viewer, period, only, showroomId: undefined, by: "showroom", now, db });
  return showroomIds.map((id) => ({ ...(counts.get(id) ?? zeroCounts()), showroomId: id }));
}

/** The total row of the activity table. */
export function totalOf(rows: readonly Counts[]): Counts {
  const total = zeroCounts();
  for (const r of rows) {
    total.notes += r.notes;
    for (const type of NOTE_TYPES) total.byType[type] += r.byType[type];
    for (const initiative of INITIATIVES) total.byInitiative[initiative] += r.byInitiative[initiative];
    total.tasksDone += r.tasksDone;
    total.tasksOverdue += r.tasksOverdue;
    total.processesCreated += r.processesCreated;
    total.delivered += r.delivered;
    total.resigned += r.resigned;
  }
  return total;
}

export type DayRow = {
  date: string;
  notes: number;
  customer: number;
  dealer: number;
  tasksDone: number;
  processesCreated: number;
};

/**
 * One user's activity per local day of the period, counted as `activityByUser` counts it for this viewer.
 * The days' instant ranges come from the time zone rules (23- and 25-hour days included) as a VALUES
 * table; each count is a range join on the user's index.
 */
export async function activityPerDay({
  viewer,
  userId,
  period,
  showroomId,
  db = getDb(),
}: {
  viewer: Viewer;
  userId: number;
  period: Pick<Period, "from" | "to">;
  showroomId?: number;
  db?: Executor;
}): Promise<DayRow[]> {
  const days = periodDays(period);
  const values = sql.join(
    days.map((d) => sql`(${d.date}, ${instant(d.start)}, ${instant(d.end)})`),
    sql`, `,
  );
  const scope = countedProcesses(viewer, showroomId);
  const join = (processId: SQL) => (scope ? sql` JOIN processes ON processes.id = ${processId}` : sql``);
  const notes = (initiative?: Initiative) =>
    sql`(SELECT count(*) FROM notes n${join(sql`n.process_id`)} WHERE n.author_id = ${userId} AND n.created_at >= d.start AND n.created_at < d."end"${initiative ? sql` AND n.initiative = ${initiative}` : sql``}${andAlso(scope)})`;
  return await rawRows<DayRow>(
    db,
    sql`
    WITH days(date, start, "end") AS (VALUES ${values})
    SELECT d.date,
      ${notes()} AS notes,
      ${notes("customer")} AS customer,
      ${notes("dealer")} AS dealer,
      (SELECT count(*) FROM tasks t${join(sql`t.process_id`)} WHERE t.done_by_id = ${userId} AND t.done_at >= d.start AND t.done_at < d."end"${andAlso(scope)}) AS "tasksDone",
      (SELECT count(*) FROM processes WHERE processes.owner_id = ${userId} AND processes.created_at >= d.start AND processes.created_at < d."end"${andAlso(scope)}) AS "processesCreated"
    FROM days d ORDER BY d.date`,
  );
}

export const FUNNEL_MODES = ["utworzone", "aktywne"] as const;
export type FunnelMode = (typeof FUNNEL_MODES)[number];

export type FunnelResult = Funnel & { medianToDeliveredMs: number | null; delivered: number };

/**
 * The funnel of the processes created in the period ("utworzone") or active in it ("aktywne": a note or a
 * system entry in the period), over each one's whole status history up to now. SQL reduces each history
 * exactly as `reduceHistory` does (window functions over the process's created/status entries, in order)
 * and groups the results; `buildFunnel` does the arithmetic. A salesperson sees their own processes, a
 * manager those of their showrooms; `showroomId` keeps one showroom's.
 */
export async function salesFunnel({
  viewer,
  period,
  mode = "utworzone",
  ownerId,
  showroomId,
  db = getDb(),
}: {
  viewer: Viewer;
  period: Range;
  mode?: FunnelMode;
  ownerId?: number;
  showroomId?: number;
  db?: Executor;
}): Promise<FunnelResult> {
  const start = instant(period.start);
  const end = instant(period.end);
  const owner = sql`${onlyUser(sql`processes.owner_id`, isManager(viewer) ? ownerId : viewer.id)}${andAlso(countedProcesses(viewer, showroomId))}`;
  const columns = sql`processes.id, processes.created_at, processes.status, processes.resignation_reason`;
  const cohort =
    mode === "aktywne"
      ? sql`SELECT ${columns} FROM processes WHERE processes.id IN (
          SELECT process_id FROM notes WHERE created_at >= ${start} AND created_at < ${end}
          UNION SELECT process_id FROM process_events WHERE kind IN ('created', 'status', 'owner', 'showroom') AND created_at >= ${start} AND created_at < ${end}
        )${owner}`
      : sql`SELECT ${columns} FROM processes WHERE processes.created_at >= ${start} AND processes.created_at < ${end}${owner}`;
  const stage = (column: SQL) =>
    sql`CASE ${column} WHEN 'new' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'offer' THEN 2 WHEN 'order' THEN 3 WHEN 'delivered' THEN 4 ELSE -1 END`;

  const rows = await rawRows<{
    kind: "g" | "m";
    maxStage: number;
    resignedFrom: number | null;
    reason: string | null;
    n: number;
    median: number | null;
  }>(
    db,
    sql`
    WITH cohort AS MATERIALIZED (${cohort}),
    ev AS (
      SELECT e.process_id, e.to_value, e.reason, e.created_at, ${stage(sql`e.to_value`)} AS stage,
        row_number() OVER w_desc AS from_end,
        -- the last open stage so far: a running max of (position * 10 + stage) over open entries
        (max(CASE WHEN ${stage(sql`e.to_value`)} BETWEEN 0 AND 3 THEN e.pos * 10 + ${stage(sql`e.to_value`)} END) OVER w_asc) % 10 AS last_open
      FROM (SELECT e.*, row_number() OVER (PARTITION BY e.process_id ORDER BY e.created_at, e.id) AS pos
            -- the cohort stays outside, so each history is read by process_events(process_id, created_at)
            FROM cohort c ${joinInOrder()} process_events e ON e.process_id = c.id WHERE ${withoutIndex(sql`e.kind`)} IN ('created', 'status')) e
      WINDOW w_asc AS (PARTITION BY e.process_id ORDER BY e.created_at, e.id ROWS UNBOUNDED PRECEDING),
             w_desc AS (PARTITION BY e.process_id ORDER BY e.created_at DESC, e.id DESC)
    ),
    per AS MATERIALIZED (
      SELECT c.id, c.created_at,
        ${greatest(sql`0`, stage(sql`c.status`), sql`coalesce(max(ev.stage), 0)`)} AS max_stage,
        coalesce(max(CASE WHEN ev.from_end = 1 THEN ev.to_value END), c.status) AS final_status,
        max(CASE WHEN ev.from_end = 1 THEN ev.last_open END) AS last_open,
        max(CASE WHEN ev.from_end = 1 THEN ev.reason END) AS reason,
        c.resignation_reason,
        min(CASE WHEN ev.to_value = 'delivered' THEN ev.created_at END) AS delivered_at
      FROM cohort c LEFT JOIN ev ON ev.process_id = c.id
      GROUP BY c.id, c.created_at, c.status, c.resignation_reason
    ),
    durations AS (
      SELECT ${epochMs(sql`delivered_at`)} - ${epochMs(sql`created_at`)} AS ms, row_number() OVER (ORDER BY delivered_at - created_at) AS rn, count(*) OVER () AS total
      FROM per WHERE delivered_at IS NOT NULL
    )
    SELECT 'g' AS kind, max_stage AS "maxStage",
      CASE WHEN final_status = 'resigned' THEN coalesce(last_open, 0) END AS "resignedFrom",
      CASE WHEN final_status = 'resigned' THEN trim(coalesce(reason, resignation_reason, '')) END AS reason,
      count(*) AS n, NULL AS median
    FROM per GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'm', NULL, NULL, NULL, count(*), avg(ms) FROM durations WHERE rn IN ((total + 1) / 2, (total + 2) / 2)`,
  );

  const groups: FunnelGroup[] = rows
    .filter((r) => r.kind === "g")
    .map((r) => ({ maxStage: r.maxStage, resignedFrom: r.resignedFrom, reason: r.reason || null, count: r.n }));
  const funnel = buildFunnel(groups);
  const median = rows.find((r) => r.kind === "m")?.median ?? null;
  return {
    ...funnel,
    delivered: funnel.stages[4].count,
    medianToDeliveredMs: median === null ? null : Math.round(median),
  };
}
