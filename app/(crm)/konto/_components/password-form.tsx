"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { changePasswordAction } from "../actions";

const a = t.account;

export function PasswordForm() {
  const [state, formAction] = useActionState(changePasswordAction, initialFormState);
  const password = (id: string, name: string, label: string, autoComplete: string) => (
    <Field id={id} name={name} label={label} state={state} required>
      {(control) => <input {...control} name={name} type="password" autoComplete={autoComplete} required />}
    </Field>
  );
  return (
    // Emptied after every answer: passwords never come back.
    <form action={formAction} className="card stack" noValidate key={state.at ?? "password"}>
      <h2>{a.passwordTitle}</h2>
      <FormMessage state={state} />
      {password("current-password", "currentPassword", a.currentPassword, "current-password")}
      {password("new-password", "newPassword", a.newPassword, "new-password")}
      <div>
        <SubmitButton pendingText={a.changingPassword}>{a.changePassword}</SubmitButton>
      </div>
    </form>
  );
}
