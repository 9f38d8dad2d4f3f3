"use server";

import { z } from "zod";
import { publicAction, UserError } from "@/lib/actions/action";
import { verifyCredentials } from "@/lib/auth/credentials";
import { startSession } from "@/lib/auth/session";
import { t } from "@/lib/i18n";
import { withoutNul } from "@/lib/validation";

const signInSchema = z.object({
  email: z.string().overwrite(withoutNul).trim().max(254).default(""),
  password: z.string().max(200).default(""),
});

export const signIn = publicAction({ schema: signInSchema }, async ({ data }) => {
  if (!data.email || !data.password) throw new UserError(t.auth.invalidCredentials);
  const result = await verifyCredentials(data.email, data.password);
  if (!result.ok) {
    throw new UserError(result.reason === "locked" ? t.auth.locked(result.minutes) : t.auth.invalidCredentials);
  }
  await startSession(result.user);
  return { redirectTo: "/procesy" };
});
