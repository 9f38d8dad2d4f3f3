"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, type BoundAction } from "@/lib/actions/form-state";
import { PROCESS_STATUSES, type ProcessStatus } from "@/lib/domain";
import { t } from "@/lib/i18n";

const p = t.processes;

/**
 * The action with the process id already bound, by the server page: bound here in the client it would
 * never finish without JavaScript (a new pending reference on every render: vercel/next.js#98045).
 */

/** "Powód rezygnacji" shows only while `w opiece (rezygnacja)` is selected: a CSS rule (:has), so it works without JavaScript. */
export function StatusForm({ action, status }: { action: BoundAction; status: ProcessStatus }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    // Keyed by the answer: a select keeps its first default otherwise, and React resets forms to it.
    <form action={formAction} className="status-form stack" noValidate key={state.at ?? "status"}>
      <FormMessage state={state} />
      <Field id="process-status" name="status" label={p.changeStatusTitle} state={state}>
        {(control) => (
          <select
            {...control}
            name="status"
            defaultValue={state.status === "error" ? valueOf(state, "status", status) : status}
          >
            {PROCESS_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t.labels.processStatus[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="process-reason"
        name="reason"
        label={p.resignationReason}
        required
        state={state}
        className="reason-field"
      >
        {(control) => <textarea {...control} name="reason" rows={2} defaultValue={valueOf(state, "reason")} />}
      </Field>
      <div>
        <SubmitButton pendingText={p.changingStatus}>{p.changeStatus}</SubmitButton>
      </div>
    </form>
  );
}
