import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { TableScroll } from "@/app/ui/table-scroll";
import { t } from "@/lib/i18n";
import { parseId } from "@/lib/validation";
import { readStatsQuery, statsHref, type SearchParams } from "@/lib/stats/params";
import { cachedActivityByUser, cachedActivityPerDay, cachedSalesFunnel } from "@/lib/stats/cache";
import { formatDate, formatDayLabel } from "@/lib/time";
import { filterShowrooms } from "@/lib/showrooms/queries";
import { findVisibleUser } from "@/lib/users/queries";
import { ActivityTable } from "../_components/activity-table";
import { DayChart } from "../_components/day-chart";
import { FunnelSection } from "../_components/funnel-section";
import { PeriodPicker } from "../_components/period-picker";
import { ShowroomPicker } from "../_components/showroom-picker";
import "../stats.css";

export const metadata: Metadata = { title: t.stats.title };

/** One user's statistics: a manager's view of anyone, a salesperson's of themselves; anyone else is "not found". */
export default async function UserStatsPage({
  params,
  searchParams,
}: {
  params: Promise<{ userId: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const viewer = await requireUser();
  const { userId: raw } = await params;
  const userId = parseId(raw);
  const user = userId === undefined ? undefined : await findVisibleUser({ viewer, id: userId });
  if (!user) notFound();

  const query = readStatsQuery(await searchParams);
  const { period, showroomId } = query;
  const showrooms = await filterShowrooms(viewer);
  if (showroomId !== undefined && !showrooms.some((showroom) => showroom.id === showroomId)) notFound();
  const path = `/statystyki/${user.id}`;
  const [rows, days, funnel] = await Promise.all([
    cachedActivityByUser({ viewer, period, userId: user.id, showroomId }),
    cachedActivityPerDay({ viewer, userId: user.id, period, showroomId }),
    cachedSalesFunnel({ viewer, period, mode: query.mode, ownerId: user.id, showroomId }),
  ]);
  const s = t.stats;
  const d = s.detail;
  const csv = (tabela: string) => statsHref("/statystyki/eksport", query, { tabela, uzytkownik: user.id });
  return (
    <section className="stack stats-page">
      <p>
        <a href={statsHref("/statystyki", query)}>← {d.back}</a>
      </p>
      <h1>{d.title(user.name)}</h1>
      <p className="muted">
        {s.csv.period}: {s.period.range(formatDate(period.from), formatDate(period.to))}
      </p>
      <PeriodPicker path={path} query={query} />
      {showrooms.length > 1 ? <ShowroomPicker path={path} query={query} showrooms={showrooms} /> : null}
      <section className="card stack" aria-labelledby="activity-heading">
        <div className="spread">
          <h2 id="activity-heading">{s.activity.title}</h2>
          <a className="button small" href={csv("aktywnosc")} download>
            {s.csv.downloadNamed(s.activity.title)}
          </a>
        </div>
        <ActivityTable rows={rows} query={query} showTotal={false} />
      </section>
      <section className="card stack" aria-labelledby="days-heading">
        <div className="spread">
          <h2 id="days-heading">{d.perDay}</h2>
          <a className="button small" href={csv("dni")} download>
            {s.csv.downloadNamed(d.perDay)}
          </a>
        </div>
        <DayChart days={days} name={user.name} />
        <TableScroll label={d.caption(user.name)}>
          <table className="table responsive" id="days">
            <caption className="sr-only">{d.caption(user.name)}</caption>
            <thead>
              <tr>
                <th scope="col">{d.day}</th>
                <th scope="col" className="num">
                  {s.activity.notes}
                </th>
                <th scope="col" className="num">
                  {d.customer}
                </th>
                <th scope="col" className="num">
                  {d.dealer}
                </th>
                <th scope="col" className="num">
                  {s.activity.tasksDone}
                </th>
                <th scope="col" className="num">
                  {s.activity.processesCreated}
                </th>
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.date} data-date={day.date}>
                  <th scope="row" data-label={d.day}>
                    <time dateTime={day.date}>{formatDayLabel(day.date)}</time>
                  </th>
                  <td className="num" data-label={s.activity.notes}>
                    {day.notes}
                  </td>
                  <td className="num" data-label={d.customer}>
                    {day.customer}
                  </td>
                  <td className="num" data-label={d.dealer}>
                    {day.dealer}
                  </td>
                  <td className="num" data-label={s.activity.tasksDone}>
                    {day.tasksDone}
                  </td>
                  <td className="num" data-label={s.activity.processesCreated}>
                    {day.processesCreated}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      <FunnelSection funnel={funnel} query={query} path={path} csvHref={csv("lejek")} heading={d.funnel} />
    </section>
  );
}
