"use client";

/**
 * The panel's two long lists, its tasks and "Historia pracy", drawn from plain data: as a client
 * component they travel in the page's RSC payload as their data rather than as a tree of elements
 * (see zadania/task-rows.tsx). The texts are composed on the server.
 */
export type TaskItemData = {
  id: number;
  goal: string;
  done: boolean;
  overdue: boolean;
  state: string;
  when: string;
  remindAbout: string | null;
  files: { id: number; name: string }[];
  /** "Wykonał(a): …" of a done task. */
  doneBy: string | null;
  executeHref: string | null;
  /** "Zmień termin" (and "Usuń zadanie"), for the task's assignee and managers. */
  moveHref: string | null;
};

export type TaskItemLabels = { overdue: string; remindAbout: string; files: string; execute: string; move: string };

export function TaskItems({ tasks, labels }: { tasks: TaskItemData[]; labels: TaskItemLabels }) {
  return tasks.map((task) => (
    <li key={task.id} className={task.done ? "done" : undefined} data-task-id={task.id}>
      <div className="spread">
        <strong>{task.goal}</strong>
        <span className="row">
          {task.overdue ? <span className="flag danger">{labels.overdue}</span> : null}
          <span className={task.done ? "pill" : "flag"}>{task.state}</span>
        </span>
      </div>
      <div>{task.when}</div>
      {task.remindAbout ? (
        <div>
          <span className="muted">{`${labels.remindAbout}: `}</span>
          {task.remindAbout}
        </div>
      ) : null}
      {task.files.length ? (
        <ul className="file-links" aria-label={labels.files}>
          {task.files.map((file) => (
            <li key={file.id}>
              <a href={`/api/files/${file.id}`} download={file.name}>
                {file.name}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {task.doneBy ? <div className="small">{task.doneBy}</div> : null}
      {task.executeHref || task.moveHref ? (
        <div className="row">
          {task.executeHref ? (
            <a className="button small" href={task.executeHref}>
              {labels.execute}
            </a>
          ) : null}
          {task.moveHref ? (
            <a className="button small" href={task.moveHref}>
              {labels.move}
            </a>
          ) : null}
        </div>
      ) : null}
    </li>
  ));
}

export type HistoryItemData = {
  key: string;
  type: "note" | "event";
  who: string;
  /** ISO instant, and as shown. */
  at: string;
  atText: string;
  meta: string;
  content: string | null;
};

/** Who and when on one line, what kind, the text: history entries are many, so they keep to few elements. */
export function HistoryItems({ entries }: { entries: HistoryItemData[] }) {
  return entries.map((entry) => (
    <li key={entry.key} data-entry={entry.type}>
      <p className="entry-head">
        <strong>{entry.who}</strong>
        <time dateTime={entry.at}>{entry.atText}</time>
      </p>
      <p className="entry-meta">{entry.meta}</p>
      {entry.content ? <p className="note-content">{entry.content}</p> : null}
    </li>
  ));
}
