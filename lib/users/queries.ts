import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { defineStatement, getDb } from "@/db/client";
import { users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/session";
import { blockedAddressCounts } from "@/lib/auth/throttle";
import { isManager } from "@/lib/domain";

const publicColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  createdAt: users.createdAt,
};

/** "Użytkownicy": everyone, with whether two-step sign-in is on and from how many addresses sign-in is refused. */
export async function listUsers() {
  const rows = await getDb()
    .select({
      ...publicColumns,
      twoFactor: sql<number>`case when ${users.totpSecret} is null then 0 else 1 end`.mapWith(Boolean),
    })
    .from(users)
    .orderBy(asc(users.name));
  const blocked = await blockedAddressCounts(
    getDb(),
    rows.map((user) => user.email),
  );
  return rows.map((user) => ({ ...user, signInBlockedFrom: blocked.get(user.email) ?? 0 }));
}

export async function findUser(id: number) {
  const [user] = await getDb().select(publicColumns).from(users).where(eq(users.id, id));
  return user;
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

/** A user whose numbers the viewer may see: themselves, or anyone for a manager; undefined is "not found". */
export async function findVisibleUser({ viewer, id }: { viewer: Viewer; id: number }) {
  if (!isManager(viewer) && id !== viewer.id) return undefined;
  return findUser(id);
}

// ---------------------------------------------------------------- pick-lists

const ownerOptions = defineStatement((db) =>
  db
    .select({ id: users.id, name: users.name, active: users.active, role: users.role })
    .from(users)
    .orderBy(desc(users.active), asc(users.name)),
);

/** Users a manager can filter processes by or hand a process to, active first; the caller marks inactive ones. */
export function listOwnerOptions() {
  return ownerOptions({}).all();
}

/** People whose tasks a manager can switch "Moje zadania" to: active salespeople and managers. */
export function listTaskOwners(): Promise<{ id: number; name: string }[]> {
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ["salesperson", "manager"])))
    .orderBy(asc(users.name));
}

/** Whose calendar a manager may pick: every active user. */
export function listCalendarUsers(): Promise<{ id: number; name: string }[]> {
  return getDb()
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.active, true))
    .orderBy(asc(users.name));
}
