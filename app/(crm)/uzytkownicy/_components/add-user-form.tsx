"use client";

import { useActionState } from "react";
import { Field, FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { ShowroomCheckboxes, type ShowroomChoice } from "@/app/ui/showroom-checkboxes";
import { initialFormState, valueOf, valuesOf } from "@/lib/actions/form-state";
import { ROLES } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { addUser } from "../actions";

/** `showrooms`: the active ones; with a single one it starts ticked. */
export function AddUserForm({ showrooms }: { showrooms: ShowroomChoice[] }) {
  const [state, formAction] = useActionState(addUser, initialFormState);
  const checked =
    state.status === "error"
      ? valuesOf(state, "showroomIds").map(Number)
      : showrooms.length === 1
        ? [showrooms[0].id]
        : [];
  // After a success the fields start empty again; after an error they keep what was typed.
  const key = state.status === "ok" ? `ok-${state.at}` : "form";
  return (
    <form action={formAction} className="card stack" noValidate key={key}>
      <h2>{t.users.addTitle}</h2>
      <FormMessage state={state} />
      <div className="grid-2">
        <Field id="new-user-name" name="name" label={t.users.name} required state={state}>
          {(control) => <input {...control} name="name" autoComplete="off" defaultValue={valueOf(state, "name")} />}
        </Field>
        <Field id="new-user-email" name="email" label={t.users.email} required state={state}>
          {(control) => (
            <input {...control} name="email" type="email" autoComplete="off" defaultValue={valueOf(state, "email")} />
          )}
        </Field>
        <Field
          id="new-user-password"
          name="password"
          label={t.users.password}
          required
          state={state}
          hint={t.users.passwordTooShort}
        >
          {(control) => <input {...control} name="password" type="password" autoComplete="new-password" />}
        </Field>
        <Field id="new-user-role" name="role" label={t.users.role} required state={state}>
          {(control) => (
            <select {...control} name="role" defaultValue={valueOf(state, "role", "salesperson")}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t.labels.role[role]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ShowroomCheckboxes idPrefix="new-user" showrooms={showrooms} checked={checked} state={state} required />
      <div>
        <SubmitButton pendingText={t.users.adding}>{t.users.add}</SubmitButton>
      </div>
    </form>
  );
}
