import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(request: Request, context: Context) {
  return NextAuth(authOptions())(request, context);
}

/** next-auth answers a GET of the credentials callback (POST only) with a 500; it is a wrong method. */
async function get(request: Request, context: Context) {
  const [action, provider] = (await context.params).nextauth;
  if (action === "callback" && provider === "credentials")
    return new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
  return handler(request, context);
}

export { get as GET, handler as POST };
