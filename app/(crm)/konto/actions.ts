"use server";

import { revalidatePath } from "next/cache";
import {
  changeOwnPassword,
  confirmTwoFactor,
  disableTwoFactor,
  signOutEverywhere,
  startTwoFactorSetup,
} from "@/lib/account/mutations";
import { changePasswordSchema, disableTwoFactorSchema, twoFactorCodeSchema } from "@/lib/account/schema";
import { authedAction } from "@/lib/actions/action";
import { endSession } from "@/lib/auth/session";
import { requestClientAddress } from "@/lib/http/client-address";
import { t } from "@/lib/i18n";
import { noInputSchema } from "@/lib/validation";

// "Moje konto": every signed-in user's own, also before a required "Weryfikacja dwuetapowa" is on.
const own = { duringTwoFactorSetup: true };

export const changePasswordAction = authedAction(
  { ...own, schema: changePasswordSchema },
  async ({ user, sessionId, data }) => {
    await changeOwnPassword({
      me: user,
      sessionId,
      currentPassword: data.currentPassword,
      newPassword: data.newPassword,
      address: await requestClientAddress(),
    });
    return { status: "ok", message: t.account.passwordChanged };
  },
);

export const signOutEverywhereAction = authedAction({ ...own, schema: noInputSchema }, async ({ user }) => {
  await signOutEverywhere({ me: user });
  await endSession();
  return { redirectTo: "/login" };
});

export const startTwoFactorAction = authedAction({ ...own, schema: noInputSchema }, async ({ user }) => {
  await startTwoFactorSetup({ me: user });
  revalidatePath("/konto");
  return { status: "ok" };
});

export const confirmTwoFactorAction = authedAction({ ...own, schema: twoFactorCodeSchema }, async ({ user, data }) => {
  const codes = await confirmTwoFactor({ me: user, code: data.code });
  revalidatePath("/konto");
  return { status: "ok", message: t.account.twoFactor.enabled, shownOnce: codes };
});

export const disableTwoFactorAction = authedAction({ schema: disableTwoFactorSchema }, async ({ user, data }) => {
  await disableTwoFactor({ me: user, currentPassword: data.currentPassword, address: await requestClientAddress() });
  revalidatePath("/konto");
  return { status: "ok", message: t.account.twoFactor.disabled };
});
