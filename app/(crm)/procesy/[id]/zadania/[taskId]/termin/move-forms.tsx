"use client";

import { useActionState, useState } from "react";
import { FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, valueOf, type BoundAction, type FormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { TaskTimeFields, type TimeDefaults } from "../../../_task-form/time-fields";

/** "Zmień termin": the task's time fields, filled with its current time. */
export function MoveTaskForm({
  action,
  defaults,
  allDay,
}: {
  action: BoundAction;
  defaults: TimeDefaults;
  allDay: boolean;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <MoveFields key={state.at ?? "new"} state={state} formAction={formAction} defaults={defaults} allDay={allDay} />
  );
}

function MoveFields({
  state,
  formAction,
  defaults,
  allDay: initiallyAllDay,
}: {
  state: FormState;
  formAction: (formData: FormData) => void;
  defaults: TimeDefaults;
  allDay: boolean;
}) {
  const [allDay, setAllDay] = useState(state.values ? valueOf(state, "allDay") === "on" : initiallyAllDay);
  return (
    <form action={formAction} className="stack" noValidate aria-labelledby="move-task-title">
      <FormMessage state={state} />
      <TaskTimeFields state={state} defaults={defaults} allDay={allDay} onAllDayChange={setAllDay} />
      <div>
        <SubmitButton pendingText={t.tasks.saving}>{t.tasks.save}</SubmitButton>
      </div>
    </form>
  );
}

/** "Usuń zadanie": one button; the server decides whether the process may lose it. */
export function DropTaskForm({ action }: { action: BoundAction }) {
  const [state, formAction] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="stack" aria-labelledby="drop-task-title">
      <FormMessage state={state} />
      <div>
        <SubmitButton className="button danger" pendingText={t.tasks.saving}>
          {t.tasks.drop.button}
        </SubmitButton>
      </div>
    </form>
  );
}
