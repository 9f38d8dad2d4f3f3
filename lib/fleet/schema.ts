import { z } from "zod";
import { t } from "@/lib/i18n";
import { isCalendarDate } from "@/lib/time";
import { optionalText, requiredText } from "@/lib/validation";
import { normalizeVin, vinProblem } from "./vin";

const v = t.common.validation;
const fl = t.fleet;

const vinMessages = { length: fl.vinLength, characters: fl.vinCharacters, checkDigit: fl.vinCheckDigit } as const;

const requiredId = () =>
  z
    .string({ error: v.required })
    .trim()
    .min(1, v.required)
    .regex(/^\d{1,15}$/, v.invalidChoice)
    .transform(Number);

const calendarDate = () =>
  z
    .string({ error: v.required })
    .trim()
    .min(1, v.required)
    .max(20, t.tasks.validation.invalidDate)
    .refine(isCalendarDate, t.tasks.validation.invalidDate);

/** A demo car: "Salon", "Marka", "Model", "Wersja", "Numer rejestracyjny", "VIN". */
export const carSchema = z.object({
  showroomId: requiredId(),
  make: requiredText(40),
  model: requiredText(60),
  version: optionalText(80),
  registration: requiredText(20)
    .transform((value) => value.replace(/[\s-]+/g, "").toUpperCase())
    .refine((value) => /^[A-Z0-9]{2,10}$/.test(value), fl.registrationInvalid),
  vin: requiredText(40)
    .transform(normalizeVin)
    .superRefine((vin, ctx) => {
      const problem = vinProblem(vin);
      if (problem) ctx.addIssue({ code: "custom", message: vinMessages[problem] });
    }),
});
export type CarInput = z.output<typeof carSchema>;

/** A period out of service: "Od dnia", "Do dnia" (inclusive), "Powód". */
export const outageSchema = z
  .object({ fromDate: calendarDate(), toDate: calendarDate(), reason: optionalText(200) })
  .refine((o) => o.toDate >= o.fromDate, { path: ["toDate"], message: fl.outageToBeforeFrom });
export type OutageInput = z.output<typeof outageSchema>;
