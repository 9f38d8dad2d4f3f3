import type { Metadata } from "next";
import { Pagination } from "@/app/ui/pagination";
import { notFound } from "next/navigation";
import { isManager, requireUser } from "@/lib/auth/session";
import { formatPhone } from "@/lib/customers/phone";
import { PROCESS_STATUSES, processIsClosed } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { ownerLabel } from "@/lib/processes/format";
import { formatTaskWhen } from "@/lib/tasks/format";
import { customerName, vehicleName } from "@/lib/customers/name";
import { listProcesses, type ProcessListRow } from "@/lib/processes/queries";
import { filterShowrooms } from "@/lib/showrooms/queries";
import { listOwnerPickLists } from "@/lib/users/queries";
import { parseListFilters, type ListFilters } from "@/lib/processes/schema";
import { formatDateTime } from "@/lib/time";
import "./processes.css";
import { Options } from "@/app/ui/options";
import { ShowroomFilter } from "@/app/ui/showroom-filter";
import { handOverAction } from "./actions";
import { HandOverForm } from "./_components/hand-over-form";
import { ProcessRows, type ProcessRow, type ProcessRowLabels } from "./_components/process-rows";

const p = t.processes;

export const metadata: Metadata = { title: p.title };

/** The list's address with some filters changed; the page goes back to 1 unless given. */
function listHref(
  filters: ListFilters,
  change: Partial<Record<keyof ListFilters, string | number | undefined>>,
): string {
  const merged: Record<string, string | number | undefined> = {
    q: filters.q,
    status: filters.status,
    owner: filters.owner,
    salon: filters.salon,
    flag: filters.flag,
    sort: filters.sort === "activity" ? undefined : filters.sort,
    page: undefined,
    ...change,
  };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(merged))
    if (value !== undefined && value !== "" && !(key === "page" && value === 1)) query.set(key, String(value));
  const text = query.toString();
  return text ? `/procesy?${text}` : "/procesy";
}

const rowLabels: ProcessRowLabels = {
  customer: p.customer,
  vehicle: p.vehicle,
  status: p.status,
  owner: p.owner,
  nextTask: p.nextTask,
  lastActivity: p.lastActivity,
  overdue: p.overdue,
  none: t.common.none,
  noPlannedContact: p.noPlannedContact,
};

function rowOf(row: ProcessListRow): ProcessRow {
  const { nextTask } = row;
  return {
    id: row.id,
    customer: customerName(row) || t.common.none,
    contact: [row.phone ? formatPhone(row.phone) : "", row.email ?? ""].filter(Boolean).join(" · "),
    vehicle: vehicleName(row) || t.common.none,
    status: t.labels.processStatus[row.status],
    owner: ownerLabel({ name: row.ownerName, active: row.ownerActive }),
    next: nextTask
      ? {
          goal: t.labels.taskGoal[nextTask.goal],
          when: formatTaskWhen({ ...nextTask, endAt: null }),
          overdue: nextTask.overdue,
        }
      : processIsClosed(row.status)
        ? "closed"
        : "unplanned",
    lastActivity: formatDateTime(row.lastActivityAt),
  };
}

export default async function ProcessesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const filters = parseListFilters(await searchParams);
  const manager = isManager(user);
  // The pick-lists do not depend on the list (each is scoped to what the user may see): read alongside it.
  const [list, { owners, handOverOwners }, showrooms] = await Promise.all([
    listProcesses({ user, filters }),
    manager ? listOwnerPickLists({ viewer: user, showroomId: filters.salon }) : { owners: [], handOverOwners: [] },
    filterShowrooms(user),
  ]);
  if (!list) notFound();
  const filterValues = Object.fromEntries(
    Object.entries({
      q: filters.q,
      status: filters.status,
      owner: filters.owner,
      salon: filters.salon,
      flag: filters.flag,
    }).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])),
  );
  const table = (
    <table className="table responsive process-list">
      <thead>
        <tr>
          {manager ? (
            <th>
              <span className="sr-only">{p.handOver.selectColumn}</span>
            </th>
          ) : null}
          <th>{p.customer}</th>
          <th>{p.vehicle}</th>
          <th>{p.status}</th>
          <th>{p.owner}</th>
          <th>{p.nextTask}</th>
          <th>{p.lastActivity}</th>
        </tr>
      </thead>
      <tbody>
        <ProcessRows rows={list.rows.map(rowOf)} labels={rowLabels} />
      </tbody>
    </table>
  );

  return (
    <section className="stack">
      <div className="spread">
        <h1>{p.title}</h1>
        <div className="row">
          {manager ? (
            <a className="button" href="/procesy/import">
              {p.importLink}
            </a>
          ) : null}
          {manager ? (
            <a className="button" href="/procesy/duplikaty">
              {t.customers.merge.link}
            </a>
          ) : null}
          <a className="button" href={listHref(filters, {}).replace("/procesy", "/procesy/eksport")}>
            {p.export.label}
          </a>
          <a className="button primary" href="/procesy/nowy">
            {p.newProcess}
          </a>
        </div>
      </div>

      <form method="get" action="/procesy" className="card list-filters" role="search">
        <div className="field">
          <label htmlFor="filter-q">{p.search}</label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={filters.q ?? ""}
            placeholder={p.searchPlaceholder}
          />
        </div>
        <div className="field">
          <label htmlFor="filter-status">{p.status}</label>
          <select id="filter-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">{p.allStatuses}</option>
            {PROCESS_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t.labels.processStatus[status]}
              </option>
            ))}
          </select>
        </div>
        {showrooms.length > 1 ? (
          <ShowroomFilter id="filter-showroom" showrooms={showrooms} value={filters.salon} />
        ) : null}
        {manager ? (
          <div className="field">
            <label htmlFor="filter-owner">{p.owner}</label>
            <select
              id="filter-owner"
              name="owner"
              defaultValue={filters.owner === undefined ? "" : String(filters.owner)}
            >
              <option value="">{p.allOwners}</option>
              <option value="inactive">{p.inactiveOwners}</option>
              <Options options={owners.map((owner) => [String(owner.id), ownerLabel(owner)])} />
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="filter-flag">{p.flagFilter}</label>
          <select id="filter-flag" name="flag" defaultValue={filters.flag ?? ""}>
            <option value="">{p.flagAny}</option>
            <option value="no_contact">{p.noContactFilter}</option>
            <option value="overdue">{p.overdueFilter}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-sort">{p.sort}</label>
          <select id="filter-sort" name="sort" defaultValue={filters.sort}>
            <option value="activity">{p.sortActivity}</option>
            <option value="created">{p.sortCreated}</option>
          </select>
        </div>
        <div className="row">
          <button type="submit" className="button primary">
            {p.filter}
          </button>
          <a href="/procesy" className="button link">
            {p.clearFilters}
          </a>
        </div>
      </form>

      <nav aria-label={p.countsLabel}>
        <ul className="status-counts">
          <li>
            <a href={listHref(filters, { status: undefined })} aria-current={filters.status ? undefined : "true"}>
              <span className="pill">{`${p.all}: ${Object.values(list.counts).reduce((a, b) => a + b, 0)}`}</span>
            </a>
          </li>
          {PROCESS_STATUSES.map((status) => (
            <li key={status}>
              <a href={listHref(filters, { status })} aria-current={filters.status === status ? "true" : undefined}>
                <span className="pill">{`${t.labels.processStatus[status]}: ${list.counts[status]}`}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <p className="muted" aria-live="polite">
        {p.found(list.total)}
      </p>

      {list.rows.length && manager ? (
        <HandOverForm action={handOverAction} owners={handOverOwners} filters={filterValues} matching={list.total}>
          {table}
        </HandOverForm>
      ) : list.rows.length ? (
        table
      ) : (
        <p className="alert info">{p.empty}</p>
      )}

      <Pagination page={filters.page} pages={list.pages} href={(page) => listHref(filters, { page })} />
    </section>
  );
}
