"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, type BoundAction } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

const m = t.customers.merge;

/** "Połącz" of one pair: which of the two stays (the bound one or `otherId`). */
export function MergeForm({
  action,
  formId,
  otherId,
  legend,
  choices,
}: {
  action: BoundAction;
  /** Unique on the page: the radios' and the error's ids. */
  formId: string;
  otherId: number;
  legend: string;
  choices: { id: number; label: string }[];
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const errors = state.fieldErrors?.keep;
  const errorId = `${formId}-keep-error`;
  const chosen = valueOf(state, "keep");
  return (
    <form action={formAction} className="stack merge-form" key={state.at ?? formId}>
      <input type="hidden" name="otherId" value={otherId} />
      <FormMessage state={state} />
      <fieldset
        role="radiogroup"
        aria-required="true"
        className={errors?.length ? "field has-error" : "field"}
        aria-describedby={errors?.length ? errorId : undefined}
      >
        <legend>
          {legend} — {m.keep}
          <span className="required" aria-hidden="true">
            *
          </span>
        </legend>
        {choices.map((choice) => (
          <label key={choice.id}>
            <input type="radio" name="keep" value={choice.id} defaultChecked={chosen === String(choice.id)} /> {m.keep}:{" "}
            {choice.label}
          </label>
        ))}
        {errors?.length ? (
          <p className="field-error" id={errorId}>
            {errors.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <div>
        <SubmitButton className="button">{m.submit}</SubmitButton>
      </div>
    </form>
  );
}
