"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, type BoundAction } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { CarFields, type CarValues } from "./car-fields";

const fl = t.fleet;

/** A car's edit form and the form that takes it out of service (actions bound by the server page). */
export function CarEditor({
  carId,
  car,
  showrooms,
  actions,
}: {
  carId: number;
  car: CarValues;
  showrooms: { id: number; name: string }[];
  actions: { edit: BoundAction; addOutage: BoundAction };
}) {
  const [editState, editAction] = useActionState(actions.edit, initialFormState);
  const [outageState, outageAction] = useActionState(actions.addOutage, initialFormState);
  const outageKey = outageState.status === "ok" ? `ok-${outageState.at}` : "outage";
  return (
    <div className="stack">
      <form action={editAction} className="stack" noValidate key={editState.at ?? "edit"} aria-label={fl.edit}>
        <FormMessage state={editState} />
        <CarFields idPrefix={`car-${carId}`} state={editState} showrooms={showrooms} defaults={car} />
        <div>
          <SubmitButton className="button small" pendingText={fl.saving}>
            {fl.save}
          </SubmitButton>
        </div>
      </form>
      <form action={outageAction} className="stack" noValidate key={outageKey} aria-label={fl.addOutage}>
        <FormMessage state={outageState} />
        <div className="grid-3">
          <Field id={`car-${carId}-fromDate`} name="fromDate" label={fl.outageFrom} required state={outageState}>
            {(control) => (
              <input {...control} name="fromDate" type="date" defaultValue={valueOf(outageState, "fromDate")} />
            )}
          </Field>
          <Field id={`car-${carId}-toDate`} name="toDate" label={fl.outageTo} required state={outageState}>
            {(control) => (
              <input {...control} name="toDate" type="date" defaultValue={valueOf(outageState, "toDate")} />
            )}
          </Field>
          <Field id={`car-${carId}-reason`} name="reason" label={fl.outageReason} state={outageState}>
            {(control) => (
              <input {...control} name="reason" maxLength={200} defaultValue={valueOf(outageState, "reason")} />
            )}
          </Field>
        </div>
        <div>
          <SubmitButton className="button small">{fl.addOutage}</SubmitButton>
        </div>
      </form>
    </div>
  );
}

/** "Usuń" of one period out of service. */
export function RemoveOutageButton({ action, label }: { action: BoundAction; label: string }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="inline-form">
      <SubmitButton className="button small danger">
        {fl.removeOutage}
        <span className="sr-only"> {label}</span>
      </SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
