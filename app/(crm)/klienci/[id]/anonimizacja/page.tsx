import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { findVisibleCustomer } from "@/lib/customers/access";
import { customerName } from "@/lib/customers/name";
import { customerFootprint } from "@/lib/customers/queries";
import { t } from "@/lib/i18n";
import { formatDateTime } from "@/lib/time";
import { parseId } from "@/lib/validation";
import { anonymizeCustomerAction } from "../../actions";
import { AnonymizeForm } from "./_components/anonymize-form";

const a = t.customers.anonymize;

export const metadata: Metadata = { title: a.title };

/** "Anonimizuj klienta" (administrators): what it will touch, then the reason and the typed confirmation. */
export default async function AnonymizePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole(["admin"]);
  const id = parseId((await params).id);
  const customer = id === undefined ? undefined : await findVisibleCustomer({ user, id });
  if (!customer) notFound();
  const footprint = await customerFootprint(customer.id);
  const back = footprint.firstProcessId ? `/procesy/${footprint.firstProcessId}` : "/procesy";
  return (
    <section className="stack narrow">
      <p>
        <a href={back}>← {t.common.back}</a>
      </p>
      <h1>{a.title}</h1>
      {customer.anonymizedAt ? (
        <p className="alert info">{t.customers.anonymizedNotice(formatDateTime(customer.anonymizedAt))}</p>
      ) : (
        <>
          <p>{a.intro(customerName(customer) || t.common.none)}</p>
          <p className="muted">{a.summary(footprint.processes, footprint.notes, footprint.files)}</p>
          <AnonymizeForm action={anonymizeCustomerAction.bind(null, customer.id)} />
        </>
      )}
    </section>
  );
}
