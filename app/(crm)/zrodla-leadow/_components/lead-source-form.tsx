"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { Options } from "@/app/ui/options";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, valuesOf, type BoundAction } from "@/lib/actions/form-state";
import { LEAD_SOURCE_KINDS, LEAD_SOURCES, type LeadSource, type LeadSourceKind } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { SecretOnce } from "./secret-once";

export type SourceDefaults = {
  name: string;
  kind: LeadSourceKind;
  showroomId: number;
  processSource: LeadSource;
  firstContactMinutes: number;
  rateLimitPerMinute: number;
  assigneeIds: number[];
};
export type Salesperson = { id: number; name: string; showrooms: string };

/** "Dodaj źródło" and each source's own settings: the same fields ("Rodzaj" only when adding). */
export function LeadSourceForm({
  action,
  idPrefix,
  showrooms,
  salespeople,
  defaults,
  adding,
}: {
  action: BoundAction;
  idPrefix: string;
  showrooms: readonly (readonly [string, string])[];
  salespeople: readonly Salesperson[];
  defaults: SourceDefaults;
  adding?: boolean;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const l = t.leads;
  const error = state.status === "error";
  const value = (name: keyof SourceDefaults) => (error ? valueOf(state, name) : String(defaults[name]));
  const checked = error ? valuesOf(state, "assigneeIds").map(Number) : defaults.assigneeIds;
  const assigneeErrors = state.fieldErrors?.assigneeIds;
  return (
    <form action={formAction} className="stack" noValidate key={adding && state.status === "ok" ? state.at : "form"}>
      <FormMessage state={state} />
      {state.shownOnce?.[0] ? <SecretOnce secret={state.shownOnce[0]} /> : null}
      <div className="grid-3">
        <Field id={`${idPrefix}-name`} name="name" label={l.name} required state={state}>
          {(control) => <input {...control} name="name" autoComplete="off" defaultValue={value("name")} />}
        </Field>
        {adding ? (
          <Field id={`${idPrefix}-kind`} name="kind" label={l.kind} required state={state}>
            {(control) => (
              <select {...control} name="kind" defaultValue={value("kind")}>
                <Options options={LEAD_SOURCE_KINDS.map((kind) => [kind, l.kindLabel[kind]] as const)} />
              </select>
            )}
          </Field>
        ) : null}
        <Field id={`${idPrefix}-showroom`} name="showroomId" label={l.showroom} required state={state}>
          {(control) => (
            <select {...control} name="showroomId" defaultValue={value("showroomId")}>
              <Options options={showrooms} />
            </select>
          )}
        </Field>
        <Field id={`${idPrefix}-source`} name="processSource" label={l.processSource} required state={state}>
          {(control) => (
            <select {...control} name="processSource" defaultValue={value("processSource")}>
              <Options options={LEAD_SOURCES.map((source) => [source, t.labels.leadSource[source]] as const)} />
            </select>
          )}
        </Field>
        <Field
          id={`${idPrefix}-minutes`}
          name="firstContactMinutes"
          label={l.firstContactMinutes}
          required
          state={state}
        >
          {(control) => (
            <input
              {...control}
              name="firstContactMinutes"
              type="number"
              min={1}
              inputMode="numeric"
              defaultValue={value("firstContactMinutes")}
            />
          )}
        </Field>
        <Field id={`${idPrefix}-limit`} name="rateLimitPerMinute" label={l.rateLimit} required state={state}>
          {(control) => (
            <input
              {...control}
              name="rateLimitPerMinute"
              type="number"
              min={1}
              inputMode="numeric"
              defaultValue={value("rateLimitPerMinute")}
            />
          )}
        </Field>
      </div>
      <fieldset
        className={assigneeErrors?.length ? "showroom-choices has-error" : "showroom-choices"}
        aria-describedby={`${idPrefix}-assignees-hint${assigneeErrors?.length ? ` ${idPrefix}-assignees-error` : ""}`}
      >
        <legend>{l.assignees}</legend>
        {salespeople.map((person) => (
          <div className="field checkbox" key={person.id}>
            <input
              id={`${idPrefix}-assignee-${person.id}`}
              type="checkbox"
              name="assigneeIds"
              value={person.id}
              defaultChecked={checked.includes(person.id)}
            />
            <label htmlFor={`${idPrefix}-assignee-${person.id}`}>
              {person.name} <span className="muted">({person.showrooms})</span>
            </label>
          </div>
        ))}
        <p className="hint" id={`${idPrefix}-assignees-hint`}>
          {l.assigneesHint}
        </p>
        {assigneeErrors?.length ? (
          <p className="field-error" id={`${idPrefix}-assignees-error`}>
            {assigneeErrors.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <div>
        <SubmitButton
          pendingText={adding ? l.adding : undefined}
          className={adding ? "button primary" : "button small"}
        >
          {adding ? l.add : l.save}
        </SubmitButton>
      </div>
    </form>
  );
}
