"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { openNotification } from "../actions";

export function OpenNotification({ id, label }: { id: number; label: string }) {
  const [state, formAction] = useActionState(openNotification.bind(null, id), initialFormState);
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
