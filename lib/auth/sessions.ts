import "server-only";
import crypto from "node:crypto";
import { and, eq, lte, ne, sql } from "drizzle-orm";
import { defineStatement, type Executor } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { badgeColumns } from "@/lib/navigation/counts";
import { SESSION_MAX_AGE_S } from "./token";

// Session rows: a session exists while its row does. The cookie (lib/auth/token.ts) carries the row's id.

/** Opens a session for the user, inside the caller's transaction (the one that proved who they are). */
export async function openSession(tx: Executor, { userId, now }: { userId: number; now: Date }): Promise<string> {
  const id = crypto.randomBytes(32).toString("base64url");
  await tx
    .insert(sessions)
    .values({ id, userId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_S * 1000) });
  return id;
}

export async function closeSession(tx: Executor, id: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of the user, or every one but `except` (the one that changed the password). */
export async function closeSessionsOf(tx: Executor, { userId, except }: { userId: number; except?: string }) {
  await tx.delete(sessions).where(and(eq(sessions.userId, userId), except ? ne(sessions.id, except) : undefined));
}

export async function removeExpiredSessions(tx: Executor, now: Date): Promise<number> {
  const removed = await tx.delete(sessions).where(lte(sessions.expiresAt, now)).returning({ id: sessions.id });
  return removed.length;
}

const sessionColumns = {
  expiresAt: sessions.expiresAt,
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  totpSecret: users.totpSecret,
};

/** The session with its user, read on every request: one indexed lookup, prepared once. */
export const sessionWithUser = defineStatement((db) =>
  db
    .select(sessionColumns)
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id"))),
);

/** The same for a page, with the navigation's badges of its user (bind `badgeValues(now)` too). */
export const sessionWithUserAndBadges = defineStatement((db) =>
  db
    .select({ ...sessionColumns, ...badgeColumns(db, users.id) })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("id"))),
);
