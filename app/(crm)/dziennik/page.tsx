import type { Metadata } from "next";
import { Pagination } from "@/app/ui/pagination";
import { Options } from "@/app/ui/options";
import { describeEvent } from "@/lib/audit/format";
import { listAuditEvents } from "@/lib/audit/queries";
import { parseAuditFilters, type AuditFilters } from "@/lib/audit/schema";
import { requireRole } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { AUDIT_EVENT_KINDS } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { formatDateTime } from "@/lib/time";
import { listUsers } from "@/lib/users/queries";

const a = t.audit;

export const metadata: Metadata = { title: a.title };

function pageHref(filters: AuditFilters, page: number): string {
  const params = new URLSearchParams();
  if (filters.uzytkownik) params.set("uzytkownik", String(filters.uzytkownik));
  if (filters.rodzaj) params.set("rodzaj", filters.rodzaj);
  if (filters.od) params.set("od", filters.od);
  if (filters.do) params.set("do", filters.do);
  if (page > 1) params.set("strona", String(page));
  const query = params.toString();
  return query ? `/dziennik?${query}` : "/dziennik";
}

/** "Dziennik zdarzeń" (administrators): the append-only log, filtered by user, kind and dates, a page at a time. */
export default async function AuditLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireRole(["admin"]);
  const filters = parseAuditFilters(await searchParams);
  const [log, users] = await Promise.all([listAuditEvents({ viewer, filters }), listUsers()]);
  const names = new Map(users.map((user) => [user.id, user.name]));
  return (
    <section className="stack">
      <h1>{a.title}</h1>
      <p className="muted">{a.intro(config.auditDays)}</p>
      <form method="get" action="/dziennik" className="card audit-filters">
        <div className="field">
          <label htmlFor="audit-user">{a.user}</label>
          <select id="audit-user" name="uzytkownik" defaultValue={filters.uzytkownik ? String(filters.uzytkownik) : ""}>
            <option value="">{a.anyUser}</option>
            <Options options={users.map((user) => [String(user.id), user.name])} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-kind">{a.kind}</label>
          <select id="audit-kind" name="rodzaj" defaultValue={filters.rodzaj ?? ""}>
            <option value="">{a.anyKind}</option>
            {AUDIT_EVENT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t.labels.auditEventKind[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{a.from}</label>
          <input id="audit-from" name="od" type="date" defaultValue={filters.od ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{a.to}</label>
          <input id="audit-to" name="do" type="date" defaultValue={filters.do ?? ""} />
        </div>
        <div className="row">
          <button type="submit" className="button primary">
            {a.filter}
          </button>
          <a href="/dziennik" className="button link">
            {a.clear}
          </a>
        </div>
      </form>

      <p className="muted" aria-live="polite">
        {a.found(log.total)}
      </p>

      {log.rows.length ? (
        <table className="table responsive audit-log">
          <thead>
            <tr>
              <th>{a.when}</th>
              <th>{a.who}</th>
              <th>{a.kind}</th>
              <th>{a.what}</th>
              <th>{a.address}</th>
            </tr>
          </thead>
          <tbody>
            {log.rows.map(({ event, userName }) => (
              <tr key={event.id} data-kind={event.kind}>
                <td data-label={a.when}>
                  <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time>
                </td>
                <td data-label={a.who}>{userName ?? a.nobody}</td>
                <td data-label={a.kind}>{t.labels.auditEventKind[event.kind]}</td>
                <td data-label={a.what} className="audit-what">
                  {describeEvent(event, (id) => names.get(id))}
                </td>
                <td data-label={a.address}>{event.address ?? a.nobody}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="alert info">{a.empty}</p>
      )}

      <Pagination page={log.page} pages={log.pages} href={(page) => pageHref(filters, page)} />
    </section>
  );
}
