import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { bookingOfTask, carLabel } from "@/lib/fleet/queries";
import { t } from "@/lib/i18n";
import { findVisibleTask } from "@/lib/tasks/queries";
import { mayChangeTask } from "@/lib/tasks/rules";
import { localDate, localTime } from "@/lib/time";
import { parseId } from "@/lib/validation";
import { ProcessSummary } from "../../../_task-form/process-summary";
import { TaskSummary } from "../../../_task-form/task-summary";
import { dropTaskAction, moveTaskAction } from "./actions";
import { DropTaskForm, MoveTaskForm } from "./move-forms";
import "../../../_task-form/task-form.css";

const tt = t.tasks;

export const metadata = { title: tt.move.title };

/** "Zmień termin" and "Usuń zadanie" of a planned task: for its assignee and the managers who see the process. */
export default async function MoveTaskPage({ params }: { params: Promise<{ id: string; taskId: string }> }) {
  const user = await requireUser();
  const { id, taskId } = await params;
  const wanted = parseId(taskId);
  const found = wanted ? await findVisibleTask({ user, taskId: wanted }) : undefined;
  if (!found || String(found.process.id) !== id) notFound();
  const { task, process } = found;
  if (!mayChangeTask(user, task)) notFound();
  const booking = task.state === "planned" && task.goal === "test_drive" ? await bookingOfTask(task.id) : undefined;
  const start = task.startAt ?? task.dueAt;
  const end = task.endAt ?? start;
  const defaults = task.allDay
    ? { date: task.dueDate ?? localDate(task.dueAt), time: "" }
    : { date: localDate(start), time: localTime(start), endDate: localDate(end), endTime: localTime(end) };
  return (
    <div className="stack">
      <ProcessSummary process={process} />
      <h1 id="move-task-title">{tt.move.title}</h1>
      <TaskSummary task={task} />
      {task.state !== "planned" ? (
        <section className="card stack">
          <p className="alert info">{tt.move.notPlanned}</p>
          <p>
            <a className="button primary" href={`/procesy/${process.id}`}>
              {tt.backToProcess}
            </a>
          </p>
        </section>
      ) : (
        <>
          <section className="card stack task-form">
            <p className="hint">{tt.move.hint}</p>
            {booking && booking.endAt > booking.startAt ? (
              <p data-testid="moved-car">{tt.move.carMoves(carLabel(booking.car))}</p>
            ) : null}
            <MoveTaskForm action={moveTaskAction.bind(null, task.id)} defaults={defaults} allDay={task.allDay} />
          </section>
          <section className="card stack" aria-labelledby="drop-task-title">
            <h2 id="drop-task-title">{tt.drop.title}</h2>
            <p className="hint">{tt.drop.hint}</p>
            <DropTaskForm action={dropTaskAction.bind(null, task.id)} />
          </section>
        </>
      )}
    </div>
  );
}
