"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { Options } from "@/app/ui/options";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf } from "@/lib/actions/form-state";
import { LEAD_SOURCES, type ConsentChannel } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { createProcessAction } from "../actions";

const p = t.processes;

/** The consent boxes: each channel and its field of the form. */
const CONSENT_FIELDS = [
  ["phone", "consentPhone"],
  ["sms", "consentSms"],
  ["email", "consentEmail"],
] as const satisfies readonly (readonly [ConsentChannel, string])[];

type Owner = { id: number; name: string };

export function NewProcessForm({
  owners,
  defaultOwnerId,
  showrooms,
}: {
  owners: Owner[] | null;
  defaultOwnerId: number;
  /** "Salon": the showrooms the user may choose from, or null when the dealership has only one. */
  showrooms: { id: number; name: string }[] | null;
}) {
  const [state, formAction] = useActionState(createProcessAction, initialFormState);
  const duplicateId = valueOf(state, "existingCustomerId");
  const text = (
    id: string,
    name: string,
    label: string,
    options: { type?: string; autoComplete?: string; inputMode?: "tel" | "email"; required?: boolean } = {},
  ) => (
    <Field id={id} name={name} label={label} state={state} required={options.required}>
      {(control) => (
        <input
          {...control}
          name={name}
          type={options.type ?? "text"}
          autoComplete={options.autoComplete ?? "off"}
          inputMode={options.inputMode}
          defaultValue={valueOf(state, name)}
        />
      )}
    </Field>
  );
  return (
    // Keyed by the answer: a select keeps its first default otherwise, and React resets forms to it.
    <form action={formAction} className="stack" noValidate key={state.at ?? "new"}>
      <FormMessage state={state} />
      {duplicateId ? (
        <fieldset className="alert warning stack">
          <legend>{p.duplicateLegend}</legend>
          <p>
            {valueOf(state, "duplicateName")}{" "}
            {valueOf(state, "duplicateContact") ? (
              <span className="muted">({valueOf(state, "duplicateContact")})</span>
            ) : null}
          </p>
          <input type="hidden" name="existingCustomerId" value={duplicateId} />
          <div className="field checkbox">
            <input
              id="customer-existing"
              type="radio"
              name="customerChoice"
              value="existing"
              defaultChecked={valueOf(state, "customerChoice", "existing") === "existing"}
            />
            <label htmlFor="customer-existing">{p.useExisting}</label>
          </div>
          <div className="field checkbox">
            <input
              id="customer-new"
              type="radio"
              name="customerChoice"
              value="new"
              defaultChecked={valueOf(state, "customerChoice") === "new"}
            />
            <label htmlFor="customer-new">{p.createAnyway}</label>
          </div>
        </fieldset>
      ) : null}
      <fieldset className="card stack">
        <legend>{p.customerSection}</legend>
        <div className="grid-2">
          {text("process-first-name", "firstName", p.firstName, { autoComplete: "given-name" })}
          {text("process-last-name", "lastName", p.lastName, { autoComplete: "family-name" })}
          {text("process-phone", "phone", p.phone, { type: "tel", inputMode: "tel", autoComplete: "tel" })}
          {text("process-email", "email", p.email, { type: "email", inputMode: "email", autoComplete: "email" })}
        </div>
        <p className="hint">{p.contactRequired}</p>
      </fieldset>
      <fieldset className="card stack">
        <legend>{t.consents.legend}</legend>
        {CONSENT_FIELDS.map(([channel, name]) => (
          <div className="field checkbox" key={channel}>
            <input
              id={`process-${name}`}
              type="checkbox"
              name={name}
              value="on"
              defaultChecked={valueOf(state, name) === "on"}
            />
            <label htmlFor={`process-${name}`}>{t.consents.channel[channel]}</label>
          </div>
        ))}
        <p className="hint">{t.consents.newProcessHint}</p>
      </fieldset>
      <fieldset className="card stack">
        <legend>{p.vehicleSection}</legend>
        <div className="grid-2">
          {text("process-brand", "brand", p.brand)}
          {text("process-model", "model", p.model)}
        </div>
        <Field id="process-vehicle-notes" name="vehicleNotes" label={p.vehicleNotes} state={state}>
          {(control) => (
            <textarea {...control} name="vehicleNotes" rows={2} defaultValue={valueOf(state, "vehicleNotes")} />
          )}
        </Field>
      </fieldset>
      <div className="grid-2">
        {showrooms ? (
          <Field id="process-showroom" name="showroomId" label={t.showrooms.showroom} required state={state}>
            {(control) => (
              <select
                {...control}
                name="showroomId"
                // Preselected when there is one to choose; otherwise the user picks.
                defaultValue={valueOf(state, "showroomId", showrooms.length === 1 ? String(showrooms[0].id) : "")}
              >
                {showrooms.length === 1 ? null : <option value="">{t.tasks.chooseOption}</option>}
                <Options options={showrooms.map((showroom) => [String(showroom.id), showroom.name])} />
              </select>
            )}
          </Field>
        ) : null}
        <Field id="process-source" name="source" label={p.source} required state={state}>
          {(control) => (
            <select {...control} name="source" defaultValue={valueOf(state, "source", "showroom")}>
              {LEAD_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t.labels.leadSource[source]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {owners ? (
          <Field id="process-owner" name="ownerId" label={p.owner} required state={state}>
            {(control) => (
              <select {...control} name="ownerId" defaultValue={valueOf(state, "ownerId", String(defaultOwnerId))}>
                <Options options={owners.map((owner) => [String(owner.id), owner.name])} />
              </select>
            )}
          </Field>
        ) : null}
      </div>
      <div>
        <SubmitButton pendingText={p.creating}>{p.create}</SubmitButton>
      </div>
    </form>
  );
}
