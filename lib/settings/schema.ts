import { z } from "zod";
import { t } from "@/lib/i18n";

const wording = () =>
  z
    .string({ error: t.settings.textRequired })
    .trim()
    .min(1, t.settings.textRequired)
    .max(4000, t.common.validation.tooLong(4000));

/** "Ustawienia": the wording of each consent. */
export const consentTextsSchema = z.object({ phone: wording(), sms: wording(), email: wording() });
