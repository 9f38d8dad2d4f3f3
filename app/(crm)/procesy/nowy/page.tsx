import type { Metadata } from "next";
import { isManager, requireUser } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { listOwnerOptions } from "@/lib/users/queries";
import { NewProcessForm } from "../_components/new-process-form";
import "../processes.css";

export const metadata: Metadata = { title: t.processes.newProcess };

export default async function NewProcessPage() {
  const user = await requireUser();
  const owners = isManager(user) ? (await listOwnerOptions()).filter((owner) => owner.active) : null;
  return (
    <section className="stack">
      <h1>{t.processes.newProcess}</h1>
      <NewProcessForm owners={owners} defaultOwnerId={user.id} />
    </section>
  );
}
