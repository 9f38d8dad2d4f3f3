"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, type BoundAction } from "@/lib/actions/form-state";
import { CONSENT_CHANNELS, type ConsentChannel } from "@/lib/domain";
import { t } from "@/lib/i18n";

/** The wording of each consent, as the records will keep it. */
export function ConsentTextsForm({ action, texts }: { action: BoundAction; texts: Record<ConsentChannel, string> }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="stack" noValidate key={state.status === "ok" ? state.at : "texts"}>
      <FormMessage state={state} />
      <fieldset className="stack">
        <legend>{t.settings.consentsLegend}</legend>
        <p className="hint">{t.settings.consentsHint}</p>
        {CONSENT_CHANNELS.map((channel) => (
          <Field
            key={channel}
            id={`setting-${channel}`}
            name={channel}
            label={t.consents.channel[channel]}
            required
            state={state}
          >
            {(control) => (
              <textarea
                {...control}
                name={channel}
                rows={4}
                defaultValue={state.status === "error" ? valueOf(state, channel) : texts[channel]}
              />
            )}
          </Field>
        ))}
      </fieldset>
      <div>
        <SubmitButton pendingText={t.common.saving}>{t.common.save}</SubmitButton>
      </div>
    </form>
  );
}
