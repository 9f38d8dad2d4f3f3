"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { signOutEverywhereAction } from "../actions";

export function SignOutEverywhereForm() {
  const [state, formAction] = useActionState(signOutEverywhereAction, initialFormState);
  return (
    <form action={formAction} className="card stack">
      <h2>{t.account.sessionsTitle}</h2>
      <FormMessage state={state} />
      <p>{t.account.sessionsIntro}</p>
      <div>
        <SubmitButton className="button danger">{t.account.signOutEverywhere}</SubmitButton>
      </div>
    </form>
  );
}
