"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, type BoundAction } from "@/lib/actions/form-state";
import { CONSENT_CHANNELS, STAFF_CONSENT_SOURCES, type ConsentChannel } from "@/lib/domain";
import { t } from "@/lib/i18n";

const c = t.consents;

/**
 * "Zapisz zgody": a box per channel, ticked as the customer's consents stand, and where the declaration
 * came from. A plain form: works without JavaScript. The action is bound to the process by the server page.
 */
export function ConsentsForm({ action, granted }: { action: BoundAction; granted: Record<ConsentChannel, boolean> }) {
  const [state, formAction] = useActionState(action, initialFormState);
  const checked = (channel: ConsentChannel) =>
    state.status === "error" ? valueOf(state, channel) === "on" : granted[channel];
  return (
    // Keyed by the answer: after a save the boxes start again from the state the server now holds.
    <form action={formAction} className="stack consents-form" noValidate key={state.at ?? "consents"}>
      <FormMessage state={state} />
      <fieldset className="stack">
        <legend>{c.legend}</legend>
        {CONSENT_CHANNELS.map((channel) => (
          <div className="field checkbox" key={channel}>
            <input
              id={`consent-${channel}`}
              type="checkbox"
              name={channel}
              value="on"
              defaultChecked={checked(channel)}
            />
            <label htmlFor={`consent-${channel}`}>{c.channel[channel]}</label>
          </div>
        ))}
      </fieldset>
      <Field id="consent-source" name="source" label={c.source} hint={c.sourceHint} state={state} required>
        {(control) => (
          <select {...control} name="source" defaultValue={valueOf(state, "source", "showroom")}>
            {STAFF_CONSENT_SOURCES.map((source) => (
              <option key={source} value={source}>
                {t.labels.consentSource[source]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div>
        <SubmitButton pendingText={c.saving}>{c.save}</SubmitButton>
      </div>
    </form>
  );
}
