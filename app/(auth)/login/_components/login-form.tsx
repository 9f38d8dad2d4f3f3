"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { signIn } from "../actions";

export function LoginForm() {
  const [state, formAction] = useActionState(signIn, initialFormState);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <div className="field">
        <label htmlFor="email">{t.auth.email}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-required="true"
          defaultValue={valueOf(state, "email")}
          key={`email-${state.at}`}
        />
      </div>
      <div className="field">
        <label htmlFor="password">{t.auth.password}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-required="true"
        />
      </div>
      <SubmitButton pendingText={t.auth.submitting}>{t.auth.submit}</SubmitButton>
    </form>
  );
}
