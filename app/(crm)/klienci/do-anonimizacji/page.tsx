import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { customerName } from "@/lib/customers/name";
import { listRetentionCandidates } from "@/lib/customers/retention";
import { t } from "@/lib/i18n";
import { formatDate } from "@/lib/time";
import { anonymizeRetainedAction } from "../actions";
import { RetentionForm } from "./_components/retention-form";

const r = t.customers.retention;

export const metadata: Metadata = { title: r.title };

/** "Do anonimizacji" (administrators): customers whose retention period (RETENTION_MONTHS) has run out. */
export default async function RetentionPage() {
  await requireRole(["admin"]);
  const due = await listRetentionCandidates();
  return (
    <section className="stack">
      <h1>{r.title}</h1>
      {!due ? (
        <p className="alert info">{r.off}</p>
      ) : (
        <>
          <p>{r.intro(due.months)}</p>
          {due.rows.length === 0 ? (
            <p className="muted">{r.empty}</p>
          ) : (
            <>
              <p className="muted">{r.count(due.rows.length, due.total)}</p>
              <RetentionForm
                action={anonymizeRetainedAction}
                rows={due.rows.map((row) => ({
                  id: row.id,
                  name: customerName(row) || t.common.none,
                  lastActivity: formatDate(row.lastActivityAt ?? row.createdAt),
                  processes: row.processes,
                }))}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
