import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { t } from "@/lib/i18n";

type Context = { params: Promise<{ nextauth: string[] }> };

/** What a request to next-auth may carry (a CSRF token and a callback address fit many times over). */
const AUTH_BODY_LIMIT = 16 * 1024;

function refusal(message: string, status: number, headers: Record<string, string> = {}) {
  // The unread body must not be taken for the next request on this connection: close it.
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", Connection: "close", ...headers },
  });
}

async function handler(request: Request, context: Context) {
  if (request.method === "POST") {
    const length = request.headers.get("content-length");
    if (length === null && request.body) return refusal(t.common.http.lengthRequired, 411);
    if (Number(length) > AUTH_BODY_LIMIT) return refusal(t.common.http.tooLarge, 413);
  }
  const [action] = (await context.params).nextauth;
  // No provider signs in here: the sign-in form's server action is the only way in.
  if (action === "callback" || (action === "signin" && request.method === "POST"))
    return refusal(t.common.notFound, 404);
  return NextAuth(authOptions())(request, context);
}

export { handler as GET, handler as POST };
