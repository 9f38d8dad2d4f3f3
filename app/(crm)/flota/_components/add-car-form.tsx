"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { addCar } from "../actions";
import { CarFields } from "./car-fields";

export function AddCarForm({ showrooms }: { showrooms: { id: number; name: string }[] }) {
  const [state, formAction] = useActionState(addCar, initialFormState);
  // After a success the fields start empty again; after an error they keep what was typed.
  const key = state.status === "ok" ? `ok-${state.at}` : "form";
  const empty = {
    showroomId: String(showrooms[0]?.id ?? ""),
    make: "",
    model: "",
    version: "",
    registration: "",
    vin: "",
  };
  return (
    <form action={formAction} className="card stack" noValidate key={key} aria-labelledby="add-car-title">
      <h2 id="add-car-title">{t.fleet.addTitle}</h2>
      <FormMessage state={state} />
      <CarFields idPrefix="new-car" state={state} showrooms={showrooms} defaults={empty} />
      <div>
        <SubmitButton pendingText={t.fleet.adding}>{t.fleet.add}</SubmitButton>
      </div>
    </form>
  );
}
