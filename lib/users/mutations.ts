import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { users, type User } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/domain";
import { t } from "@/lib/i18n";
import type { NewUserInput } from "./schema";

function emailTaken(db: Executor, email: string, exceptId?: number): boolean {
  const where = exceptId ? and(eq(users.email, email), ne(users.id, exceptId)) : eq(users.email, email);
  return Boolean(db.select({ id: users.id }).from(users).where(where).get());
}

export async function createUser(input: NewUserInput): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  const db = getDb();
  return db.transaction((tx) => {
    const email = input.email.toLowerCase();
    if (emailTaken(tx, email)) throw new UserError(t.common.formHasErrors, { email: [t.users.emailTaken] });
    return tx.insert(users).values({ name: input.name, email, passwordHash, role: input.role }).returning().get();
  });
}

/** True when `id` is the only active administrator left. */
function isLastActiveAdmin(db: Executor, id: number): boolean {
  const admins = db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .all();
  return admins.length === 1 && admins[0].id === id;
}

function getUserOrFail(db: Executor, id: number): User {
  const user = db.select().from(users).where(eq(users.id, id)).get();
  if (!user) throw new UserError(t.users.notFound);
  return user;
}

export function changeRole(id: number, role: Role): void {
  getDb().transaction((db) => {
    const user = getUserOrFail(db, id);
    if (user.role === "admin" && role !== "admin" && isLastActiveAdmin(db, id)) throw new UserError(t.users.lastAdmin);
    db.update(users).set({ role }).where(eq(users.id, id)).run();
  });
}

export function setActive(id: number, active: boolean): void {
  getDb().transaction((db) => {
    const user = getUserOrFail(db, id);
    if (!active && user.role === "admin" && isLastActiveAdmin(db, id)) throw new UserError(t.users.lastAdmin);
    // Deactivation ends every session the user holds (a new session version) and clears the calendar feed's
    // secret, so that reactivation does not bring the old address back.
    db.update(users)
      .set(active ? { active } : { active, sessionVersion: sql`${users.sessionVersion} + 1`, calendarFeedHash: null })
      .where(eq(users.id, id))
      .run();
  });
}

export async function resetPassword(id: number, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  getDb().transaction((tx) => {
    getUserOrFail(tx, id);
    tx.update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, id))
      .run();
  });
}

/** The first start: the administrator from ADMIN_EMAIL / ADMIN_PASSWORD when there are no users. */
export async function ensureFirstAdmin(
  env: Record<string, string | undefined> = process.env,
): Promise<"exists" | "created" | { missing: string[] }> {
  const db = getDb();
  const count =
    db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .get()?.n ?? 0;
  if (count > 0) return "exists";
  const missing = ["ADMIN_EMAIL", "ADMIN_PASSWORD"].filter((name) => !env[name]);
  if (missing.length) return { missing };
  await createUser({
    name: env.ADMIN_NAME || "Administrator",
    email: env.ADMIN_EMAIL!,
    password: env.ADMIN_PASSWORD!,
    role: "admin",
  });
  return "created";
}
