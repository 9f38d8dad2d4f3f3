import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { fleetChoiceFor } from "@/lib/fleet/queries";
import { t } from "@/lib/i18n";
import { randomToken } from "@/lib/tasks/files";
import { findProcessHeader } from "@/lib/tasks/queries";
import { canSkipNextTask } from "@/lib/tasks/rules";
import { nextFullHour } from "@/lib/time";
import { planTask } from "./actions";
import { ProcessSummary } from "../_task-form/process-summary";
import { TaskForm } from "../_task-form/task-form";
import "../_task-form/task-form.css";
import { parseId } from "@/lib/validation";

export const metadata = { title: t.tasks.planning };

export default async function PlanningPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = parseId((await params).id);
  const process = id ? await findProcessHeader({ user, id }) : undefined;
  if (!process) notFound();
  return (
    <div className="stack">
      <ProcessSummary process={process} />
      <h1>{t.tasks.planning}</h1>
      <TaskForm
        action={planTask.bind(null, process.id)}
        submissionId={randomToken()}
        defaults={nextFullHour()}
        canSkipNextTask={canSkipNextTask(process.status)}
        fleet={await fleetChoiceFor(process)}
      />
    </div>
  );
}
