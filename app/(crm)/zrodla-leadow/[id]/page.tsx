import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { findLeadSource, submissionLog } from "@/lib/leads/sources";
import { formatDateTime } from "@/lib/time";
import { parseId } from "@/lib/validation";

export const metadata: Metadata = { title: t.leads.log };

/** A source's submissions of the last 30 days: time, result, process, error. */
export default async function SubmissionLogPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole(["admin"]);
  const id = parseId((await params).id);
  const source = id ? await findLeadSource(id) : undefined;
  if (!source) notFound();
  const rows = await submissionLog({ sourceId: source.id });
  const l = t.leads;
  return (
    <section className="stack">
      <p>
        <Link href="/zrodla-leadow">{l.title}</Link>
      </p>
      <h1>
        {source.name}: {l.log}
      </h1>
      {rows.length === 0 ? (
        <p className="muted">{l.logEmpty}</p>
      ) : (
        <table className="table responsive">
          <thead>
            <tr>
              <th>{l.logTime}</th>
              <th>{l.logResult}</th>
              <th>{l.logProcess}</th>
              <th>{l.logError}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td data-label={l.logTime}>{formatDateTime(row.receivedAt)}</td>
                <td data-label={l.logResult}>{l.resultLabel[row.result]}</td>
                <td data-label={l.logProcess}>
                  {row.processId ? <Link href={`/procesy/${row.processId}`}>#{row.processId}</Link> : t.common.none}
                </td>
                <td data-label={l.logError}>{row.error ?? t.common.none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
