"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action";
import { createFeedSecret, feedUrl, revokeFeedSecret } from "@/lib/calendar/feed";
import { t } from "@/lib/i18n";
import { noInputSchema } from "@/lib/validation";

/** A new private feed address for the signed-in user (replacing any old one); shown once, in the answer. */
export const createCalendarFeed = authedAction({ schema: noInputSchema }, async ({ user }) => {
  const secret = await createFeedSecret({ userId: user.id });
  revalidatePath("/kalendarz");
  return { status: "ok", message: t.calendar.feed.created, values: { feedUrl: feedUrl(secret) } };
});

export const revokeCalendarFeed = authedAction({ schema: noInputSchema }, async ({ user }) => {
  await revokeFeedSecret({ userId: user.id });
  revalidatePath("/kalendarz");
  return { status: "ok", message: t.calendar.feed.revoked };
});
