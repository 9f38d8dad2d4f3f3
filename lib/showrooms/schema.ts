import { z } from "zod";
import { t } from "@/lib/i18n";
import { isClockTime } from "@/lib/time";
import { MAX_ID, optionalPhone, optionalText, requiredText } from "@/lib/validation";

const v = t.common.validation;

/** "08:00": a working day's hour, as a time field sends it. */
const clockTime = () =>
  z
    .string({ error: v.required })
    .trim()
    .min(1, { error: v.required, abort: true })
    .max(10, t.showrooms.invalidHour)
    .refine(isClockTime, t.showrooms.invalidHour);

/** "Nazwa", "Adres", "Telefon", and the working day ("Godzina otwarcia", "Godzina zamknięcia") an all-day test drive books. */
export const showroomSchema = z
  .object({
    name: requiredText(80),
    address: optionalText(200),
    phone: optionalPhone(),
    opensAt: clockTime(),
    closesAt: clockTime(),
  })
  // HH:MM compares as text; a malformed hour has its own error already.
  .refine(({ opensAt, closesAt }) => !isClockTime(opensAt) || !isClockTime(closesAt) || closesAt > opensAt, {
    path: ["closesAt"],
    message: t.showrooms.closesBeforeOpens,
  });
export type ShowroomInput = z.output<typeof showroomSchema>;

/** A showroom id from a form's select or checkboxes. */
export const showroomId = () =>
  z.coerce
    .number({ error: v.invalidChoice })
    .int({ error: v.invalidChoice })
    .positive({ error: v.invalidChoice })
    .max(MAX_ID, { error: v.invalidChoice });

/** The showrooms a user works in (checkboxes "Salony"): at least one. */
export const showroomIds = () =>
  z
    .array(showroomId())
    .max(200, { error: v.invalidChoice })
    .min(1, { error: t.showrooms.membershipsRequired })
    .transform((ids) => [...new Set(ids)]);
