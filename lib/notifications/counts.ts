import "server-only";
import { and, count, eq, isNull, sql, type SQLWrapper } from "drizzle-orm";
import { defineStatement } from "@/db/client";
import { notifications } from "@/db/schema";

/** A user's unread notifications: the navigation's badge and "Powiadomienia" count these. */
export const unreadOf = (userId: SQLWrapper) => and(eq(notifications.userId, userId), isNull(notifications.readAt));

const unread = defineStatement((db) =>
  db
    .select({ n: count() })
    .from(notifications)
    .where(unreadOf(sql.placeholder("userId"))),
);

export async function countUnread(userId: number): Promise<number> {
  return (await unread({}).get({ userId }))?.n ?? 0;
}
