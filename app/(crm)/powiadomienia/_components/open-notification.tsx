"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

/**
 * The action with the notification's id already bound, by the server page: bound here in the client it
 * would never finish without JavaScript (a new pending reference on every render: vercel/next.js#98045).
 */
type BoundAction = (state: FormState, formData: FormData) => Promise<FormState>;

export function OpenNotification({ action, label }: { action: BoundAction; label: string }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="inline-form">
      <SubmitButton className="button small" pendingText={t.notifications.opening}>
        {t.notifications.open}
        <span className="sr-only"> — {label}</span>
      </SubmitButton>
      {state.status === "error" ? (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
