import "server-only";
import { and, count, eq, sql, type SQL } from "drizzle-orm";
import { getDb, rawRows, type Executor } from "@/db/client";
import { tasks } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { INITIATIVES, isManager, NOTE_TYPES, type Initiative, type NoteType, type Role } from "@/lib/domain";
import { overdueBounds, overdueTaskCondition } from "@/lib/tasks/overdue";
import { buildFunnel, type Funnel, type FunnelGroup } from "./funnel";
import { periodDays, type Period } from "./period";

type Range = Pick<Period, "start" | "end">;

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

function emptyRow(user: { id: number; name: string; role: Role; active: number | boolean }): ActivityRow {
  return {
    userId: user.id,
    name: user.name,
    role: user.role,
    active: Boolean(user.active),
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

/** `AND <column> = <id>` when the rows are one user's, nothing otherwise. */
function onlyUser(column: SQL, userId: number | undefined): SQL {
  return userId === undefined ? sql`` : sql` AND ${column} = ${userId}`;
}

/**
 * Activity per user in a period: each number is one GROUP BY over an index. A salesperson gets their own
 * row only; a manager or admin every active user, plus inactive ones who have numbers in the period.
 * Delivered and resigned: processes that entered `delivered` / `resigned` in the period (once per process
 * and status), attributed to the process's current owner.
 */
export async function activityByUser({
  viewer,
  period,
  userId,
  now = new Date(),
  db = getDb(),
}: {
  viewer: Viewer;
  period: Range;
  /** Only this user (a manager's detail view); a salesperson is always limited to themselves. */
  userId?: number;
  now?: Date;
  db?: Executor;
}): Promise<ActivityRow[]> {
  const only = isManager(viewer) ? userId : viewer.id;
  const start = period.start.getTime();
  const end = period.end.getTime();

  const users = await rawRows<{ id: number; name: string; role: Role; active: number }>(
    db,
    sql`SELECT id, name, role, active FROM users WHERE 1 = 1${onlyUser(sql`id`, only)} ORDER BY name COLLATE NOCASE, id`,
  );
  const rows = new Map(users.map((user) => [user.id, emptyRow(user)]));
  const row = (id: number) => rows.get(id);

  const notes = await rawRows<{ userId: number; type: NoteType; initiative: Initiative; n: number }>(
    db,
    sql`
    SELECT author_id AS userId, type, initiative, count(*) AS n FROM notes
    WHERE created_at >= ${start} AND created_at < ${end}${onlyUser(sql`author_id`, only)}
    GROUP BY author_id, type, initiative`,
  );
  for (const { userId: id, type, initiative, n } of notes) {
    const r = row(id);
    if (!r) continue;
    r.notes += n;
    r.byType[type] += n;
    r.byInitiative[initiative] += n;
  }

  const done = await rawRows<{ userId: number; n: number }>(
    db,
    sql`
    SELECT done_by_id AS userId, count(*) AS n FROM tasks
    WHERE done_by_id IS NOT NULL AND done_at >= ${start} AND done_at < ${end}${onlyUser(sql`done_by_id`, only)}
    GROUP BY done_by_id`,
  );
  for (const { userId: id, n } of done) if (row(id)) row(id)!.tasksDone = n;

  // Overdue now, by the one rule of lib/tasks/overdue.ts.
  const overdue = await db
    .select({ userId: tasks.assigneeId, n: count() })
    .from(tasks)
    .where(and(overdueTaskCondition(overdueBounds(now)), only === undefined ? undefined : eq(tasks.assigneeId, only)))
    .groupBy(tasks.assigneeId);
  for (const { userId: id, n } of overdue) if (row(id)) row(id)!.tasksOverdue = n;

  const created = await rawRows<{ userId: number; n: number }>(
    db,
    sql`
    SELECT owner_id AS userId, count(*) AS n FROM processes
    WHERE created_at >= ${start} AND created_at < ${end}${onlyUser(sql`owner_id`, only)}
    GROUP BY owner_id`,
  );
  for (const { userId: id, n } of created) if (row(id)) row(id)!.processesCreated = n;

  const closed = await rawRows<{ userId: number; status: "delivered" | "resigned"; n: number }>(
    db,
    sql`
    SELECT p.owner_id AS userId, e.to_value AS status, count(DISTINCT e.process_id) AS n
    FROM process_events e JOIN processes p ON p.id = e.process_id
    WHERE e.kind = 'status' AND e.to_value IN ('delivered', 'resigned') AND e.created_at >= ${start} AND e.created_at < ${end}${onlyUser(sql`p.owner_id`, only)}
    GROUP BY p.owner_id, e.to_value`,
  );
  for (const { userId: id, status, n } of closed) if (row(id)) row(id)![status] = n;

  return [...rows.values()].filter(
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

/** The total row of the activity table. */
export function totalOf(rows: readonly ActivityRow[]): Omit<ActivityRow, "userId" | "name" | "role" | "active"> {
  const total = emptyRow({ id: 0, name: "", role: "salesperson", active: true });
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
 * One user's activity per local day of the period. The days' instant ranges come from the time zone rules
 * (23- and 25-hour days included) as a VALUES table; each count is a range join on the user's index.
 */
export async function activityPerDay({
  userId,
  period,
  db = getDb(),
}: {
  userId: number;
  period: Pick<Period, "from" | "to">;
  db?: Executor;
}): Promise<DayRow[]> {
  const days = periodDays(period);
  const values = sql.join(
    days.map((d) => sql`(${d.date}, ${d.start.getTime()}, ${d.end.getTime()})`),
    sql`, `,
  );
  return await rawRows<DayRow>(
    db,
    sql`
    WITH days(date, start, "end") AS (VALUES ${values})
    SELECT d.date,
      (SELECT count(*) FROM notes n WHERE n.author_id = ${userId} AND n.created_at >= d.start AND n.created_at < d."end") AS notes,
      (SELECT count(*) FROM notes n WHERE n.author_id = ${userId} AND n.created_at >= d.start AND n.created_at < d."end" AND n.initiative = 'customer') AS customer,
      (SELECT count(*) FROM notes n WHERE n.author_id = ${userId} AND n.created_at >= d.start AND n.created_at < d."end" AND n.initiative = 'dealer') AS dealer,
      (SELECT count(*) FROM tasks t WHERE t.done_by_id = ${userId} AND t.done_at >= d.start AND t.done_at < d."end") AS tasksDone,
      (SELECT count(*) FROM processes p WHERE p.owner_id = ${userId} AND p.created_at >= d.start AND p.created_at < d."end") AS processesCreated
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
 * and groups the results; `buildFunnel` does the arithmetic. A salesperson sees their own processes.
 */
export async function salesFunnel({
  viewer,
  period,
  mode = "utworzone",
  ownerId,
  db = getDb(),
}: {
  viewer: Viewer;
  period: Range;
  mode?: FunnelMode;
  ownerId?: number;
  db?: Executor;
}): Promise<FunnelResult> {
  const start = period.start.getTime();
  const end = period.end.getTime();
  const owner = onlyUser(sql`p.owner_id`, isManager(viewer) ? ownerId : viewer.id);
  const cohort =
    mode === "aktywne"
      ? sql`SELECT p.id, p.created_at, p.status, p.resignation_reason FROM processes p WHERE p.id IN (
          SELECT process_id FROM notes WHERE created_at >= ${start} AND created_at < ${end}
          UNION SELECT process_id FROM process_events WHERE kind IN ('created', 'status', 'owner') AND created_at >= ${start} AND created_at < ${end}
        )${owner}`
      : sql`SELECT p.id, p.created_at, p.status, p.resignation_reason FROM processes p WHERE p.created_at >= ${start} AND p.created_at < ${end}${owner}`;
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
            -- CROSS JOIN keeps the cohort outside, so each history is read by process_events(process_id, created_at)
            FROM cohort c CROSS JOIN process_events e ON e.process_id = c.id WHERE +e.kind IN ('created', 'status')) e
      WINDOW w_asc AS (PARTITION BY e.process_id ORDER BY e.created_at, e.id ROWS UNBOUNDED PRECEDING),
             w_desc AS (PARTITION BY e.process_id ORDER BY e.created_at DESC, e.id DESC)
    ),
    per AS MATERIALIZED (
      SELECT c.id, c.created_at,
        max(0, ${stage(sql`c.status`)}, coalesce(max(ev.stage), 0)) AS max_stage,
        coalesce(max(CASE WHEN ev.from_end = 1 THEN ev.to_value END), c.status) AS final_status,
        max(CASE WHEN ev.from_end = 1 THEN ev.last_open END) AS last_open,
        max(CASE WHEN ev.from_end = 1 THEN ev.reason END) AS reason,
        c.resignation_reason,
        min(CASE WHEN ev.to_value = 'delivered' THEN ev.created_at END) AS delivered_at
      FROM cohort c LEFT JOIN ev ON ev.process_id = c.id
      GROUP BY c.id
    ),
    durations AS (
      SELECT delivered_at - created_at AS ms, row_number() OVER (ORDER BY delivered_at - created_at) AS rn, count(*) OVER () AS total
      FROM per WHERE delivered_at IS NOT NULL
    )
    SELECT 'g' AS kind, max_stage AS maxStage,
      CASE WHEN final_status = 'resigned' THEN coalesce(last_open, 0) END AS resignedFrom,
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
