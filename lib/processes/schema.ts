import { z } from "zod";
import { LEAD_SOURCES, PROCESS_STATUSES, type ConsentChannel, type ProcessStatus } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { showroomId } from "@/lib/showrooms/schema";
import { checkbox, choice, MAX_ID, optionalId, optionalPhone, optionalText, withoutNul } from "@/lib/validation";

const p = t.processes;
const v = t.common.validation;

const emailField = () =>
  z
    .string()
    .trim()
    .max(254, v.tooLong(254))
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      if (!z.email().safeParse(value).success) {
        ctx.addIssue({ code: "custom", message: v.invalidEmail });
        return z.NEVER;
      }
      return value.toLowerCase();
    });

export const newProcessSchema = z
  .object({
    firstName: optionalText(80),
    lastName: optionalText(120),
    phone: optionalPhone(),
    email: emailField(),
    brand: optionalText(60),
    model: optionalText(80),
    vehicleNotes: optionalText(1000),
    source: choice(LEAD_SOURCES),
    ownerId: optionalId(),
    /** "Salon"; may be left out when the user has one showroom to choose from. */
    showroomId: optionalId(),
    /** The customer the form offered after finding a duplicate, and what the user chose. */
    existingCustomerId: optionalId(),
    customerChoice: z.enum(["existing", "new"]).optional(),
    consentPhone: checkbox(),
    consentSms: checkbox(),
    consentEmail: checkbox(),
  })
  .transform(({ consentPhone, consentSms, consentEmail, ...input }) => ({
    ...input,
    consents: { phone: consentPhone, sms: consentSms, email: consentEmail } satisfies Record<ConsentChannel, boolean>,
  }))
  .superRefine((input, ctx) => {
    if (!input.firstName && !input.lastName)
      ctx.addIssue({ code: "custom", path: ["lastName"], message: p.nameRequired });
    if (!input.phone && !input.email) ctx.addIssue({ code: "custom", path: ["phone"], message: p.contactRequired });
  });
export type NewProcessInput = z.output<typeof newProcessSchema>;

export const changeStatusSchema = z
  .object({
    status: choice(PROCESS_STATUSES),
    reason: optionalText(1000),
  })
  .transform((input) => ({
    status: input.status as ProcessStatus,
    reason: input.status === "resigned" ? input.reason : undefined,
  }))
  .superRefine((input, ctx) => {
    if (input.status === "resigned" && !input.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: p.reasonRequired });
  });
export type ChangeStatusInput = z.output<typeof changeStatusSchema>;

export const changeOwnerSchema = z.object({
  ownerId: z.coerce
    .number({ error: v.invalidChoice })
    .int({ error: v.invalidChoice })
    .positive({ error: v.invalidChoice })
    .max(MAX_ID, { error: v.invalidChoice }),
});

/** The panel's "Zmień salon": the showroom and who owns the process there (the current owner if left out). */
export const changeShowroomSchema = z.object({
  showroomId: showroomId(),
  ownerId: optionalId(),
});

export const LIST_FLAGS = ["no_contact", "overdue"] as const;
export const LIST_SORTS = ["activity", "created"] as const;
export const PAGE_SIZE = 20;

const lenient = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** The list's filters, read from the query string: anything unknown is ignored, not an error. */
export const listFiltersSchema = z.object({
  q: lenient(z.string().overwrite(withoutNul).trim().max(100)).transform((q) => q || undefined),
  status: lenient(z.enum(PROCESS_STATUSES)),
  /** A user id, or "inactive" for every deactivated user's processes. */
  owner: lenient(z.union([z.literal("inactive"), z.coerce.number().int().positive().max(MAX_ID)])),
  /** "Salon": a showroom id. */
  salon: lenient(z.coerce.number().int().positive().max(MAX_ID)),
  flag: lenient(z.enum(LIST_FLAGS)),
  sort: z.enum(LIST_SORTS).catch("activity").default("activity"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type ListFilters = z.output<typeof listFiltersSchema>;

/** Next's searchParams (a value may repeat) as the list's filters. */
export function parseListFilters(params: Record<string, string | string[] | undefined>): ListFilters {
  const first = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  return listFiltersSchema.parse(first);
}

const idValue = (message: string) =>
  z.coerce
    .number({ error: message })
    .int({ error: message })
    .positive({ error: message })
    .max(MAX_ID, { error: message });

/**
 * "Zmień opiekuna zaznaczonych": the new owner, and the ticked processes or every one matching the
 * list's filters (sent along with the form and applied again on the server).
 */
export const handOverSchema = listFiltersSchema
  .pick({ q: true, status: true, owner: true, salon: true, flag: true })
  .extend({
    ownerId: idValue(p.handOver.chooseOwner),
    scope: choice(["selected", "filter"]),
    processIds: z.array(idValue(v.invalidChoice)).max(PAGE_SIZE, { error: v.invalidChoice }),
  })
  .superRefine((input, ctx) => {
    if (input.scope === "selected" && input.processIds.length === 0)
      ctx.addIssue({ code: "custom", path: ["processIds"], message: p.handOver.noneSelected });
  });
