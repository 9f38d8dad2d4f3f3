"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/ui/submit-button";
import { ShowroomCheckboxes, type ShowroomChoice } from "@/app/ui/showroom-checkboxes";
import { Field } from "@/app/ui/field";
import { Options } from "@/app/ui/options";
import { initialFormState, valueOf, valuesOf, type FormState, type BoundAction } from "@/lib/actions/form-state";
import { ROLES, type Role } from "@/lib/domain";
import { t } from "@/lib/i18n";

type Row = {
  id: number;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  twoFactor: boolean;
  /** Addresses sign-in is refused from after failed attempts. */
  signInBlockedFrom: number;
};

/** The row's actions, bound to the user's id by the server page (bound in the client they hang without JavaScript). */
export type UserRowActions = {
  changeRole: BoundAction;
  resetPassword: BoundAction;
  setActive: BoundAction;
  unblockSignIn: BoundAction;
  resetTwoFactor: BoundAction;
  setShowrooms: BoundAction;
};

function Message({ state }: { state: FormState }) {
  if (!state.message) return null;
  const text = state.fieldErrors ? Object.values(state.fieldErrors).flat().join(" ") || state.message : state.message;
  return (
    <p
      className={state.status === "error" ? "field-error" : "success-text"}
      role={state.status === "error" ? "alert" : "status"}
    >
      {text}
    </p>
  );
}

export function UserRow({
  user,
  isSelf,
  actions,
  showrooms,
  memberships,
  successors,
}: {
  user: Row;
  isSelf: boolean;
  actions: UserRowActions;
  /** Every showroom, to tick those the user works in. */
  showrooms: ShowroomChoice[];
  memberships: number[];
  /** Who may take over the user's open processes, when they own any (asked on deactivation). */
  successors?: { openProcesses: number; candidates: { id: number; name: string }[] };
}) {
  const [roleState, roleAction] = useActionState(actions.changeRole, initialFormState);
  const [showroomsState, showroomsAction] = useActionState(actions.setShowrooms, initialFormState);
  const [passwordState, passwordAction] = useActionState(actions.resetPassword, initialFormState);
  const [activeState, activeAction] = useActionState(actions.setActive, initialFormState);
  const [unblockState, unblockAction] = useActionState(actions.unblockSignIn, initialFormState);
  const [twoFactorState, twoFactorAction] = useActionState(actions.resetTwoFactor, initialFormState);
  return (
    <tr className={user.active ? undefined : "dimmed"} data-email={user.email}>
      <td data-label={t.users.name}>
        {user.name} {isSelf ? <span className="muted">{t.users.you}</span> : null}
      </td>
      <td data-label={t.users.email}>{user.email}</td>
      <td data-label={t.users.role}>
        <form action={roleAction} className="inline-form">
          <select name="role" defaultValue={user.role} aria-label={`${t.users.role}: ${user.name}`}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t.labels.role[role]}
              </option>
            ))}
          </select>
          <SubmitButton className="button small">{t.users.changeRole}</SubmitButton>
        </form>
        <Message state={roleState} />
      </td>
      <td data-label={t.showrooms.memberships}>
        {/* Keyed by the answer: after an error the boxes show what was submitted, after a save what is saved. */}
        <form action={showroomsAction} className="stack" key={showroomsState.at ?? "showrooms"}>
          <ShowroomCheckboxes
            idPrefix={`user-${user.id}`}
            showrooms={showrooms}
            checked={
              showroomsState.status === "error" ? valuesOf(showroomsState, "showroomIds").map(Number) : memberships
            }
            state={showroomsState}
            legend={`${t.showrooms.memberships}: ${user.name}`}
          />
          <div>
            <SubmitButton className="button small">{t.showrooms.saveMemberships}</SubmitButton>
          </div>
        </form>
        {showroomsState.status === "ok" ? <Message state={showroomsState} /> : null}
      </td>
      <td data-label={t.users.status}>
        {user.active ? t.users.active : t.users.inactive}
        {user.twoFactor ? <p className="muted">{t.users.twoFactorOn}</p> : null}
        {user.signInBlockedFrom ? <p className="field-error">{t.users.signInBlocked(user.signInBlockedFrom)}</p> : null}
      </td>
      <td data-label={t.users.actions}>
        <form
          action={passwordAction}
          className="inline-form"
          key={passwordState.status === "ok" ? passwordState.at : "pw"}
        >
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            aria-label={`${t.users.newPassword}: ${user.name}`}
            placeholder={t.users.newPassword}
          />
          <SubmitButton className="button small">{t.users.resetPassword}</SubmitButton>
        </form>
        <Message state={passwordState} />
        <form action={activeAction} className="inline-form" key={activeState.at ?? "active"}>
          {user.active ? null : <input type="hidden" name="active" value="on" />}
          {successors ? <SuccessorField user={user} successors={successors} state={activeState} /> : null}
          <SubmitButton className={user.active ? "button small danger" : "button small"}>
            {user.active ? t.users.deactivate : t.users.reactivate}
          </SubmitButton>
        </form>
        {/* The pick-list shows its own error beside it. */}
        {activeState.fieldErrors?.successorId && successors?.candidates.length ? null : <Message state={activeState} />}
        {user.signInBlockedFrom ? (
          <form action={unblockAction} className="inline-form">
            <SubmitButton className="button small">{t.users.unblock}</SubmitButton>
          </form>
        ) : null}
        <Message state={unblockState} />
        {user.twoFactor ? (
          <form action={twoFactorAction} className="inline-form">
            <SubmitButton className="button small">{t.users.resetTwoFactor}</SubmitButton>
          </form>
        ) : null}
        <Message state={twoFactorState} />
      </td>
    </tr>
  );
}

/** "Przejmuje otwarte procesy (N)": required when the user to deactivate owns open processes. */
function SuccessorField({
  user,
  successors,
  state,
}: {
  user: Row;
  successors: { openProcesses: number; candidates: { id: number; name: string }[] };
  state: FormState;
}) {
  const id = `successor-${user.id}`;
  if (successors.candidates.length === 0) return <p className="hint">{t.users.noSuccessor}</p>;
  return (
    <Field id={id} name="successorId" label={t.users.successor(successors.openProcesses)} state={state} required>
      {(control) => (
        <select {...control} name="successorId" defaultValue={valueOf(state, "successorId")}>
          <option value="">{t.users.successorPlaceholder}</option>
          <Options options={successors.candidates.map((candidate) => [String(candidate.id), candidate.name])} />
        </select>
      )}
    </Field>
  );
}
