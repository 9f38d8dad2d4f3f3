import { INITIATIVES, NOTE_TYPES } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { statsHref, type StatsQuery } from "@/lib/stats/params";
import { totalOf, type ActivityRow } from "@/lib/stats/queries";

type Counts = Omit<ActivityRow, "userId" | "name" | "role" | "active">;

function Cells({ r }: { r: Counts }) {
  const a = t.stats.activity;
  return (
    <>
      <td className="num" data-label={a.notes}>
        {r.notes}
      </td>
      {NOTE_TYPES.map((type) => (
        <td key={type} className="num" data-label={`${a.byType}: ${t.labels.noteType[type]}`}>
          {r.byType[type]}
        </td>
      ))}
      {INITIATIVES.map((initiative) => (
        <td key={initiative} className="num" data-label={`${a.byInitiative}: ${t.labels.initiative[initiative]}`}>
          {r.byInitiative[initiative]}
        </td>
      ))}
      <td className="num" data-label={a.tasksDone}>
        {r.tasksDone}
      </td>
      <td className="num" data-label={a.tasksOverdue}>
        {r.tasksOverdue}
      </td>
      <td className="num" data-label={a.processesCreated}>
        {r.processesCreated}
      </td>
      <td className="num" data-label={a.delivered}>
        {r.delivered}
      </td>
      <td className="num" data-label={a.resigned}>
        {r.resigned}
      </td>
    </>
  );
}

/** One row per user and a total; each name opens that user's day-by-day detail. */
export function ActivityTable({ rows, query, showTotal }: { rows: readonly ActivityRow[]; query: StatsQuery; showTotal: boolean }) {
  const a = t.stats.activity;
  return (
    <div className="table-scroll">
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
          {rows.map((r) => (
            <tr key={r.userId} data-user-id={r.userId} className={r.active ? undefined : "dimmed"}>
              <th scope="row" data-label={a.user}>
                <a href={statsHref(`/statystyki/${r.userId}`, query)} aria-label={a.details(r.name)}>
                  {r.name}
                </a>
                {r.active ? null : <span className="muted"> {a.inactive}</span>}
              </th>
              <Cells r={r} />
            </tr>
          ))}
          {showTotal ? (
            <tr className="total" data-total="">
              <th scope="row" data-label={a.user}>
                {a.total}
              </th>
              <Cells r={totalOf(rows)} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
