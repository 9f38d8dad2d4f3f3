import { TableScroll } from "@/app/ui/table-scroll";
import { t } from "@/lib/i18n";
import type { Table } from "@/lib/stats/tables";

/** The showrooms side by side (the same table as its CSV): a row per measure, a column per showroom. */
export function ShowroomComparison({ table, csvHref }: { table: Table; csvHref: string }) {
  const c = t.stats.showrooms;
  const [measure, ...showrooms] = table.header;
  return (
    <section className="card stack" aria-labelledby="showrooms-heading">
      <div className="spread">
        <h2 id="showrooms-heading">{c.title}</h2>
        <a className="button small" href={csvHref} download>
          {t.stats.csv.downloadNamed(c.title)}
        </a>
      </div>
      <TableScroll label={c.caption}>
        <table className="table responsive" id="showrooms">
          <caption className="sr-only">{c.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{measure}</th>
              {showrooms.map((name) => (
                <th key={name} scope="col" className="num">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map(([label, ...cells]) => (
              <tr key={String(label)}>
                <th scope="row" data-label={measure}>
                  {label}
                </th>
                {cells.map((cell, i) => (
                  <td key={showrooms[i]} className="num" data-label={showrooms[i]}>
                    {cell ?? t.common.none}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="hint">{c.help}</p>
    </section>
  );
}
