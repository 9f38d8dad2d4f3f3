import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { transaction } from "@/db/client";
import type { User } from "@/db/schema";
import { config } from "@/lib/config";
import type { Role } from "@/lib/domain";
import { getAuthSecret } from "./secret";
import { badgeValues, type NavigationBadges } from "@/lib/navigation/counts";
import { closeSession, sessionWithUser, sessionWithUserAndBadges } from "./sessions";
import { encodeSession, SESSION_MAX_AGE_S, sessionCookie } from "./token";

export type SessionUser = Pick<User, "id" | "name" | "email" | "role">;
/** Who is looking: what every query scopes by. */
export type Viewer = Pick<SessionUser, "id" | "role">;

export type Session = {
  /** The row of `sessions` this request's cookie names. */
  id: string;
  user: SessionUser;
  twoFactor: {
    enabled: boolean;
    /** REQUIRE_2FA names the user's role and they have not turned it on: nothing but "Moje konto" until they do. */
    setupRequired: boolean;
  };
};

/** A page's session: with the navigation's badges, read with it. */
export type PageSession = Session & { badges: NavigationBadges };

/** Signs the user in: the JWT cookie next-auth reads, set from a server action (works without JavaScript). */
export async function startSession(user: Pick<User, "id" | "name" | "email">, sessionId: string): Promise<void> {
  const { name, options } = sessionCookie();
  const value = await encodeSession({ id: sessionId, user }, getAuthSecret());
  (await cookies()).set(name, value, { ...options, maxAge: SESSION_MAX_AGE_S });
}

/** "Wyloguj": the session ends on the server (a copy of the cookie stops working too), and the cookie goes. */
export async function endSession(): Promise<void> {
  const session = await getSession();
  if (session) await transaction((tx) => closeSession(tx, session.id));
  const { name, options } = sessionCookie();
  (await cookies()).set(name, "", { ...options, maxAge: 0 });
}

type Claims = { sub?: unknown; sid?: unknown } | null | undefined;

/**
 * The session a token names, read fresh from the database on every request: it exists (nobody signed it
 * out), has not expired, and its user is active.
 */
export async function sessionFromClaims(token: Claims, now = Date.now()): Promise<Session | null> {
  const claimed = claimedSession(token);
  return claimed && sessionOf(await sessionWithUser({}).get({ id: claimed.id }), claimed, now);
}

/** The same with the navigation's badges at `now`, read in the same statement: what a page reads. */
export async function pageSessionFromClaims(token: Claims, now = Date.now()): Promise<PageSession | null> {
  const claimed = claimedSession(token);
  if (!claimed) return null;
  const row = await sessionWithUserAndBadges({}).get({ id: claimed.id, ...badgeValues(new Date(now)) });
  const session = sessionOf(row, claimed, now);
  return session && row ? { ...session, badges: { unread: row.unread, due: row.due } } : null;
}

/** The session row and the user a token claims. */
function claimedSession(token: Claims): { id: string; userId: number } | null {
  const userId = Number(token?.sub);
  const id = token?.sid;
  return Number.isInteger(userId) && typeof id === "string" ? { id, userId } : null;
}

/** The session, if its row belongs to the claimed user, is still open and the user is active. */
function sessionOf(
  row: Awaited<ReturnType<ReturnType<typeof sessionWithUser>["get"]>>,
  { id, userId }: { id: string; userId: number },
  now: number,
): Session | null {
  if (!row || row.id !== userId || !row.active || row.expiresAt.getTime() <= now) return null;
  const enabled = row.totpSecret !== null;
  return {
    id,
    user: { id: row.id, name: row.name, email: row.email, role: row.role },
    twoFactor: { enabled, setupRequired: !enabled && config.requireTwoFactorRoles.includes(row.role) },
  };
}

/** The session a cookie's value names, as a page reads it (see `pageSessionFromClaims`). */
export async function sessionFromToken(raw: string | undefined): Promise<PageSession | null> {
  if (!raw) return null;
  return pageSessionFromClaims(await decodeToken(raw, getAuthSecret()));
}

type DecodedToken = Awaited<ReturnType<typeof decode>>;
const decodedTokens = new Map<string, { secret: string; token: DecodedToken }>();

/**
 * next-auth's decode derives its key and decrypts the cookie (~0.1 ms); a salesperson's browser sends
 * the same cookie all day. A cookie once decoded is remembered until it expires; whether its session is
 * still open is decided by the fresh read of its row.
 */
async function decodeToken(raw: string, secret: string): Promise<DecodedToken> {
  const known = decodedTokens.get(raw);
  if (known && known.secret === secret && Number(known.token?.exp) * 1000 > Date.now()) return known.token;
  let token: DecodedToken;
  try {
    token = await decode({ token: raw, secret });
  } catch {
    return null;
  }
  if (token && typeof token.exp === "number") {
    if (decodedTokens.size >= 1000) decodedTokens.delete(decodedTokens.keys().next().value!);
    decodedTokens.set(raw, { secret, token });
  }
  return token;
}

/**
 * The session of this request, or null; with the navigation's badges, which the app's shell shows around
 * every page (actions and routes read them too: two indexed counts in the same statement).
 */
export const getSession = cache(async (): Promise<PageSession | null> => {
  return sessionFromToken((await cookies()).get(sessionCookie().name)?.value);
});

/** The signed-in user of this request, or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  return (await getSession())?.user ?? null;
}

/**
 * For pages: the session, or a trip to the sign-in page; a user who must still turn on "Weryfikacja
 * dwuetapowa" is sent to "Moje konto" (which passes `duringSetup`, as the shell around it does).
 */
export async function requireSession({ duringSetup = false } = {}): Promise<PageSession> {
  const session = await getSession();
  if (!session) redirect("/login");
  if (session.twoFactor.setupRequired && !duringSetup) redirect("/konto");
  return session;
}

/** For pages: the signed-in user (see requireSession). */
export async function requireUser(): Promise<SessionUser> {
  return (await requireSession()).user;
}

/** For pages only some roles may see: anyone else gets "not found". */
export async function requireRole(roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) notFound();
  return user;
}

export { isManager } from "@/lib/domain";
