import { z } from "zod";
import { ROLES } from "@/lib/domain";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { t } from "@/lib/i18n";
import { showroomIds } from "@/lib/showrooms/schema";
import { checkbox, choice, emailAddress, optionalId, requiredText } from "@/lib/validation";

/** A password someone sets (a new user's, a reset, "Nowe hasło"). */
export const newPassword = z
  .string({ error: t.common.validation.required })
  .min(MIN_PASSWORD_LENGTH, t.users.passwordTooShort)
  .max(MAX_PASSWORD_LENGTH, t.common.validation.tooLong(MAX_PASSWORD_LENGTH));

export const newUserSchema = z.object({
  name: requiredText(120),
  email: emailAddress(),
  password: newPassword,
  role: choice(ROLES),
  showroomIds: showroomIds(),
});
export type NewUserInput = z.output<typeof newUserSchema>;

export const changeRoleSchema = z.object({ role: choice(ROLES) });
export const resetPasswordSchema = z.object({ password: newPassword });
export const userShowroomsSchema = z.object({ showroomIds: showroomIds() });

/** "Dezaktywuj" / "Aktywuj"; who takes over the user's open processes, when they have any. */
export const setActiveSchema = z.object({
  active: checkbox(),
  successorId: optionalId(),
});
