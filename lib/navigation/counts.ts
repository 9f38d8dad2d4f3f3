import "server-only";
import { count, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifications, tasks } from "@/db/schema";
import { unreadOf } from "@/lib/notifications/counts";
import { dueBoundary, dueOf } from "@/lib/tasks/counts";

export type NavigationBadges = { unread: number; due: number };

/**
 * The navigation's badges as columns of a prepared statement, for the user `userId` names: unread
 * notifications, and planned tasks overdue or due today (bind `badgeValues(now)`). Every page shows them,
 * so the page's session read carries them (lib/auth/sessions.ts): one statement for both, on PostgreSQL
 * one round trip.
 */
export function badgeColumns(db: Db, userId: SQLWrapper) {
  const before = sql.placeholder("badgesDueBefore");
  return {
    unread: sql<number>`(${db.select({ n: count() }).from(notifications).where(unreadOf(userId))})`.mapWith(Number),
    due: sql<number>`(${db.select({ n: count() }).from(tasks).where(dueOf(userId, before))})`.mapWith(Number),
  };
}

/** The values `badgeColumns` binds at `now`. */
export const badgeValues = (now: Date) => ({ badgesDueBefore: dueBoundary(now) });
