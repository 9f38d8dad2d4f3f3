import { t } from "@/lib/i18n";
import type { ProcessHeader } from "@/lib/tasks/queries";
import { customerName, vehicleName } from "@/lib/customers/name";

/** The short header of the task pages, with the way back to the panel. */
export function ProcessSummary({ process }: { process: ProcessHeader }) {
  const customer = customerName(process);
  const vehicle = vehicleName(process) || t.common.none;
  return (
    <section className="card process-summary" aria-label={t.tasks.customer}>
      <div className="spread">
        <div>
          <p className="process-summary-customer">{customer}</p>
          <p className="muted">
            {vehicle} · <span className="pill">{t.labels.processStatus[process.status]}</span> · {t.tasks.owner}:{" "}
            {process.ownerName}
          </p>
        </div>
        <a href={`/procesy/${process.id}`} className="button small">
          {t.tasks.backToProcess}
        </a>
      </div>
    </section>
  );
}
