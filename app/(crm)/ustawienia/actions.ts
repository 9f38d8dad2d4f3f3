"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action";
import { t } from "@/lib/i18n";
import { saveConsentTexts } from "@/lib/settings/consent-texts";
import { consentTextsSchema } from "@/lib/settings/schema";

export const saveConsentTextsAction = authedAction(
  { schema: consentTextsSchema, roles: ["admin"] },
  async ({ user, data }) => {
    const { changed } = await saveConsentTexts({ user, texts: data });
    if (changed.length) revalidatePath("/ustawienia");
    return { status: "ok", message: changed.length ? t.settings.saved : t.settings.unchanged };
  },
);
