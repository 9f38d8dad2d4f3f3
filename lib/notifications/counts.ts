import "server-only";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { defineStatement } from "@/db/client";
import { notifications } from "@/db/schema";

const unread = defineStatement((db) =>
  db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt))),
);

export async function countUnread(userId: number): Promise<number> {
  return (await unread({}).get({ userId }))?.n ?? 0;
}
