"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, type BoundAction } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { ConfirmationField } from "../../../_components/confirmation-field";

const a = t.customers.anonymize;

/** The reason and the typed confirmation; the action is bound to the customer by the server page. */
export function AnonymizeForm({ action }: { action: BoundAction }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <Field id="anonymize-reason" name="reason" label={a.reason} hint={a.reasonHint} required state={state}>
        {(control) => (
          <textarea {...control} name="reason" rows={3} maxLength={500} defaultValue={valueOf(state, "reason")} />
        )}
      </Field>
      <ConfirmationField id="anonymize-confirmation" hint={a.confirmationHint} state={state} />
      <div>
        <SubmitButton className="button danger" pendingText={a.submitting}>
          {a.submit}
        </SubmitButton>
      </div>
    </form>
  );
}
