"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { Options } from "@/app/ui/options";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, type BoundAction } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

const p = t.processes;

/**
 * The action with the process id already bound, by the server page: bound here in the client it would
 * never finish without JavaScript (a new pending reference on every render: vercel/next.js#98045).
 */

export function OwnerForm({
  action,
  ownerId,
  owners,
}: {
  action: BoundAction;
  ownerId: number;
  owners: { id: number; name: string }[];
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    // Keyed by the answer: a select keeps its first default otherwise, and React resets forms to it.
    <form action={formAction} className="stack" noValidate key={state.at ?? "owner"}>
      <FormMessage state={state} />
      <div className="row align-end">
        <Field id="process-owner" name="ownerId" label={p.owner} state={state}>
          {(control) => (
            <select
              {...control}
              name="ownerId"
              defaultValue={state.status === "error" ? valueOf(state, "ownerId", String(ownerId)) : String(ownerId)}
            >
              <Options options={owners.map((owner) => [String(owner.id), owner.name])} />
            </select>
          )}
        </Field>
        <SubmitButton className="button">{p.changeOwner}</SubmitButton>
      </div>
    </form>
  );
}
