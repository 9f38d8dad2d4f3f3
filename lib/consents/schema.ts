import { z } from "zod";
import { STAFF_CONSENT_SOURCES } from "@/lib/domain";
import { checkbox, choice } from "@/lib/validation";

/** The panel's "Zapisz zgody": each channel's box (ticked: consent, unticked: none) and where it came from. */
export const consentsFormSchema = z
  .object({
    phone: checkbox(),
    sms: checkbox(),
    email: checkbox(),
    source: choice(STAFF_CONSENT_SOURCES),
  })
  .transform(({ source, ...channels }) => ({ source, channels }));
export type ConsentsFormInput = z.output<typeof consentsFormSchema>;
