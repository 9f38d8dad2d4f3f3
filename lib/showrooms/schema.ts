import { z } from "zod";
import { t } from "@/lib/i18n";
import { optionalPhone, optionalText, requiredText } from "@/lib/validation";

export const showroomSchema = z.object({
  name: requiredText(80),
  address: optionalText(200),
  phone: optionalPhone(),
});
export type ShowroomInput = z.output<typeof showroomSchema>;

const v = t.common.validation;

/** A showroom id from a form's select or checkboxes. */
export const showroomId = () =>
  z.coerce
    .number({ error: v.invalidChoice })
    .int({ error: v.invalidChoice })
    .positive({ error: v.invalidChoice })
    .max(Number.MAX_SAFE_INTEGER, { error: v.invalidChoice });

/** The showrooms a user works in (checkboxes "Salony"): at least one. */
export const showroomIds = () =>
  z
    .array(showroomId())
    .max(200, { error: v.invalidChoice })
    .min(1, { error: t.showrooms.membershipsRequired })
    .transform((ids) => [...new Set(ids)]);
