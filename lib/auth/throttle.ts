import "server-only";
import { and, eq, gt, inArray, lte, ne, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { signInFailures } from "@/db/schema";

/**
 * How sign-in resists guessing without letting anyone lock others out. Every attempt (a password, a
 * verification code, "Obecne hasło") is counted BEFORE its secret is checked, atomically, so parallel
 * guesses each count; a proven secret takes its attempt back.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  /** Failures of an account (from anywhere) after which every further attempt waits a little longer. */
  slowAfter: 3,
  delayStepMs: 300,
  maxDelayMs: 3_000,
  /** Failures of an account from one address after which that address is refused for the rest of the window. */
  perAccountAndAddress: 10,
  /** Failures from one address, whatever the accounts, after which the address is refused. */
  perAddress: 50,
};

/** The longest e-mail there is (RFC 5321); a longer one is no account and never becomes a row. */
export const MAX_EMAIL_LENGTH = 254;

/** How long to hold back an attempt after `priorFailures` recent failures of its account. */
export function failureDelayMs(priorFailures: number): number {
  if (priorFailures < THROTTLE.slowAfter) return 0;
  return Math.min(THROTTLE.maxDelayMs, (priorFailures - THROTTLE.slowAfter + 1) * THROTTLE.delayStepMs);
}

export type Counted = { blocked: false; delayMs: number } | { blocked: true; minutes: number };

/**
 * Who tries: the account (normalized e-mail; null when it cannot be one) and the client's address
 * (`clientAddress`, lib/http/client-address.ts; null outside a request).
 */
export type Attempter = { account: string | null; address: string | null };

/** Attempts from no known address (only outside a request: scripts, tests) share one counter. */
const addressKey = (address: string | null) => address ?? "unknown";

/** Adds one to a counter, starting it afresh when its window is over; the new count, atomically. */
async function bump(tx: Executor, account: string, address: string, now: Date) {
  const windowStart = sql.param(new Date(now.getTime() - THROTTLE.windowMs), signInFailures.windowStartedAt);
  const expired = sql`${signInFailures.windowStartedAt} <= ${windowStart}`;
  const [row] = await tx
    .insert(signInFailures)
    .values({ account, address, count: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: [signInFailures.account, signInFailures.address],
      set: {
        count: sql`case when ${expired} then 1 else ${signInFailures.count} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${sql.param(now, signInFailures.windowStartedAt)} else ${signInFailures.windowStartedAt} end`,
      },
    })
    .returning({ count: signInFailures.count, windowStartedAt: signInFailures.windowStartedAt });
  return row;
}

const minutesLeft = (windowStartedAt: Date, now: Date) =>
  Math.max(1, Math.ceil((windowStartedAt.getTime() + THROTTLE.windowMs - now.getTime()) / 60_000));

/**
 * Counts an attempt before its secret is checked: for the account, for the account from this address and
 * for the address. Blocked when this address failed this account (or anything) too often; otherwise how
 * long to wait first, by the account's failures from everywhere.
 */
export async function countAttempt(tx: Executor, who: Attempter, now: Date): Promise<Counted> {
  const { account } = who;
  const address = addressKey(who.address);
  const fromAddress = await bump(tx, "", address, now);
  if (account === null) return { blocked: false, delayMs: 0 };
  const ofAccount = await bump(tx, account, "", now);
  const pair = await bump(tx, account, address, now);
  if (pair.count > THROTTLE.perAccountAndAddress)
    return { blocked: true, minutes: minutesLeft(pair.windowStartedAt, now) };
  if (fromAddress.count > THROTTLE.perAddress)
    return { blocked: true, minutes: minutesLeft(fromAddress.windowStartedAt, now) };
  return { blocked: false, delayMs: failureDelayMs(ofAccount.count - 1) };
}

/** A proven secret: the account's counts start over, and the address's takes back this attempt. */
export async function forgiveAttempt(tx: Executor, who: Attempter): Promise<void> {
  const { account } = who;
  const address = addressKey(who.address);
  if (account !== null) {
    await tx
      .delete(signInFailures)
      .where(and(eq(signInFailures.account, account), inArray(signInFailures.address, ["", address])));
  }
  await tx
    .update(signInFailures)
    .set({ count: sql`case when ${signInFailures.count} > 0 then ${signInFailures.count} - 1 else 0 end` })
    .where(and(eq(signInFailures.account, ""), eq(signInFailures.address, address)));
}

/** An administrator's "Odblokuj logowanie": the account's counts, from every address, start over. */
export async function unblockAccount(tx: Executor, account: string): Promise<void> {
  await tx.delete(signInFailures).where(eq(signInFailures.account, account));
}

/** How many addresses are refused for each of these accounts now (accounts with none are left out). */
export async function blockedAddressCounts(
  db: Executor,
  accounts: readonly string[],
  now = new Date(),
): Promise<Map<string, number>> {
  if (accounts.length === 0) return new Map();
  const rows = await db
    .select({ account: signInFailures.account, address: signInFailures.address })
    .from(signInFailures)
    .where(
      and(
        inArray(signInFailures.account, [...accounts]),
        ne(signInFailures.address, ""),
        gt(signInFailures.count, THROTTLE.perAccountAndAddress - 1),
        gt(signInFailures.windowStartedAt, new Date(now.getTime() - THROTTLE.windowMs)),
      ),
    );
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.account, (counts.get(row.account) ?? 0) + 1);
  return counts;
}

/** Counters whose window is over count nothing any more: removed, so that guessed e-mails do not pile up. */
export async function removeExpiredFailures(tx: Executor, now: Date): Promise<number> {
  const removed = await tx
    .delete(signInFailures)
    .where(lte(signInFailures.windowStartedAt, new Date(now.getTime() - THROTTLE.windowMs)))
    .returning({ account: signInFailures.account });
  return removed.length;
}
