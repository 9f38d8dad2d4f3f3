// The three tables as header + rows of plain values: the CSV export writes exactly these.
import { INITIATIVES, NOTE_TYPES } from "@/lib/domain";
import { t } from "@/lib/i18n";
import type { ShowroomColumn } from "./comparison";
import type { LeadRow } from "./leads";
import { durationDays, formatPercent, type OpenStage } from "./funnel";
import { totalOf, type ActivityRow, type DayRow, type FunnelResult } from "./queries";

type Cell = string | number | null;
export type Table = { header: string[]; rows: Cell[][] };

const s = t.stats;
const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);

export function activityTable(rows: readonly ActivityRow[]): Table {
  const header = [
    s.activity.user,
    s.activity.notes,
    ...NOTE_TYPES.map((type) => `${s.activity.byType}: ${t.labels.noteType[type]}`),
    ...INITIATIVES.map((initiative) => `${s.activity.byInitiative}: ${t.labels.initiative[initiative]}`),
    s.activity.tasksDone,
    s.activity.tasksOverdue,
    s.activity.processesCreated,
    s.activity.delivered,
    s.activity.resigned,
  ];
  const line = (name: string, r: Omit<ActivityRow, "userId" | "name" | "role" | "active">): Cell[] => [
    name,
    r.notes,
    ...NOTE_TYPES.map((type) => r.byType[type]),
    ...INITIATIVES.map((initiative) => r.byInitiative[initiative]),
    r.tasksDone,
    r.tasksOverdue,
    r.processesCreated,
    r.delivered,
    r.resigned,
  ];
  return { header, rows: [...rows.map((r) => line(r.name, r)), line(s.activity.total, totalOf(rows))] };
}

export function daysTable(days: readonly DayRow[]): Table {
  return {
    header: [
      s.detail.day,
      s.activity.notes,
      s.detail.customer,
      s.detail.dealer,
      s.activity.tasksDone,
      s.activity.processesCreated,
    ],
    rows: days.map((d) => [d.date, d.notes, d.customer, d.dealer, d.tasksDone, d.processesCreated]),
  };
}

export function funnelTable(funnel: FunnelResult): Table {
  const stageRows = funnel.stages.map((row) => [
    t.labels.processStatus[row.stage],
    row.count,
    percent(row.fromPrevious),
    percent(row.ofTotal),
  ]);
  const resignedRows = funnel.resignedFrom.map(({ stage, count }: { stage: OpenStage; count: number }) => [
    `${t.labels.processStatus.resigned} — ${s.funnel.resignedFrom}: ${t.labels.processStatus[stage]}`,
    count,
    null,
    percent(funnel.total ? count / funnel.total : null),
  ]);
  return {
    header: [s.funnel.stage, s.funnel.count, `${s.funnel.fromPrevious} (%)`, `${s.funnel.ofTotal} (%)`],
    rows: [
      ...stageRows,
      [s.funnel.overall, null, null, percent(funnel.overall)],
      [`${s.funnel.median} (dni)`, durationDays(funnel.medianToDeliveredMs), null, null],
      ...resignedRows,
    ],
  };
}

/** The showrooms side by side: a row per measure, a column per showroom. */
export function showroomsTable(columns: readonly ShowroomColumn[]): Table {
  const c = s.showrooms;
  const rows: [string, (column: ShowroomColumn) => Cell][] = [
    [s.activity.notes, (col) => col.activity.notes],
    [s.activity.tasksDone, (col) => col.activity.tasksDone],
    [s.activity.tasksOverdue, (col) => col.activity.tasksOverdue],
    [s.activity.processesCreated, (col) => col.activity.processesCreated],
    [s.activity.delivered, (col) => col.activity.delivered],
    [s.activity.resigned, (col) => col.activity.resigned],
    [c.inFunnel, (col) => col.funnel.total],
    ...funnelStageRows(),
    [s.funnel.overall, (col) => formatPercent(col.funnel.overall)],
    [t.leads.stats.received, (col) => col.leads.received],
    [`${t.leads.stats.medianFirstContact} (min)`, (col) => col.leads.medianFirstContactMinutes],
  ];
  return {
    header: [c.measure, ...columns.map((column) => column.showroom.name)],
    rows: rows.map(([label, value]) => [label, ...columns.map(value)]),
  };
}

/** The funnel's stages after "Nowy" (which is every process in it): how many reached each. */
function funnelStageRows(): [string, (column: ShowroomColumn) => Cell][] {
  return (["in_progress", "offer", "order", "delivered"] as const).map((stage, i) => [
    s.showrooms.reached(t.labels.processStatus[stage]),
    (column: ShowroomColumn) => column.funnel.stages[i + 1].count,
  ]);
}

/** "Leady": leads received and the median minutes to first contact, per salesperson or per source. */
export function leadsTable(rows: readonly LeadRow[], first: string): Table {
  return {
    header: [first, t.leads.stats.received, `${t.leads.stats.medianFirstContact} (min)`],
    rows: rows.map((row) => [row.name, row.received, row.medianFirstContactMinutes]),
  };
}
