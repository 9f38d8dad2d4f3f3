import "server-only";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { t } from "@/lib/i18n";
import { verifyCredentials } from "./credentials";
import { getAuthSecret } from "./secret";
import { SESSION_MAX_AGE_S, sessionCookie, sessionTokenFor } from "./token";

/**
 * next-auth serves /api/auth/* (the Credentials provider for clients that use its CSRF flow). The
 * sign-in page uses a server action instead (lib/auth/session.ts) so it works without JavaScript; both
 * write the same JWT cookie, checked the same way.
 */
export function authOptions(): AuthOptions {
  const cookie = sessionCookie();
  return {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    cookies: { sessionToken: { name: cookie.name, options: cookie.options } },
    pages: { signIn: "/login" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: {
          email: { label: t.auth.email, type: "email" },
          password: { label: t.auth.password, type: "password" },
        },
        async authorize(credentials) {
          const result = await verifyCredentials(credentials?.email ?? "", credentials?.password ?? "");
          if (!result.ok) return null;
          return {
            id: String(result.user.id),
            name: result.user.name,
            email: result.user.email,
            sv: result.user.sessionVersion,
          };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const fromUser = user as typeof user & { sv: number };
          const session = {
            id: Number(fromUser.id),
            sessionVersion: fromUser.sv,
            name: fromUser.name ?? "",
            email: fromUser.email ?? "",
          };
          return { ...token, ...sessionTokenFor(session) };
        }
        return token;
      },
    },
  };
}
