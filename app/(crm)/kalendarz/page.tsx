import type { Metadata } from "next";
import { isManager, requireUser } from "@/lib/auth/session";
import { hasFeedSecret } from "@/lib/calendar/feed";
import { listWeekTasks, type CalendarTask } from "@/lib/calendar/queries";
import { slotOf, visibleHours, weekOf } from "@/lib/calendar/week";
import { t } from "@/lib/i18n";
import { taskIsOverdue } from "@/lib/tasks/overdue";
import { addDays, formatDate, localDate } from "@/lib/time";
import { notFound } from "next/navigation";
import { ShowroomFilter } from "@/app/ui/showroom-filter";
import { filterShowrooms } from "@/lib/showrooms/queries";
import { findVisibleUser, listCalendarUsers } from "@/lib/users/queries";
import { parseId } from "@/lib/validation";
import { FeedControls } from "./_components/feed-controls";
import { TaskChip } from "./_components/task-chip";
import "./calendar.css";

export const metadata: Metadata = { title: t.calendar.title };

const ALL = "wszyscy";

export default async function CalendarPage({
  searchParams,
}: {
  searchParams: Promise<{ tydzien?: string; uzytkownik?: string; salon?: string }>;
}) {
  const user = await requireUser();
  const { tydzien, uzytkownik, salon } = await searchParams;
  const now = new Date();
  const week = weekOf(tydzien, now);
  const today = localDate(now);
  const manager = isManager(user);
  const [users, showrooms] = await Promise.all([manager ? listCalendarUsers(user) : [], filterShowrooms(user)]);
  const assigneeId = !manager ? user.id : uzytkownik === ALL ? null : Number(uzytkownik) || user.id;
  // Someone outside a manager's showrooms, or a showroom the user does not work in: not theirs to see.
  if (
    assigneeId !== null &&
    assigneeId !== user.id &&
    !users.some((u) => u.id === assigneeId) &&
    !(await findVisibleUser({ viewer: user, id: assigneeId })) // an inactive person of theirs, still
  )
    notFound();
  const showroomId = typeof salon === "string" && salon !== "" ? parseId(salon) : undefined;
  if (
    showroomId === undefined ? typeof salon === "string" && salon !== "" : !showrooms.some((s) => s.id === showroomId)
  )
    notFound();
  const [tasks, feedExists] = await Promise.all([
    listWeekTasks({ viewer: user, assigneeId, showroomId, from: week.from, to: week.to }),
    hasFeedSecret({ userId: user.id }),
  ]);

  const byCell = new Map<string, CalendarTask[]>();
  const hoursUsed: number[] = [];
  for (const task of tasks) {
    const { day, hour } = slotOf(task);
    if (hour !== null) hoursUsed.push(hour);
    const key = `${day}|${hour ?? "all"}`;
    byCell.set(key, [...(byCell.get(key) ?? []), task]);
  }
  const hours = visibleHours(hoursUsed);
  const cell = (day: string, hour: number | "all") => byCell.get(`${day}|${hour}`) ?? [];
  const chips = (list: CalendarTask[]) =>
    list.map((task) => (
      <TaskChip
        key={task.id}
        task={task}
        overdue={task.state === "planned" && taskIsOverdue(task, now)}
        showAssignee={assigneeId !== user.id}
      />
    ));

  const filterParams = new URLSearchParams({
    ...(manager && uzytkownik ? { uzytkownik } : {}),
    ...(showroomId === undefined ? {} : { salon: String(showroomId) }),
  }).toString();
  const weekHref = (monday: string) => `/kalendarz?tydzien=${monday}${filterParams ? `&${filterParams}` : ""}`;
  const tc = t.calendar;
  const hh = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

  return (
    <section className="stack calendar">
      <h1>{tc.title}</h1>
      <div className="spread">
        <h2 className="cal-week-title">{tc.weekOf(formatDate(week.days[0]), formatDate(week.days[6]))}</h2>
        <nav className="row" aria-label={tc.title}>
          <a className="button small" href={weekHref(addDays(week.monday, -7))}>
            ← {tc.previousWeek}
          </a>
          <a className="button small" href={filterParams ? `/kalendarz?${filterParams}` : "/kalendarz"}>
            {tc.today}
          </a>
          <a className="button small" href={weekHref(addDays(week.monday, 7))}>
            {tc.nextWeek} →
          </a>
        </nav>
      </div>

      {manager || showrooms.length > 1 ? (
        <form method="get" action="/kalendarz" className="inline-form">
          <input type="hidden" name="tydzien" value={week.monday} />
          {manager ? (
            <>
              <label htmlFor="cal-user">{tc.user}</label>
              <select id="cal-user" name="uzytkownik" defaultValue={assigneeId === null ? ALL : String(assigneeId)}>
                <option value={ALL}>{tc.everyone}</option>
                {users.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          {showrooms.length > 1 ? (
            <ShowroomFilter id="cal-showroom" showrooms={showrooms} value={showroomId} inline />
          ) : null}
          <button type="submit" className="button small">
            {tc.show}
          </button>
        </form>
      ) : null}

      <div className="cal-grid-wrap">
        <table className="cal-grid">
          <thead>
            <tr>
              <th scope="col" className="cal-hour">
                <span className="sr-only">{tc.hour}</span>
              </th>
              {week.days.map((day, i) => (
                <th key={day} scope="col" className={day === today ? "today" : undefined} data-day={day}>
                  {tc.dayNames[i]}
                  <span className="cal-date">{formatDate(day)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr className="cal-all-day">
              <th scope="row" className="cal-hour">
                {tc.allDay}
              </th>
              {week.days.map((day) => (
                <td key={day} data-day={day} data-hour="all" className={day === today ? "today" : undefined}>
                  {chips(cell(day, "all"))}
                </td>
              ))}
            </tr>
            {hours.map((hour) => (
              <tr key={hour}>
                <th scope="row" className="cal-hour">
                  {hh(hour)}
                </th>
                {week.days.map((day) => (
                  <td key={day} data-day={day} data-hour={hh(hour)} className={day === today ? "today" : undefined}>
                    {chips(cell(day, hour))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ol className="cal-days">
        {week.days.map((day, i) => {
          const dayTasks = tasks.filter((task) => slotOf(task).day === day);
          return (
            <li key={day} className={day === today ? "cal-day today" : "cal-day"} data-day={day}>
              <h3>
                {tc.dayNames[i]} <span className="cal-date">{formatDate(day)}</span>
              </h3>
              {dayTasks.length ? (
                <div className="cal-day-tasks">{chips(dayTasks)}</div>
              ) : (
                <p className="muted small">{tc.noTasks}</p>
              )}
            </li>
          );
        })}
      </ol>
      {tasks.length === 0 ? <p className="muted">{tc.noTasksThisWeek}</p> : null}

      <FeedControls hasFeed={feedExists} />
    </section>
  );
}
