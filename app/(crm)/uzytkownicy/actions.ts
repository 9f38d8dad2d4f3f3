"use server";

import { revalidatePath } from "next/cache";
import { authedAction, authedActionFor } from "@/lib/actions/action";
import { t } from "@/lib/i18n";
import {
  changeRole,
  createUser,
  resetPassword,
  resetTwoFactor,
  setActive,
  setUserShowrooms,
  unblockSignIn,
} from "@/lib/users/mutations";
import { findUser } from "@/lib/users/queries";
import {
  changeRoleSchema,
  newUserSchema,
  resetPasswordSchema,
  setActiveSchema,
  userShowroomsSchema,
} from "@/lib/users/schema";
import { noInputSchema } from "@/lib/validation";

const adminOnly = { roles: ["admin"] as const };
const loadUser = ({ id }: { id: number }) => findUser(id);

export const addUser = authedAction(
  { ...adminOnly, schema: newUserSchema, arrays: ["showroomIds"] },
  async ({ user: actor, data }) => {
    const user = await createUser({ actor, input: data });
    revalidatePath("/uzytkownicy");
    return { status: "ok", message: t.users.added(user.name) };
  },
);

export const changeUserRole = authedActionFor(
  { ...adminOnly, schema: changeRoleSchema, load: loadUser },
  async ({ user, data, resource }) => {
    await changeRole({ actor: user, id: resource.id, role: data.role });
    revalidatePath("/uzytkownicy");
    return { status: "ok", message: t.users.roleChanged };
  },
);

export const resetUserPassword = authedActionFor(
  { ...adminOnly, schema: resetPasswordSchema, load: loadUser },
  async ({ user, data, resource }) => {
    await resetPassword({ actor: user, id: resource.id, password: data.password });
    return { status: "ok", message: t.users.passwordReset };
  },
);

export const setUserActive = authedActionFor(
  { ...adminOnly, schema: setActiveSchema, load: loadUser },
  async ({ user, data, resource }) => {
    const { handedOver, successorName } = await setActive({
      actor: user,
      id: resource.id,
      active: data.active,
      successorId: data.successorId,
    });
    revalidatePath("/uzytkownicy");
    revalidatePath("/procesy");
    if (data.active) return { status: "ok", message: t.users.reactivated };
    return {
      status: "ok",
      message: handedOver ? t.users.deactivatedHandedOver(handedOver, successorName ?? "") : t.users.deactivated,
    };
  },
);

export const setUserShowroomsAction = authedActionFor(
  { ...adminOnly, schema: userShowroomsSchema, arrays: ["showroomIds"], load: loadUser },
  async ({ user, data, resource }) => {
    await setUserShowrooms({ actor: user, id: resource.id, showroomIds: data.showroomIds });
    revalidatePath("/uzytkownicy");
    return { status: "ok", message: t.showrooms.membershipsSaved };
  },
);

export const unblockUserSignIn = authedActionFor(
  { ...adminOnly, schema: noInputSchema, load: loadUser },
  async ({ user, resource }) => {
    await unblockSignIn({ actor: user, id: resource.id });
    revalidatePath("/uzytkownicy");
    return { status: "ok", message: t.users.unblocked };
  },
);

export const resetUserTwoFactor = authedActionFor(
  { ...adminOnly, schema: noInputSchema, load: loadUser },
  async ({ user, resource }) => {
    await resetTwoFactor({ actor: user, id: resource.id });
    revalidatePath("/uzytkownicy");
    return { status: "ok", message: t.users.twoFactorReset };
  },
);
