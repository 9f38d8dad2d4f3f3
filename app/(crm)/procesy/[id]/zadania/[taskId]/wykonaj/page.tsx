import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { bookingOfTask, carLabel, fleetChoiceFor } from "@/lib/fleet/queries";
import { t } from "@/lib/i18n";
import { randomToken } from "@/lib/tasks/files";
import { findVisibleTask, type TaskWithFiles } from "@/lib/tasks/queries";
import { canSkipNextTask } from "@/lib/tasks/rules";
import { findUser } from "@/lib/users/queries";
import { formatDateTime, nextFullHour } from "@/lib/time";
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
  const booking = task.goal === "test_drive" ? await bookingOfTask(task.id) : undefined;
  const agreementHref = `/procesy/${process.id}/zadania/${task.id}/umowa`;
  return (
    <div className="stack">
      <ProcessSummary process={process} />
      <h1>{t.tasks.execution}</h1>
      <TaskSummary task={task} />
      {task.state === "done" ? (
        <AlreadyDone
          task={task}
          processId={process.id}
          doneBy={task.doneById ? (await findUser(task.doneById))?.name : undefined}
          agreementHref={booking ? agreementHref : undefined}
        />
      ) : (
        <TaskForm
          action={completeTask.bind(null, task.id)}
          submissionId={randomToken()}
          defaults={nextFullHour()}
          canSkipNextTask={canSkipNextTask(process.status)}
          fleet={await fleetChoiceFor(process)}
          testDrive={booking ? { car: carLabel(booking.car), agreementHref } : undefined}
        />
      )}
    </div>
  );
}

/** A task is done once: instead of a form that could only refuse, who did it and when, and the way back. */
function AlreadyDone({
  task,
  processId,
  doneBy,
  agreementHref,
}: {
  task: TaskWithFiles;
  processId: number;
  doneBy?: string;
  agreementHref?: string;
}) {
  return (
    <section className="card stack" aria-labelledby="task-done-title">
      <h2 id="task-done-title">{t.tasks.alreadyDoneInfo}</h2>
      <p data-testid="task-done-by">
        {t.processes.doneBy(
          doneBy ?? t.processes.unknownUser,
          task.doneAt ? formatDateTime(task.doneAt) : t.common.none,
        )}
      </p>
      <p>
        <a className="button primary" href={`/procesy/${processId}`}>
          {t.tasks.backToProcess}
        </a>{" "}
        {agreementHref ? (
          <a className="button" href={agreementHref}>
            {t.fleet.agreement}
          </a>
        ) : null}
      </p>
    </section>
  );
}
