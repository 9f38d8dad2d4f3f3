import { t } from "@/lib/i18n";
import { formatTaskWhen } from "@/lib/tasks/format";
import type { TaskWithFiles } from "@/lib/tasks/queries";

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
}

/** The task being executed: goal, when, "Przypomnij o", its files. */
export function TaskSummary({ task }: { task: TaskWithFiles }) {
  return (
    <section className="card stack executed-task" aria-labelledby="executed-task-title">
      <h2 id="executed-task-title">{t.tasks.executedTask}</h2>
      <dl className="task-facts">
        <dt>{t.tasks.fields.goal}</dt>
        <dd>{t.labels.taskGoal[task.goal]}</dd>
        <dt>{t.tasks.when}</dt>
        <dd>{formatTaskWhen(task)}</dd>
        {task.remindAbout ? (
          <>
            <dt>{t.tasks.fields.remindAbout}</dt>
            <dd>{task.remindAbout}</dd>
          </>
        ) : null}
        {task.files.length ? (
          <>
            <dt>{t.tasks.filesLabel}</dt>
            <dd>
              <ul className="file-list">
                {task.files.map((file) => (
                  <li key={file.id}>
                    <a href={`/api/files/${file.id}`} download>
                      {file.originalName}
                    </a>{" "}
                    <span className="muted">({formatSize(file.size)})</span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

export { formatSize };
