import { TableScroll } from "@/app/ui/table-scroll";
import { t } from "@/lib/i18n";
import type { Table } from "@/lib/stats/tables";

/** "Leady": per salesperson and per source, leads received and the median time to first contact. */
export function LeadsSection({ tables }: { tables: { caption: string; table: Table }[] }) {
  const l = t.leads.stats;
  return (
    <section className="card stack" aria-labelledby="leads-heading">
      <h2 id="leads-heading">{l.title}</h2>
      {tables.map(({ caption, table }) => (
        <TableScroll label={caption} key={caption}>
          <table className="table responsive">
            <caption>{caption}</caption>
            <thead>
              <tr>
                {table.header.map((name, i) => (
                  <th key={name} scope="col" className={i ? "num" : undefined}>
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.length === 0 ? (
                <tr>
                  <td colSpan={table.header.length}>{l.none}</td>
                </tr>
              ) : (
                table.rows.map(([name, ...cells]) => (
                  <tr key={String(name)}>
                    <th scope="row" data-label={table.header[0]}>
                      {name}
                    </th>
                    {cells.map((cell, i) => (
                      <td key={table.header[i + 1]} className="num" data-label={table.header[i + 1]}>
                        {cell ?? t.common.none}
                      </td>
                    ))}
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </TableScroll>
      ))}
    </section>
  );
}
