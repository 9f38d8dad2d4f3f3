import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { eq, sql } from "drizzle-orm";
import { defineStatement } from "@/db/client";
import { users, type User } from "@/db/schema";
import type { Role } from "@/lib/domain";
import { getAuthSecret } from "./secret";
import { encodeSession, SESSION_MAX_AGE_S, sessionCookie } from "./token";

export type SessionUser = Pick<User, "id" | "name" | "email" | "role">;
/** Who is looking: what every query scopes by. */
export type Viewer = Pick<SessionUser, "id" | "role">;

/** Signs the user in: the JWT cookie next-auth reads, set from a server action (works without JavaScript). */
export async function startSession(user: User): Promise<void> {
  const { name, options } = sessionCookie();
  const value = await encodeSession(user, getAuthSecret());
  (await cookies()).set(name, value, { ...options, maxAge: SESSION_MAX_AGE_S });
}

export async function endSession(): Promise<void> {
  const { name, options } = sessionCookie();
  (await cookies()).set(name, "", { ...options, maxAge: 0 });
}

const userById = defineStatement((db) =>
  db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder("id"))),
);

/**
 * The user behind a session token, read fresh from the database on every request: a deactivated user,
 * or one whose password was reset since, has no session any more.
 */
export async function userFromToken(raw: string | undefined): Promise<SessionUser | null> {
  if (!raw) return null;
  const token = await decodeToken(raw, getAuthSecret());
  const id = Number(token?.sub);
  if (!Number.isInteger(id)) return null;
  const user = await userById({}).get({ id });
  if (!user || !user.active || user.sessionVersion !== token?.sv) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

type DecodedToken = Awaited<ReturnType<typeof decode>>;
const decodedTokens = new Map<string, { secret: string; token: DecodedToken }>();

/**
 * next-auth's decode derives its key and decrypts the cookie (~0.1 ms); a salesperson's browser sends
 * the same cookie all day. A cookie once decoded is remembered until it expires; what it may do is still
 * decided by the fresh read of its user.
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

/** The signed-in user of this request, or null. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  return userFromToken((await cookies()).get(sessionCookie().name)?.value);
});

/** For pages: the signed-in user, or a trip to the sign-in page. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}

/** For pages only some roles may see: anyone else gets "not found". */
export async function requireRole(roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!roles.includes(user.role)) notFound();
  return user;
}

export { isManager } from "@/lib/domain";
