import "server-only";
import type { NextRequest } from "next/server";
import { t } from "@/lib/i18n";

/**
 * Route handlers' one contract, like the action wrapper's: session, role, a load scoped by what the user
 * may see, then the body. One refusal policy for every route: what a user may not see (or a role may not
 * use, or a malformed id names) is 404; an anonymous call of an API route is 401; an anonymous visit of
 * a page-like route (a download, an export) goes to the sign-in page. A user who must still turn on
 * "Weryfikacja dwuetapowa" gets 403 from an API route and "Moje konto" for a page-like one. Error bodies
 * are Polish. This module holds the contract without a session (`publicRoute`, the refusals); the signed-in
 * half is `authedRoute` in lib/routes/route.ts. Kept apart so that a public route served from the Pages
 * Router (lib/routes/pages.ts) does not load the sign-in's modules a second time.
 */

export type Params = Record<string, string | string[] | undefined>;
export type Handler = (request: NextRequest, context: { params: Promise<Params> }) => Promise<Response>;

/** "api": answered to scripts (JSON, 401 when anonymous); "page": opened in a browser (sign in when anonymous). */
export type RouteKind = "api" | "page";

export type Context<R> = { request: NextRequest; params: Params; resource: R };

const noStore = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

export const refuse = {
  notFound(): Response {
    return new Response(t.common.notFound, {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", ...noStore },
    });
  },
  anonymous(kind: RouteKind, request: NextRequest): Response {
    if (kind === "page") return Response.redirect(new URL("/login", request.url), 303);
    return Response.json({ error: t.common.sessionExpired }, { status: 401, headers: noStore });
  },
  twoFactorSetup(kind: RouteKind, request: NextRequest): Response {
    if (kind === "page") return Response.redirect(new URL("/konto", request.url), 303);
    return Response.json({ error: t.auth.twoFactorSetupRequired }, { status: 403, headers: noStore });
  },
  failed(): Response {
    return Response.json({ error: t.common.genericError }, { status: 500, headers: noStore });
  },
};

/**
 * Every route's body runs here: what it throws is logged and answered with a 500 in Polish; a refusal (4xx,
 * 5xx) of a request that carries a body closes the connection.
 */
export async function guarded(request: NextRequest, body: () => Promise<Response>): Promise<Response> {
  let response: Response;
  try {
    response = await body();
  } catch (error) {
    console.error("[route]", error);
    response = refuse.failed();
  }
  // A refused request's unread body must not be taken for the next request on this connection.
  if (response.status >= 400 && request.body && !response.headers.has("Connection")) {
    response.headers.set("Connection", "close");
  }
  return response;
}

/**
 * A route without a session: `load` authenticates the call by what it carries (a feed's secret, a lead
 * source's key) and finds what it is about; null/undefined is 404, a Response its own refusal (a 401 of
 * an API with keys).
 */
export function publicRoute<R>(
  options: { load: (args: { params: Params; request: NextRequest }) => Promise<R | Response | null | undefined> },
  body: (context: Context<R>) => Promise<Response>,
): Handler {
  return (request, { params }) =>
    guarded(request, async () => {
      const resolved = await params;
      const resource = await options.load({ params: resolved, request });
      if (resource == null) return refuse.notFound();
      if (resource instanceof Response) return resource;
      return body({ request, params: resolved, resource });
    });
}
