import type { Metadata } from "next";
import { isManager, requireUser } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { readStatsQuery, statsHref, type SearchParams } from "@/lib/stats/params";
import { cachedActivityByUser, cachedSalesFunnel } from "@/lib/stats/cache";
import { formatDate } from "@/lib/time";
import { ActivityTable } from "./_components/activity-table";
import { FunnelSection } from "./_components/funnel-section";
import { PeriodPicker } from "./_components/period-picker";
import "./stats.css";

export const metadata: Metadata = { title: t.stats.title };

export default async function StatsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const viewer = await requireUser();
  const query = readStatsQuery(await searchParams);
  const { period } = query;
  const [rows, funnel] = await Promise.all([
    cachedActivityByUser({ viewer, period }),
    cachedSalesFunnel({ viewer, period, mode: query.mode }),
  ]);
  const s = t.stats;
  return (
    <section className="stack stats-page">
      <h1>{s.title}</h1>
      <p className="muted">
        {s.csv.period}: {s.period.range(formatDate(period.from), formatDate(period.to))}
      </p>
      <PeriodPicker path="/statystyki" query={query} />
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
    </section>
  );
}
