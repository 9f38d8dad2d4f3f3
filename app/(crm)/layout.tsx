import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { t } from "@/lib/i18n";
import { signOut } from "./actions";
import { NavLinks, type NavItem } from "./_components/nav-links";
import { UnreadBadgeRefresher } from "@/app/ui/unread-badge-refresher";

export default async function CrmLayout({ children }: { children: React.ReactNode }) {
  // Each page checks the session itself; the shell also frames "Moje konto" for a user who must still
  // turn on "Weryfikacja dwuetapowa", without the app's navigation.
  const { user, twoFactor, badges } = await requireSession({ duringSetup: true });
  const nav = t.shell.nav;
  const { unread, due } = badges;
  const items: NavItem[] = twoFactor.setupRequired
    ? []
    : [
        { href: "/procesy", label: nav.processes },
        { href: "/zadania", label: nav.myTasks, badge: due },
        { href: "/kalendarz", label: nav.calendar },
        { href: "/flota", label: nav.fleet },
        { href: "/statystyki", label: nav.stats },
        { href: "/powiadomienia", label: nav.notifications, badge: unread },
        ...(user.role === "admin"
          ? [
              { href: "/uzytkownicy", label: nav.users },
              { href: "/salony", label: nav.showrooms },
              { href: "/zrodla-leadow", label: nav.leadSources },
              ...(config.retentionMonths ? [{ href: "/klienci/do-anonimizacji", label: nav.retention }] : []),
              { href: "/dziennik", label: nav.auditLog },
              { href: "/ustawienia", label: nav.settings },
            ]
          : []),
      ];
  return (
    <>
      <a href="#content" className="skip-link">
        {t.shell.skipToContent}
      </a>
      <header className="app-header">
        <div className="header-row">
          <span className="brand">{t.common.appName}</span>
          <span className="user-name" title={user.email}>
            {user.name}
            <span className="muted"> · {t.labels.role[user.role]}</span>
          </span>
          <Link href="/konto" prefetch={false} className="account-link">
            {t.shell.account}
          </Link>
          <form action={signOut}>
            <button type="submit" className="button link">
              {t.shell.signOut}
            </button>
          </form>
        </div>
        <NavLinks items={items} label={t.shell.navLabel} />
        <UnreadBadgeRefresher count={unread} />
      </header>
      <main id="content" className="content">
        {children}
      </main>
    </>
  );
}
