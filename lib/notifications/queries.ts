import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { notifications } from "@/db/schema";

export const NOTIFICATIONS_PER_PAGE = 30;

/** The user's notifications, newest first, one page at a time. */
export function listNotifications({ userId, page = 1 }: { userId: number; page?: number }) {
  const db = getDb();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .get()?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / NOTIFICATIONS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  const rows = db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      message: notifications.message,
      processId: notifications.processId,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PER_PAGE)
    .offset((current - 1) * NOTIFICATIONS_PER_PAGE)
    .all();
  return { rows, total, page: current, pages };
}

/** A notification of this recipient; anyone else's is "not found". */
export function findOwnNotification({ userId, id }: { userId: number; id: number }) {
  return getDb()
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .get();
}

export function markRead({ userId, id, now = new Date() }: { userId: number; id: number; now?: Date }): void {
  getDb()
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run();
}

export function markAllRead({ userId, now = new Date() }: { userId: number; now?: Date }): number {
  return getDb()
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run().changes;
}
