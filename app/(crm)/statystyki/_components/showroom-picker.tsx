import { ShowroomFilter } from "@/app/ui/showroom-filter";
import { t } from "@/lib/i18n";
import { periodParams } from "@/lib/stats/period";
import type { StatsQuery } from "@/lib/stats/params";

/** "Salon" of the statistics: a GET form that keeps the period and the funnel's mode. */
export function ShowroomPicker({
  path,
  query,
  showrooms,
}: {
  path: string;
  query: StatsQuery;
  showrooms: readonly { id: number; name: string; active: boolean }[];
}) {
  return (
    <form method="get" action={path} className="card row stats-showroom" aria-label={t.showrooms.pickShowroom}>
      {Object.entries(periodParams(query.period)).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {query.mode !== "utworzone" ? <input type="hidden" name="lejek" value={query.mode} /> : null}
      <ShowroomFilter id="stats-showroom" showrooms={showrooms} value={query.showroomId} />
      <button type="submit" className="button">
        {t.stats.period.show}
      </button>
    </form>
  );
}
