"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { markAllNotificationsRead } from "../actions";

export function MarkAllRead({ disabled }: { disabled: boolean }) {
  const [state, formAction] = useActionState(markAllNotificationsRead, initialFormState);
  return (
    <form action={formAction} className="stack">
      <FormMessage state={state} />
      {disabled ? null : (
        <div>
          <SubmitButton className="button" pendingText={t.notifications.markingAllRead}>
            {t.notifications.markAllRead}
          </SubmitButton>
        </div>
      )}
    </form>
  );
}
