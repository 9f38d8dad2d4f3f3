import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { t } from "@/lib/i18n";
import { assignableSalespeople, listLeadSources } from "@/lib/leads/sources";
import { listShowrooms } from "@/lib/showrooms/queries";
import { addLeadSource, changeApiKey, editLeadSource } from "./actions";
import { KeyForms } from "./_components/key-forms";
import { LeadSourceForm } from "./_components/lead-source-form";

export const metadata: Metadata = { title: t.leads.title };

export default async function LeadSourcesPage() {
  await requireRole(["admin"]);
  const [sources, showrooms, people] = await Promise.all([listLeadSources(), listShowrooms(), assignableSalespeople()]);
  const l = t.leads;
  const showroomOptions = showrooms
    .filter((showroom) => showroom.active)
    .map((showroom) => [String(showroom.id), showroom.name] as const);
  const showroomName = new Map(showrooms.map((showroom) => [showroom.id, showroom.name]));
  const salespeople = people.map((person) => ({
    id: person.id,
    name: person.name,
    showrooms: person.showroomIds.map((id) => showroomName.get(id)).join(", "),
  }));
  return (
    <section className="stack">
      <h1>{l.title}</h1>
      <p className="hint">{l.help}</p>
      <div className="card stack">
        <h2>{l.addTitle}</h2>
        <LeadSourceForm
          action={addLeadSource}
          idPrefix="new-source"
          adding
          showrooms={showroomOptions}
          salespeople={salespeople}
          defaults={{
            name: "",
            kind: "api",
            showroomId: Number(showroomOptions[0]?.[0] ?? 0),
            processSource: "website",
            firstContactMinutes: 30,
            rateLimitPerMinute: 60,
            assigneeIds: [],
          }}
        />
      </div>
      {sources.length === 0 ? <p className="muted">{l.empty}</p> : null}
      {sources.map((source) => (
        <article key={source.id} className="card stack" data-lead-source={source.name}>
          <h2>
            {source.name} <span className="muted">· {l.kindLabel[source.kind]}</span>
          </h2>
          <LeadSourceForm
            action={editLeadSource.bind(null, source.id)}
            idPrefix={`source-${source.id}`}
            showrooms={showroomOptions}
            salespeople={salespeople}
            defaults={source}
          />
          {source.kind === "api" ? (
            <KeyForms action={changeApiKey.bind(null, source.id)} hasKey={source.hasKey} />
          ) : null}
          {source.kind === "web_form" ? (
            <p>
              {l.formLink}: <code>{`${config.publicUrl}/formularz/${source.id}`}</code>
            </p>
          ) : null}
          <p>
            <Link href={`/zrodla-leadow/${source.id}`}>{l.log}</Link>
          </p>
        </article>
      ))}
    </section>
  );
}
