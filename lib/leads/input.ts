import { z } from "zod";
import { normalizePhone } from "@/lib/customers/phone";
import { CONSENT_CHANNELS, type ConsentChannel } from "@/lib/domain";
import { t } from "@/lib/i18n";
import "@/lib/validation";

const e = t.leads.errors;

/** A lead as every way in delivers it (JSON, a form post, ADF, the mailbox, the public form): checked here, once. */
export type LeadInput = z.output<typeof leadSchema>;
/** The answer's `{ "errors": { field: [messages] } }`. */
export type LeadErrors = Record<string, string[]>;

// C0 controls other than tab, line feed and carriage return, DEL and the C1 controls.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK = /[\t\n\r]/;

/** A text field: a string (or nothing), trimmed, at most `max` characters, without control characters. */
const text = (max: number, { multiline = false } = {}) =>
  z
    .string({ error: e.notText })
    .max(max, e.tooLong(max))
    .refine((value) => !CONTROL.test(value) && (multiline || !LINE_BREAK.test(value.trim())), e.controlCharacters)
    .transform((value) => value.trim() || undefined)
    .nullish()
    .transform((value) => value ?? undefined);

const phone = z
  .union([z.string({ error: e.notText }), z.number({ error: e.notText })])
  .nullish()
  .transform((value, ctx) => {
    const typed = value == null ? "" : String(value).trim();
    if (!typed) return undefined;
    const normalized = typed.length <= 40 && !CONTROL.test(typed) ? normalizePhone(typed) : null;
    if (!normalized) {
      ctx.addIssue({ code: "custom", message: e.invalidPhone });
      return z.NEVER;
    }
    return normalized;
  });

/** Built once: zod makes a schema's checks anew on every z.email(). */
const emailFormat = z.email();

const email = z
  .string({ error: e.notText })
  .nullish()
  .transform((value, ctx) => {
    const typed = value?.trim() ?? "";
    if (!typed) return undefined;
    if (typed.length > 254 || !emailFormat.safeParse(typed).success) {
      ctx.addIssue({ code: "custom", message: e.invalidEmail });
      return z.NEVER;
    }
    return typed.toLowerCase();
  });

const consent = z
  .union([z.boolean(), z.enum(["true", "false", "on", "1", "0", "yes", "no", "tak", "nie"])], { error: e.notBoolean })
  .nullish()
  .transform((value) =>
    value == null ? undefined : value === true || ["true", "on", "1", "yes", "tak"].includes(value as string),
  );

export const leadSchema = z
  .object(
    {
      firstName: text(100),
      lastName: text(100),
      phone,
      email,
      brand: text(100),
      model: text(100),
      message: text(5000, { multiline: true }),
      externalId: text(200),
      utmSource: text(200),
      utmMedium: text(200),
      utmCampaign: text(200),
      consents: z
        .object(
          { phone: consent, sms: consent, email: consent, text: text(2000, { multiline: true }) },
          { error: e.wrongShape },
        )
        .nullish(),
    },
    { error: e.wrongShape },
  )
  .superRefine((lead, ctx) => {
    if (!lead.phone && !lead.email) {
      ctx.addIssue({ code: "custom", path: ["phone"], message: e.contactRequired });
      ctx.addIssue({ code: "custom", path: ["email"], message: e.contactRequired });
    }
  });

/** Checks a lead; the errors are keyed by field (`consents.phone` for nested ones, `body` for the whole). */
export function parseLead(value: unknown): { lead: LeadInput } | { errors: LeadErrors } {
  const parsed = leadSchema.safeParse(value);
  if (parsed.success) return { lead: parsed.data };
  const errors: LeadErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "body";
    (errors[field] ??= []).push(issue.message);
  }
  return { errors };
}

/** The consents a lead declared: only what it says (a channel left out is not touched). */
export function declaredConsents(lead: LeadInput): Partial<Record<ConsentChannel, boolean>> {
  const declared: Partial<Record<ConsentChannel, boolean>> = {};
  for (const channel of CONSENT_CHANNELS) {
    const value = lead.consents?.[channel];
    if (value !== undefined) declared[channel] = value;
  }
  return declared;
}

/** The field names of common dealer lead forms, as the lead's own. */
const DEALER_FORM_FIELDS: Record<string, string> = {
  client_first_name: "firstName",
  client_last_name: "lastName",
  client_phone: "phone",
  client_email: "email",
  utm_source: "utmSource",
  utm_medium: "utmMedium",
  utm_campaign: "utmCampaign",
  external_id: "externalId",
  consent_phone: "consents.phone",
  consent_sms: "consents.sms",
  consent_email: "consents.email",
  consent_text: "consents.text",
};
const LEAD_FIELDS = new Set(Object.keys(leadSchema.shape).filter((field) => field !== "consents"));

/** A form post (either field set) as a lead's JSON shape; the last of repeated fields counts. */
export function leadFromForm(fields: URLSearchParams): Record<string, unknown> {
  const lead: Record<string, unknown> = {};
  const consents: Record<string, unknown> = {};
  for (const [name, value] of fields) {
    const field = Object.hasOwn(DEALER_FORM_FIELDS, name) ? DEALER_FORM_FIELDS[name] : name;
    if (field.startsWith("consents.")) {
      const channel = field.slice("consents.".length);
      if ([...CONSENT_CHANNELS, "text"].includes(channel)) consents[channel] = value;
    } else if (LEAD_FIELDS.has(field)) {
      lead[field] = value;
    }
  }
  if (Object.keys(consents).length) lead.consents = consents;
  return lead;
}
