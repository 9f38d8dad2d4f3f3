import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { countUnread } from "@/lib/notifications/counts";
import { listNotifications } from "@/lib/notifications/queries";
import { formatDateTime } from "@/lib/time";
import { openNotification } from "./actions";
import { MarkAllRead } from "./_components/mark-all-read";
import { OpenNotification } from "./_components/open-notification";
import "./notifications.css";

export const metadata: Metadata = { title: t.notifications.title };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ strona?: string }> }) {
  const user = await requireUser();
  const { strona } = await searchParams;
  const [{ rows, page, pages }, unread] = await Promise.all([
    listNotifications({ user, page: Number(strona) || 1 }),
    countUnread(user.id),
  ]);
  const tn = t.notifications;
  return (
    <section className="stack">
      <div className="spread">
        <h1>{tn.title}</h1>
        <span className="muted">{tn.unreadCount(unread)}</span>
      </div>
      <MarkAllRead disabled={unread === 0} />
      {rows.length === 0 ? (
        <p className="alert info">{tn.empty}</p>
      ) : (
        <ul className="notification-list">
          {rows.map((n) => (
            <li
              key={n.id}
              className={n.readAt ? "notification card" : "notification card unread"}
              data-notification-id={n.id}
              data-unread={n.readAt ? undefined : "true"}
            >
              <div className="notification-head">
                {n.readAt ? null : <span className="flag">{tn.unread}</span>}
                <span className="pill">{tn.kinds[n.kind]}</span>
                <time className="muted small" dateTime={n.createdAt.toISOString()}>
                  {formatDateTime(n.createdAt)}
                </time>
              </div>
              <p className="notification-message">{n.message}</p>
              <OpenNotification action={openNotification.bind(null, n.id)} label={n.message} />
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="pagination" aria-label={tn.title}>
          {page > 1 ? <a href={`/powiadomienia?strona=${page - 1}`}>{t.common.previous}</a> : null}
          <span>{t.common.page(page, pages)}</span>
          {page < pages ? <a href={`/powiadomienia?strona=${page + 1}`}>{t.common.next}</a> : null}
        </nav>
      ) : null}
    </section>
  );
}
