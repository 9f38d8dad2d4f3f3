import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { listShowrooms, membershipsByUser } from "@/lib/showrooms/queries";
import { listUsers, successorsByUser } from "@/lib/users/queries";
import { AddUserForm } from "./_components/add-user-form";
import { UserRow } from "./_components/user-row";
import {
  changeUserRole,
  resetUserPassword,
  resetUserTwoFactor,
  setUserActive,
  setUserShowroomsAction,
  unblockUserSignIn,
} from "./actions";

export const metadata: Metadata = { title: t.users.title };

export default async function UsersPage() {
  const me = await requireRole(["admin"]);
  const [users, showrooms, memberships] = await Promise.all([listUsers(), listShowrooms(), membershipsByUser()]);
  const successors = await successorsByUser(memberships);
  const choices = showrooms.map(({ id, name, active }) => ({ id, name, active }));
  return (
    <section className="stack">
      <h1>{t.users.title}</h1>
      <AddUserForm showrooms={choices.filter((showroom) => showroom.active)} />
      <p className="muted">{t.users.count(users.length)}</p>
      <table className="table responsive">
        <thead>
          <tr>
            <th>{t.users.name}</th>
            <th>{t.users.email}</th>
            <th>{t.users.role}</th>
            <th>{t.showrooms.memberships}</th>
            <th>{t.users.status}</th>
            <th>{t.users.actions}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              isSelf={user.id === me.id}
              showrooms={choices}
              memberships={memberships.get(user.id) ?? []}
              successors={user.active ? successors.get(user.id) : undefined}
              actions={{
                changeRole: changeUserRole.bind(null, user.id),
                resetPassword: resetUserPassword.bind(null, user.id),
                setActive: setUserActive.bind(null, user.id),
                setShowrooms: setUserShowroomsAction.bind(null, user.id),
                unblockSignIn: unblockUserSignIn.bind(null, user.id),
                resetTwoFactor: resetUserTwoFactor.bind(null, user.id),
              }}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}
