import "server-only";
import { count, sql } from "drizzle-orm";
import { defineStatement } from "@/db/client";
import { notifications, tasks } from "@/db/schema";
import { unreadOf } from "@/lib/notifications/counts";
import { dueBoundary, dueOf } from "@/lib/tasks/counts";

const userId = sql.placeholder("userId");

/** Both of the navigation's badges in one statement: every page of the app reads them. */
const badges = defineStatement((db) =>
  db
    .select({
      unread: sql<number>`(${db.select({ n: count() }).from(notifications).where(unreadOf(userId))})`.mapWith(Number),
      due: sql<number>`(${db
        .select({ n: count() })
        .from(tasks)
        .where(dueOf(userId, sql.placeholder("before")))})`.mapWith(Number),
    })
    .from(sql`(select 1) as one`),
);

/** The navigation's badges: unread notifications, and planned tasks overdue or due today. */
export async function navigationBadges(userId: number, now = new Date()): Promise<{ unread: number; due: number }> {
  const row = await badges({}).get({ userId, before: dueBoundary(now) });
  return { unread: row?.unread ?? 0, due: row?.due ?? 0 };
}
