import { z } from "zod";
import { ROLES } from "@/lib/domain";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { t } from "@/lib/i18n";
import { showroomIds } from "@/lib/showrooms/schema";
import { choice, emailAddress, requiredText } from "@/lib/validation";

const password = z
  .string({ error: t.common.validation.required })
  .min(MIN_PASSWORD_LENGTH, t.users.passwordTooShort)
  .max(200, t.common.validation.tooLong(200));

export const newUserSchema = z.object({
  name: requiredText(120),
  email: emailAddress(),
  password,
  role: choice(ROLES),
  showroomIds: showroomIds(),
});
export type NewUserInput = z.output<typeof newUserSchema>;

export const changeRoleSchema = z.object({ role: choice(ROLES) });
export const resetPasswordSchema = z.object({ password });
export const userShowroomsSchema = z.object({ showroomIds: showroomIds() });
