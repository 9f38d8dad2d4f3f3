"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authedAction } from "@/lib/actions/action";
import { createFeedSecret, feedUrl, revokeFeedSecret } from "@/lib/calendar/feed";
import { t } from "@/lib/i18n";

/** A new private feed address for the signed-in user (replacing any old one); shown once, in the answer. */
export const createCalendarFeed = authedAction({ schema: z.object({}) }, ({ user }) => {
  const secret = createFeedSecret({ userId: user.id });
  revalidatePath("/kalendarz");
  return { status: "ok", message: t.calendar.feed.created, values: { feedUrl: feedUrl(secret) } };
});

export const revokeCalendarFeed = authedAction({ schema: z.object({}) }, ({ user }) => {
  revokeFeedSecret({ userId: user.id });
  revalidatePath("/kalendarz");
  return { status: "ok", message: t.calendar.feed.revoked };
});
