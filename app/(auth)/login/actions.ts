"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction, UserError, type ActionResult } from "@/lib/actions/action";
import { beginSecondStep, endSecondStep, pendingSecondStep } from "@/lib/auth/second-step";
import { startSession } from "@/lib/auth/session";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import { attemptSignIn, type SignInOutcome } from "@/lib/auth/sign-in";
import { MAX_EMAIL_LENGTH } from "@/lib/auth/throttle";
import { requestClientAddress } from "@/lib/http/client-address";
import { t } from "@/lib/i18n";
import { withoutNul } from "@/lib/validation";

const signInSchema = z.object({
  email: z.string().overwrite(withoutNul).trim().max(MAX_EMAIL_LENGTH).default(""),
  password: z.string().max(MAX_PASSWORD_LENGTH).default(""),
});

/** The password step: signed in, or on to "Kod weryfikacyjny" (the login page shows it while its cookie lasts). */
export const signIn = publicAction({ schema: signInSchema }, async ({ data }) => {
  if (!data.email || !data.password) throw new UserError(t.auth.invalidCredentials);
  const outcome = await attemptSignIn({
    step: "password",
    email: data.email,
    password: data.password,
    address: await requestClientAddress(),
  });
  return answer(outcome, t.auth.invalidCredentials);
});

const codeSchema = z.object({ code: z.string().trim().max(64).default("") });

/** The code step of "Weryfikacja dwuetapowa", for whoever passed the password step a moment ago. */
export const signInCode = publicAction({ schema: codeSchema }, async ({ data }) => {
  const pending = await pendingSecondStep();
  if (!pending) throw new UserError(t.auth.secondStepExpired);
  if (!data.code) throw new UserError(t.common.formHasErrors, { code: [t.common.validation.required] });
  const outcome = await attemptSignIn({
    step: "code",
    userId: pending.userId,
    code: data.code,
    address: await requestClientAddress(),
  });
  return answer(outcome, t.auth.invalidCode, "code");
});

/** "Anuluj" on the code step: back to the password. */
export async function cancelSignIn(): Promise<void> {
  await endSecondStep();
  redirect("/login");
}

async function answer(outcome: SignInOutcome, invalid: string, field?: string): Promise<ActionResult> {
  switch (outcome.result) {
    case "signed-in":
      await endSecondStep();
      await startSession(outcome.user, outcome.sessionId);
      return { redirectTo: "/procesy" };
    case "code-needed":
      await beginSecondStep(outcome.user.id);
      return { redirectTo: "/login" };
    case "refused": {
      const message = outcome.reason === "blocked" ? t.auth.locked(outcome.minutes) : invalid;
      throw new UserError(message, field ? { [field]: [message] } : undefined);
    }
  }
}
