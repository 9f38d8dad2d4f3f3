import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, transaction, type Executor } from "@/db/client";
import { users, type User } from "@/db/schema";
import { recordSignIn } from "@/lib/audit/sign-in";
import { burnPasswordCheck, hashPassword, MAX_PASSWORD_LENGTH, passwordNeedsRehash, verifyPassword } from "./password";
import { openSession } from "./sessions";
import { countAttempt, forgiveAttempt, MAX_EMAIL_LENGTH, type Attempter } from "./throttle";
import { useSecondFactor } from "./two-factor";

const MAX_CODE_LENGTH = 32;

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** One step of signing in: the password, then (with "Weryfikacja dwuetapowa") the code. */
export type SignInAttempt =
  | { step: "password"; email: string; password: string; address: string | null }
  | { step: "code"; userId: number; code: string; address: string | null };

export type SignInOutcome =
  | { result: "signed-in"; user: User; sessionId: string }
  /** The password was right; the code is still to come. No session exists yet. */
  | { result: "code-needed"; user: User }
  | { result: "refused"; reason: "invalid" }
  | { result: "refused"; reason: "blocked"; minutes: number };

/**
 * Every sign-in, whichever step, goes through here. Each ends in one outcome transaction (`conclude`): what
 * a proven secret does (the code used up, the session opened) and the attempt's entry in "Dziennik
 * zdarzeń" stand or fall together. A right password still waiting for its code is no outcome yet.
 */
export async function attemptSignIn(attempt: SignInAttempt, now = new Date()): Promise<SignInOutcome> {
  return attempt.step === "password" ? passwordStep(attempt, now) : codeStep(attempt, now);
}

/** The attempt as "Dziennik zdarzeń" knows it: the e-mail tried and the account it names, if any. */
type Attempted = { email: string; user: User | undefined; address: string | null };

/** The outcome transaction of an attempt, and the one place a sign-in is recorded (lib/audit/sign-in.ts). */
function conclude(
  attempted: Attempted,
  now: Date,
  settle: (tx: Executor) => Promise<Exclude<SignInOutcome, { result: "code-needed" }>>,
): Promise<SignInOutcome> {
  return transaction(async (tx) => {
    const outcome = await settle(tx);
    const result =
      outcome.result === "signed-in"
        ? ({ ok: true } as const)
        : ({ ok: false, reason: outcome.reason === "blocked" ? "locked" : "invalid" } as const);
    await recordSignIn(tx, { ...attempted, result, at: now });
    return outcome;
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Proof<T> = { proven: T } | { refused: "invalid" } | { refused: "blocked"; minutes: number };

/**
 * A secret checked under the throttle: the attempt is counted first (atomically), a blocked one is
 * refused unchecked, a slowed one waits, then `check` runs; null means wrong. The caller forgives the
 * attempt (`forgiveAttempt`) in the transaction that acts on a proven one.
 */
export async function throttledCheck<T>(who: Attempter, now: Date, check: () => Promise<T | null>): Promise<Proof<T>> {
  const counted = await transaction((tx) => countAttempt(tx, who, now));
  if (counted.blocked) return { refused: "blocked", minutes: counted.minutes };
  if (counted.delayMs) await sleep(counted.delayMs);
  const proven = await check();
  return proven === null ? { refused: "invalid" } : { proven };
}

function refusal(proof: Exclude<Proof<unknown>, { proven: unknown }>): Extract<SignInOutcome, { result: "refused" }> {
  return proof.refused === "blocked"
    ? { result: "refused", reason: "blocked", minutes: proof.minutes }
    : { result: "refused", reason: "invalid" };
}

async function passwordStep(attempt: Extract<SignInAttempt, { step: "password" }>, now: Date): Promise<SignInOutcome> {
  const email = normalizeEmail(attempt.email);
  const possible = email !== "" && email.length <= MAX_EMAIL_LENGTH && attempt.password.length <= MAX_PASSWORD_LENGTH;
  const who: Attempter = { account: possible ? email : null, address: attempt.address };
  const attempted: Attempted = { email, user: undefined, address: attempt.address };
  const proof = await throttledCheck(who, now, async () => {
    if (!possible) return null;
    const [user] = await getDb().select().from(users).where(eq(users.email, email));
    attempted.user = user;
    // An unknown e-mail costs a real hash too, so that the time taken tells nothing about who works here.
    if (!user) return burnPasswordCheck(attempt.password).then(() => null);
    return (await verifyPassword(attempt.password, user.passwordHash)) && user.active ? user : null;
  });
  if (!("proven" in proof)) return conclude(attempted, now, async () => refusal(proof));
  const user = proof.proven;
  // The attempt stays counted until the code is right too: a known password does not reset the code's throttle.
  if (user.totpSecret) return { result: "code-needed", user };

  const newHash = passwordNeedsRehash(user.passwordHash) ? await rehash(user, attempt.password) : null;
  return conclude(attempted, now, async (tx) => {
    await forgiveAttempt(tx, who);
    // An older hash (bcrypt, other parameters) is replaced, unless the password changed meanwhile.
    if (newHash) {
      await tx
        .update(users)
        .set({ passwordHash: newHash })
        .where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash)));
    }
    return { result: "signed-in", user, sessionId: await openSession(tx, { userId: user.id, now }) };
  });
}

async function rehash(user: User, password: string): Promise<string | null> {
  try {
    return await hashPassword(password);
  } catch (error) {
    console.error(`[auth] password hash of user ${user.id} not replaced:`, error);
    return null;
  }
}

async function codeStep(attempt: Extract<SignInAttempt, { step: "code" }>, now: Date): Promise<SignInOutcome> {
  const [user] = await getDb().select().from(users).where(eq(users.id, attempt.userId));
  const who: Attempter = { account: user?.email ?? null, address: attempt.address };
  const attempted: Attempted = { email: user?.email ?? "", user, address: attempt.address };
  const proof = await throttledCheck(who, now, async () =>
    user?.active && user.totpSecret && attempt.code.length <= MAX_CODE_LENGTH ? user : null,
  );
  if (!("proven" in proof)) return conclude(attempted, now, async () => refusal(proof));
  const proven = proof.proven;
  // The code is used up in the transaction that opens the session: both happen, or neither.
  return conclude(attempted, now, async (tx) => {
    if (!(await useSecondFactor(tx, proven, attempt.code, now))) return { result: "refused", reason: "invalid" };
    await forgiveAttempt(tx, who);
    return { result: "signed-in", user: proven, sessionId: await openSession(tx, { userId: proven.id, now }) };
  });
}
