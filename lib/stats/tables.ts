// The three tables as header + rows of plain values: the CSV export writes exactly these.
import { INITIATIVES, NOTE_TYPES } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { durationDays, type OpenStage } from "./funnel";
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
