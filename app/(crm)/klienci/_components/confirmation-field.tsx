import { Field } from "@/app/ui/field";
import { valueOf, type FormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

const a = t.customers.anonymize;

/** The typed "ANONIMIZUJ" of an irreversible step and the warning under it; emptied after a success. */
export function ConfirmationField({ id, hint, state }: { id: string; hint: string; state: FormState }) {
  return (
    <>
      <Field id={id} name="confirmation" label={a.confirmation} hint={hint} required state={state}>
        {(control) => (
          <input
            {...control}
            name="confirmation"
            autoComplete="off"
            spellCheck={false}
            defaultValue={state.status === "ok" ? "" : valueOf(state, "confirmation")}
          />
        )}
      </Field>
      <p className="alert warning">{a.irreversible}</p>
    </>
  );
}
