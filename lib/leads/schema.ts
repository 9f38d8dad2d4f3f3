import { z } from "zod";
import { LEAD_SOURCE_KINDS, LEAD_SOURCES } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { showroomId } from "@/lib/showrooms/schema";
import { choice, requiredText } from "@/lib/validation";

const v = t.common.validation;

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: v.invalidChoice })
    .int({ error: v.invalidChoice })
    .min(min, { error: `${min}–${max}` })
    .max(max, { error: `${min}–${max}` });

/** "Źródła leadów": a source's settings as the admin's form sends them. */
export const leadSourceSchema = z.object({
  name: requiredText(80),
  kind: choice(LEAD_SOURCE_KINDS),
  showroomId: showroomId(),
  processSource: choice(LEAD_SOURCES),
  firstContactMinutes: wholeNumber(1, 10_080),
  rateLimitPerMinute: wholeNumber(1, 100_000),
  assigneeIds: z
    .array(showroomId())
    .max(500, { error: v.invalidChoice })
    .transform((ids) => [...new Set(ids)]),
});
export type LeadSourceInput = z.output<typeof leadSourceSchema>;

/** The same form when editing: the kind stays what it was. */
export const leadSourceEditSchema = leadSourceSchema.omit({ kind: true });
export type LeadSourceEditInput = z.output<typeof leadSourceEditSchema>;
