import { z } from "zod";
import { t } from "@/lib/i18n";
import { RETENTION_PAGE } from "./retention-limits";

const a = t.customers.anonymize;

/** The typed confirmation of an irreversible anonymisation: exactly the word, nothing else. */
const confirmation = () =>
  z
    .string({ error: a.confirmationWrong })
    .max(40, a.confirmationWrong)
    .refine((value) => value.trim() === a.confirmationWord, a.confirmationWrong);

export const anonymizeSchema = z.object({
  reason: z
    .string({ error: a.reasonRequired })
    .trim()
    .min(1, a.reasonRequired)
    .max(500, t.common.validation.tooLong(500)),
  confirmation: confirmation(),
});

/** "Do anonimizacji": the chosen customers (checkbox values: ids) or everyone listed, confirmed. */
export const retentionSchema = z
  .object({
    customerIds: z
      .array(z.string().regex(/^\d{1,15}$/, t.common.validation.invalidChoice))
      .max(RETENTION_PAGE, t.common.validation.invalidChoice)
      .transform((ids) => ids.map(Number)),
    scope: z.enum(["chosen", "all"], { error: t.common.validation.invalidChoice }),
    confirmation: confirmation(),
  })
  .superRefine((input, ctx) => {
    if (input.scope === "chosen" && input.customerIds.length === 0)
      ctx.addIssue({ code: "custom", path: ["customerIds"], message: t.customers.retention.noneChosen });
  });
