import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { randomToken } from "@/lib/tasks/files";
import { findVisibleTask } from "@/lib/tasks/queries";
import { canSkipNextTask } from "@/lib/tasks/rules";
import { nextFullHour } from "@/lib/time";
import { parseId } from "@/lib/validation";
import { completeTask } from "./actions";
import { ProcessSummary } from "../../../_task-form/process-summary";
import { TaskForm } from "../../../_task-form/task-form";
import { TaskSummary } from "../../../_task-form/task-summary";
import "../../../_task-form/task-form.css";

export const metadata = { title: t.tasks.execution };

export default async function ExecutionPage({ params }: { params: Promise<{ id: string; taskId: string }> }) {
  const user = await requireUser();
  const { id, taskId } = await params;
  const wanted = parseId(taskId);
  const found = wanted ? await findVisibleTask({ user, taskId: wanted }) : undefined;
  if (!found || String(found.process.id) !== id) notFound();
  const { task, process } = found;
  return (
    <div className="stack">
      <ProcessSummary process={process} />
      <h1>{t.tasks.execution}</h1>
      <TaskSummary task={task} />
      {task.state === "done" ? (
        <p className="alert warning" role="status">
          {t.tasks.alreadyDoneInfo}
        </p>
      ) : null}
      <TaskForm
        action={completeTask.bind(null, task.id)}
        submissionId={randomToken()}
        defaults={nextFullHour()}
        canSkipNextTask={canSkipNextTask(process.status)}
      />
    </div>
  );
}
