import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { prepared } from "@/db/client";
import { notifications } from "@/db/schema";

export function countUnread(userId: number): number {
  const count = prepared("unread count", (db) =>
    db
      .select({ n: sql<number>`count(*)` })
      .from(notifications)
      .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt)))
      .prepare(),
  );
  return count.get({ userId })?.n ?? 0;
}
