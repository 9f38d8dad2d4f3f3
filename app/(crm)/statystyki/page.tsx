import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isManager, requireUser } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { filterShowrooms } from "@/lib/showrooms/queries";
import { compareShowrooms } from "@/lib/stats/comparison";
import { readStatsQuery, statsHref, type SearchParams } from "@/lib/stats/params";
import { cachedActivityByUser, cachedLeadNumbers, cachedSalesFunnel, cachedTestDriveStats } from "@/lib/stats/cache";
import { leadsTable, showroomsTable } from "@/lib/stats/tables";
import { formatDate } from "@/lib/time";
import { ActivityTable } from "./_components/activity-table";
import { FunnelSection } from "./_components/funnel-section";
import { LeadsSection } from "./_components/leads-section";
import { PeriodPicker } from "./_components/period-picker";
import { ShowroomComparison } from "./_components/showroom-comparison";
import { ShowroomPicker } from "./_components/showroom-picker";
import { TestDrivesSection } from "./_components/test-drives";
import "./stats.css";

export const metadata: Metadata = { title: t.stats.title };

export default async function StatsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireUser();
  const query = readStatsQuery(await searchParams);
  const { period, showroomId } = query;
  const showrooms = await filterShowrooms(viewer);
  // "Salon": only one the viewer works in (an admin's any); anything else is not theirs to see.
  if (showroomId !== undefined && !showrooms.some((showroom) => showroom.id === showroomId)) notFound();
  const several = showrooms.length > 1;
  const [rows, funnel, comparison, leads, testDrives] = await Promise.all([
    cachedActivityByUser({ viewer, period, showroomId }),
    cachedSalesFunnel({ viewer, period, mode: query.mode, showroomId }),
    several && showroomId === undefined ? compareShowrooms({ viewer, period, mode: query.mode, showrooms }) : null,
    cachedLeadNumbers({ viewer, period, showroomId }),
    cachedTestDriveStats({ viewer, period, showroomId }),
  ]);
  const s = t.stats;
  return (
    <section className="stack stats-page">
      <h1>{s.title}</h1>
      <p className="muted">
        {s.csv.period}: {s.period.range(formatDate(period.from), formatDate(period.to))}
      </p>
      <PeriodPicker path="/statystyki" query={query} />
      {several ? <ShowroomPicker path="/statystyki" query={query} showrooms={showrooms} /> : null}
      <section className="card stack" aria-labelledby="activity-heading">
        <div className="spread">
          <h2 id="activity-heading">{s.activity.title}</h2>
          <a className="button small" href={statsHref("/statystyki/eksport", query, { tabela: "aktywnosc" })} download>
            {s.csv.downloadNamed(s.activity.title)}
          </a>
        </div>
        <ActivityTable rows={rows} query={query} showTotal={isManager(viewer)} />
        <p className="hint">{s.activity.help}</p>
      </section>
      <FunnelSection
        funnel={funnel}
        query={query}
        path="/statystyki"
        csvHref={statsHref("/statystyki/eksport", query, { tabela: "lejek" })}
      />
      <LeadsSection
        tables={[
          { caption: t.leads.stats.perSalesperson, table: leadsTable(leads.bySalesperson, s.activity.user) },
          { caption: t.leads.stats.perSource, table: leadsTable(leads.bySource, t.leads.processSource) },
        ]}
      />
      <TestDrivesSection stats={testDrives} />
      {comparison ? (
        <ShowroomComparison
          table={showroomsTable(comparison)}
          csvHref={statsHref("/statystyki/eksport", query, { tabela: "salony" })}
        />
      ) : null}
    </section>
  );
}
