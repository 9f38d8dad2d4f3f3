import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { t } from "@/lib/i18n";
import { findFormSource } from "@/lib/leads/sources";
import { consentTexts } from "@/lib/settings/consent-texts";
import { parseId } from "@/lib/validation";
import { sendEnquiry } from "./actions";
import { EnquiryForm } from "./_components/enquiry-form";
import "./enquiry.css";

export const metadata: Metadata = { title: t.leads.form.title };

/** The public enquiry form of a `Formularz WWW` source: no sign-in, works without JavaScript. */
export default async function EnquiryPage({ params }: { params: Promise<{ source: string }> }) {
  const id = parseId((await params).source);
  const source = id ? await findFormSource(id) : undefined;
  if (!source) notFound();
  return (
    <main className="centered">
      <div className="card narrow stack">
        <h1>{t.leads.form.title}</h1>
        <p className="muted">{t.leads.form.intro}</p>
        <EnquiryForm action={sendEnquiry.bind(null, source.id)} consentTexts={await consentTexts()} />
      </div>
    </main>
  );
}
