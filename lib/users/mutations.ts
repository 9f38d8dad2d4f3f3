import "server-only";
import { and, count, eq, ne } from "drizzle-orm";
import { getDb, transaction, type Executor } from "@/db/client";
import { users, type User } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { hashPassword } from "@/lib/auth/password";
import { closeSessionsOf } from "@/lib/auth/sessions";
import { unblockAccount } from "@/lib/auth/throttle";
import { clearTwoFactor } from "@/lib/auth/two-factor";
import { config } from "@/lib/config";
import type { SessionUser } from "@/lib/auth/session";
import type { Role } from "@/lib/domain";
import { t } from "@/lib/i18n";
import type { NewUserInput } from "./schema";

async function emailTaken(tx: Executor, email: string, exceptId?: number): Promise<boolean> {
  const where = exceptId ? and(eq(users.email, email), ne(users.id, exceptId)) : eq(users.email, email);
  const found = await tx.select({ id: users.id }).from(users).where(where);
  return found.length > 0;
}

export async function createUser({ actor, input }: { actor: Admin | "system"; input: NewUserInput }): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return transaction(async (tx) => {
    if (actor !== "system") await assertAdmin(tx, actor);
    const email = input.email.toLowerCase();
    if (await emailTaken(tx, email)) throw new UserError(t.common.formHasErrors, { email: [t.users.emailTaken] });
    const [user] = await tx
      .insert(users)
      .values({ name: input.name, email, passwordHash, role: input.role })
      .returning();
    return user;
  });
}

/** True when `id` is the only active administrator left. */
async function isLastActiveAdmin(tx: Executor, id: number): Promise<boolean> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)));
  return admins.length === 1 && admins[0].id === id;
}

type Admin = Pick<SessionUser, "id" | "role">;

/** Managing users is an active administrator's: checked inside the change's transaction, whoever calls. */
async function assertAdmin(tx: Executor, actor: Admin): Promise<void> {
  const [current] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, actor.id), eq(users.role, "admin"), eq(users.active, true)));
  if (!current) throw new UserError(t.common.notAllowed);
}

async function getUserOrFail(tx: Executor, id: number): Promise<User> {
  const [user] = await tx.select().from(users).where(eq(users.id, id));
  if (!user) throw new UserError(t.users.notFound);
  return user;
}

export function changeRole({ actor, id, role }: { actor: Admin; id: number; role: Role }): Promise<void> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const user = await getUserOrFail(tx, id);
    if (user.role === "admin" && role !== "admin" && (await isLastActiveAdmin(tx, id))) {
      throw new UserError(t.users.lastAdmin);
    }
    await tx.update(users).set({ role }).where(eq(users.id, id));
  });
}

export function setActive({ actor, id, active }: { actor: Admin; id: number; active: boolean }): Promise<void> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const user = await getUserOrFail(tx, id);
    if (!active && user.role === "admin" && (await isLastActiveAdmin(tx, id))) throw new UserError(t.users.lastAdmin);
    // Deactivation ends every session the user holds and clears the calendar feed's secret, so that
    // reactivation does not bring the old address back.
    await tx
      .update(users)
      .set(active ? { active } : { active, calendarFeedHash: null })
      .where(eq(users.id, id));
    if (!active) await closeSessionsOf(tx, { userId: id });
  });
}

export async function resetPassword({
  actor,
  id,
  password,
}: {
  actor: Admin;
  id: number;
  password: string;
}): Promise<void> {
  const passwordHash = await hashPassword(password);
  await transaction(async (tx) => {
    await assertAdmin(tx, actor);
    await getUserOrFail(tx, id);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, id));
    await closeSessionsOf(tx, { userId: id });
  });
}

/** "Odblokuj logowanie": the user's failed sign-ins, from every address, are forgotten. */
export function unblockSignIn({ actor, id }: { actor: Admin; id: number }): Promise<void> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const user = await getUserOrFail(tx, id);
    await unblockAccount(tx, user.email);
  });
}

/** For a user who lost their phone and their backup codes: sign-in asks for the password alone again. */
export function resetTwoFactor({ actor, id }: { actor: Admin; id: number }): Promise<void> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    await getUserOrFail(tx, id);
    await clearTwoFactor(tx, id);
  });
}

/** The first start: the administrator from ADMIN_EMAIL / ADMIN_PASSWORD when there are no users. */
export async function ensureFirstAdmin(
  admin: { email: string; password: string; name?: string } = config.firstAdmin,
): Promise<"exists" | "created" | { missing: string[] }> {
  const [{ n }] = await getDb().select({ n: count() }).from(users);
  if (n > 0) return "exists";
  const missing = [!admin.email && "ADMIN_EMAIL", !admin.password && "ADMIN_PASSWORD"].filter((name): name is string =>
    Boolean(name),
  );
  if (missing.length) return { missing };
  await createUser({
    actor: "system",
    input: { name: admin.name || "Administrator", email: admin.email, password: admin.password, role: "admin" },
  });
  return "created";
}
