import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { loginFailures, users, type User } from "@/db/schema";
import { recordSignIn } from "@/lib/audit/sign-in";
import { burnPasswordCheck, hashPassword, passwordNeedsRehash, verifyPassword } from "./password";

export const LOCKOUT = {
  windowMs: 15 * 60_000,
  maxFailures: 10,
  lockMs: 15 * 60_000,
  /** From this many failures on, each further attempt is slowed down. */
  slowAfter: 3,
  delayStepMs: 300,
  maxDelayMs: 3_000,
};

export type CredentialsResult =
  { ok: true; user: User } | { ok: false; reason: "invalid" } | { ok: false; reason: "locked"; minutes: number };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long to hold back an attempt after `priorFailures` recent failures. */
export function failureDelayMs(priorFailures: number): number {
  if (priorFailures < LOCKOUT.slowAfter) return 0;
  return Math.min(LOCKOUT.maxDelayMs, (priorFailures - LOCKOUT.slowAfter + 1) * LOCKOUT.delayStepMs);
}

/**
 * Checks an e-mail and password. Failures are counted per e-mail (known or not, so the answer says
 * nothing about which accounts exist); repeated ones are slowed down and then locked out for a while.
 * Every attempt ends in one transaction that keeps the count and writes the attempt to "Dziennik zdarzeń".
 */
export async function verifyCredentials(
  rawEmail: string,
  password: string,
  now: () => number = Date.now,
  { address }: { address?: string | null } = {},
): Promise<CredentialsResult> {
  const db = getDb();
  const email = normalizeEmail(rawEmail);
  const [failure] = await db.select().from(loginFailures).where(eq(loginFailures.email, email));
  const inWindow = failure && now() - failure.windowStartedAt.getTime() < LOCKOUT.windowMs;
  const priorFailures = inWindow ? failure.count : 0;
  let result: CredentialsResult;
  let user: User | undefined;
  if (failure?.lockedUntil && failure.lockedUntil.getTime() > now()) {
    result = { ok: false, reason: "locked", minutes: Math.ceil((failure.lockedUntil.getTime() - now()) / 60_000) };
  } else {
    const delay = failureDelayMs(priorFailures);
    if (delay) await sleep(delay);
    [user] = await db.select().from(users).where(eq(users.email, email));
    const passwordOk = user
      ? await verifyPassword(password, user.passwordHash)
      : (await burnPasswordCheck(password), false);
    result = user && passwordOk && user.active ? { ok: true, user } : { ok: false, reason: "invalid" };
  }

  await transaction(async (tx) => {
    if (result.ok) {
      await tx.delete(loginFailures).where(eq(loginFailures.email, email));
    } else if (result.reason === "invalid") {
      const count = priorFailures + 1;
      const windowStartedAt = inWindow ? failure.windowStartedAt : new Date(now());
      const lockedUntil = count >= LOCKOUT.maxFailures ? new Date(now() + LOCKOUT.lockMs) : null;
      await tx
        .insert(loginFailures)
        .values({ email, count, windowStartedAt, lockedUntil })
        .onConflictDoUpdate({ target: loginFailures.email, set: { count, windowStartedAt, lockedUntil } });
    }
    await recordSignIn(tx, { email, user, result, address, at: new Date(now()) });
  });
  if (result.ok && passwordNeedsRehash(result.user.passwordHash)) await rehashPassword(result.user, password);
  return result;
}

/** Replaces an older hash (bcrypt, or other parameters) after a sign-in proved the password; a failure only logs. */
async function rehashPassword(user: User, password: string): Promise<void> {
  try {
    const passwordHash = await hashPassword(password);
    // Unless the password changed meanwhile.
    await transaction((tx) =>
      tx
        .update(users)
        .set({ passwordHash })
        .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash))),
    );
  } catch (error) {
    console.error(`[auth] password hash of user ${user.id} not replaced:`, error);
  }
}
