"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { Options } from "@/app/ui/options";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, type BoundAction } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

const s = t.showrooms;

/**
 * "Zmień salon" of the panel (managers): the showroom and who owns the process there, the current owner
 * unless changed. The action comes bound to the process by the server page.
 */
export function ShowroomForm({
  action,
  showroomId,
  ownerId,
  showrooms,
  owners,
}: {
  action: BoundAction;
  showroomId: number;
  ownerId: number;
  showrooms: { id: number; name: string }[];
  owners: { id: number; name: string }[];
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const kept = (name: string, current: number) =>
    state.status === "error" ? valueOf(state, name, String(current)) : String(current);
  return (
    // Keyed by the answer: a select keeps its first default otherwise, and React resets forms to it.
    <form action={formAction} className="stack" noValidate key={state.at ?? "showroom"}>
      <FormMessage state={state} />
      <div className="row align-end">
        <Field id="process-showroom" name="showroomId" label={s.showroom} state={state}>
          {(control) => (
            <select {...control} name="showroomId" defaultValue={kept("showroomId", showroomId)}>
              <Options options={showrooms.map((showroom) => [String(showroom.id), showroom.name])} />
            </select>
          )}
        </Field>
        <Field id="process-showroom-owner" name="ownerId" label={s.newOwner} state={state}>
          {(control) => (
            <select {...control} name="ownerId" defaultValue={kept("ownerId", ownerId)}>
              <Options options={owners.map((owner) => [String(owner.id), owner.name])} />
            </select>
          )}
        </Field>
        <SubmitButton className="button" pendingText={s.changing}>
          {s.changeShowroom}
        </SubmitButton>
      </div>
    </form>
  );
}
