"use client";

/**
 * The body of the activity table, drawn from plain numbers: thirty users by sixteen counts travel in the
 * page's RSC payload as data rather than as five hundred cells (see zadania/task-rows.tsx).
 */
export type ActivityRowData = {
  userId: number;
  name: string;
  href: string;
  detailsLabel: string;
  active: boolean;
  counts: number[];
};

export type ActivityRowLabels = {
  user: string;
  inactive: string;
  total: string;
  /** data-label of each count's cell, in order. */ counts: string[];
};

export function ActivityRows({
  rows,
  total,
  labels,
}: {
  rows: ActivityRowData[];
  total: number[] | null;
  labels: ActivityRowLabels;
}) {
  return (
    <>
      {rows.map((row) => (
        <tr key={row.userId} data-user-id={row.userId} className={row.active ? undefined : "dimmed"}>
          <th scope="row" data-label={labels.user}>
            <a href={row.href} aria-label={row.detailsLabel}>
              {row.name}
            </a>
            {row.active ? null : <span className="muted"> {labels.inactive}</span>}
          </th>
          <Counts counts={row.counts} labels={labels.counts} />
        </tr>
      ))}
      {total ? (
        <tr className="total" data-total="">
          <th scope="row" data-label={labels.user}>
            {labels.total}
          </th>
          <Counts counts={total} labels={labels.counts} />
        </tr>
      ) : null}
    </>
  );
}

function Counts({ counts, labels }: { counts: number[]; labels: string[] }) {
  return counts.map((count, i) => (
    <td key={labels[i]} className="num" data-label={labels[i]}>
      {count}
    </td>
  ));
}
