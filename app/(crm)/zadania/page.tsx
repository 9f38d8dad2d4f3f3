import { notFound } from "next/navigation";
import { isManager, requireUser } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { formatTaskWhen } from "@/lib/tasks/format";
import { listPlannedTasks, type MyTask } from "@/lib/tasks/queries";
import { listTaskOwners } from "@/lib/users/queries";
import { parseId } from "@/lib/validation";
import "../procesy/[id]/_task-form/task-form.css";
import { TaskRows, type TaskRowLabels } from "./_components/task-rows";
import { Options } from "@/app/ui/options";

export const metadata = { title: t.shell.nav.myTasks };

const m = t.tasks.myTasks;
const rowLabels: TaskRowLabels = {
  customer: t.tasks.customer,
  vehicle: t.tasks.vehicle,
  goal: m.goal,
  time: m.time,
  remindAbout: m.remindAbout,
  assignee: m.assignee,
  execute: t.tasks.execute,
};

export default async function MyTasksPage({
  searchParams,
}: {
  searchParams: Promise<{ uzytkownik?: string | string[] }>;
}) {
  const user = await requireUser();
  const requested = (await searchParams).uzytkownik;
  const param = Array.isArray(requested) ? requested[0] : requested;
  const manager = isManager(user);
  const owners = manager ? await listTaskOwners(user) : [];
  let assignee: number | "all" = user.id;
  if (manager && param === "all") assignee = "all";
  else if (manager && param && owners.some((owner) => String(owner.id) === param)) assignee = Number(param);
  // A manager asking for someone outside their showrooms' people: not theirs to see.
  else if (manager && param && param !== String(user.id) && parseId(param) !== undefined) notFound();
  const groups = await listPlannedTasks({ viewer: user, assignee });
  const showAssignee = assignee !== user.id;

  return (
    <div className="stack task-groups">
      <h1>{m.title}</h1>
      {manager ? (
        <form method="get" className="row">
          <label htmlFor="tasks-owner">{m.showFor}</label>
          <select id="tasks-owner" name="uzytkownik" defaultValue={assignee === user.id ? "" : String(assignee)}>
            <option value="">{m.me}</option>
            <option value="all">{m.all}</option>
            <Options
              options={owners.filter((owner) => owner.id !== user.id).map((owner) => [String(owner.id), owner.name])}
            />
          </select>
          <button type="submit" className="button small">
            {m.show}
          </button>
        </form>
      ) : null}
      <TaskGroup
        id="overdue"
        title={m.overdue}
        tasks={groups.overdue}
        total={groups.totals.overdue}
        showAssignee={showAssignee}
        danger
      />
      <TaskGroup
        id="today"
        title={m.today}
        tasks={groups.today}
        total={groups.totals.today}
        showAssignee={showAssignee}
      />
      <TaskGroup
        id="upcoming"
        title={m.upcoming}
        tasks={groups.upcoming}
        total={groups.totals.upcoming}
        showAssignee={showAssignee}
      />
    </div>
  );
}

function TaskGroup({
  id,
  title,
  tasks,
  total,
  showAssignee,
  danger,
}: {
  id: string;
  title: string;
  tasks: MyTask[];
  total: number;
  showAssignee: boolean;
  danger?: boolean;
}) {
  return (
    <section className="card stack" aria-labelledby={`tasks-${id}`} data-group={id}>
      <h2 id={`tasks-${id}`}>
        {title} <span className={danger && total ? "flag danger" : "pill"}>{total}</span>
      </h2>
      {tasks.length === 0 ? (
        <p className="muted">{m.none}</p>
      ) : (
        <table className="table responsive">
          <thead>
            <tr>
              <th scope="col">{t.tasks.customer}</th>
              <th scope="col">{t.tasks.vehicle}</th>
              <th scope="col">{m.goal}</th>
              <th scope="col">{m.time}</th>
              <th scope="col">{m.remindAbout}</th>
              {showAssignee ? <th scope="col">{m.assignee}</th> : null}
              <th scope="col">
                <span className="sr-only">{t.tasks.execute}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <TaskRows
              labels={rowLabels}
              rows={tasks.map((task) => ({
                id: task.id,
                processId: task.processId,
                customer: task.customer || t.common.none,
                vehicle: task.vehicle || t.common.none,
                goal: t.labels.taskGoal[task.goal],
                when: formatTaskWhen(task),
                remindAbout: task.remindAbout ?? t.common.none,
                assignee: showAssignee ? task.assigneeName : null,
              }))}
            />
          </tbody>
        </table>
      )}
      {total > tasks.length ? (
        <p className="muted">
          {m.shownOf(tasks.length, total)} <a href="/kalendarz">{m.seeCalendar}</a>
        </p>
      ) : null}
    </section>
  );
}
