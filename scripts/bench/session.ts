// A session cookie for the bench's HTTP clients, minted like lib/auth/session.ts does (startSession):
// that module imports Next's request APIs, which only load inside the server, so its logic is repeated
// here: the cookie name of sessionCookie() on http, the token of sessionTokenFor(), next-auth's encode().
import fs from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";

export const SESSION_COOKIE = "salon-crm.session-token";

export async function sessionCookieFor(
  dataDir: string,
  user: { id: number; sessionVersion: number; name: string; email: string },
): Promise<string> {
  const secret = fs.readFileSync(path.join(dataDir, "session-secret"), "utf8").trim();
  const token = { sub: String(user.id), sv: user.sessionVersion, name: user.name, email: user.email };
  const value = await encode({ token, secret, maxAge: 24 * 60 * 60 });
  return `${SESSION_COOKIE}=${value}`;
}
