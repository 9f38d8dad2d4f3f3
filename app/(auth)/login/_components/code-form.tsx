"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { cancelSignIn, signInCode } from "../actions";

export function CodeForm() {
  const [state, formAction] = useActionState(signInCode, initialFormState);
  return (
    <div className="stack">
      <form action={formAction} className="stack" noValidate>
        <FormMessage state={state} />
        <Field id="code" label={t.auth.code} state={state} required>
          {(control) => (
            <input
              {...control}
              name="code"
              type="text"
              autoComplete="one-time-code"
              autoCapitalize="none"
              spellCheck={false}
              required
              key={`code-${state.at}`}
            />
          )}
        </Field>
        <SubmitButton pendingText={t.auth.codeSubmitting}>{t.auth.codeSubmit}</SubmitButton>
      </form>
      <form action={cancelSignIn}>
        <button type="submit" className="button link">
          {t.auth.cancel}
        </button>
      </form>
    </div>
  );
}
