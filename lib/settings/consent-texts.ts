import "server-only";
import { inArray } from "drizzle-orm";
import { defineStatement, getDb, transaction, type Executor } from "@/db/client";
import { settings } from "@/db/schema";
import { recordEvent } from "@/lib/audit/record";
import type { Viewer } from "@/lib/auth/session";
import { CONSENT_CHANNELS, type ConsentChannel } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { assertAdmin } from "@/lib/users/admin";

export type ConsentTexts = Record<ConsentChannel, string>;

const keyOf = (channel: ConsentChannel) => `consent_text.${channel}`;

const savedTexts = defineStatement((db) =>
  db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, CONSENT_CHANNELS.map(keyOf))),
);

/** The dealership's current wording of each consent: what "Ustawienia" saved, else the default. */
export async function consentTexts(db: Executor = getDb()): Promise<ConsentTexts> {
  const rows = await savedTexts({}, db).all();
  const saved = new Map(rows.map((row) => [row.key, row.value]));
  return Object.fromEntries(
    CONSENT_CHANNELS.map((channel) => [channel, saved.get(keyOf(channel)) ?? t.consents.defaultText[channel]]),
  ) as ConsentTexts;
}

/** Saves the wording of the consents (an active administrator's, checked inside the transaction); only what changed. */
export function saveConsentTexts({
  user,
  texts,
  now = new Date(),
}: {
  user: Viewer;
  texts: ConsentTexts;
  now?: Date;
}): Promise<{ changed: ConsentChannel[] }> {
  return transaction(async (tx) => {
    await assertAdmin(tx, user);
    const current = await consentTexts(tx);
    const changed = CONSENT_CHANNELS.filter((channel) => texts[channel] !== current[channel]);
    for (const channel of changed) {
      await tx
        .insert(settings)
        .values({ key: keyOf(channel), value: texts[channel], updatedById: user.id, updatedAt: now })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value: texts[channel], updatedById: user.id, updatedAt: now },
        });
    }
    if (changed.length) {
      await recordEvent(tx, {
        kind: "settings_changed",
        userId: user.id,
        details: { consentTexts: changed.join(",") },
        at: now,
      });
    }
    return { changed };
  });
}
