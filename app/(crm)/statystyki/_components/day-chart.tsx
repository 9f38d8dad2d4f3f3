import { useId } from "react";
import type { DayRow } from "@/lib/stats/queries";
import { t } from "@/lib/i18n";

const W = 640;
const H = 220;
const LEFT = 32;
const BOTTOM = 24;
const TOP = 10;

/** Notes per day as vertical bars; the table next to it carries the same numbers. */
export function DayChart({ days, name }: { days: readonly DayRow[]; name: string }) {
  const id = useId();
  const max = Math.max(0, ...days.map((d) => d.notes));
  const total = days.reduce((sum, d) => sum + d.notes, 0);
  const scale = Math.max(1, max);
  const plotW = W - LEFT - 4;
  const plotH = H - TOP - BOTTOM;
  const step = plotW / Math.max(1, days.length);
  const every = Math.ceil(days.length / 16);
  return (
    <svg className="stats-chart day-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{t.stats.detail.chartTitle(name)}</title>
      <desc id={`${id}-d`}>{t.stats.detail.chartDesc(days.length, total, max)}</desc>
      <line x1={LEFT} x2={W - 4} y1={TOP + plotH} y2={TOP + plotH} className="axis" />
      <line x1={LEFT} x2={W - 4} y1={TOP} y2={TOP} className="grid" />
      <text x={LEFT - 6} y={TOP} textAnchor="end" dominantBaseline="middle" className="chart-tick">
        {scale}
      </text>
      <text x={LEFT - 6} y={TOP + plotH} textAnchor="end" dominantBaseline="middle" className="chart-tick">
        0
      </text>
      {days.map((day, i) => {
        const height = (day.notes / scale) * plotH;
        const x = LEFT + i * step;
        return (
          <g key={day.date}>
            {day.notes ? (
              <rect
                x={x + step * 0.15}
                y={TOP + plotH - height}
                width={Math.max(1, step * 0.7)}
                height={height}
                className="bar"
              >
                <title>{`${day.date}: ${day.notes}`}</title>
              </rect>
            ) : null}
            {i % every === 0 ? (
              <text x={x + step / 2} y={H - 6} textAnchor="middle" className="chart-tick">
                {Number(day.date.slice(8))}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
