import { notFound } from "next/navigation";
import { isManager, requireUser } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { formatTaskWhen } from "@/lib/tasks/format";
import { GROUP_LIMIT, listPlannedTasks, TASK_GROUPS, type MyTask, type TaskGroupName } from "@/lib/tasks/queries";
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

/** Each group pages on its own, by a page number in the address: "/zadania?nadchodzace=2". */
const PAGE_PARAMS: Record<TaskGroupName, string> = { overdue: "zalegle", today: "dzisiaj", upcoming: "nadchodzace" };

type Query = Partial<Record<string, string | string[]>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Where a group's page starts, from its page number in the address (a positive whole number, else 1). */
function offsetOf(query: Query, group: TaskGroupName): number {
  const value = first(query[PAGE_PARAMS[group]]) ?? "";
  return /^[1-9]\d{0,5}$/.test(value) ? (Number(value) - 1) * GROUP_LIMIT : 0;
}

export default async function MyTasksPage({ searchParams }: { searchParams: Promise<Query> }) {
  const user = await requireUser();
  const query = await searchParams;
  const param = first(query.uzytkownik);
  const manager = isManager(user);
  const owners = manager ? await listTaskOwners(user) : [];
  let assignee: number | "all" = user.id;
  if (manager && param === "all") assignee = "all";
  else if (manager && param && owners.some((owner) => String(owner.id) === param)) assignee = Number(param);
  // A manager asking for someone outside their showrooms' people: not theirs to see.
  else if (manager && param && param !== String(user.id) && parseId(param) !== undefined) notFound();
  const groups = await listPlannedTasks({
    viewer: user,
    assignee,
    offsets: {
      overdue: offsetOf(query, "overdue"),
      today: offsetOf(query, "today"),
      upcoming: offsetOf(query, "upcoming"),
    },
  });
  const showAssignee = assignee !== user.id;
  // A group's link to another of its pages keeps whose tasks these are and where the other groups are.
  const pageHref = (group: TaskGroupName, page: number) => {
    const params = new URLSearchParams();
    if (assignee !== user.id) params.set("uzytkownik", String(assignee));
    for (const name of TASK_GROUPS) {
      const n = name === group ? page : groups.offsets[name] / GROUP_LIMIT + 1;
      if (n > 1) params.set(PAGE_PARAMS[name], String(n));
    }
    const search = params.toString();
    return `/zadania${search ? `?${search}` : ""}#tasks-${group}`;
  };

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
      {TASK_GROUPS.map((group) => (
        <TaskGroup
          key={group}
          id={group}
          title={m[group]}
          tasks={groups[group]}
          total={groups.totals[group]}
          offset={groups.offsets[group]}
          pageHref={(page) => pageHref(group, page)}
          showAssignee={showAssignee}
          danger={group === "overdue"}
        />
      ))}
    </div>
  );
}

function TaskGroup({
  id,
  title,
  tasks,
  total,
  offset,
  pageHref,
  showAssignee,
  danger,
}: {
  id: TaskGroupName;
  title: string;
  tasks: MyTask[];
  total: number;
  offset: number;
  pageHref: (page: number) => string;
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
      {total > GROUP_LIMIT ? (
        <GroupPages
          title={title}
          page={offset / GROUP_LIMIT + 1}
          pages={Math.ceil(total / GROUP_LIMIT)}
          pageHref={pageHref}
        >
          {m.shownRange(offset + 1, offset + tasks.length, total)}
        </GroupPages>
      ) : null}
    </section>
  );
}

/** "Poprzednie" and "Następne" of one group: plain links, so paging needs no JavaScript. */
function GroupPages({
  title,
  page,
  pages,
  pageHref,
  children,
}: {
  title: string;
  page: number;
  pages: number;
  pageHref: (page: number) => string;
  children: React.ReactNode;
}) {
  return (
    <nav className="pagination" aria-label={m.pagesOf(title)}>
      {page > 1 ? (
        <a className="button small" href={pageHref(page - 1)} rel="prev">
          ← {m.previousPage}
        </a>
      ) : null}
      <span>
        {children} <span className="muted">({t.common.page(page, pages)})</span>
      </span>
      {page < pages ? (
        <a className="button small" href={pageHref(page + 1)} rel="next">
          {m.nextPage} →
        </a>
      ) : null}
    </nav>
  );
}
