"use server";

import { z } from "zod";
import { publicAction } from "@/lib/actions/action";
import { UserError } from "@/lib/actions/errors";
import type { FormState } from "@/lib/actions/form-state";
import { t } from "@/lib/i18n";
import { requestClientAddress } from "@/lib/http/client-address";
import { parseLead } from "@/lib/leads/input";
import { logRejection, receiveLead } from "@/lib/leads/intake";
import { MAX_LEAD_BYTES, rejectionSummary } from "@/lib/leads/http";
import { findFormSource } from "@/lib/leads/sources";
import { checkbox, isId } from "@/lib/validation";

const f = t.leads.form;
const text = z.string().max(MAX_LEAD_BYTES).optional();
/** The form's fields as sent; what they must hold is the lead's rule (lib/leads/input.ts). */
const enquirySchema = z.object({
  firstName: text,
  lastName: text,
  phone: text,
  email: text,
  message: text,
  consentPhone: checkbox(),
  consentSms: checkbox(),
  consentEmail: checkbox(),
  /** The honeypot: hidden from people, filled in by bots. */
  website: text,
});
/** The lead's field names as the form's. */
const FORM_FIELD: Record<string, string> = {
  "consents.phone": "consentPhone",
  "consents.sms": "consentSms",
  "consents.email": "consentEmail",
};

/** "Wyślij" on `/formularz/<source>`: the public enquiry form of a `Formularz WWW` source. */
export async function sendEnquiry(sourceId: number, state: FormState, formData: FormData): Promise<FormState> {
  const action = publicAction({ schema: enquirySchema }, async ({ data }) => {
    const source = isId(sourceId) ? await findFormSource(sourceId) : undefined;
    if (!source) throw new UserError(t.common.notFound);
    let size = 0;
    for (const [, value] of formData) size += typeof value === "string" ? value.length : MAX_LEAD_BYTES;
    if (size > MAX_LEAD_BYTES) throw new UserError(t.leads.errors.tooLarge);
    // A bot is thanked like anyone and nothing is made.
    if (data.website) {
      await logRejection({ sourceId: source.id, error: "honeypot" });
      return { status: "ok", message: f.thanks };
    }
    const parsed = parseLead({
      firstName: data.firstName,
      lastName: data.lastName,
      phone: data.phone,
      email: data.email,
      message: data.message,
      // An unticked box withdraws nothing an existing customer gave.
      consents: {
        phone: data.consentPhone || undefined,
        sms: data.consentSms || undefined,
        email: data.consentEmail || undefined,
      },
    });
    if ("errors" in parsed) {
      await logRejection({ sourceId: source.id, error: rejectionSummary(parsed.errors) });
      const fieldErrors = Object.fromEntries(
        Object.entries(parsed.errors).map(([field, messages]) => [FORM_FIELD[field] ?? field, messages]),
      );
      throw new UserError(t.common.formHasErrors, fieldErrors);
    }
    const outcome = await receiveLead({
      sourceId: source.id,
      lead: parsed.lead,
      consentSource: "web_form",
      address: await requestClientAddress(),
    });
    if (outcome.status === 429) throw new UserError(f.tooMany);
    if (outcome.status !== 200 && outcome.status !== 201) throw new UserError(t.common.genericError);
    return { status: "ok", message: f.thanks };
  });
  return action(state, formData);
}
