"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { addShowroom } from "../actions";
import { ShowroomFields } from "./showroom-fields";

export function AddShowroomForm() {
  const [state, formAction] = useActionState(addShowroom, initialFormState);
  // After a success the fields start empty again; after an error they keep what was typed.
  const key = state.status === "ok" ? `ok-${state.at}` : "form";
  return (
    <form action={formAction} className="card stack" noValidate key={key}>
      <h2>{t.showrooms.addTitle}</h2>
      <FormMessage state={state} />
      <ShowroomFields idPrefix="new-showroom" state={state} />
      <div>
        <SubmitButton pendingText={t.showrooms.adding}>{t.showrooms.add}</SubmitButton>
      </div>
    </form>
  );
}
