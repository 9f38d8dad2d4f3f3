import "server-only";
import { defineStatement, valueOf, type Executor } from "@/db/client";
import { notifications } from "@/db/schema";
import type { NotificationKind } from "@/lib/domain";

export type NewNotification = {
  userId: number;
  kind: NotificationKind;
  message: string;
  processId?: number | null;
  taskId?: number | null;
  noteId?: number | null;
  /** Who caused it; nobody is notified of their own doing. */
  actorId?: number | null;
  at?: Date;
};

/**
 * Stores a notification, inside the caller's transaction. E-mail copies are sent later by the
 * notification worker (rows with no `emailedAt`), so a slow mail server never holds up a save.
 */
export async function notify(tx: Executor, notification: NewNotification): Promise<void> {
  if (notification.actorId != null && notification.actorId === notification.userId) return;
  await insertNotification({ at: !!notification.at }, tx).all({
    userId: notification.userId,
    kind: notification.kind,
    message: notification.message,
    processId: notification.processId ?? null,
    taskId: notification.taskId ?? null,
    noteId: notification.noteId ?? null,
    actorId: notification.actorId ?? null,
    at: notification.at,
  });
}

/** Built once, run in the caller's transaction; without `at` the database's clock stamps it. */
const insertNotification = defineStatement((db, { at }: { at: boolean }) =>
  db
    .insert(notifications)
    .values({
      userId: valueOf("userId"),
      kind: valueOf("kind"),
      message: valueOf("message"),
      processId: valueOf("processId"),
      taskId: valueOf("taskId"),
      noteId: valueOf("noteId"),
      actorId: valueOf("actorId"),
      ...(at ? { createdAt: valueOf("at") } : {}),
    })
    .returning({ id: notifications.id }),
);

/**
 * Where a notification leads (the panel's "Otwórz", the e-mail's link): its process, or for processes
 * handed over in bulk the recipient's own list.
 */
export function notificationPath(notification: { kind: NotificationKind; userId: number; processId: number | null }) {
  if (notification.kind === "handed_over") return `/procesy?owner=${notification.userId}`;
  return notification.processId ? `/procesy/${notification.processId}` : null;
}
