import { encode } from "next-auth/jwt";
import type { User } from "@/db/schema";
import { config } from "@/lib/config";

// The session cookie's name and contents, in a module free of Next's request APIs: the server, scripts
// (the benchmark) and tests mint and read the same cookie through it.

export const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

/** The same cookie next-auth's own routes use (see authOptions.cookies); `Secure` behind https. */
export function sessionCookie(publicUrl = config.publicUrl) {
  const secure = publicUrl.startsWith("https://");
  return {
    name: secure ? "__Secure-salon-crm.session-token" : "salon-crm.session-token",
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/** What the cookie says: the user, and the session (a row of `sessions`) that must still exist. */
export type SessionToken = { sub: string; sid: string; name: string; email: string };

export type SessionOf = { id: string; user: Pick<User, "id" | "name" | "email"> };

function sessionTokenFor(session: SessionOf): SessionToken {
  return { sub: String(session.user.id), sid: session.id, name: session.user.name, email: session.user.email };
}

/** The signed and encrypted value of a session's cookie. */
export function encodeSession(session: SessionOf, secret: string) {
  return encode({ token: sessionTokenFor(session), secret, maxAge: SESSION_MAX_AGE_S });
}

/** A `Cookie` header of an open session, for clients outside a browser (the benchmark, tests). */
export async function sessionCookieHeader(session: SessionOf, secret: string, publicUrl?: string): Promise<string> {
  return `${sessionCookie(publicUrl).name}=${await encodeSession(session, secret)}`;
}
