import "server-only";
import type { AuthOptions } from "next-auth";
import { transaction } from "@/db/client";
import { getAuthSecret } from "./secret";
import { sessionFromClaims } from "./session";
import { closeSession } from "./sessions";
import { SESSION_MAX_AGE_S, sessionCookie } from "./token";

class SessionEnded extends Error {}

/**
 * next-auth serves /api/auth/* for the session cookie the sign-in form's server action sets
 * (app/(auth)/login/actions.ts): `getServerSession` and /api/auth/session read it, and only while its
 * session is open. It has no provider: signing in has one path, the form's, with its throttle and code step.
 */
export function authOptions(): AuthOptions {
  const cookie = sessionCookie();
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    cookies: { sessionToken: { name: cookie.name, options: cookie.options } },
    pages: { signIn: "/login" },
    providers: [],
    callbacks: {
      // Called for every session read: an ended session throws, and next-auth then clears the cookie
      // instead of issuing a fresh one.
      async jwt({ token }) {
        if (!(await sessionFromClaims(token))) throw new SessionEnded();
        return token;
      },
    },
    events: {
      // Its own sign-out route (a POST with its CSRF token) ends the session as "Wyloguj" does.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await transaction((tx) => closeSession(tx, token.sid as string));
      },
    },
    // next-auth's own logging, but quiet about an ended session (the answer says it: no session).
    logger: {
      error(code, metadata) {
        if (code === "JWT_SESSION_ERROR" && metadata instanceof SessionEnded) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
  };
}
