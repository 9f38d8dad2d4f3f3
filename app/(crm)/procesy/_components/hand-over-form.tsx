"use client";

import { createContext, useActionState, useContext } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { Options } from "@/app/ui/options";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, valuesOf, type BoundAction } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

const h = t.processes.handOver;

/** The ticked rows to draw ticked again (after a refused submit); null where the list has no checkboxes. */
const TickedProcesses = createContext<{ ticked: ReadonlySet<string>; error?: string } | null>(null);

export function useTickedProcesses() {
  return useContext(TickedProcesses);
}

/**
 * "Zmień opiekuna zaznaczonych": a form around the list, so that the rows' checkboxes submit their ids
 * with or without JavaScript. The list's filters travel along; the server applies them again when the
 * user chooses "all matching the filter".
 */
export function HandOverForm({
  action,
  owners,
  filters,
  matching,
  children,
}: {
  action: BoundAction;
  owners: { id: number; name: string }[];
  filters: Record<string, string>;
  matching: number;
  children: React.ReactNode;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const kept = state.status === "error";
  const scope = kept ? valueOf(state, "scope", "selected") : "selected";
  const ticked = new Set(kept ? valuesOf(state, "processIds") : []);
  return (
    // Keyed by the answer: checkboxes and selects keep their first defaults otherwise.
    <form action={formAction} className="stack" noValidate key={state.at ?? "hand-over"} id="hand-over">
      {Object.entries(filters).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset className="stack">
        <legend>{h.legend}</legend>
        <FormMessage state={state} />
        <div className="row align-end">
          <Field id="hand-over-owner" name="ownerId" label={h.newOwner} state={state} required>
            {(control) => (
              <select {...control} name="ownerId" defaultValue={kept ? valueOf(state, "ownerId") : ""}>
                <option value="">{h.ownerPlaceholder}</option>
                <Options options={owners.map((owner) => [String(owner.id), owner.name])} />
              </select>
            )}
          </Field>
          <fieldset className="field hand-over-scope">
            <legend>{h.scope}</legend>
            <label>
              <input type="radio" name="scope" value="selected" defaultChecked={scope !== "filter"} /> {h.scopeSelected}
            </label>
            <label>
              <input type="radio" name="scope" value="filter" defaultChecked={scope === "filter"} />{" "}
              {h.scopeFilter(matching)}
            </label>
          </fieldset>
          <SubmitButton className="button">{h.submit}</SubmitButton>
        </div>
        {state.fieldErrors?.processIds?.length ? (
          <p className="field-error" id="hand-over-processes-error">
            {state.fieldErrors.processIds.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <TickedProcesses.Provider
        value={{ ticked, error: state.fieldErrors?.processIds?.length ? "hand-over-processes-error" : undefined }}
      >
        {children}
      </TickedProcesses.Provider>
    </form>
  );
}
