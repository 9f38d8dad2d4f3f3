import { t } from "@/lib/i18n";

/** "Poprzednia" / "Strona n z m" / "Następna" as plain links (works without JavaScript); nothing for one page. */
export function Pagination({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t.common.page(page, pages)}>
      {page > 1 ? (
        <a className="button small" href={href(page - 1)}>
          {t.common.previous}
        </a>
      ) : null}
      <span>{t.common.page(page, pages)}</span>
      {page < pages ? (
        <a className="button small" href={href(page + 1)}>
          {t.common.next}
        </a>
      ) : null}
    </nav>
  );
}
