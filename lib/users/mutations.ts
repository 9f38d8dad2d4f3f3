import "server-only";
import { and, asc, count, eq, inArray, ne, notInArray } from "drizzle-orm";
import { forUpdate, getDb, isUniqueViolation, transaction, type Executor } from "@/db/client";
import { processes, showrooms, userShowrooms, users, type User } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { recordEvent } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { closeSessionsOf } from "@/lib/auth/sessions";
import { unblockAccount } from "@/lib/auth/throttle";
import { clearTwoFactor } from "@/lib/auth/two-factor";
import { config } from "@/lib/config";
import type { SessionUser } from "@/lib/auth/session";
import { OPEN_STATUSES, type Role } from "@/lib/domain";
import { t } from "@/lib/i18n";
import { assertOwnerOf, handOver } from "@/lib/processes/handover";
import { assertAdmin, type Admin } from "./admin";
import type { NewUserInput } from "./schema";

async function emailTaken(tx: Executor, email: string, exceptId?: number): Promise<boolean> {
  const where = exceptId ? and(eq(users.email, email), ne(users.id, exceptId)) : eq(users.email, email);
  const found = await tx.select({ id: users.id }).from(users).where(where);
  return found.length > 0;
}

/** Adds a user working in `input.showroomIds` (the first administrator, made by the system: in every active showroom). */
export async function createUser({ actor, input }: { actor: Admin | "system"; input: NewUserInput }): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  const taken = () => new UserError(t.common.formHasErrors, { email: [t.users.emailTaken] });
  try {
    return await transaction(async (tx) => {
      if (actor !== "system") await assertAdmin(tx, actor);
      const email = input.email.toLowerCase();
      if (await emailTaken(tx, email)) throw taken();
      const showroomIds =
        actor === "system"
          ? (
              await tx
                .select({ id: showrooms.id })
                .from(showrooms)
                .where(eq(showrooms.active, true))
                .orderBy(asc(showrooms.id))
            ).map((showroom) => showroom.id)
          : await existingShowrooms(tx, input.showroomIds);
      const [user] = await tx
        .insert(users)
        .values({ name: input.name, email, passwordHash, role: input.role })
        .returning();
      await tx.insert(userShowrooms).values(showroomIds.map((showroomId) => ({ userId: user.id, showroomId })));
      await recordEvent(tx, {
        kind: "user_created",
        userId: actor === "system" ? null : actor.id,
        details: { targetUserId: user.id, role: user.role },
      });
      return user;
    });
  } catch (error) {
    // The same e-mail added at the same moment elsewhere: the unique index refused this one.
    throw isUniqueViolation(error, users.email) ? taken() : error;
  }
}

/** The ids, checked to name showrooms (deactivated ones too): a form may have been drawn before a change. */
async function existingShowrooms(tx: Executor, ids: readonly number[]): Promise<number[]> {
  const found = ids.length
    ? await tx
        .select({ id: showrooms.id })
        .from(showrooms)
        .where(inArray(showrooms.id, [...ids]))
    : [];
  if (found.length !== ids.length || ids.length === 0) {
    throw new UserError(t.common.formHasErrors, {
      showroomIds: [ids.length ? t.common.validation.invalidChoice : t.showrooms.membershipsRequired],
    });
  }
  return found.map((showroom) => showroom.id).sort((a, b) => a - b);
}

/** "Salony" of a user in "Użytkownicy": the showrooms they work in from now on (at least one). */
export function setUserShowrooms({
  actor,
  id,
  showroomIds,
}: {
  actor: Admin;
  id: number;
  showroomIds: readonly number[];
}): Promise<void> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    await getUserOrFail(tx, id);
    const wanted = await existingShowrooms(tx, showroomIds);
    // The owner of an open process works in its showroom (its manager sees it there): they leave one only
    // once its open processes have another owner.
    const [kept] = await tx
      .select({ name: showrooms.name })
      .from(processes)
      .innerJoin(showrooms, eq(showrooms.id, processes.showroomId))
      .where(
        and(
          eq(processes.ownerId, id),
          inArray(processes.status, [...OPEN_STATUSES]),
          notInArray(processes.showroomId, wanted),
        ),
      )
      .limit(1);
    if (kept) {
      throw new UserError(t.common.formHasErrors, { showroomIds: [t.showrooms.ownsOpenProcesses(kept.name)] });
    }
    // Only what changes is written: memberships are inserted and deleted, never updated (lib/data-cache.ts).
    await tx
      .delete(userShowrooms)
      .where(and(eq(userShowrooms.userId, id), notInArray(userShowrooms.showroomId, wanted)));
    const remaining = await tx
      .select({ showroomId: userShowrooms.showroomId })
      .from(userShowrooms)
      .where(eq(userShowrooms.userId, id));
    const added = wanted.filter((showroomId) => !remaining.some((row) => row.showroomId === showroomId));
    if (added.length) await tx.insert(userShowrooms).values(added.map((showroomId) => ({ userId: id, showroomId })));
  });
}

/**
 * True when `id` is the only active administrator left. The administrators stay locked until the change
 * commits: two demoting each other at once on PostgreSQL cannot both see the other one still there.
 */
async function isLastActiveAdmin(tx: Executor, id: number): Promise<boolean> {
  const admins = await forUpdate(
    tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "admin"), eq(users.active, true)))
      .orderBy(users.id),
  );
  return admins.length === 1 && admins[0].id === id;
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
    if (user.role !== role) {
      await recordEvent(tx, {
        kind: "user_role_changed",
        userId: actor.id,
        details: { targetUserId: id, from: user.role, to: role },
      });
    }
  });
}

/**
 * "Dezaktywuj" / "Aktywuj". A user who owns open processes hands them over in the same transaction to
 * `successorId` (an active user of each of their showrooms), so that no open process is left with an
 * inactive owner; their planned tasks follow, as in any hand-over.
 */
export function setActive({
  actor,
  id,
  active,
  successorId,
  now = new Date(),
}: {
  actor: Admin & Pick<SessionUser, "name">;
  id: number;
  active: boolean;
  successorId?: number;
  now?: Date;
}): Promise<{ handedOver: number; successorName?: string }> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    // Locked: a hand-over to this user at the same moment (which locks its new owner) waits, or is waited for.
    const [user] = await forUpdate(tx.select().from(users).where(eq(users.id, id)));
    if (!user) throw new UserError(t.users.notFound);
    if (!active && user.role === "admin" && (await isLastActiveAdmin(tx, id))) throw new UserError(t.users.lastAdmin);
    const handed = active ? { handedOver: 0 } : await handOverOpenProcesses(tx, { actor, user, successorId, now });
    // Deactivation ends every session the user holds and clears the calendar feed's secret, so that
    // reactivation does not bring the old address back.
    await tx
      .update(users)
      .set(active ? { active } : { active, calendarFeedHash: null })
      .where(eq(users.id, id));
    if (!active) await closeSessionsOf(tx, { userId: id });
    if (user.active !== active) {
      await recordEvent(tx, {
        kind: active ? "user_reactivated" : "user_deactivated",
        userId: actor.id,
        details: { targetUserId: id },
      });
    }
    return handed;
  });
}

/** The open processes of a user being deactivated go to their successor, who is required if there are any. */
async function handOverOpenProcesses(
  tx: Executor,
  {
    actor,
    user,
    successorId,
    now,
  }: { actor: Admin & Pick<SessionUser, "name">; user: User; successorId: number | undefined; now: Date },
): Promise<{ handedOver: number; successorName?: string }> {
  const open = await forUpdate(
    tx
      .select()
      .from(processes)
      .where(and(eq(processes.ownerId, user.id), inArray(processes.status, [...OPEN_STATUSES])))
      .orderBy(asc(processes.id)),
  );
  if (open.length === 0) return { handedOver: 0 };
  const required = t.users.successorRequired(open.length);
  if (successorId === undefined || successorId === user.id) {
    throw new UserError(t.common.formHasErrors, { successorId: [required] });
  }
  const successorName = await assertOwnerOf(
    tx,
    successorId,
    open.map((process) => process.showroomId),
    "successorId",
  );
  await handOver(tx, { user: actor, processes: open, ownerId: successorId, now });
  return { handedOver: open.length, successorName };
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
    await recordEvent(tx, { kind: "user_password_reset", userId: actor.id, details: { targetUserId: id } });
  });
}

/** "Odblokuj logowanie": the user's failed sign-ins, from every address, are forgotten. */
export function unblockSignIn({ actor, id }: { actor: Admin; id: number }): Promise<void> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    const user = await getUserOrFail(tx, id);
    await unblockAccount(tx, user.email);
    await recordEvent(tx, { kind: "user_sign_in_unblocked", userId: actor.id, details: { targetUserId: id } });
  });
}

/** For a user who lost their phone and their backup codes: sign-in asks for the password alone again. */
export function resetTwoFactor({ actor, id }: { actor: Admin; id: number }): Promise<void> {
  return transaction(async (tx) => {
    await assertAdmin(tx, actor);
    await getUserOrFail(tx, id);
    await clearTwoFactor(tx, id);
    await recordEvent(tx, { kind: "user_two_factor_reset", userId: actor.id, details: { targetUserId: id } });
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
    input: {
      name: admin.name || "Administrator",
      email: admin.email,
      password: admin.password,
      role: "admin",
      showroomIds: [],
    },
  });
  return "created";
}
