import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { notifications, processes } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { visibleTo } from "@/lib/processes/access";

export const NOTIFICATIONS_PER_PAGE = 30;

/**
 * The user's notifications, newest first, one page at a time. A notification links to its process only
 * while the user may see it (a process moved to another showroom or owner since is not theirs to open).
 */
export async function listNotifications({ user, page = 1 }: { user: Viewer; page?: number }) {
  const userId = user.id;
  const db = getDb();
  const [{ n: total }] = await db.select({ n: count() }).from(notifications).where(eq(notifications.userId, userId));
  const pages = Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      message: notifications.message,
      processId: processes.id,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .leftJoin(processes, and(eq(processes.id, notifications.processId), visibleTo(user)))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PER_PAGE)
    .offset((current - 1) * NOTIFICATIONS_PER_PAGE);
  return { rows, total, page: current, pages };
}

/** A notification of this recipient; anyone else's is "not found". */
export async function findOwnNotification({ userId, id }: { userId: number; id: number }) {
  const [notification] = await getDb()
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return notification;
}

/** Marks one of the recipient's notifications read; anyone else's is not touched. */
export function markRead({ userId, id, now = new Date() }: { userId: number; id: number; now?: Date }): Promise<void> {
  return transaction(async (tx) => {
    await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)));
  });
}

export function markAllRead({ userId, now = new Date() }: { userId: number; now?: Date }): Promise<number> {
  return transaction(async (tx) => {
    const marked = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return marked.length;
  });
}
