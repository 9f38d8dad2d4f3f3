import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { t } from "@/lib/i18n";
import { consentTexts } from "@/lib/settings/consent-texts";
import { saveConsentTextsAction } from "./actions";
import { ConsentTextsForm } from "./_components/consent-texts-form";

const s = t.settings;

export const metadata: Metadata = { title: s.title };

/** "Ustawienia" (administrators): the wording of consents; the data settings that come from the environment. */
export default async function SettingsPage() {
  await requireRole(["admin"]);
  const texts = await consentTexts();
  const months = config.retentionMonths;
  return (
    <section className="stack">
      <h1>{s.title}</h1>
      <div className="card">
        <ConsentTextsForm action={saveConsentTextsAction} texts={texts} />
      </div>
      <dl className="card settings-facts">
        <dt>{s.retention}</dt>
        <dd>
          {months ? s.retentionMonths(months) : s.retentionOff}
          {months ? (
            <>
              {" · "}
              <a href="/klienci/do-anonimizacji">{s.retentionList}</a>
            </>
          ) : null}
        </dd>
        <dt>{s.auditDays}</dt>
        <dd>
          {s.auditDaysValue(config.auditDays)} · <a href="/dziennik">{t.audit.title}</a>
        </dd>
      </dl>
    </section>
  );
}
