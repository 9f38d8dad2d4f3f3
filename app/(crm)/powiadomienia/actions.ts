"use server";

import { revalidatePath } from "next/cache";
import { authedAction, authedActionFor } from "@/lib/actions/action";
import { t } from "@/lib/i18n";
import { findOwnNotification, markAllRead, markRead } from "@/lib/notifications/queries";
import { notificationPath } from "@/lib/notifications/notify";
import { findVisibleProcess } from "@/lib/processes/access";
import { noInputSchema } from "@/lib/validation";

/** Opens a notification: marks it read and goes to its process, if the user may still see it. Only its recipient finds it. */
export const openNotification = authedActionFor(
  { schema: noInputSchema, load: ({ user, id }) => findOwnNotification({ userId: user.id, id }) },
  async ({ user, resource }) => {
    await markRead({ userId: user.id, id: resource.id });
    revalidatePath("/powiadomienia");
    // A process the user may no longer see (handed on since) leads back here.
    const gone = resource.processId && !(await findVisibleProcess({ user, id: resource.processId }));
    return { redirectTo: (!gone && notificationPath(resource)) || "/powiadomienia" };
  },
);

export const markAllNotificationsRead = authedAction({ schema: noInputSchema }, async ({ user }) => {
  await markAllRead({ userId: user.id });
  revalidatePath("/powiadomienia");
  return { status: "ok", message: t.notifications.allMarkedRead };
});
