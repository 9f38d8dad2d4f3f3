"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, type BoundAction } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { SecretOnce } from "./secret-once";

/** An API source's key: whether it has one, "Nowy klucz" (shown once) and "Unieważnij klucz". */
export function KeyForms({ action, hasKey }: { action: BoundAction; hasKey: boolean }) {
  const [state, formAction] = useActionState(action, initialFormState);
  const l = t.leads;
  const keySet = state.status === "ok" ? Boolean(state.shownOnce?.length) : hasKey;
  return (
    <div className="stack">
      <p>
        {l.apiKey}: {keySet ? l.apiKeyActive : l.apiKeyNone}
      </p>
      <FormMessage state={state} />
      {state.shownOnce?.[0] ? <SecretOnce secret={state.shownOnce[0]} /> : null}
      <div className="inline-form">
        <form action={formAction}>
          <SubmitButton className="button small">{l.newKey}</SubmitButton>
        </form>
        {keySet ? (
          <form action={formAction}>
            <input type="hidden" name="revoke" value="on" />
            <SubmitButton className="button small danger">{l.revokeKey}</SubmitButton>
          </form>
        ) : null}
      </div>
    </div>
  );
}
