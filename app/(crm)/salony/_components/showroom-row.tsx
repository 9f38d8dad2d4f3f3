"use client";

import { useActionState } from "react";
import { FormMessage } from "@/app/ui/field";
import { SubmitButton } from "@/app/ui/submit-button";
import { initialFormState, type BoundAction } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { ShowroomFields } from "./showroom-fields";

type Row = {
  id: number;
  name: string;
  address: string;
  phone: string;
  opensAt: string;
  closesAt: string;
  active: boolean;
  people: number;
};

/** The row's actions, bound to the showroom's id by the server page (bound in the client they hang without JavaScript). */
export type ShowroomRowActions = { edit: BoundAction; setActive: BoundAction };

export function ShowroomRow({ showroom, actions }: { showroom: Row; actions: ShowroomRowActions }) {
  const [editState, editAction] = useActionState(actions.edit, initialFormState);
  const [activeState, activeAction] = useActionState(actions.setActive, initialFormState);
  const s = t.showrooms;
  return (
    <tr className={showroom.active ? undefined : "dimmed"} data-showroom={showroom.name}>
      <td data-label={s.name}>
        {/* Keyed by the answer: after a save the fields show the saved values. */}
        <form action={editAction} className="stack" noValidate key={editState.at ?? "edit"}>
          <FormMessage state={editState} />
          <ShowroomFields
            idPrefix={`showroom-${showroom.id}`}
            state={editState}
            defaults={{
              name: showroom.name,
              address: showroom.address,
              phone: showroom.phone,
              opensAt: showroom.opensAt,
              closesAt: showroom.closesAt,
            }}
          />
          <div>
            <SubmitButton className="button small">{s.save}</SubmitButton>
          </div>
        </form>
      </td>
      <td data-label={s.status}>{showroom.active ? s.active : s.inactive}</td>
      <td data-label={s.people} className="num">
        {showroom.people}
      </td>
      <td data-label={s.actions}>
        <form action={activeAction} className="inline-form">
          {showroom.active ? null : <input type="hidden" name="active" value="on" />}
          <SubmitButton className={showroom.active ? "button small danger" : "button small"}>
            {showroom.active ? s.deactivate : s.reactivate}
          </SubmitButton>
        </form>
        <FormMessage state={activeState} />
      </td>
    </tr>
  );
}
