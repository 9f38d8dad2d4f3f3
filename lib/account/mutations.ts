import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, transaction, type Executor } from "@/db/client";
import { users, type User } from "@/db/schema";
import { UserError } from "@/lib/actions/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session";
import { closeSessionsOf } from "@/lib/auth/sessions";
import { throttledCheck } from "@/lib/auth/sign-in";
import { forgiveAttempt, type Attempter } from "@/lib/auth/throttle";
import { clearTwoFactor, newBackupCodes, newTotpSecret, storeBackupCodes, totpStep } from "@/lib/auth/two-factor";
import { config } from "@/lib/config";
import { t } from "@/lib/i18n";

// "Moje konto": what a signed-in user changes about their own sign-in.

type Me = Pick<SessionUser, "id" | "email" | "role">;
const a = t.account;

/**
 * "Obecne hasło", checked under the same throttle as signing in (a stolen session must not become a way
 * to guess the password). Answers the form when it is wrong; the row it proved when it is right.
 */
async function proveCurrentPassword(me: Me, password: string, address: string | null, now: Date): Promise<User> {
  const who: Attempter = { account: me.email, address };
  const proof = await throttledCheck(who, now, async () => {
    const [user] = await getDb().select().from(users).where(eq(users.id, me.id));
    return user && (await verifyPassword(password, user.passwordHash)) ? user : null;
  });
  if ("proven" in proof) return proof.proven;
  const message = proof.refused === "blocked" ? t.auth.locked(proof.minutes) : a.wrongPassword;
  throw new UserError(t.common.formHasErrors, { currentPassword: [message] });
}

async function currentRow(tx: Executor, id: number): Promise<User> {
  const [user] = await tx.select().from(users).where(eq(users.id, id));
  if (!user?.active) throw new UserError(t.common.sessionExpired);
  return user;
}

/** "Zmień hasło": the other sessions end; this one stays. */
export async function changeOwnPassword({
  me,
  sessionId,
  currentPassword,
  newPassword,
  address,
  now = new Date(),
}: {
  me: Me;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  address: string | null;
  now?: Date;
}): Promise<void> {
  const proven = await proveCurrentPassword(me, currentPassword, address, now);
  const passwordHash = await hashPassword(newPassword);
  await transaction(async (tx) => {
    await forgiveAttempt(tx, { account: me.email, address });
    // Unless the password changed since it was proven (another tab, an administrator's reset).
    const changed = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, me.id), eq(users.active, true), eq(users.passwordHash, proven.passwordHash)))
      .returning({ id: users.id });
    if (changed.length === 0) throw new UserError(t.common.formHasErrors, { currentPassword: [a.wrongPassword] });
    await closeSessionsOf(tx, { userId: me.id, except: sessionId });
  });
}

/** "Wyloguj wszędzie": every session of the user ends, this one too. */
export function signOutEverywhere({ me }: { me: Me }): Promise<void> {
  return transaction((tx) => closeSessionsOf(tx, { userId: me.id }));
}

/** The first step of "Weryfikacja dwuetapowa": a new secret, shown as a QR code until a code confirms it. */
export function startTwoFactorSetup({ me }: { me: Me }): Promise<void> {
  return transaction(async (tx) => {
    const user = await currentRow(tx, me.id);
    if (user.totpSecret) throw new UserError(a.twoFactor.alreadyOn);
    await tx.update(users).set({ totpPendingSecret: newTotpSecret() }).where(eq(users.id, me.id));
  });
}

/** A right code turns it on; the ten backup codes come back to be shown once (only their hashes are kept). */
export function confirmTwoFactor({
  me,
  code,
  now = new Date(),
}: {
  me: Me;
  code: string;
  now?: Date;
}): Promise<string[]> {
  return transaction(async (tx) => {
    const user = await currentRow(tx, me.id);
    if (user.totpSecret) throw new UserError(a.twoFactor.alreadyOn);
    if (!user.totpPendingSecret) throw new UserError(a.twoFactor.noSetup);
    const step = totpStep(user.totpPendingSecret, code.replace(/\s/g, ""), now);
    if (step === null) throw new UserError(t.common.formHasErrors, { code: [a.twoFactor.invalidCode] });
    await tx
      .update(users)
      .set({ totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpLastStep: step })
      .where(eq(users.id, me.id));
    const codes = newBackupCodes();
    await storeBackupCodes(tx, me.id, codes);
    return codes;
  });
}

/** Turning it off asks for "Obecne hasło"; a role that REQUIRE_2FA names cannot. */
export async function disableTwoFactor({
  me,
  currentPassword,
  address,
  now = new Date(),
}: {
  me: Me;
  currentPassword: string;
  address: string | null;
  now?: Date;
}): Promise<void> {
  if (config.requireTwoFactorRoles.includes(me.role)) throw new UserError(a.twoFactor.requiredForRole);
  await proveCurrentPassword(me, currentPassword, address, now);
  await transaction(async (tx) => {
    await forgiveAttempt(tx, { account: me.email, address });
    await clearTwoFactor(tx, me.id);
  });
}
