"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, type BoundAction } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";

export function UndoImportForm({ action }: { action: BoundAction }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="stack">
      <FormMessage state={state} />
      <p className="hint">{t.imports.undoHint(24)}</p>
      <div>
        <SubmitButton className="button danger">{t.imports.undo}</SubmitButton>
      </div>
    </form>
  );
}
