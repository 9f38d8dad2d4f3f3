"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { Options } from "@/app/ui/options";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, valuesOf, type BoundAction } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

const i = t.imports;

export type ImportSettingsView = {
  headers: string[];
  mapping: string[];
  fields: [string, string][];
  showrooms: [string, string][];
  owners: [string, string][];
  showroomId: string;
  defaultOwnerId: string;
  taskDate: string;
};

/** Columns to fields, the showroom, the default owner and the first tasks' date; "Podgląd" or "Importuj". */
export function ImportSettingsForm({ action, view }: { action: BoundAction; view: ImportSettingsView }) {
  const [state, formAction] = useActionState(action, initialFormState);
  const mapping = valuesOf(state, "mapping");
  return (
    <form action={formAction} className="card stack" noValidate>
      <FormMessage state={state} />
      <Field id="import-showroom" name="showroomId" label={i.showroom} required state={state}>
        {(control) => (
          <select {...control} name="showroomId" defaultValue={valueOf(state, "showroomId", view.showroomId)}>
            <option value="">—</option>
            <Options options={view.showrooms} />
          </select>
        )}
      </Field>
      <Field
        id="import-owner"
        name="defaultOwnerId"
        label={i.defaultOwner}
        hint={i.defaultOwnerHint}
        required
        state={state}
      >
        {(control) => (
          <select
            {...control}
            name="defaultOwnerId"
            defaultValue={valueOf(state, "defaultOwnerId", view.defaultOwnerId)}
          >
            <option value="">—</option>
            <Options options={view.owners} />
          </select>
        )}
      </Field>
      <Field id="import-task-date" name="taskDate" label={i.taskDate} hint={i.taskDateHint} required state={state}>
        {(control) => (
          <input {...control} type="date" name="taskDate" defaultValue={valueOf(state, "taskDate", view.taskDate)} />
        )}
      </Field>
      <fieldset className="stack">
        <legend>{i.columns}</legend>
        {state.fieldErrors?.mapping?.length ? (
          <p className="field-error" role="alert">
            {state.fieldErrors.mapping.join(" ")}
          </p>
        ) : null}
        <table className="table responsive">
          <thead>
            <tr>
              <th>{i.column}</th>
              <th>{i.field}</th>
            </tr>
          </thead>
          <tbody>
            {view.headers.map((header, index) => (
              <tr key={index}>
                <td>
                  <label htmlFor={`import-column-${index}`}>{header || `#${index + 1}`}</label>
                </td>
                <td>
                  <select
                    id={`import-column-${index}`}
                    name="mapping"
                    defaultValue={mapping[index] ?? view.mapping[index] ?? ""}
                  >
                    <option value="">{i.ignore}</option>
                    <Options options={view.fields} />
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <div className="row">
        <SubmitButton name="intent" value="preview" className="button">
          {i.preview}
        </SubmitButton>
        <SubmitButton name="intent" value="run">
          {i.run}
        </SubmitButton>
      </div>
    </form>
  );
}
