import type { PeriodKind } from "@/lib/stats/period";
import { statsHref, type StatsQuery } from "@/lib/stats/params";
import { t } from "@/lib/i18n";

const PRESETS: { kind: Exclude<PeriodKind, "zakres">; label: string }[] = [
  { kind: "dzis", label: t.stats.period.today },
  { kind: "tydzien", label: t.stats.period.week },
  { kind: "miesiac", label: t.stats.period.month },
  { kind: "poprzedni-miesiac", label: t.stats.period.lastMonth },
];

/** Preset links and a GET form for a custom range: the period lives in the URL, no JavaScript needed. */
export function PeriodPicker({ path, query }: { path: string; query: StatsQuery }) {
  const p = t.stats.period;
  const { period } = query;
  return (
    <section className="card stack" aria-labelledby="period-heading">
      <h2 id="period-heading" className="sr-only">
        {p.legend}
      </h2>
      <ul className="stats-periods">
        {PRESETS.map(({ kind, label }) => (
          <li key={kind}>
            <a
              className="button small"
              href={statsHref(path, { period: { kind, from: "", to: "" } as StatsQuery["period"], mode: query.mode })}
              aria-current={period.kind === kind ? "true" : undefined}
            >
              {label}
            </a>
          </li>
        ))}
      </ul>
      <form method="get" action={path} className="stats-range" aria-label={p.custom}>
        <input type="hidden" name="okres" value="zakres" />
        {query.mode !== "utworzone" ? <input type="hidden" name="lejek" value={query.mode} /> : null}
        <div className="field">
          <label htmlFor="period-from">{p.from}</label>
          <input id="period-from" type="date" name="od" defaultValue={period.from} required aria-required="true" />
        </div>
        <div className="field">
          <label htmlFor="period-to">{p.to}</label>
          <input id="period-to" type="date" name="do" defaultValue={period.to} required aria-required="true" />
        </div>
        <button type="submit" className="button">
          {p.show}
        </button>
      </form>
      {query.periodError ? (
        <p className="alert warning" role="alert">
          {p[query.periodError]}
        </p>
      ) : null}
    </section>
  );
}
