import { useId } from "react";
import { formatPercent, type FunnelRow } from "@/lib/stats/funnel";
import { t } from "@/lib/i18n";

const ROW = 44;
const LABEL = 120;
const BAR = 230;
const WIDTH = 500;

/** Horizontal bars, one per stage, centred like a funnel; the numbers are also in the table below it. */
export function FunnelChart({ stages }: { stages: readonly FunnelRow[] }) {
  const id = useId();
  const max = Math.max(1, ...stages.map((s) => s.count));
  const parts = stages
    .map(
      (s) =>
        `${t.labels.processStatus[s.stage]}: ${s.count}${s.fromPrevious === null ? "" : ` (${formatPercent(s.fromPrevious)})`}`,
    )
    .join("; ");
  const height = stages.length * ROW + 8;
  return (
    <svg
      className="stats-chart funnel-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
    >
      <title id={`${id}-t`}>{t.stats.funnel.chartTitle}</title>
      <desc id={`${id}-d`}>{t.stats.funnel.chartDesc(parts)}</desc>
      {stages.map((stage, i) => {
        const width = stage.count ? Math.max(2, (stage.count / max) * BAR) : 0;
        const y = 4 + i * ROW;
        return (
          <g key={stage.stage}>
            <text x={LABEL - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" className="chart-label">
              {t.labels.processStatus[stage.stage]}
            </text>
            <rect
              x={LABEL + (BAR - width) / 2}
              y={y + 4}
              width={width}
              height={ROW - 8}
              rx={4}
              className={`bar stage-${i}`}
            />
            <text x={LABEL + BAR + 10} y={y + ROW / 2} dominantBaseline="middle" className="chart-value">
              {stage.count}
              {stage.fromPrevious === null ? "" : ` · ${formatPercent(stage.fromPrevious)}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
