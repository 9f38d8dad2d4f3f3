"use client";

/**
 * The rows of "Moje zadania", drawn from plain data. As server components, sixty rows travelled in the
 * page's RSC payload as a tree of elements, props and labels; as a client component they travel as
 * their data, which the server renders (and the browser hydrates) with the same markup.
 */
export type TaskRow = {
  id: number;
  processId: number;
  customer: string;
  vehicle: string;
  goal: string;
  when: string;
  remindAbout: string;
  assignee: string | null;
};

export type TaskRowLabels = {
  customer: string;
  vehicle: string;
  goal: string;
  time: string;
  remindAbout: string;
  assignee: string;
  execute: string;
};

export function TaskRows({ rows, labels }: { rows: TaskRow[]; labels: TaskRowLabels }) {
  return rows.map((row) => (
    <tr key={row.id} data-task-id={row.id}>
      <td data-label={labels.customer}>
        <a href={`/procesy/${row.processId}`}>{row.customer}</a>
      </td>
      <td data-label={labels.vehicle}>{row.vehicle}</td>
      <td data-label={labels.goal}>{row.goal}</td>
      <td data-label={labels.time}>{row.when}</td>
      <td data-label={labels.remindAbout}>{row.remindAbout}</td>
      {row.assignee !== null ? <td data-label={labels.assignee}>{row.assignee}</td> : null}
      <td>
        <a className="button small primary" href={`/procesy/${row.processId}/zadania/${row.id}/wykonaj`}>
          {labels.execute}
        </a>
      </td>
    </tr>
  ));
}
