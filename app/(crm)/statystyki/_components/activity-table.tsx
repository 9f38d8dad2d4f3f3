import { TableScroll } from "@/app/ui/table-scroll";
import { INITIATIVES, NOTE_TYPES } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { statsHref, type StatsQuery } from "@/lib/stats/params";
import { totalOf, type ActivityRow } from "@/lib/stats/queries";
import { ActivityRows, type ActivityRowLabels } from "./activity-rows";

type Counts = Omit<ActivityRow, "userId" | "name" | "role" | "active">;

/** A row's counts in the columns' order, and each cell's label for the stacked layout of a phone. */
function countsOf(r: Counts): number[] {
  return [
    r.notes,
    ...NOTE_TYPES.map((type) => r.byType[type]),
    ...INITIATIVES.map((initiative) => r.byInitiative[initiative]),
    r.tasksDone,
    r.tasksOverdue,
    r.processesCreated,
    r.delivered,
    r.resigned,
  ];
}

const a = t.stats.activity;
const labels: ActivityRowLabels = {
  user: a.user,
  inactive: a.inactive,
  total: a.total,
  counts: [
    a.notes,
    ...NOTE_TYPES.map((type) => `${a.byType}: ${t.labels.noteType[type]}`),
    ...INITIATIVES.map((initiative) => `${a.byInitiative}: ${t.labels.initiative[initiative]}`),
    a.tasksDone,
    a.tasksOverdue,
    a.processesCreated,
    a.delivered,
    a.resigned,
  ],
};

/** One row per user and a total; each name opens that user's day-by-day detail. */
export function ActivityTable({
  rows,
  query,
  showTotal,
}: {
  rows: readonly ActivityRow[];
  query: StatsQuery;
  showTotal: boolean;
}) {
  return (
    <TableScroll label={a.caption}>
      <table className="table responsive stats-table" id="activity">
        <caption className="sr-only">{a.caption}</caption>
        <thead>
          <tr>
            <th rowSpan={2} scope="col">
              {a.user}
            </th>
            <th rowSpan={2} scope="col" className="num">
              {a.notes}
            </th>
            <th colSpan={NOTE_TYPES.length} scope="colgroup">
              {a.byType}
            </th>
            <th colSpan={INITIATIVES.length} scope="colgroup">
              {a.byInitiative}
            </th>
            {[a.tasksDone, a.tasksOverdue, a.processesCreated, a.delivered, a.resigned].map((label) => (
              <th key={label} rowSpan={2} scope="col" className="num">
                {label}
              </th>
            ))}
          </tr>
          <tr>
            {NOTE_TYPES.map((type) => (
              <th key={type} scope="col" className="num">
                {t.labels.noteType[type]}
              </th>
            ))}
            {INITIATIVES.map((initiative) => (
              <th key={initiative} scope="col" className="num">
                {t.labels.initiative[initiative]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <ActivityRows
            rows={rows.map((r) => ({
              userId: r.userId,
              name: r.name,
              href: statsHref(`/statystyki/${r.userId}`, query),
              detailsLabel: a.details(r.name),
              active: r.active,
              counts: countsOf(r),
            }))}
            total={showTotal ? countsOf(totalOf(rows)) : null}
            labels={labels}
          />
        </tbody>
      </table>
    </TableScroll>
  );
}
