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

export type SessionToken = { sub: string; sv: number; name: string; email: string };

export function sessionTokenFor(user: Pick<User, "id" | "sessionVersion" | "name" | "email">): SessionToken {
  return { sub: String(user.id), sv: user.sessionVersion, name: user.name, email: user.email };
}

/** The signed and encrypted value of a user's session cookie. */
export function encodeSession(user: Pick<User, "id" | "sessionVersion" | "name" | "email">, secret: string) {
  return encode({ token: sessionTokenFor(user), secret, maxAge: SESSION_MAX_AGE_S });
}

/** A `Cookie` header signing the user in, for clients outside a browser (the benchmark, tests). */
export async function sessionCookieHeader(
  user: Pick<User, "id" | "sessionVersion" | "name" | "email">,
  secret: string,
  publicUrl?: string,
): Promise<string> {
  return `${sessionCookie(publicUrl).name}=${await encodeSession(user, secret)}`;
}
