"use client";

import { t } from "@/lib/i18n";
import { useTickedProcesses } from "./hand-over-form";

/**
 * The rows of "Procesy", drawn from plain data: as a client component they travel in the page's RSC
 * payload as their data rather than as a tree of elements (see zadania/task-rows.tsx).
 */
export type ProcessRow = {
  id: number;
  customer: string;
  contact: string;
  vehicle: string;
  status: string;
  owner: string;
  /** The next planned task, or why there is none: the process is closed, or nobody planned a contact. */
  next: { goal: string; when: string; overdue: boolean } | "closed" | "unplanned";
  lastActivity: string;
};

export type ProcessRowLabels = {
  customer: string;
  vehicle: string;
  status: string;
  owner: string;
  nextTask: string;
  lastActivity: string;
  overdue: string;
  none: string;
  noPlannedContact: string;
};

export function ProcessRows({ rows, labels }: { rows: ProcessRow[]; labels: ProcessRowLabels }) {
  const selection = useTickedProcesses();
  return rows.map((row) => (
    <tr key={row.id} data-process-id={row.id}>
      {selection ? (
        <td className="select-cell">
          <label>
            <input
              type="checkbox"
              name="processIds"
              value={row.id}
              defaultChecked={selection.ticked.has(String(row.id))}
              aria-describedby={selection.error}
            />
            <span className="sr-only">{t.processes.handOver.select(row.customer)}</span>
          </label>
        </td>
      ) : null}
      <td data-label={labels.customer} className="process-cell">
        <a href={`/procesy/${row.id}`}>{row.customer}</a>
        <br />
        <span className="small muted">{row.contact}</span>
      </td>
      <td data-label={labels.vehicle}>{row.vehicle}</td>
      <td data-label={labels.status}>{row.status}</td>
      <td data-label={labels.owner}>{row.owner}</td>
      <td data-label={labels.nextTask}>
        <NextTask row={row} labels={labels} />
      </td>
      <td data-label={labels.lastActivity}>{row.lastActivity}</td>
    </tr>
  ));
}

function NextTask({ row, labels }: { row: ProcessRow; labels: ProcessRowLabels }) {
  if (row.next === "closed") return <span className="muted">{labels.none}</span>;
  if (row.next === "unplanned") {
    return (
      <a href={`/procesy/${row.id}/planowanie`} className="flag">
        {labels.noPlannedContact}
      </a>
    );
  }
  return (
    <>
      {row.next.goal}
      <br />
      <span className="small">{row.next.when}</span>
      {row.next.overdue ? (
        <>
          {" "}
          <span className="flag danger">{labels.overdue}</span>
        </>
      ) : null}
    </>
  );
}
