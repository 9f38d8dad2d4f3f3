"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { TableScroll } from "@/app/ui/table-scroll";
import { initialFormState, valuesOf, type BoundAction } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { ConfirmationField } from "../../_components/confirmation-field";

const r = t.customers.retention;
const a = t.customers.anonymize;

export type RetentionRow = { id: number; name: string; lastActivity: string; processes: number };

/**
 * The customers due, each with a box; "Anonimizuj zaznaczonych" takes the ticked ones, "Anonimizuj
 * wszystkich z listy" everyone listed. Both ask for the typed confirmation. A plain form: works without
 * JavaScript.
 */
export function RetentionForm({ action, rows }: { action: BoundAction; rows: RetentionRow[] }) {
  const [state, formAction] = useActionState(action, initialFormState);
  const chosen = new Set(valuesOf(state, "customerIds"));
  const idsError = state.fieldErrors?.customerIds;
  return (
    <form action={formAction} className="stack" noValidate key={state.status === "ok" ? state.at : "retention"}>
      <FormMessage state={state} />
      <TableScroll label={r.title}>
        <table className="table responsive" aria-describedby={idsError?.length ? "retention-ids-error" : undefined}>
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">{r.anonymizeChosen}</span>
              </th>
              <th scope="col">{r.customer}</th>
              <th scope="col">{r.lastActivity}</th>
              <th scope="col" className="num">
                {r.processes}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <input
                    type="checkbox"
                    name="customerIds"
                    value={String(row.id)}
                    defaultChecked={chosen.has(String(row.id))}
                    aria-label={r.choose(row.name)}
                  />
                </td>
                <td data-label={r.customer}>{row.name}</td>
                <td data-label={r.lastActivity}>{row.lastActivity}</td>
                <td data-label={r.processes} className="num">
                  {row.processes}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {idsError?.length ? (
        <p className="field-error" id="retention-ids-error">
          {idsError.join(" ")}
        </p>
      ) : null}
      <ConfirmationField id="retention-confirmation" hint={r.confirmHint} state={state} />
      <div className="row">
        <SubmitButton className="button danger" name="scope" value="chosen" pendingText={a.submitting}>
          {r.anonymizeChosen}
        </SubmitButton>
        <SubmitButton className="button danger" name="scope" value="all" pendingText={a.submitting}>
          {r.anonymizeAll}
        </SubmitButton>
      </div>
    </form>
  );
}
