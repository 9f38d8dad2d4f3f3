import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/password";
import { t } from "@/lib/i18n";
import { newPassword } from "@/lib/users/schema";

const v = t.common.validation;

const currentPassword = z
  .string({ error: v.required })
  .min(1, v.required)
  .max(MAX_PASSWORD_LENGTH, v.tooLong(MAX_PASSWORD_LENGTH));

export const changePasswordSchema = z
  .object({ currentPassword, newPassword })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ["newPassword"],
    message: t.account.samePassword,
  });

export const twoFactorCodeSchema = z.object({
  code: z.string({ error: v.required }).trim().min(1, v.required).max(64, v.tooLong(64)),
});

export const disableTwoFactorSchema = z.object({ currentPassword });
