import { t } from "@/lib/i18n";

export function NotBuiltYet({ title }: { title: string }) {
  return (
    <section>
      <h1>{title}</h1>
      <p className="alert info">{t.common.notBuiltYet}</p>
    </section>
  );
}
