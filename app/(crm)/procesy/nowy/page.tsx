import type { Metadata } from "next";
import { isManager, requireUser } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { hasSeveralShowrooms, showroomsForProcesses } from "@/lib/showrooms/queries";
import { listOwnerOptions } from "@/lib/users/queries";
import { NewProcessForm } from "../_components/new-process-form";
import "../processes.css";

export const metadata: Metadata = { title: t.processes.newProcess };

export default async function NewProcessPage() {
  const user = await requireUser();
  const [owners, showrooms, several] = await Promise.all([
    isManager(user) ? listOwnerOptions(user) : null,
    showroomsForProcesses(user),
    hasSeveralShowrooms(),
  ]);
  return (
    <section className="stack">
      <h1>{t.processes.newProcess}</h1>
      {showrooms.length === 0 ? <p className="alert warning">{t.showrooms.noShowroom}</p> : null}
      <NewProcessForm
        owners={owners && owners.filter((owner) => owner.active)}
        defaultOwnerId={user.id}
        // With one showroom in the dealership the form never mentions it: the server puts the process there.
        showrooms={several ? showrooms : null}
      />
    </section>
  );
}
