import { t } from "@/lib/i18n";
import { durationDays, formatPercent } from "@/lib/stats/funnel";
import { statsHref, type StatsQuery } from "@/lib/stats/params";
import type { FunnelResult } from "@/lib/stats/queries";
import { FunnelChart } from "./funnel-chart";

/** The funnel: mode switch, chart, the same numbers as a table, resignations and the rule in words. */
export function FunnelSection({
  funnel,
  query,
  path,
  csvHref,
  heading = t.stats.funnel.title,
}: {
  funnel: FunnelResult;
  query: StatsQuery;
  path: string;
  csvHref: string;
  heading?: string;
}) {
  const f = t.stats.funnel;
  const modes = [
    { mode: "utworzone" as const, label: f.modeCreated },
    { mode: "aktywne" as const, label: f.modeActive },
  ];
  return (
    <section className="card stack" aria-labelledby="funnel-heading">
      <div className="spread">
        <h2 id="funnel-heading">{heading}</h2>
        <a className="button small" href={csvHref} download>
          {t.stats.csv.downloadNamed(heading)}
        </a>
      </div>
      <nav aria-label={f.modeLabel} className="row">
        <span className="muted">{f.modeLabel}:</span>
        {modes.map(({ mode, label }) => (
          <a
            key={mode}
            href={statsHref(path, { ...query, mode })}
            className="button small"
            aria-current={query.mode === mode ? "true" : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      <p>{f.total(funnel.total)}</p>
      <FunnelChart stages={funnel.stages} />
      <table className="table responsive" id="funnel">
        <caption className="sr-only">{f.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{f.stage}</th>
            <th scope="col" className="num">
              {f.count}
            </th>
            <th scope="col" className="num">
              {f.fromPrevious}
            </th>
            <th scope="col" className="num">
              {f.ofTotal}
            </th>
          </tr>
        </thead>
        <tbody>
          {funnel.stages.map((row) => (
            <tr key={row.stage} data-stage={row.stage}>
              <th scope="row" data-label={f.stage}>
                {t.labels.processStatus[row.stage]}
              </th>
              <td className="num" data-label={f.count}>
                {row.count}
              </td>
              <td className="num" data-label={f.fromPrevious}>
                {formatPercent(row.fromPrevious)}
              </td>
              <td className="num" data-label={f.ofTotal}>
                {formatPercent(row.ofTotal)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="stats-figures">
        <div>
          <dt>{f.overall}</dt>
          <dd>{formatPercent(funnel.overall)}</dd>
        </div>
        <div>
          <dt>{f.median}</dt>
          <dd>{f.medianValue(durationDays(funnel.medianToDeliveredMs))}</dd>
        </div>
      </dl>
      <div className="grid-2">
        <div className="stack">
          <h3>{f.resignedTitle}</h3>
          <p>{f.resignedTotal(funnel.resigned)}</p>
          <CountTable
            id="resigned"
            label={f.resignedFrom}
            rows={funnel.resignedFrom.map(({ stage, count }) => ({
              key: stage,
              label: t.labels.processStatus[stage],
              count,
            }))}
          />
        </div>
        <div className="stack">
          <h3>{f.reasonsTitle}</h3>
          {funnel.reasons.length ? (
            <CountTable
              id="reasons"
              label={f.reason}
              rows={funnel.reasons.map(({ reason, count }) => ({ key: reason, label: reason, count }))}
            />
          ) : (
            <p className="muted">{f.noReasons}</p>
          )}
        </div>
      </div>
      <details className="stats-help">
        <summary>{f.helpTitle}</summary>
        {f.help.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </details>
    </section>
  );
}

/** A two-column table: what, and how many. */
function CountTable({
  id,
  label,
  rows,
}: {
  id: string;
  label: string;
  rows: { key: string; label: string; count: number }[];
}) {
  return (
    <table className="table responsive" id={id}>
      <thead>
        <tr>
          <th scope="col">{label}</th>
          <th scope="col" className="num">
            {t.stats.funnel.count}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" data-label={label}>
              {row.label}
            </th>
            <td className="num" data-label={t.stats.funnel.count}>
              {row.count}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
