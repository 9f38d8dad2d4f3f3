import Link from "next/link";
import { t } from "@/lib/i18n";

export default function NotFound() {
  return (
    <main className="centered">
      <div className="card narrow">
        <h1>{t.common.notFound}</h1>
        <p>{t.common.notFoundText}</p>
        <p>
          <Link href="/procesy">{t.common.backHome}</Link>
        </p>
      </div>
    </main>
  );
}
