import { t } from "@/lib/i18n";

export default function NotFound() {
  return (
    <main className="centered">
      <div className="card narrow">
        <h1>{t.common.notFound}</h1>
        <p>{t.common.notFoundText}</p>
        <p>
          <a href="/procesy">{t.common.backHome}</a>
        </p>
      </div>
    </main>
  );
}
