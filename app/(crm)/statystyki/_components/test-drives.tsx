import { t } from "@/lib/i18n";
import type { TestDriveStats } from "@/lib/fleet/stats";

const fl = t.fleet;

/** "Jazdy próbne": per car, per salesperson, and how many of their processes reached an order. */
export function TestDrivesSection({ stats }: { stats: TestDriveStats }) {
  const table = (caption: string, first: string, rows: { label: string; drives: number }[]) => (
    <table className="table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          <th scope="col" className="num">
            {fl.statsDrives}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td className="num">{row.drives}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="card stack" aria-labelledby="test-drives-heading" data-testid="test-drive-stats">
      <h2 id="test-drives-heading">{fl.statsTitle}</h2>
      {stats.processes === 0 ? (
        <p className="muted">{fl.statsNone}</p>
      ) : (
        <>
          <p data-testid="test-drive-conversion">{fl.statsConverted(stats.processes, stats.ordered)}</p>
          <div className="grid-2">
            {table(
              fl.statsByCar,
              fl.car,
              stats.byCar.map((row) => ({ label: row.car, drives: row.drives })),
            )}
            {table(
              fl.statsBySalesperson,
              fl.salesperson,
              stats.bySalesperson.map((row) => ({ label: row.name, drives: row.drives })),
            )}
          </div>
        </>
      )}
    </section>
  );
}
